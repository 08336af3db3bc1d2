"""Extractions -> RDF quads in the contract's vocabulary, with provenance and deterministic IRIs.

One named graph per article (`id/graph/<stem>`) holds the Article node, what
it mentions, the labels of those things, the facts it states and one
`aikg:Claim` per fact and per attributed statement. The knowledge base is
the named graph `id/graph/kb`, its facts claimed by `id/source/knowledge-base`.
IRIs are derived from content (KB ids, folded names, hashes of a claim's
parts), so the same input always gives the same IRIs and, sorted, the same
bytes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from urllib.parse import quote

import pyoxigraph as ox

from kg import __version__
from kg.extract.model import (
    DateValue,
    EntityValue,
    Extraction,
    Fact,
    MoneyValue,
    NumberValue,
    RankingValue,
    StatedClaim,
    Thing,
)
from kg.graph.keys import statement_iri
from kg.graph.vocab import AIKG
from kg.ingest import Article
from kg.kb import KBRecord, KnowledgeBase
from kg.normalize.dates import PartialDate

ID = "https://w3id.org/aikg/id/"
SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
WIKIDATA = "http://www.wikidata.org/entity/"

PREFIXES = {
    "aikg": str(AIKG._NS),
    "id": ID,
    "schema": SCHEMA,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
    "prov": PROV,
    "wd": WIKIDATA,
}

KB_GRAPH = ox.NamedNode(ID + "graph/kb")
KB_SOURCE = ox.NamedNode(ID + "source/knowledge-base")
SUBCLASSES = {"Company", "University", "ResearchLab", "Investor", "MediaOutlet", "GovernmentBody", "Benchmark"}

A = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
ALT_LABEL = ox.NamedNode(SKOS + "altLabel")
SAME_AS = ox.NamedNode(OWL + "sameAs")
MENTIONS = ox.NamedNode(SCHEMA + "mentions")
PUBLISHER = ox.NamedNode(SCHEMA + "publisher")


@cache
def aikg(name: str) -> ox.NamedNode:
    """A term of the vocabulary; a misspelt name raises here, not in a user's query."""
    return ox.NamedNode(str(getattr(AIKG, name)))


def schema(name: str) -> ox.NamedNode:
    return ox.NamedNode(SCHEMA + name)


def xsd(name: str) -> ox.NamedNode:
    return ox.NamedNode(XSD + name)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def thing_iri(thing_key: str, type_: str, name: str, kb_id: str | None) -> ox.NamedNode:
    if kb_id:
        return ox.NamedNode(ID + quote(kb_id, safe="-._~"))
    slug = _slug(name)[:60]
    suffix = _digest(thing_key)[:8]  # the key (type + folded name) keeps distinct things apart
    return ox.NamedNode(f"{ID}{type_.lower()}/{slug + '-' if slug else ''}{suffix}")


def article_iri(article: Article) -> ox.NamedNode:
    return ox.NamedNode(ID + "article/" + quote(article.stem, safe="-._~"))


def article_graph(article: Article) -> ox.NamedNode:
    return graph_for_stem(article.stem)


def graph_for_stem(stem: str) -> ox.NamedNode:
    """The named graph of the article whose file name (without suffix) is `stem`."""
    return ox.NamedNode(ID + "graph/" + quote(stem, safe="-._~"))


def lang_literal(text: str) -> ox.Literal:
    if re.search(r"[가-힣]", text):
        lang = "ko"
    elif re.search(r"[\u3040-\u30ff]", text):
        lang = "ja"
    elif re.search(r"[\u3400-\u9fff]", text):
        lang = "zh"
    else:
        lang = "en"
    return ox.Literal(text, language=lang)


def date_literal(date: PartialDate) -> ox.Literal:
    kind = {"day": "date", "month": "gYearMonth", "year": "gYear"}[date.precision]
    return ox.Literal(date.iso(), datatype=xsd(kind))


def integer_literal(value: int | Decimal) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=xsd("integer"))


def decimal_literal(value: Decimal | float) -> ox.Literal:
    """In the canonical form that Oxigraph stores (8.40 -> "8.4", 3.0 -> "3", -0 -> "0"), so that a fact's
    object reads the same from a Turtle file and from a store, and so does its `aikg:statement`."""
    d = Decimal(str(value)).normalize()
    text = "0" if d == 0 else format(d, "f")
    return ox.Literal(text, datatype=xsd("decimal"))


def amount_iri(subject: str, predicate: str, money: MoneyValue) -> ox.NamedNode:
    """The node of an amount, from its value alone (thing, property, amount, currency, period).

    The same amount stated twice (headline and body, or two articles) is one node with
    one claim per statement, so listings and `conflicts` see one value, not two.
    """
    amount = format(Decimal(str(money.amount)).normalize(), "f")
    return ox.NamedNode(ID + "amount/" + _digest(subject, predicate, amount, money.currency, money.period or ""))


def ranking_iri(subject: str, ranking: RankingValue) -> ox.NamedNode:
    """The node of a rank on a leaderboard, from its value alone, for the same reason as `amount_iri`."""
    return ox.NamedNode(ID + "ranking/" + _digest(subject, ranking.rank, ranking.leaderboard or ""))


# ------------------------------------------------------------------ things
def thing_quads(node: ox.NamedNode, type_: str, name: str, subtype: str | None, labels: Iterable[str],
                graph: ox.NamedNode) -> Iterator[ox.Quad]:
    yield ox.Quad(node, A, aikg(type_), graph)
    if subtype in SUBCLASSES:
        yield ox.Quad(node, A, aikg(subtype), graph)
    yield ox.Quad(node, LABEL, lang_literal(name), graph)
    for label in sorted(set(labels)):
        if label != name:
            yield ox.Quad(node, ALT_LABEL, lang_literal(label), graph)


class ArticleGraphBuilder:
    """Maps one article's extraction to quads in its own named graph."""

    def __init__(self, article: Article, extraction: Extraction, kb: KnowledgeBase) -> None:
        self.article = article
        self.ext = extraction
        self.kb = kb
        self.graph = article_graph(article)
        self.node = article_iri(article)
        self.iris: dict[str, ox.NamedNode] = {}
        for key, thing in extraction.things.items():
            self.iris[key] = thing_iri(key, thing.type, thing.name, thing.kb_id)

    def iri(self, key: str) -> ox.NamedNode:
        if key not in self.iris:
            rec = self.kb.get(key)
            name = rec.name if rec else key
            self.iris[key] = thing_iri(key, rec.type if rec else "Thing", name, rec.id if rec else None)
        return self.iris[key]

    def quads(self) -> list[ox.Quad]:
        out: list[ox.Quad] = []
        out.extend(self._article())
        mentioned = {m.key for m in self.ext.mentions}
        for key in sorted(mentioned):
            thing = self.ext.things[key]
            out.extend(self._thing(thing))
            out.append(ox.Quad(self.node, MENTIONS, self.iris[key], self.graph))
        for fact in self.ext.facts:
            out.extend(self._fact(fact))
        for claim in self.ext.claims:
            out.extend(self._stated(claim))
        return sorted(set(out), key=str)

    def _article(self) -> Iterator[ox.Quad]:
        a, g = self.node, self.graph
        yield ox.Quad(a, A, aikg("Article"), g)
        yield ox.Quad(a, aikg("file"), ox.Literal(self.article.file), g)
        yield ox.Quad(a, aikg("contentHash"), ox.Literal(self.article.content_hash), g)
        if self.article.headline:
            yield ox.Quad(a, schema("headline"), lang_literal(self.article.headline), g)
        if self.article.published:
            yield ox.Quad(a, schema("datePublished"), date_literal(self.article.published), g)
        if self.article.url:
            yield ox.Quad(a, schema("url"), ox.Literal(self.article.url), g)
        for name in dict.fromkeys(self.article.authors):  # the byline: who wrote it, not what it is about
            if name.strip():
                yield ox.Quad(a, schema("author"), lang_literal(name.strip()), g)
        publisher = self.ext.things.get(self.ext.publisher_key) if self.ext.publisher_key else None
        if publisher is not None:
            node = self.iri(publisher.key)
            yield ox.Quad(a, schema("publisher"), node, g)
            if publisher.key not in {m.key for m in self.ext.mentions}:
                yield from self._thing(publisher)

    def _thing(self, thing: Thing) -> Iterator[ox.Quad]:
        node = self.iri(thing.key)
        yield from thing_quads(node, thing.type, thing.name, thing.subtype, thing.labels, self.graph)
        if thing.kb_id is None:
            yield ox.Quad(node, aikg("confidence"), decimal_literal(thing.confidence), self.graph)

    def _evidence(self, claim: ox.NamedNode, start: int, end: int, confidence: float, rule: str) -> Iterator[ox.Quad]:
        g = self.graph
        yield ox.Quad(claim, A, aikg("Claim"), g)
        yield ox.Quad(claim, aikg("source"), self.node, g)
        start, end = self.article.original_offset(start), self.article.original_offset(end)
        yield ox.Quad(claim, aikg("evidence"), ox.Literal(self.article.text[start:end]), g)
        yield ox.Quad(claim, aikg("charStart"), integer_literal(start), g)
        yield ox.Quad(claim, aikg("charEnd"), integer_literal(end), g)
        yield ox.Quad(claim, aikg("confidence"), decimal_literal(round(confidence, 3)), g)
        yield ox.Quad(claim, aikg("extractor"), ox.Literal(f"{rule} {__version__}"), g)

    def _object(self, fact: Fact) -> tuple[ox.NamedNode | ox.Literal, list[ox.Quad]]:
        g = self.graph
        v = fact.value
        if isinstance(v, EntityValue):
            return self.iri(v.key), []
        if isinstance(v, NumberValue):
            lit = integer_literal(v.value) if v.integer else decimal_literal(v.value)
            return lit, []
        if isinstance(v, DateValue):
            return date_literal(v.value), []
        if isinstance(v, MoneyValue):
            node = amount_iri(fact.subject, fact.predicate, v)
            extra = [
                ox.Quad(node, A, schema("MonetaryAmount"), g),
                ox.Quad(node, schema("value"), decimal_literal(v.amount), g),
                ox.Quad(node, schema("currency"), ox.Literal(v.currency), g),
            ]
            if v.period:
                extra.append(ox.Quad(node, aikg("period"), ox.Literal(v.period, datatype=xsd("duration")), g))
            return node, extra
        if isinstance(v, RankingValue):
            node = ranking_iri(fact.subject, v)
            extra = [
                ox.Quad(node, A, aikg("Ranking"), g),
                ox.Quad(node, aikg("rank"), integer_literal(v.rank), g),
            ]
            if v.leaderboard:
                extra.append(ox.Quad(node, aikg("leaderboard"), self.iri(v.leaderboard), g))
            return node, extra
        raise TypeError(f"unknown fact value {v!r}")

    def _fact(self, fact: Fact) -> Iterator[ox.Quad]:
        g = self.graph
        subject = self.iri(fact.subject)
        predicate = aikg(fact.predicate)
        obj, extra = self._object(fact)
        yield ox.Quad(subject, predicate, obj, g)
        yield from extra
        claim = ox.NamedNode(ID + "claim/" + _digest(self.article.stem, fact.subject, fact.predicate, obj,
                                                     fact.start))
        yield ox.Quad(claim, ox.NamedNode(RDF + "subject"), subject, g)
        yield ox.Quad(claim, ox.NamedNode(RDF + "predicate"), predicate, g)
        yield ox.Quad(claim, ox.NamedNode(RDF + "object"), obj, g)
        yield ox.Quad(claim, aikg("statement"), statement_iri(subject, predicate, obj), g)
        yield from self._evidence(claim, fact.start, fact.end, fact.confidence, fact.rule)
        if fact.qualifier:
            yield ox.Quad(claim, aikg("qualifier"), ox.Literal(fact.qualifier), g)
        if fact.role:
            yield ox.Quad(claim, aikg("role"), ox.Literal(fact.role), g)
        if fact.stated_by:
            yield ox.Quad(claim, aikg("statedBy"), self.iri(fact.stated_by), g)
        if fact.date_text:
            yield ox.Quad(claim, aikg("dateText"), ox.Literal(fact.date_text), g)

    def _stated(self, c: StatedClaim) -> Iterator[ox.Quad]:
        g = self.graph
        claim = ox.NamedNode(ID + "claim/" + _digest(self.article.stem, "stated", c.speaker, c.speaker_text, c.start))
        yield from self._evidence(claim, c.start, c.end, c.confidence, c.rule)
        yield ox.Quad(claim, aikg("claimType"), ox.Literal(c.claim_type), g)
        if c.speaker:
            yield ox.Quad(claim, aikg("statedBy"), self.iri(c.speaker), g)
        if c.speaker_text:
            yield ox.Quad(claim, aikg("speakerText"), ox.Literal(c.speaker_text), g)
        for key in c.about:
            yield ox.Quad(claim, aikg("about"), self.iri(key), g)


# ------------------------------------------------------------------ knowledge base
def kb_closure(kb: KnowledgeBase, ids: Iterable[str]) -> set[str]:
    """The KB records the articles name, plus the records those point to (developer, parent, country...)."""
    selected = {i for i in ids if i in kb}
    frontier = set(selected)
    while frontier:  # to a fixed point, so that every fact's object is described too
        found = set()
        for rid in frontier:
            rec = kb.get(rid)
            if rec is not None:
                found.update(target for _pred, target, _role in _kb_facts(kb, rec))
        frontier = found - selected
        selected |= frontier
    return selected


def kb_id_of(node: object) -> str | None:
    """The KB id behind a thing's IRI (id/deepseek -> "deepseek"); None for minted things."""
    if not isinstance(node, ox.NamedNode) or not node.value.startswith(ID):
        return None
    local = node.value[len(ID) :]
    return None if "/" in local else local


def kb_ids_of(quads: Iterable[ox.Quad]) -> set[str]:
    """KB ids of the things that article quads mention or publish."""
    ids = (kb_id_of(q.object) for q in quads if q.predicate in (MENTIONS, PUBLISHER))
    return {i for i in ids if i}


def kb_quads(kb: KnowledgeBase, ids: Iterable[str] | None = None,
             as_of: PartialDate | None = None) -> list[ox.Quad]:
    """KB records as background knowledge (all, or only `ids`), each fact claimed by the KB source.

    A build includes the records its articles name and what those records point
    to, so the graph stays about the news while queries can still follow a
    model to its developer's country. Background is told from news by its
    claims' source, the KB dataset rather than an aikg:Article (the saved queries
    show it as "background: ..."); `as_of`, when the KB's facts were true (default:
    the knowledge base's own `as_of`, where it has one), is the source's
    schema:dateModified, so a reader can weigh a background role against an article's date.
    """
    g = KB_GRAPH
    wanted = None if ids is None else set(ids)
    out: list[ox.Quad] = [
        ox.Quad(KB_SOURCE, A, ox.NamedNode(PROV + "Entity"), g),
        ox.Quad(KB_SOURCE, A, schema("Dataset"), g),
        ox.Quad(KB_SOURCE, LABEL, ox.Literal("aikg knowledge base", language="en"), g),
    ]
    as_of = as_of if as_of is not None else getattr(kb, "as_of", None)
    if as_of is not None:
        out.append(ox.Quad(KB_SOURCE, schema("dateModified"), date_literal(as_of), g))
    for rec in kb.records.values():
        if wanted is not None and rec.id not in wanted:
            continue
        node = ox.NamedNode(ID + quote(rec.id, safe="-._~"))
        labels = [t for forms in rec.aliases.values() for t in forms]
        out.extend(thing_quads(node, rec.type, rec.name, rec.subtype, labels, g))
        if rec.qid:
            out.append(ox.Quad(node, SAME_AS, ox.NamedNode(WIKIDATA + rec.qid), g))
        if rec.type == "Country" and rec.iso_code:
            out.append(ox.Quad(node, aikg("isoCode"), ox.Literal(rec.iso_code), g))
        for predicate, target, role in _kb_facts(kb, rec):
            obj = ox.NamedNode(ID + quote(target, safe="-._~"))
            pred = aikg(predicate)
            out.append(ox.Quad(node, pred, obj, g))
            claim = ox.NamedNode(ID + "claim/kb-" + _digest(rec.id, predicate, target))
            out.extend([
                ox.Quad(claim, A, aikg("Claim"), g),
                ox.Quad(claim, ox.NamedNode(RDF + "subject"), node, g),
                ox.Quad(claim, ox.NamedNode(RDF + "predicate"), pred, g),
                ox.Quad(claim, ox.NamedNode(RDF + "object"), obj, g),
                ox.Quad(claim, aikg("statement"), statement_iri(node, pred, obj), g),
                ox.Quad(claim, aikg("source"), KB_SOURCE, g),
                ox.Quad(claim, aikg("confidence"), decimal_literal(1), g),
            ])
            if role:
                out.append(ox.Quad(claim, aikg("role"), ox.Literal(role), g))
    return sorted(set(out), key=str)


def _country_ids(kb: KnowledgeBase) -> dict[str, str]:
    return {rec.iso_code: rec.id for rec in kb.records.values() if rec.type == "Country" and rec.iso_code}


def _kb_facts(kb: KnowledgeBase, rec: KBRecord) -> Iterator[tuple[str, str, str | None]]:
    if rec.country and rec.type in ("Organization", "Person"):
        country = _country_ids(kb).get(rec.country)
        if country:
            yield "country", country, None
    if rec.parent and rec.type == "Organization":
        yield "parentOrganization", rec.parent, None
    if rec.developer and rec.type == "AIModel":
        yield "developedBy", rec.developer, None
    if rec.based_on and rec.type == "AIModel":
        yield "basedOn", rec.based_on, None
    if rec.successor_of and rec.type == "AIModel":
        yield "successorOf", rec.successor_of, None
    if rec.type == "Person":
        for org, role in rec.works_for:
            yield "worksFor", org, role
