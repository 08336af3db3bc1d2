"""Graph builder: the contract's vocabulary, provenance on every fact, deterministic IRIs and bytes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.graph.vocab import AIKG
from kg.pipeline import build_graph_file

ARTICLE = (
    "딥시크, 새 모델 공개\n"
    "입력 2025.01.28 10:15\n"
    "지난해 12월, 중국 기업 딥시크는 새로운 대형언어모델 V3를 발표했다. "
    "이 모델은 6850억 개의 파라미터를 보유하고 있다. "
    "업계 관계자는 \"가격 경쟁력이 핵심\"이라고 말했다.\n"
)


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory) -> tuple[Path, rdflib.Dataset]:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    out = folder.parent / "g.trig"
    build_graph_file([folder], out)
    ds = rdflib.Dataset(default_union=True)
    ds.parse(out, format="trig")
    return out, ds


def test_build_facts_are_asserted_and_reified_with_provenance(small_graph):
    out, ds = small_graph
    v3 = rdflib.URIRef("https://w3id.org/aikg/id/deepseek-v3")
    assert (v3, AIKG.parameterCount, rdflib.Literal(685000000000)) in ds
    claim = next(ds.subjects(rdflib.RDF.predicate, AIKG.parameterCount))
    text = (out.parent / "articles0" / "a1.txt").read_text(encoding="utf-8") if False else ARTICLE
    start, end = int(ds.value(claim, AIKG.charStart)), int(ds.value(claim, AIKG.charEnd))
    assert text[start:end] == str(ds.value(claim, AIKG.evidence))
    assert 0 < float(ds.value(claim, AIKG.confidence)) <= 1
    assert str(ds.value(claim, AIKG.extractor)).startswith("kg.extract.relations")


def test_build_dates_are_typed_by_precision(small_graph):
    _, ds = small_graph
    v3 = rdflib.URIRef("https://w3id.org/aikg/id/deepseek-v3")
    date = ds.value(v3, AIKG.releaseDate)
    assert str(date) == "2024-12" and date.datatype == rdflib.XSD.gYearMonth


def test_build_article_node_and_mentions(small_graph):
    _, ds = small_graph
    article = next(ds.subjects(AIKG.file, rdflib.Literal("a1.txt")))
    schema = rdflib.Namespace("https://schema.org/")
    assert str(ds.value(article, schema.datePublished)) == "2025-01-28"
    mentioned = {str(ds.value(t, rdflib.RDFS.label)) for t in ds.objects(article, schema.mentions)}
    assert {"DeepSeek", "DeepSeek-V3", "China"} <= mentioned


def test_build_one_named_graph_per_article_plus_the_kb(small_graph):
    out, _ = small_graph
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TRIG)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"https://w3id.org/aikg/id/graph/a1", "https://w3id.org/aikg/id/graph/kb"}


def test_build_unnamed_speaker_claim(small_graph):
    _, ds = small_graph
    texts = {str(o) for o in ds.objects(None, AIKG.speakerText)}
    assert any(t.endswith("관계자") for t in texts)


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".nq", "nquads"), (".jsonld", "json-ld"),
                                         (".trig", "trig")])
def test_build_every_output_format_parses_and_is_byte_identical_twice(tmp_path, suffix, fmt):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    first, second = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    build_graph_file([tmp_path / "in"], first)
    build_graph_file([tmp_path / "in"], second)
    assert first.read_bytes() == second.read_bytes()
    graph = rdflib.Dataset()
    graph.parse(first, format=fmt)
    assert len(graph) > 0 or sum(1 for _ in graph.quads()) > 0
