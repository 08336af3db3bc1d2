"""The extraction components: spaCy components that fill `doc._.extraction`, in the order they run.

`PIPELINE` is the one list of component names the pipeline adds to the Korean
`Language`; each component declares what it needs and what it makes
(`requires` / `assigns` of its factory), so spaCy checks the order.
"""

PIPELINE = (
    "aikg_entities",  # names the knowledge base knows, the publisher
    "aikg_discovery",  # names found from the words around them
    "aikg_model_names",  # model names as a grammar: family + version, size, variant words
    "aikg_resolve",  # one thing per referent (surnames, KB names found by discovery)
    "aikg_views",  # sentence views: clauses, phrases, values
    "aikg_relations",  # the relation patterns
    "aikg_kb_facts",  # facts the knowledge base confirms for things named together
    "aikg_claims",  # attributed statements
)
