"""Run the extraction components over one article: the Korean Language, built once per process.

The pipeline, the tests and `python -m kg.extract.examples` all extract
through this one function, so what a test checks is what a build does.
"""

from __future__ import annotations

import gc
from functools import lru_cache

from spacy.language import Language

import kg.extract.claims  # noqa: F401  (registers the component factories)
import kg.extract.comention  # noqa: F401
import kg.extract.discovery  # noqa: F401
import kg.extract.entities  # noqa: F401
import kg.extract.matcher  # noqa: F401
import kg.extract.model_names  # noqa: F401
import kg.extract.resolve  # noqa: F401
import kg.extract.views  # noqa: F401
from kg.extract import PIPELINE
from kg.extract.model import Extraction, get_extraction
from kg.kb import load_kb
from kg.nlp import blank_korean


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The Korean Language with the extraction components; built once per process."""
    nlp = blank_korean()
    for name in PIPELINE:
        nlp.add_pipe(name)
    load_kb()
    # The KB, lexicons and spaCy's vocabulary live as long as the process: move them out of
    # the collector's sight, and collect less often (each article makes ~10^5 short-lived
    # objects). 3-10 % of pipeline time (benchmarks/PROFILE.md, P1); the graph is the same.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    return nlp


def extract_article(article, keep_matches: bool = False):
    """The extraction of one article (and, with `keep_matches`, the relation matches too)."""
    nlp = build_nlp()
    doc = nlp.make_doc(article.analysis_text)
    doc.user_data["published"] = article.published
    doc.user_data["publisher"] = article.publisher
    doc.user_data["authors"] = list(article.authors)
    doc.user_data["line_kinds"] = [(ln.start, ln.end, ln.kind) for ln in article.lines]
    if article.publisher:
        where = article.text.find(article.publisher)
        doc.user_data["publisher_in_page"] = where if where != -1 else None
    ext: Extraction = get_extraction(doc)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    if keep_matches:
        return ext, doc.user_data.get("relation_matches", [])
    return ext
