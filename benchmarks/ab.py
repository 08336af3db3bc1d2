"""Before and after on a noisy machine: `kg build` of two commits, run in turns, with Kiwi alone each round.

    python benchmarks/ab.py --base cc98217 --workers 1,2 --rounds 4          # 600 short generated articles
    python benchmarks/ab.py --base cc98217 --corpus long --articles 150
    python benchmarks/ab.py --base cc98217 --corpus long --articles 1500 --workers 2 --store   # into stores

The benchmark VMs are shared: the same command's time moves by 20-30 % from one minute to the next
(Kiwi alone over the same text: 3.0 to 5.1 s within half an hour). A before/after from two runs of
`run.py speed` an hour apart measures the machine as much as the code. Here the base commit (a
worktree in WORK) and the working tree build the same corpus in turns, round after round, each
round with Kiwi alone over the same text, so both sides see the same machine; the medians and
each round's ratio are printed. Both sides run with the same interpreter and installed packages
(`python -S -P` with the root and site-packages on PYTHONPATH: the editable install's finder, or
with `-m` the current directory, would otherwise import the working tree for both; each side is
checked to import its own `kg`), and both must give the same graph.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import run as R  # noqa: E402  (the runner's child processes: the Kiwi floor)
from speed import graph_digest, timed  # noqa: E402


def worktree(work: Path, rev: str) -> Path:
    """A checkout of `rev` in WORK (made once per commit)."""
    sha = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    tree = work / f"ab-{sha[:10]}"
    if not (tree / "kg").is_dir():
        subprocess.run(["git", "worktree", "add", "--detach", "--force", str(tree), sha], cwd=ROOT, check=True,
                       capture_output=True)
    return tree


def side_env(root: Path) -> dict:
    """The environment whose `python -S -P` imports `root`'s kg (and the installed packages), checked."""
    env = {**os.environ, "PYTHONPATH": f"{root}:{sysconfig.get_paths()['purelib']}"}
    where = subprocess.run([sys.executable, "-S", "-P", "-c", "import kg; print(kg.__file__)"], env=env,
                           cwd=str(ROOT), check=True, capture_output=True, text=True).stdout.strip()
    if not Path(where).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"the side at {root} imports kg from {where}")
    return env


def build(root: Path, corpus: Path, out: Path, workers: int) -> dict:
    """`kg build` of `root`'s code into `out`, a file or (no suffix) a store, and the digest of its graph."""
    if not out.suffix:
        shutil.rmtree(out, ignore_errors=True)
    # -P: with -m, Python would put the current directory (the working tree) first on sys.path
    rec = timed([sys.executable, "-S", "-P", "-m", "kg.cli", "build", str(corpus), "-o", str(out), "--workers",
                 str(workers), "--quiet"], env=side_env(root))
    if rec["exit"] not in (0, 1):
        raise SystemExit(f"kg build in {root} failed ({rec['exit']}): {rec['stderr_tail']}")
    if out.suffix:
        rec["graph"] = graph_digest(out)[:12]
    else:  # every quad of the store, the merged view's too, sorted
        dump, _ = R.run_child("dump", {"store": str(out), "tmp": str(out.with_suffix(".nq"))})
        rec["graph"] = dump[0]["sha256"][:12]
    return rec


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare the working tree with")
    parser.add_argument("--corpus", default="short", help="short | long (generated) or a folder of articles")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--work", default="/tmp/aikg-bench", type=Path)
    parser.add_argument("--store", action="store_true", help="build into on-disk stores instead of .nq files")
    opts = parser.parse_args(argv)
    opts.work.mkdir(parents=True, exist_ok=True)
    if opts.corpus in ("short", "long"):
        from generate import generate

        corpus = opts.work / f"ratio-{opts.corpus}-{opts.articles}"
        if not (corpus / "corpus.json").exists():
            generate(opts.articles, corpus, 0, short=opts.corpus == "short")
    else:
        corpus = Path(opts.corpus).resolve()
    files = sorted(corpus.rglob("*.txt"))
    listing = opts.work / "ab.list"
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    sides = {"base": worktree(opts.work, opts.base), "work": ROOT}
    workers = [int(w) for w in opts.workers.split(",")]
    rows: list[dict] = []
    for r in range(opts.rounds):
        floor = R.run_child("floor", {"list": str(listing)})[0][0]["wall"]
        for w in workers:
            for side, root in (sides.items() if r % 2 == 0 else reversed(sides.items())):
                rec = build(root, corpus, opts.work / (f"ab-{side}" if opts.store else f"ab-{side}.nq"), w)
                rows.append({"round": r, "side": side, "workers": w, "wall": rec["wall"], "cpu": rec["cpu"],
                             "floor": floor, "graph": rec["graph"]})
                print(f"round {r} {side:4} workers {w}: {rec['wall']:6.2f} s wall ({rec['cpu']:6.2f} CPU), "
                      f"Kiwi alone {floor:5.2f} s, ratio {floor / rec['wall']:.2f}, graph {rec['graph']}",
                      flush=True)
    print(f"\n{len(files)} articles of {corpus}; base {opts.base}, work = the working tree")
    print("| workers | side | wall median | CPU median | ratio median (per round) | graph |")
    print("| ---: | --- | ---: | ---: | ---: | --- |")
    for w in workers:
        for side in sides:
            mine = [x for x in rows if x["workers"] == w and x["side"] == side]
            ratios = [x["floor"] / x["wall"] for x in mine]
            graphs = sorted({x["graph"] for x in mine})
            print(f"| {w} | {side} | {statistics.median(x['wall'] for x in mine):.2f} s | "
                  f"{statistics.median(x['cpu'] for x in mine):.2f} s | {statistics.median(ratios):.2f} "
                  f"({', '.join(f'{x:.2f}' for x in ratios)}) | {', '.join(graphs)} |")
    (opts.work / "ab.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    same = len({x["graph"] for x in rows}) == 1
    print("same graph on both sides" if same else "THE GRAPHS DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
