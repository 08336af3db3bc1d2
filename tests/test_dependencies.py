"""Every package that the code, the tests and the notebook import is declared in pyproject.toml.

A package that only arrives with another one (SciPy behind networkx's pagerank, jinja2 behind pyvis) works
on the machine that happens to have it and fails on a fresh clone; so each import is checked against the
distributions that pyproject.toml names: the dependencies for kg/, plus the dev extra for the tests and the
notebook, plus any extra for an import that kg/ guards with `except ImportError`.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group(0)).lower()


CORE = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
EXTRAS = {extra: {_name(r) for r in reqs} for extra, reqs in PYPROJECT["project"]["optional-dependencies"].items()}
DISTRIBUTIONS = packages_distributions()  # import name -> distributions installed here


def _guarded(tree: ast.AST) -> set[ast.AST]:
    """Import nodes inside a `try` that handles ImportError (an optional extra)."""
    guarded: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
                h.type is not None and "ImportError" in ast.unparse(h.type) for h in node.handlers):
            guarded |= {n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Import | ast.ImportFrom)}
    return guarded


def imports(source: str) -> list[tuple[str, bool]]:
    """(top-level module, guarded) for every absolute import in the source."""
    tree = ast.parse(source)
    guarded = _guarded(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node in guarded) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], node in guarded))
    return found


def notebook_source(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    lines = [line for cell in cells if cell["cell_type"] == "code" for line in "".join(cell["source"]).splitlines()]
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))  # no magics


def sources() -> list[tuple[str, str, set[str]]]:
    """(file, source, distributions it may import) for kg/, tests/ and the notebooks."""
    dev = CORE | EXTRAS.get("dev", set())
    found = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"), CORE)
             for p in sorted((ROOT / "kg").rglob("*.py"))]
    found += [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"), dev)
              for p in sorted((ROOT / "tests").rglob("*.py"))]
    found += [(str(p.relative_to(ROOT)), notebook_source(p), dev) for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    return found


def undeclared(path: str, source: str, allowed: set[str]) -> list[str]:
    local = {p.stem for p in (ROOT / path).parent.glob("*.py")} | {"kg"}
    problems = []
    for module, guarded in imports(source):
        if module in sys.stdlib_module_names or module in local or module == "__future__":
            continue
        dists = {_name(d) for d in DISTRIBUTIONS.get(module, [])}
        if not dists:
            problems.append(f"{path}: imports {module}, which no installed distribution provides")
            continue
        ok = allowed | (set().union(*EXTRAS.values()) if guarded else set())
        if not dists & ok:
            problems.append(f"{path}: imports {module} ({', '.join(sorted(dists))}), not declared in pyproject.toml")
    return problems


def test_dependencies_every_import_is_declared() -> None:
    problems = [p for path, source, allowed in sources() for p in undeclared(path, source, allowed)]
    assert problems == []


@pytest.mark.parametrize(("source", "allowed", "expected"), [
    ("import rdflib.namespace\n", set(), ["x.py: imports rdflib (rdflib), not declared"]),
    ("import json\nfrom kg import cli\n", set(), []),
    ("import rdflib\n", {"rdflib"}, []),
    ("try:\n    from distributed import Client\nexcept ImportError:\n    Client = None\n", set(), []),
    ("import no_such_module_anywhere\n", set(), ["x.py: imports no_such_module_anywhere, which no installed"]),
])
def test_dependencies_undeclared_finds_the_import(source: str, allowed: set[str], expected: list[str]) -> None:
    found = undeclared("x.py", source, allowed)
    assert len(found) == len(expected) and all(f.startswith(e) for f, e in zip(found, expected, strict=True))
