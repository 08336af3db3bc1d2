"""The benchmark corpus generator (benchmarks/generate.py): deterministic, complete, and buildable.

The benchmarks compare runs over time, so the corpus must be the same bytes for
the same seed, and every size must be a prefix of the larger ones.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gen():
    """benchmarks/generate.py as a module (benchmarks/ is not a package)."""
    path = ROOT / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("aikg_bench_generate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_and_sizes_are_prefixes(gen, tmp_path):
    gen.generate(3, tmp_path / "a", seed=0)
    gen.generate(3, tmp_path / "b", seed=0)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a == b
    gen.generate(3, tmp_path / "c", seed=1)
    assert _files(tmp_path / "c") != a
    gen.generate(2, tmp_path / "d", seed=0)
    small = {k: v for k, v in _files(tmp_path / "d").items() if k.endswith(".txt")}
    assert small and all(a[k] == v for k, v in small.items())


def test_n_files_with_metadata(gen, tmp_path):
    assert gen.main(["3", str(tmp_path / "out"), "--seed", "0"]) == 0
    shard = tmp_path / "out" / "000"
    texts = sorted(shard.glob("*.txt"))
    assert len(texts) == 3
    meta = json.loads((shard / "metadata.json").read_text(encoding="utf-8"))
    assert set(meta) == {p.name for p in texts}
    for entry in meta.values():
        published = entry.get("published")
        assert published is None or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", published)
    for p in texts:
        assert 1_000 <= len(p.read_text(encoding="utf-8")) <= 8_000
    corpus = json.loads((tmp_path / "out" / "corpus.json").read_text())
    assert corpus["articles"] == 3 and corpus["seed"] == 0


def test_articles_carry_what_the_benchmark_needs(gen):
    """Korean numbers, money with conversions, relative dates, attributed claims and furniture all occur."""
    g = gen.Generator(gen.load_kb(), seed=0)
    text = "\n".join(g.article(i)[1] for i in range(20))
    for pattern in (r"\d[\d,]*억 개", r"원\(\$[\d.]+[MB]\)|달러\(약 |\(한화 약 ", r"지난 \d+일|지난해|지난달",
                    r"라고 (밝혔|말했)다|에 따르면", r"관련기사|무단\s*전재|All rights reserved"):
        assert re.search(pattern, text), pattern


def test_korean_helpers(gen):
    assert gen.ko_number(671_000_000_000) == "6,710억"
    assert gen.ko_number(1_200_000_000_000) == "1조 2,000억"
    assert gen.ko_number(560_000_000) == "5억 6,000만"
    assert gen.josa("딥시크", "은") == "딥시크는" and gen.josa("오픈AI", "이") == "오픈AI가"
    assert gen.josa("73억원($5.6M)", "을") == "73억원($5.6M)을"


def test_a_generated_article_builds_into_a_graph(gen, tmp_path):
    from kg.pipeline import build_graph_file

    gen.generate(3, tmp_path / "articles", seed=0)
    report = build_graph_file([tmp_path / "articles"], tmp_path / "graph.nq")
    assert report.articles == 3 and not report.skipped
    assert report.quads > 100
    assert "schema.org/mentions" in (tmp_path / "graph.nq").read_text(encoding="utf-8")
