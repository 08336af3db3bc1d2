"""End to end on the 24 development articles (tests/corpus/dev): SHACL, and minimum scores.

These articles were not read while the rules were written for the seeds; the floors below
sit just under what the build scores today (README, quality), so a drop fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval import score
from kg.graph.validate import validate

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "corpus" / "dev"

# floors per property (dev has at least 10 gold facts of each): issue 12 asks F1 >= 0.60 for every one;
# where a property is well above it, its floor guards what there is (a little below today's figure)
PROPERTY_FLOORS = {
    "developedBy": 0.85, "releaseDate": 0.66, "worksFor": 0.80, "country": 0.83, "parameterCount": 0.76,
    "parentOrganization": 0.72, "valuation": 0.60, "successorOf": 0.60, "investmentPlan": 0.60,
    "ranking": 0.60, "activeParameterCount": 0.60, "basedOn": 0.60, "usesHardware": 0.60, "uses": 0.60,
}


@pytest.fixture(scope="module")
def dev_graph(tmp_path_factory) -> Path:
    from kg.pipeline import build_graph_file

    out = tmp_path_factory.mktemp("dev") / "dev.trig"
    report = build_graph_file([DEV / "articles"], out)
    assert report.articles == 24 and not report.skipped
    return out


def test_e2e_dev_graph_conforms_to_the_shapes(dev_graph):
    result = validate(dev_graph)
    assert result.conforms, result.text[:3000]


def test_e2e_dev_scores_reach_the_floors(dev_graph):
    report = score(dev_graph, DEV / "gold")
    summary = report.summary()
    assert summary["entity_f1"] >= 0.92, report.summary_line()
    assert summary["fact_f1"] >= 0.75, report.summary_line()
    assert summary["claim_p"] >= 0.95 and summary["claim_r"] >= 0.90, report.summary_line()
    assert summary["absent_hits"] == 0 and summary["missing_articles"] == 0
    assert summary["author_fn"] == 0 and summary["author_fp"] == 0
    for cls in ("AIModel", "Person"):
        assert report.by_type[cls].f1 >= 0.90, (cls, report.by_type[cls])
    for prop, floor in PROPERTY_FLOORS.items():
        assert report.by_property[prop].f1 >= floor, (prop, report.by_property[prop])
