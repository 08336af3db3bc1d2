"""`kg build` shows articles done/total, rate and time left on a terminal, and nothing else anywhere else."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

import kg.commands.build as build_command
from kg import cli

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# tqdm's line: "kg build:  50%|███   | 1/2 [00:03<00:03,  3.98s/article]" (or "2.50article/s")
BAR = re.compile(r"kg build: +\d+%\|.*\| (\d+)/(\d+) \[\d\d:\d\d<(\d\d:\d\d|\?), +[\d.?]+(article/s|s/article)\]")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    return folder


def run_on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run `kg` with stderr on a pseudo-terminal of 100 columns: (exit code, stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", *args], stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, cwd=ROOT)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    out = proc.stdout.read().decode("utf-8")
    proc.stdout.close()
    return proc.wait(), out, shown.decode("utf-8", errors="replace")


def test_build_progress_on_a_terminal_shows_done_total_rate_and_time_left(articles: Path, tmp_path: Path) -> None:
    rc, out, shown = run_on_a_terminal("build", str(articles), "-o", str(tmp_path / "g.ttl"))
    assert rc == 0, shown
    states = [BAR.search(part) for part in shown.split("\r")]
    counts = [(int(m.group(1)), int(m.group(2))) for m in states if m]
    assert (0, 2) in counts and (1, 2) in counts, shown
    assert any(m and m.group(1) == "1" and m.group(3) != "?" for m in states), "time left once one is done"
    assert "built 2 article(s)" in out


def test_build_progress_not_on_a_terminal_prints_nothing_extra(articles: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(articles), "-o", str(tmp_path / "g.ttl")],
                          capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.startswith("built 2 article(s)")


def test_build_progress_quiet_on_a_terminal_draws_no_bar(articles: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(build_command, "stderr_is_terminal", lambda: True)
    assert cli.main(["build", str(articles), "-o", str(tmp_path / "g.ttl"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_build_progress_forced_terminal_counts_every_article(articles: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """In-process, with the terminal check forced: the bar reaches the total, also for --update's changed ones."""
    monkeypatch.setattr(build_command, "stderr_is_terminal", lambda: True)
    calls: list[tuple[int, int]] = []
    original = build_command.ProgressBar.__call__

    def spy(self, done: int, total: int) -> None:
        calls.append((done, total))
        original(self, done, total)

    monkeypatch.setattr(build_command.ProgressBar, "__call__", spy)
    store = tmp_path / "store"
    assert cli.main(["build", str(articles), "-o", str(store)]) == 0
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert "0/2" in capsys.readouterr().err
    calls.clear()
    assert cli.main(["build", str(articles), "-o", str(store), "--update"]) == 0  # nothing to extract
    assert calls == [(0, 0)]
    assert capsys.readouterr().err == ""  # no bar for nothing
