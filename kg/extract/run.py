"""Run the extraction components over one article: the Korean Language, built once per process.

The pipeline, the tests and `python -m kg.extract.examples` all extract
through this one function, so what a test checks is what a build does.
"""

from __future__ import annotations

import gc
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

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
from kg.nlp import blank_korean, provide_morphemes


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The Korean Language with the extraction components; built once per process."""
    nlp = blank_korean()
    for name in PIPELINE:
        nlp.add_pipe(name)
    load_kb()
    # The KB, lexicons and spaCy's vocabulary live as long as the process: move them out of
    # the collector's sight (benchmarks/PROFILE.md, P1). A finished doc leaves no cyclic garbage
    # (`release`), so the collector has little to find: a young generation larger than the
    # objects a batch of articles holds at once means it rarely looks (P9).
    gc.collect()
    gc.freeze()
    gc.set_threshold(200_000, 50, 100)
    return nlp


def extract_article(article, keep_matches: bool = False):
    """The extraction of one article (and, with `keep_matches`, the relation matches too)."""
    nlp = build_nlp()
    doc = _make_doc(nlp, article)
    ext: Extraction = get_extraction(doc)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    if keep_matches:
        return ext, doc.user_data.get("relation_matches", [])
    return ext


def extract_articles(articles: list, pieces: list | None = None) -> list[Extraction | Exception]:
    """The extraction of each article, run as spaCy's `pipe` does: each step over all the docs in turn.

    Kiwi first makes every doc (`pieces[i]`: the morphemes of article i when another process
    has tokenised it), then each component runs over all the docs before the next one starts.
    On 600 short articles this took about 12 % less CPU than article by article (one
    component's code and data stay in the caches while it goes through the batch); the
    extractions are the same. An article whose extraction raises gets its exception in its
    place, and the others go on.
    """
    nlp = build_nlp()
    out: list[Extraction | Exception] = []
    docs: list[Doc | None] = []
    for i, article in enumerate(articles):
        if pieces is not None and pieces[i] is not None:
            provide_morphemes(article.analysis_text, pieces[i])
        try:
            doc = _make_doc(nlp, article)
        except Exception as exc:  # noqa: BLE001  (reported for this article by the caller)
            out.append(exc)
            docs.append(None)
            continue
        out.append(get_extraction(doc))
        docs.append(doc)
    for _name, component in nlp.pipeline:
        for i, doc in enumerate(docs):
            if doc is None:
                continue
            try:
                docs[i] = component(doc)
            except Exception as exc:  # noqa: BLE001
                out[i] = exc
                docs[i] = None
    for doc in docs:
        if doc is not None:
            release(doc)
    return out


def release(doc: Doc) -> None:
    """Break the cycles a finished doc holds, so that it is freed the moment it is dropped.

    Why: the components keep their work on the doc (`doc.user_data`: sentence views, each holding
    the doc and its clauses, whose phrases and predicates point at each other), so each article
    left ~1,300 objects of cyclic garbage that only the collector could find: about 10 % of a
    build's CPU went to collecting them. The extraction itself is plain data and stays valid.
    """
    for view in doc._.views or ():  # registered by kg.extract.views, imported above
        view.clauses.unlink()
    doc.user_data.clear()


def _make_doc(nlp: Language, article) -> Doc:
    """The doc of an article's text, with what the components read of the article besides it."""
    doc = nlp.make_doc(article.analysis_text)
    doc.user_data["published"] = article.published
    doc.user_data["publisher"] = article.publisher
    doc.user_data["authors"] = list(article.authors)
    doc.user_data["line_kinds"] = [(ln.start, ln.end, ln.kind) for ln in article.lines]
    if article.publisher:
        where = article.text.find(article.publisher)
        doc.user_data["publisher_in_page"] = where if where != -1 else None
    return doc
