"""What the first page of a fact listing costs on a built store, access path by access path.

    python benchmarks/page_probe.py --store /tmp/aikg-bench/store-10000 [--predicate releaseDate] [--runs 5]
    python benchmarks/page_probe.py --store STORE --keyed-copy /tmp/store-keyed   # the proposed claim key, tried

Why: a listing such as `release-timeline` has one row per fact and source, so
its first page is sorted out of every claim of the property. This probe asks
whether any query shape reads only the claims of the page's facts: the sorted
keys alone, the keys limited in a sub-select and joined with their claims (as
a plain join, `LATERAL`, or bound by `VALUES`), and one query per key with the
key's terms as constants. Each probe is timed on a read-only store, median of
the runs after the first; it prints a Markdown table (PROFILE.md, Q2).

`--keyed-copy DIR` tried the change Q2 proposed on a copy of the store: each
claim gets one triple naming its fact (`aikg:statement`, an IRI minted from
the fact's subject, predicate and object), and the listing's first page is
read as its sorted keys, then each page fact's sources by that one triple.
Stores built since 2026-12-02 carry that key (kg/graph/keys.py); the copy adds
it, minted the same way, to the claims of an older store that lack it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PAGE = 50


def _keys(predicate: str, limit: int | None) -> str:
    """The facts of the property, each with its subject's label, sorted as the listing sorts them."""
    window = f"LIMIT {limit}" if limit else ""
    return f"""SELECT DISTINCT ?s ?o ?label WHERE {{
      ?s aikg:{predicate} ?o ; rdfs:label ?l .
      FILTER EXISTS {{ ?naming schema:mentions ?s }}
      BIND(STR(?l) AS ?label)
    }} ORDER BY STR(?o) LCASE(?label) ?s {window}"""


def _claims(predicate: str, s: str = "?s", o: str = "?o") -> str:
    return f"?claim rdf:subject {s} ; rdf:predicate aikg:{predicate} ; rdf:object {o} ; aikg:source ?src ."


def probes(store, predicate: str) -> list[tuple[str, Callable[[], int]]]:
    """(what, run) pairs; run returns the rows it read."""
    from kg.query import DEFAULT_PREFIXES

    def count(sparql: str) -> Callable[[], int]:
        return lambda: sum(1 for _ in store.query(sparql, prefixes=DEFAULT_PREFIXES))

    page_keys = _keys(predicate, PAGE)

    def first_keys() -> list[tuple]:
        return [(row["s"], row["o"]) for row in store.query(page_keys, prefixes=DEFAULT_PREFIXES)]

    def values_bound() -> int:
        rows = " ".join(f"({s} {o})" for s, o in first_keys())
        sparql = f"SELECT * WHERE {{ VALUES (?s ?o) {{ {rows} }} {_claims(predicate)} }}"
        return sum(1 for _ in store.query(sparql, prefixes=DEFAULT_PREFIXES))

    def constants_per_key() -> int:
        return sum(
            sum(1 for _ in store.query(f"SELECT * WHERE {{ {_claims(predicate, str(s), str(o))} }}",
                                       prefixes=DEFAULT_PREFIXES))
            for s, o in first_keys()
        )

    def one_seek_per_key() -> int:
        files = [row["f"] for row in store.query(f"SELECT ?f WHERE {{ ?a aikg:file ?f }} LIMIT {PAGE}",
                                                 prefixes=DEFAULT_PREFIXES)]
        return sum(sum(1 for _ in store.query(f"SELECT ?a WHERE {{ ?a aikg:file {f} }}", prefixes=DEFAULT_PREFIXES))
                   for f in files)

    return [
        ("every fact of the property (no label, no order)", count(f"SELECT * WHERE {{ ?s aikg:{predicate} ?o }}")),
        ("every claim of the property with its source", count(f"SELECT * WHERE {{ {_claims(predicate)} }}")),
        ("all keys, sorted (label, mention filter)", count(_keys(predicate, None))),
        (f"first {PAGE} keys, sorted", count(page_keys)),
        (f"first {PAGE} keys in a sub-select, joined with their claims",
         count(f"SELECT * WHERE {{ {{ {page_keys} }} {_claims(predicate)} }}")),
        ("the same, the claims in LATERAL",
         count(f"SELECT * WHERE {{ {{ {page_keys} }} LATERAL {{ {_claims(predicate)} }} }}")),
        (f"first {PAGE} keys, then their claims bound by VALUES (2 queries)", values_bound),
        (f"first {PAGE} keys, then one query per key with its terms as constants", constants_per_key),
        (f"{PAGE} queries of one seek each, (property, object) bound: what a key stored on each claim would cost",
         one_seek_per_key),
        (f"articles sorted by date and file, first {PAGE}",
         count(f"""SELECT ?a ?d ?f WHERE {{ ?a a aikg:Article .
                   OPTIONAL {{ ?a aikg:file ?f }} OPTIONAL {{ ?a schema:datePublished ?d }} }}
                   ORDER BY (!BOUND(?d)) STR(?d) ?f LIMIT {PAGE}""")),
    ]


STATEMENT = "https://w3id.org/aikg/ontology#statement"


def keyed_copy(store_dir: str, copy_dir: str):
    """A copy of the store in which every claim of a fact names the fact (one more triple per claim)."""
    import pyoxigraph as ox

    from kg.graph.keys import expand_fact_keys
    from kg.query import DEFAULT_PREFIXES

    target = Path(copy_dir)
    if target.exists() and any(target.iterdir()) and not (target / "CURRENT").exists():
        raise SystemExit(f"{copy_dir}: exists and is not a store folder (refusing to replace it)")
    shutil.rmtree(target, ignore_errors=True)
    ox.Store.read_only(store_dir).backup(copy_dir)
    copy = ox.Store(copy_dir)
    start = time.perf_counter()
    copy.update(expand_fact_keys(f"""INSERT {{ ?claim <{STATEMENT}> ?key }} WHERE {{
        ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        FILTER NOT EXISTS {{ ?claim <{STATEMENT}> ?named }}
        BIND(aikg:statementOf(?s, ?p, ?o) AS ?key) }}"""), prefixes=DEFAULT_PREFIXES)
    copy.flush()
    copy.optimize()
    print(f"keyed copy: claim keys added in {time.perf_counter() - start:.1f} s, {len(copy):,} quads", flush=True)
    del copy
    return ox.Store.read_only(copy_dir)


def keyed_page(store, predicate: str) -> Callable[[], int]:
    """All keys sorted (their number is the listing's total), then the first page's sources, one seek per fact."""
    import pyoxigraph as ox

    from kg.graph.keys import statement_iri
    from kg.query import DEFAULT_PREFIXES

    full = ox.NamedNode(f"https://w3id.org/aikg/ontology#{predicate}")

    def run() -> int:
        keys = [(row["s"], row["o"]) for row in store.query(_keys(predicate, None), prefixes=DEFAULT_PREFIXES)]
        sources = 0
        for s, o in keys[:PAGE]:
            sparql = f"""SELECT (COUNT(DISTINCT ?src) AS ?n) (MIN(?file) AS ?first) WHERE {{
                ?claim <{STATEMENT}> <{statement_iri(s, full, o).value}> ; aikg:source ?src .
                OPTIONAL {{ ?src aikg:file ?file }} }}"""
            sources += int(next(iter(store.query(sparql, prefixes=DEFAULT_PREFIXES)))["n"].value)
        return sources

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a store folder that `kg build DIR -o STORE` wrote")
    parser.add_argument("--predicate", default="releaseDate", help="an aikg property with a plain object")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keyed-copy", help="a new folder: try the claim key on a copy of the store there")
    opts = parser.parse_args(argv)
    import pyoxigraph as ox

    if opts.keyed_copy:
        store = keyed_copy(opts.store, opts.keyed_copy)
        runs = [(f"with claim keys: all keys sorted, then the first {PAGE} facts' sources, one seek each",
                 keyed_page(store, opts.predicate))]
    else:
        store = ox.Store.read_only(opts.store)
        runs = probes(store, opts.predicate)
    print(f"| access path (aikg:{opts.predicate}) | rows | first ms | p50 ms |")
    print("| --- | ---: | ---: | ---: |")
    for what, run in runs:
        times, rows = [], 0
        for _ in range(max(2, opts.runs)):
            start = time.perf_counter()
            rows = run()
            times.append((time.perf_counter() - start) * 1000)
        print(f"| {what} | {rows:,} | {times[0]:,.1f} | {statistics.median(times[1:]):,.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
