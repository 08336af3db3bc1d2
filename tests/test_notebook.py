"""notebooks/explore.ipynb runs top to bottom (real pipeline on seeds/) and is committed without outputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "clear outputs before committing"


@pytest.mark.slow
def test_notebook_runs_top_to_bottom(tmp_path: Path) -> None:
    """The README's command, from the dev extra alone: `jupyter nbconvert --to notebook --execute`."""
    # The kernel inherits this environment: it writes its graph and page into tmp_path, so the
    # build really runs (nothing stale from out/) and the work tree stays clean.
    env = {**os.environ, "AIKG_OUT": str(tmp_path)}
    command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", str(NOTEBOOK),
               "--output-dir", str(tmp_path), "--ExecutePreprocessor.timeout=1200"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]  # names the failing cell and its traceback
    nb = nbformat.read(tmp_path / NOTEBOOK.name, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code), "every cell ran"
    assert not [out for cell in code for out in cell.outputs if out.output_type == "error"]

    assert (tmp_path / "seeds.trig").stat().st_size > 10_000
    page = (tmp_path / "seeds-view.html").read_text(encoding="utf-8")
    assert "aikg-data" in page
    texts = "\n".join(
        out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
    )
    assert "built 5 articles" in texts
    images = sum("image/png" in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
                 for out in cell.outputs)
    assert images >= 3  # two size/cost figures and the timeline
    assert any("text/html" in out.get("data", {}) and "iframe" in out["data"]["text/html"]
               for out in nb.cells[-1].outputs)
