"""The `kg` command line through its entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import COMMAND_MODULES, build_parser

ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("command", COMMAND_MODULES)
def test_cli_every_command_has_help(command):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert command in sub.choices
    assert sub.choices[command].format_help().strip()


def _readme_rows(command: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## The command line"):readme.index("Exit codes of")]
    return [line for line in table.splitlines() if line.startswith("|") and f"`kg {command}" in line]


@pytest.mark.parametrize("command", COMMAND_MODULES)
def test_cli_every_command_is_in_the_readme_table(command):
    assert _readme_rows(command), f"README's command-line table has no row for kg {command}"


@pytest.mark.parametrize("command", ["build", "eval"])
def test_cli_readme_row_names_every_option(command):
    """The README's row says what --help says: every option of the command (by one of its spellings)."""
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    row = " ".join(_readme_rows(command))
    missing = [action.option_strings for action in sub._actions
               if action.option_strings and "--help" not in action.option_strings
               and not any(option in row for option in action.option_strings)]
    assert missing == []


def test_cli_build_then_query_the_seeds(tmp_path):
    out = tmp_path / "g.ttl"
    done = kg("build", "seeds", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "built 5 article(s)" in done.stdout
    shown = kg("query", str(out), "--saved", "models")
    assert shown.returncode == 0, shown.stderr
    assert "DeepSeek-V3" in shown.stdout


def test_cli_build_reports_bad_articles_by_name_and_keeps_going(tmp_path):
    (tmp_path / "good.txt").write_text("딥시크는 새로운 대형언어모델 V3를 발표했다고 밝혔습니다.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    done = kg("build", str(tmp_path), "-o", str(tmp_path / "g.nt"))
    assert done.returncode == 1
    assert "empty.txt" in done.stderr and "binary.txt" in done.stderr
    assert "built 1 article(s)" in done.stdout


def test_cli_unknown_output_suffix_is_a_one_line_error(tmp_path):
    done = kg("build", "seeds", "-o", str(tmp_path / "g.xyz"))
    assert done.returncode == 2
    assert "unknown output format" in done.stderr and "Traceback" not in done.stderr
