"""README's quality table says what `kg eval` computes on the seed and development gold, and so does score.py.

When extraction changes, this fails until `python scripts/update_readme_quality.py` rewrites the table.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import cli
from kg.eval import score

ROOT = Path(__file__).resolve().parents[1]
SCORE_PY = ROOT / "tests" / "reference" / "score.py"
DEV = ROOT / "tests" / "corpus" / "dev"


def _script():
    path = ROOT / "scripts" / "update_readme_quality.py"
    spec = importlib.util.spec_from_file_location("update_readme_quality", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


@pytest.fixture(scope="module")
def dev_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The development articles built as `kg eval` builds them (a TriG file)."""
    from kg.pipeline import build_graph_file

    out = tmp_path_factory.mktemp("dev") / "dev.trig"
    report = build_graph_file([DEV / "articles"], out)
    assert report.articles == len(list((DEV / "gold").glob("*.json")))
    return out


def test_readme_quality_table_is_what_kg_eval_computes(seeds_graph: Path, dev_graph: Path) -> None:
    assert SCRIPT.CORPORA == [("tests/gold", "seeds"), ("tests/corpus/dev/gold", "tests/corpus/dev/articles")]
    reports = [score(seeds_graph, ROOT / "tests" / "gold"), score(dev_graph, DEV / "gold")]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SCRIPT.block_of(readme) == SCRIPT.table(reports), (
        "README's quality table is stale: run `python scripts/update_readme_quality.py` and commit README.md")


def test_readme_quality_dev_scores_agree_with_the_reference_scorer(dev_graph: Path, tmp_path: Path) -> None:
    ours = score(dev_graph, DEV / "gold")
    json_out = tmp_path / "score.json"
    done = subprocess.run([sys.executable, str(SCORE_PY), str(dev_graph), str(DEV / "gold"), "--json", str(json_out)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == ours.summary_line()
    theirs = json.loads(json_out.read_text(encoding="utf-8"))["summary"]
    assert {k: theirs[k] for k in ours.summary()} == ours.summary()


def test_readme_quality_block_is_replaced_between_the_markers() -> None:
    text = f"# title\n\nbefore\n{SCRIPT.BEGIN}\n| old |\n{SCRIPT.END}\nafter\n"
    new = SCRIPT.with_block(text, "| new |")
    assert new == f"# title\n\nbefore\n{SCRIPT.BEGIN}\n| new |\n{SCRIPT.END}\nafter\n"
    assert SCRIPT.block_of(new) == "| new |"
    with pytest.raises(SystemExit, match="no quality table markers"):
        SCRIPT.block_of("# a README without the table\n")


def test_readme_quality_kg_eval_markdown_prints_a_row_of_the_table(monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  seeds_graph: Path) -> None:
    """`kg eval --markdown` prints the table's header and the row of its run, labelled with its arguments."""
    import kg.commands.eval as eval_command

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(eval_command, "evaluate", lambda gold, articles, graph=None: score(seeds_graph, gold))
    assert cli.main(["eval", "tests/gold", "--articles", "seeds", "--markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = SCRIPT.table([score(seeds_graph, ROOT / "tests" / "gold"), score(seeds_graph, DEV / "gold")])
    assert lines == table.splitlines()[:3]
