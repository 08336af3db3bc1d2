"""A networkx view of a built graph: things as nodes, facts as explained edges.

SPARQL answers "which rows match"; questions such as "how are these two things
connected" or "what is central" are graph algorithms, so `project` turns the
RDF graph into a `networkx.MultiDiGraph` once and the rest of this module (and
`kg stats`, `kg path`, `kg viz`, the notebook) works on that.

Every edge keeps the reified Claims behind it (sentence, article, date,
confidence), so a path or a picture can always say *why* two things are linked.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.graph.store import reads_union

AIKG = "https://w3id.org/aikg/ontology#"
ID = "https://w3id.org/aikg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
WIKIDATA = "http://www.wikidata.org/entity/"

# The classes of things, in the order a thing with several is shown as.
THING_CLASSES = ["AIModel", "Organization", "Person", "Country", "Leaderboard", "Hardware", "Policy"]

PREFIXES = """
PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
_THING_VALUES = "VALUES ?base { " + " ".join(f"aikg:{c}" for c in THING_CLASSES) + " }"

Q_THINGS = PREFIXES + f"SELECT DISTINCT ?s ?type WHERE {{ {_THING_VALUES} ?s a ?base . ?s a ?type }}"
# ?n: in how many named graphs (articles, the KB) a label is given: the commonest Korean form is shown.
Q_LABELS = PREFIXES + f"""SELECT ?s ?p ?l (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_THING_VALUES} ?s a ?base .
  VALUES ?p {{ rdfs:label skos:altLabel }} ?s ?p ?l . OPTIONAL {{ GRAPH ?g {{ ?s ?p ?l }} }} }}
  GROUP BY ?s ?p ?l"""
Q_SAMEAS = PREFIXES + f"SELECT DISTINCT ?s ?w WHERE {{ {_THING_VALUES} ?s a ?base ; owl:sameAs ?w }}"
Q_ARTICLES = PREFIXES + """SELECT ?a (SAMPLE(?f) AS ?file) (SAMPLE(?d) AS ?date) (SAMPLE(?h) AS ?headline)
WHERE { ?a a aikg:Article . OPTIONAL { ?a aikg:file ?f } OPTIONAL { ?a schema:datePublished ?d }
  OPTIONAL { ?a schema:headline ?h } } GROUP BY ?a"""
Q_MENTIONS = PREFIXES + "SELECT DISTINCT ?a ?s WHERE { ?a schema:mentions ?s }"
Q_ASSERTED = PREFIXES + f"""SELECT DISTINCT ?s ?p ?o WHERE {{ {_THING_VALUES} ?s a ?base . ?s ?p ?o .
  FILTER(STRSTARTS(STR(?p), STR(aikg:))) }}"""
Q_CLAIMS = PREFIXES + """SELECT ?c ?s ?p ?o ?src ?ev ?conf ?by ?role ?qual WHERE {
  ?c a aikg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?c aikg:source ?src } OPTIONAL { ?c aikg:evidence ?ev } OPTIONAL { ?c aikg:confidence ?conf }
  OPTIONAL { ?c aikg:statedBy ?by } OPTIONAL { ?c aikg:role ?role } OPTIONAL { ?c aikg:qualifier ?qual } }"""
Q_STATEMENTS = PREFIXES + """SELECT ?c ?about ?type ?src ?ev ?conf ?by ?speaker WHERE {
  ?c a aikg:Claim ; aikg:about ?about .
  OPTIONAL { ?c aikg:claimType ?type } OPTIONAL { ?c aikg:source ?src } OPTIONAL { ?c aikg:evidence ?ev }
  OPTIONAL { ?c aikg:confidence ?conf } OPTIONAL { ?c aikg:statedBy ?by }
  OPTIONAL { ?c aikg:speakerText ?speaker } }"""
Q_MONEY = PREFIXES + """SELECT ?m ?v ?cur ?period WHERE { ?m schema:value ?v .
  OPTIONAL { ?m schema:currency ?cur } OPTIONAL { ?m aikg:period ?period } }"""
Q_RANKINGS = PREFIXES + """SELECT ?r ?lb ?rank WHERE { ?r aikg:leaderboard ?lb .
  OPTIONAL { ?r aikg:rank ?rank } }"""
Q_SOURCE_LABELS = PREFIXES + """SELECT DISTINCT ?src ?l ?d WHERE { ?c aikg:source ?src . ?src rdfs:label ?l
  OPTIONAL { ?src schema:dateModified ?d } }"""

# Properties whose objects are structured nodes, not things: read through, never drawn as nodes.
_STRUCTURED = {"ranking"}


def _query(store: ox.Store, sparql: str) -> Iterable[ox.QuerySolution]:
    return store.query(sparql, use_default_graph_as_union=reads_union(store))  # type: ignore[return-value]


def _local(iri: str, base: str) -> str:
    return iri[len(base):] if iri.startswith(base) else iri


def _value(term: Any) -> Any:
    """A Python value for an RDF literal: int, float, bool or the lexical string."""
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    dt = term.datatype.value
    try:
        if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
            return int(term.value)
        if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
            return float(term.value)
        if dt == XSD + "boolean":
            return term.value == "true"
    except ValueError:
        pass
    return term.value


def fold(text: str) -> str:
    """Fold a name for matching: Unicode-normalised, case-free, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold())


def _loose_fold(text: str) -> str:
    return re.sub(r"[-_.·]", "", fold(text))


def project(store: ox.Store) -> nx.MultiDiGraph:
    """Project the RDF graph onto things and the facts between them.

    Nodes are IRIs with `label`, `altLabels`, `labelKo`, `class`, `types`,
    `mentions` (number of articles naming it), `articles` (their files),
    `sameAs`, `facts` (literal-valued facts, each with its claims) and, for each
    literal property, the best supported value as a plain attribute (so
    `g.nodes[x]["parameterCount"]` works). Edges are keyed by property name and
    carry `property`, `claims` (evidence, file, date, confidence...),
    `confidence` (the highest) and `articles`.
    """
    g = nx.MultiDiGraph()
    types: dict[str, set[str]] = defaultdict(set)
    for row in _query(store, Q_THINGS):
        types[row["s"].value].add(_local(row["type"].value, AIKG))
    for iri in sorted(types):
        base = next(c for c in THING_CLASSES if c in types[iri])
        g.add_node(iri, label=_local(iri, ID), altLabels=[], labelKo=None, **{"class": base},
                   types=sorted(types[iri]), mentions=0, articles=[], sameAs=None, facts={}, statements=[])

    _add_labels(store, g)
    for row in _query(store, Q_SAMEAS):
        if row["w"].value.startswith(WIKIDATA):
            g.nodes[row["s"].value]["sameAs"] = row["w"].value

    articles = _read_articles(store)
    mentioned: dict[str, set[str]] = defaultdict(set)
    for row in _query(store, Q_MENTIONS):
        thing, article = row["s"].value, row["a"].value
        if thing in g and article in articles:
            mentioned[thing].add(articles[article]["file"])
    for thing, files in mentioned.items():
        g.nodes[thing]["articles"] = sorted(files)
        g.nodes[thing]["mentions"] = len(files)
    g.graph["articles"] = sorted(articles.values(), key=lambda a: (a["file"], a["iri"]))

    _add_facts(store, g, articles)
    _add_statements(store, g, articles)
    return g


def _add_labels(store: ox.Store, g: nx.MultiDiGraph) -> None:
    alts: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    for row in _query(store, Q_LABELS):
        iri, lit = row["s"].value, row["l"]
        lang = (lit.language or "") if isinstance(lit, ox.Literal) else ""
        if row["p"].value.endswith("#label"):
            g.nodes[iri]["label"] = lit.value
            if lang == "ko":
                g.nodes[iri]["labelKo"] = lit.value
        else:
            alts[iri].add((lit.value, lang, int(row["n"].value)))
    for iri, forms in alts.items():
        node = g.nodes[iri]
        node["altLabels"] = sorted({text for text, _, _ in forms if text != node["label"]})
        # The Korean form most sources use; of equals, a word over a one-syllable abbreviation (중국, not 중).
        korean = sorted((-n, len(text) < 2, len(text), text) for text, lang, n in forms if lang == "ko")
        if korean and node["labelKo"] is None:
            node["labelKo"] = korean[0][3]


def _read_articles(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Article IRI -> {iri, file, date, headline}; the file name is how people name an article."""
    out: dict[str, dict[str, Any]] = {}
    for row in _query(store, Q_ARTICLES):
        iri = row["a"].value
        file = row["file"].value if row["file"] is not None else _local(iri, ID)
        out[iri] = {
            "iri": iri,
            "file": file,
            "date": row["date"].value if row["date"] is not None else None,
            "headline": row["headline"].value if row["headline"] is not None else None,
        }
    return out


def _source_of(src: Any, articles: dict[str, dict[str, Any]],
               source_labels: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    """Where a claim comes from: its article (file, date, headline), or background (the KB and its date)."""
    if src is None:
        return {"file": None, "date": None, "headline": None, "source": None, "background": False}
    art = articles.get(src.value)
    if art is not None:
        return {"file": art["file"], "date": art["date"], "headline": art["headline"], "source": art["file"],
                "background": False}
    label, date = source_labels.get(src.value, (_local(src.value, ID), None))
    return {"file": None, "date": date, "headline": None, "source": label, "background": True}


def _add_facts(store: ox.Store, g: nx.MultiDiGraph, articles: dict[str, dict[str, Any]]) -> None:
    money: dict[str, dict[str, Any]] = {}
    for row in _query(store, Q_MONEY):
        money[row["m"].value] = {"value": _value(row["v"]), "currency": _value(row["cur"])}
        if row["period"] is not None:
            money[row["m"].value]["period"] = row["period"].value
    rankings = {row["r"].value: (row["lb"].value, _value(row["rank"])) for row in _query(store, Q_RANKINGS)}
    source_labels = {row["src"].value: (row["l"].value, row["d"].value if row["d"] is not None else None)
                     for row in _query(store, Q_SOURCE_LABELS)}

    # (subject, property, object key) -> object term and its claims
    facts: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in _query(store, Q_ASSERTED):
        prop = _local(row["p"].value, AIKG)
        facts.setdefault((row["s"].value, prop, str(row["o"])), {"o": row["o"], "claims": {}})
    for row in _query(store, Q_CLAIMS):
        subject = row["s"].value
        if subject not in g or not row["p"].value.startswith(AIKG):
            continue
        key = (subject, _local(row["p"].value, AIKG), str(row["o"]))
        fact = facts.setdefault(key, {"o": row["o"], "claims": {}})
        claim = fact["claims"].setdefault(row["c"].value, {"claim": row["c"].value})
        claim.update(_source_of(row["src"], articles, source_labels))
        claim["evidence"] = row["ev"].value if row["ev"] is not None else claim.get("evidence")
        claim["confidence"] = _value(row["conf"]) if row["conf"] is not None else claim.get("confidence")
        for var, name in (("by", "statedBy"), ("role", "role"), ("qual", "qualifier")):
            if row[var] is not None:
                claim[name] = row[var].value

    for (subject, prop, _), fact in sorted(facts.items(), key=lambda kv: kv[0]):
        if subject not in g:
            continue
        claims = sorted(fact["claims"].values(), key=_claim_order)
        obj = fact["o"]
        extra: dict[str, Any] = {}
        if prop in _STRUCTURED and obj.value in rankings:
            target, rank = rankings[obj.value]
            obj, extra = ox.NamedNode(target), {"rank": rank}
        if isinstance(obj, ox.NamedNode) and obj.value in g:
            _add_edge(g, subject, prop, obj.value, claims, extra)
        elif isinstance(obj, ox.NamedNode) and obj.value in money:
            _add_literal(g, subject, prop, dict(money[obj.value]), claims)
        elif isinstance(obj, ox.Literal):
            _add_literal(g, subject, prop, _value(obj), claims)
        elif prop not in _STRUCTURED:
            _add_literal(g, subject, prop, obj.value, claims)


def _claim_order(claim: dict[str, Any]) -> tuple[Any, ...]:
    """Claims with evidence from articles first, most confident first, then by date and file."""
    return (claim.get("evidence") is None, -(claim.get("confidence") or 0.0), claim.get("date") or "",
            claim.get("file") or "", claim["claim"])


def _add_edge(g: nx.MultiDiGraph, s: str, prop: str, o: str, claims: list[dict[str, Any]],
              extra: dict[str, Any]) -> None:
    if g.has_edge(s, o, key=prop):  # a second ranking on the same board: keep every claim
        data = g.edges[s, o, prop]
        data["claims"] = sorted(data["claims"] + claims, key=_claim_order)
    else:
        g.add_edge(s, o, key=prop, property=prop, claims=claims, **extra)
        data = g.edges[s, o, prop]
    confidences = [c["confidence"] for c in data["claims"] if c.get("confidence") is not None]
    data["confidence"] = max(confidences) if confidences else None
    data["articles"] = sorted({c["file"] for c in data["claims"] if c.get("file")})


def _add_literal(g: nx.MultiDiGraph, s: str, prop: str, value: Any, claims: list[dict[str, Any]]) -> None:
    node = g.nodes[s]
    values = node["facts"].setdefault(prop, [])
    values.append({"value": value, "claims": claims})
    # The plain attribute is the value most articles support, then the most confident one.
    best = max(values, key=lambda v: (len({c.get("file") for c in v["claims"] if c.get("file")}),
                                      max((c.get("confidence") or 0.0 for c in v["claims"]), default=0.0),
                                      -values.index(v)))
    node[prop] = best["value"]


def _add_statements(store: ox.Store, g: nx.MultiDiGraph, articles: dict[str, dict[str, Any]]) -> None:
    """Attributed statements (assessments, forecasts...) are listed on the things they are about."""
    seen: dict[str, dict[str, Any]] = {}
    about: dict[str, set[str]] = defaultdict(set)
    for row in _query(store, Q_STATEMENTS):
        c = row["c"].value
        about[c].add(row["about"].value)
        st = seen.setdefault(c, {"claim": c})
        st.update(_source_of(row["src"], articles, {}))
        for var, name in (("type", "claimType"), ("ev", "evidence"), ("by", "statedBy"),
                          ("speaker", "speaker")):
            if row[var] is not None:
                st[name] = row[var].value
        st["confidence"] = _value(row["conf"])
    for c in sorted(seen):
        st = seen[c]
        if "statedBy" in st and st["statedBy"] in g:
            st["speaker"] = g.nodes[st["statedBy"]]["label"]
        st["about"] = sorted(about[c])
        for thing in st["about"]:
            if thing in g:
                g.nodes[thing]["statements"].append(st)


# --- questions asked of the projection ------------------------------------------------------------


def find_node(g: nx.MultiDiGraph, name: str) -> str | None:
    """The node a person means by `name`: any label or id, ignoring case and spaces.

    Hyphens and dots are ignored too when nothing matches exactly; among several
    matches the most mentioned thing wins, so "V3" finds the model people write about.
    """
    if name in g:
        return name
    for folder in (fold, _loose_fold):
        wanted = folder(name)
        if not wanted:
            return None
        hits = [n for n, data in g.nodes(data=True)
                if wanted in {folder(x) for x in [data["label"], _local(n, ID), *data["altLabels"]]}]
        if hits:
            return min(hits, key=lambda n: (-g.nodes[n]["mentions"], -g.degree(n), n))
    return None


def display_label(g: nx.MultiDiGraph, node: str, lang: str = "en") -> str:
    """The name to show for a node: its Korean form for `lang="ko"` when it has one."""
    data = g.nodes[node]
    if lang == "ko" and data.get("labelKo"):
        return str(data["labelKo"])
    return str(data["label"])


def _simple_undirected(g: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in g.edges() if u != v))
    return simple


def centrality_top(g: nx.MultiDiGraph, k: int = 10, measure: str = "degree") -> list[tuple[str, float]]:
    """The k most central things as (node, score), ties broken by mentions then id.

    `measure` is "degree" (cheap, fine for news graphs), "betweenness" (who
    bridges topics; O(VE), sampled above 2,000 nodes) or "pagerank".
    """
    simple = _simple_undirected(g)
    if simple.number_of_nodes() == 0:
        return []
    if measure == "degree":
        scores = nx.degree_centrality(simple)
    elif measure == "betweenness":
        sample = 500 if simple.number_of_nodes() > 2000 else None
        scores = nx.betweenness_centrality(simple, k=sample, seed=7)
    elif measure == "pagerank":
        scores = pagerank(nx.DiGraph(g))
    else:
        raise ValueError(f"unknown centrality measure {measure!r} (degree, betweenness, pagerank)")
    ranked = sorted(scores, key=lambda n: (-scores[n], -g.nodes[n]["mentions"], n))
    return [(n, float(scores[n])) for n in ranked[:k]]


def pagerank(g: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict[str, float]:
    """PageRank by power iteration in plain Python.

    networkx's `pagerank` needs SciPy, which aikg does not otherwise depend on; a news
    graph has at most some 10^5 edges, where a plain iteration takes well under a second.
    Dangling nodes (no outgoing edge) spread their rank uniformly, as in networkx.
    """
    nodes = sorted(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    out_degree = {u: g.out_degree(u) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if out_degree[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if out_degree[u]:
                share = alpha * rank[u] / out_degree[u]
                for v in g.successors(u):
                    new[v] += share
        error = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if error < n * tol:
            break
    return rank


def components(g: nx.MultiDiGraph) -> list[list[str]]:
    """Weakly connected components, largest first, each sorted, so output is stable."""
    comps = [sorted(c) for c in nx.weakly_connected_components(g)]
    return sorted(comps, key=lambda c: (-len(c), c[0]))


def __getattr__(name: str) -> Any:
    """`Step` and `explained_path` live in kg.paths; notebooks still import them from here."""
    if name in ("Step", "explained_path"):
        from kg import paths

        return getattr(paths, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def best_claim(data: dict[str, Any]) -> dict[str, Any] | None:
    """The claim that best explains an edge: one with a sentence, most confident."""
    claims = data.get("claims") or []
    return claims[0] if claims else None


def class_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    """Number of things per class, in THING_CLASSES order, zero counts included."""
    counts = dict.fromkeys(THING_CLASSES, 0)
    for _, cls in g.nodes(data="class"):
        counts[cls] += 1
    return counts


def property_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    """Number of edges per property, most frequent first."""
    counts: dict[str, int] = defaultdict(int)
    for _, _, key in g.edges(keys=True):
        counts[key] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
