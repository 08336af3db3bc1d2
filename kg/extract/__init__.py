"""The extraction components: spaCy components that fill `doc._.extraction`, in the order they run.

`PIPELINE` is the one list of component names the pipeline adds to the Korean
`Language`; each component declares what it needs and what it makes
(`requires` / `assigns` of its factory), so spaCy checks the order.
"""

PIPELINE = ("aikg_entities", "aikg_resolve", "aikg_views", "aikg_relations", "aikg_kb_facts", "aikg_claims")
