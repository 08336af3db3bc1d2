"""`kg build --cluster`: per-article extraction on a Dask distributed cluster gives the serial graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build_graph_file

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.slow
def test_cluster_build_equals_serial_build(tmp_path):
    """A file, and a store with its merged view (the default graph), as a serial build writes them."""
    distributed = pytest.importorskip("distributed")
    import pyoxigraph as ox

    serial, serial_store = tmp_path / "serial.nq", tmp_path / "serial-store"
    build_graph_file([SEEDS], serial)
    build_graph_file([SEEDS], serial_store)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        clustered, clustered_store = tmp_path / "cluster.nq", tmp_path / "cluster-store"
        report = build_graph_file([SEEDS], clustered, cluster=cluster.scheduler_address)
        build_graph_file([SEEDS], clustered_store, cluster=cluster.scheduler_address)
    assert report.articles == 5
    assert clustered.read_bytes() == serial.read_bytes()
    expected = ox.Store.read_only(str(serial_store))
    assert next(expected.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None  # the view
    assert sorted(map(str, ox.Store.read_only(str(clustered_store)))) == sorted(map(str, expected))


def test_cluster_unreachable_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("distributed")
    from kg.errors import UserError

    with pytest.raises(UserError, match="cannot reach the Dask scheduler"):
        build_graph_file([SEEDS], tmp_path / "g.nq", cluster="tcp://127.0.0.1:1")
