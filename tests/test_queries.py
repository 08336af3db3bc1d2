"""Saved queries: each one on the fixtures, with the exact rows it must answer.

`mini.trig` is the builder-shaped fixture; `queries.trig` adds the cases mini
lacks (conflicting and agreeing values, lineage, money, quotes in labels) and
`answers.trig` those of background knowledge and of values that change over time.
Rows are compared as Python values (`QueryResult.values()`).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import UserError
from kg.graph.store import load_file, open_store
from kg.query import (
    bind_params,
    get_saved,
    has_dataset_clause,
    list_saved,
    param_term,
    parse_saved,
    run_query,
    run_saved,
    saved_sparql,
)

FIXTURES = Path(__file__).parent / "fixtures"
MINI_PARAMS = {
    "entity-card": {"thing": "딥시크"},
    "claims-about": {"thing": "china"},
    "articles-mentioning": {"thing": "h800"},
}


@pytest.fixture(scope="module")
def mini() -> ox.Store:
    return open_store(FIXTURES / "mini.trig")


@pytest.fixture(scope="module")
def both() -> ox.Store:
    store = open_store(FIXTURES / "mini.trig")
    load_file(store, FIXTURES / "queries.trig")
    load_file(store, FIXTURES / "answers.trig")
    return store


# Expected answers on mini.trig: name -> (columns, rows). Parameters as in MINI_PARAMS.
MINI = {
    "articles-by-date": (
        ("published", "file", "headline", "publisher", "things", "claims"),
        [
            ("2025-02-01", "a1.txt", "딥시크 V3 공개", "PADO", 11, 11),
            ("2025-03-07", "a2.txt", "알리바바, 큐원3 공개", None, 6, 4),
        ],
    ),
    "articles-mentioning": (
        ("published", "file", "headline", "publisher"),
        [("2025-02-01", "a1.txt", "딥시크 V3 공개", "PADO")],
    ),
    "claims-about": (
        ("about", "stated_by", "claim_type", "evidence", "source", "published"),
        [
            (
                "China",
                "The New York Times",
                "assessment",
                "NYT는 중국이 미국에 최소 1년 이상 뒤지고 있다고 전망했다.",
                "a2.txt",
                "2025-03-07",
            )
        ],
    ),
    "claims-by-speaker": (
        ("stated_by", "claim_type", "about", "evidence", "source", "published"),
        [
            (
                "Paul Gauthier",
                "comparison",
                "DeepSeek-V3",
                "에이더의 창립자인 폴 고티에는 V3가 o1을 제외한 모든 모델을 능가했다고 밝혔다.",
                "a1.txt",
                "2025-02-01",
            ),
            (
                "The New York Times",
                "assessment",
                "China",
                "NYT는 중국이 미국에 최소 1년 이상 뒤지고 있다고 전망했다.",
                "a2.txt",
                "2025-03-07",
            ),
            (
                "The New York Times",
                "assessment",
                "United States",
                "NYT는 중국이 미국에 최소 1년 이상 뒤지고 있다고 전망했다.",
                "a2.txt",
                "2025-03-07",
            ),
            (
                "The New York Times",
                "fact",
                "DeepSeek-V3",
                "V3는 6710억 개의 파라미터를 가졌다.",
                "a2.txt",
                "2025-03-07",
            ),
            (
                "업계 관계자",
                "forecast",
                "DeepSeek",
                "업계 관계자는 딥시크가 더 성장할 것이라고 말했다.",
                "a2.txt",
                "2025-03-07",
            ),
        ],
    ),
    "class-counts": (
        ("class", "count"),
        [
            ("Claim", 21),
            ("Organization", 6),
            ("AIModel", 3),
            ("Company", 3),
            ("Article", 2),
            ("Country", 2),
            ("Hardware", 1),
            ("Leaderboard", 1),
            ("MonetaryAmount", 1),
            ("Person", 1),
            ("Ranking", 1),
        ],
    ),
    "conflicts": (
        ("subject", "property", "kind", "value", "date", "evidence", "source"),
        [
            (
                "DeepSeek-V3",
                "parameterCount",
                "disagree",
                "671000000000",
                "2025-03-07",
                "V3는 6710억 개의 파라미터를 가졌다.",
                "a2.txt",
            ),
            (
                "DeepSeek-V3",
                "parameterCount",
                "disagree",
                "685000000000",
                "2025-02-01",
                "딥시크는 6850억 개의 파라미터를 가진 V3를 발표했다.",
                "a1.txt",
            ),
        ],
    ),
    "cost-per-parameter": (
        ("model", "cost_type", "cost", "currency", "parameters", "cost_per_billion"),
        [
            ("DeepSeek-V3", "training", 5600000.0, "USD", 685000000000, 8175.18),
            ("DeepSeek-V3", "training", 5600000.0, "USD", 671000000000, 8345.75),
        ],
    ),
    "entity-card": (
        ("subject", "property", "value", "sources", "source", "published", "evidence"),
        [
            ("DeepSeek", "altLabel", "딥시크", None, None, None, None),
            # an article and the knowledge base state it: one row, the article first
            ("DeepSeek", "country", "China", 2, "a1.txt", "2025-02-01", "중국 기업 딥시크는 V3를 공개했다."),
            ("DeepSeek", "label", "DeepSeek", None, None, None, None),
            ("DeepSeek", "mentionedIn", "2 articles", 2, "a1.txt", "2025-02-01", None),
            ("DeepSeek", "type", "Company", None, None, None, None),
            ("DeepSeek", "type", "Organization", None, None, None, None),
            ("DeepSeek-R1", "developedBy", "DeepSeek", 1, "background: aikg knowledge base", None, None),
            ("DeepSeek-V3", "developedBy", "DeepSeek", 1, "background: aikg knowledge base", None, None),
            ("업계 관계자", "forecast", "DeepSeek", 1, "a2.txt", "2025-03-07",
             "업계 관계자는 딥시크가 더 성장할 것이라고 말했다."),
        ],
    ),
    "facts-with-evidence": (
        ("subject", "property", "value", "evidence", "source", "char_start", "char_end", "confidence"),
        [
            (
                "DeepSeek-V3",
                "parameterCount",
                "685000000000",
                "딥시크는 6850억 개의 파라미터를 가진 V3를 발표했다.",
                "a1.txt",
                0,
                31,
                0.85,
            ),
            ("DeepSeek-V3", "modelSizeBytes", "700000000000", "V3의 크기는 약 700기가바이트다.", "a1.txt", 32, 51, 0.8),
            ("DeepSeek-V3", "releaseDate", "2024-12", "지난해 12월, 딥시크는 V3를 발표했다.", "a1.txt", 52, 73, 0.8),
            ("DeepSeek-V3", "ranking", "#7 on LM Arena", "lmsys 랭킹에서 V3는 7위에 올랐다.", "a1.txt", 74, 95, 0.8),
            (
                "DeepSeek-V3",
                "trainingCost",
                "5600000 USD",
                "V3의 훈련 비용은 73억원($5.6M)이다.",
                "a1.txt",
                96,
                120,
                0.8,
            ),
            (
                "Paul Gauthier",
                "worksFor",
                "Aider",
                "에이더의 창립자인 폴 고티에는 V3가 o1을 제외한 모든 모델을 능가했다고 밝혔다.",
                "a1.txt",
                121,
                164,
                0.8,
            ),
            ("DeepSeek", "country", "China", "중국 기업 딥시크는 V3를 공개했다.", "a1.txt", 165, 184, 0.9),
            (
                "Llama 3.1",
                "parameterCount",
                "405000000000",
                "라마 3.1의 파라미터 수는 4050억 개다.",
                "a1.txt",
                185,
                207,
                0.85,
            ),
            ("DeepSeek-V3", "usesHardware", "Nvidia H800", "V3는 H800 칩으로 훈련됐다.", "a1.txt", 208, 224, 0.75),
            ("Llama 3.1", "releaseDate", "2024-07", "메타가 지난해 7월 출시한 라마 3.1", "a1.txt", 225, 244, 0.8),
            (
                "DeepSeek-V3",
                "parameterCount",
                "671000000000",
                "V3는 6710억 개의 파라미터를 가졌다.",
                "a2.txt",
                0,
                22,
                0.85,
            ),
            ("OpenAI", "uses", "DeepSeek-V3", "오픈AI도 V3를 사용하고 있다.", "a2.txt", 23, 40, 0.7),
            ("DeepSeek", "country", "China", None, "background: aikg knowledge base", None, None, 1.0),
            ("DeepSeek-R1", "developedBy", "DeepSeek", None, "background: aikg knowledge base", None, None, 1.0),
            ("DeepSeek-V3", "developedBy", "DeepSeek", None, "background: aikg knowledge base", None, None, 1.0),
            ("Llama 3.1", "developedBy", "Meta", None, "background: aikg knowledge base", None, None, 1.0),
            ("Meta", "country", "United States", None, "background: aikg knowledge base", None, None, 1.0),
            ("OpenAI", "country", "United States", None, "background: aikg knowledge base", None, None, 1.0),
        ],
    ),
    "hardware-users": (
        ("hardware", "user", "user_type", "sources", "source", "published", "evidence"),
        [("Nvidia H800", "DeepSeek-V3", "AIModel", 1, "a1.txt", "2025-02-01", "V3는 H800 칩으로 훈련됐다.")],
    ),
    "investments-and-valuations": (
        ("organization", "kind", "amount", "currency", "period", "sources", "source", "published", "evidence"),
        [],
    ),
    "leaderboard-rankings": (
        ("leaderboard", "rank", "model", "sources", "source", "published", "evidence"),
        [("LM Arena", 7, "DeepSeek-V3", 1, "a1.txt", "2025-02-01", "lmsys 랭킹에서 V3는 7위에 올랐다.")],
    ),
    "linked-entities": (
        ("thing", "type", "wikidata", "alias", "language", "articles"),
        [
            ("China", "Country", "http://www.wikidata.org/entity/Q148", "중국", "ko", 2),
            ("United States", "Country", "http://www.wikidata.org/entity/Q30", "미국", "ko", 1),
        ],
    ),
    "model-lineage": (("model", "relation", "other", "sources", "source", "published", "evidence"), []),
    "models": (
        ("model", "developer", "country", "parameters", "training_cost", "released", "articles"),
        [
            ("DeepSeek-R1", "DeepSeek", "CN", "671000000000", None, None, 1),
            ("DeepSeek-V3", "DeepSeek", "CN", "671000000000 / 685000000000", "5600000 USD", "2024-12", 2),
            ("Llama 3.1", "Meta", "US", "405000000000", None, "2024-07", 1),
        ],
    ),
    "models-by-size": (
        ("model", "developer", "parameters", "billions", "active_parameters", "size_bytes", "articles"),
        [
            ("DeepSeek-V3", "DeepSeek", 685000000000, 685.0, None, "700000000000", 2),
            ("DeepSeek-R1", "DeepSeek", 671000000000, 671.0, None, None, 1),
            ("DeepSeek-V3", "DeepSeek", 671000000000, 671.0, None, "700000000000", 2),
            ("Llama 3.1", "Meta", 405000000000, 405.0, None, None, 1),
        ],
    ),
    "models-per-country": (
        ("country", "country_name", "models", "largest"),
        [("CN", "China", 2, 685000000000), ("US", "United States", 1, 405000000000)],
    ),
    "most-mentioned": (
        ("thing", "type", "articles"),
        [
            ("China", "Country", 2),
            ("DeepSeek", "Organization", 2),
            ("DeepSeek-V3", "AIModel", 2),
            ("OpenAI", "Organization", 2),
            ("DeepSeek-R1", "AIModel", 1),
            ("Llama 3.1", "AIModel", 1),
            ("LM Arena", "Leaderboard", 1),
            ("Meta", "Organization", 1),
            ("Nvidia H800", "Hardware", 1),
            ("PADO", "Organization", 1),
            ("Paul Gauthier", "Person", 1),
            ("The New York Times", "Organization", 1),
            ("United States", "Country", 1),
        ],
    ),
    "organizations": (
        ("organization", "country", "parent", "articles"),
        [
            ("DeepSeek", "CN", None, 2),
            ("Meta", "US", None, 1),
            ("OpenAI", "US", None, 2),
            ("PADO", None, None, 1),
            ("The New York Times", None, None, 1),
        ],
    ),
    "people-and-organizations": (
        ("person", "organization", "role", "sources", "source", "published", "evidence"),
        [
            (
                "Paul Gauthier",
                "Aider",
                "founder",
                1,
                "a1.txt",
                "2025-02-01",
                "에이더의 창립자인 폴 고티에는 V3가 o1을 제외한 모든 모델을 능가했다고 밝혔다.",
            )
        ],
    ),
    "release-timeline": (
        ("released", "model", "developer", "sources", "source", "published", "evidence"),
        [
            ("2024-07", "Llama 3.1", "Meta", 1, "a1.txt", "2025-02-01", "메타가 지난해 7월 출시한 라마 3.1"),
            ("2024-12", "DeepSeek-V3", "DeepSeek", 1, "a1.txt", "2025-02-01", "지난해 12월, 딥시크는 V3를 발표했다."),
        ],
    ),
    "single-source-facts": (
        ("subject", "property", "value", "evidence", "source"),
        [
            ("DeepSeek-V3", "modelSizeBytes", "700000000000", "V3의 크기는 약 700기가바이트다.", "a1.txt"),
            (
                "DeepSeek-V3",
                "parameterCount",
                "685000000000",
                "딥시크는 6850억 개의 파라미터를 가진 V3를 발표했다.",
                "a1.txt",
            ),
            ("DeepSeek-V3", "ranking", "#7 on LM Arena", "lmsys 랭킹에서 V3는 7위에 올랐다.", "a1.txt"),
            ("DeepSeek-V3", "releaseDate", "2024-12", "지난해 12월, 딥시크는 V3를 발표했다.", "a1.txt"),
            ("DeepSeek-V3", "trainingCost", "5600000 USD", "V3의 훈련 비용은 73억원($5.6M)이다.", "a1.txt"),
            ("DeepSeek-V3", "usesHardware", "Nvidia H800", "V3는 H800 칩으로 훈련됐다.", "a1.txt"),
            ("Llama 3.1", "parameterCount", "405000000000", "라마 3.1의 파라미터 수는 4050억 개다.", "a1.txt"),
            ("Llama 3.1", "releaseDate", "2024-07", "메타가 지난해 7월 출시한 라마 3.1", "a1.txt"),
            (
                "Paul Gauthier",
                "worksFor",
                "Aider",
                "에이더의 창립자인 폴 고티에는 V3가 o1을 제외한 모든 모델을 능가했다고 밝혔다.",
                "a1.txt",
            ),
            ("DeepSeek-V3", "parameterCount", "671000000000", "V3는 6710억 개의 파라미터를 가졌다.", "a2.txt"),
            ("OpenAI", "uses", "DeepSeek-V3", "오픈AI도 V3를 사용하고 있다.", "a2.txt"),
        ],
    ),
    "stock-changes": (("organization", "change_percent", "sources", "source", "published", "evidence"), []),
    "us-vs-china-models": (
        ("country", "model", "developer", "parameters", "released", "articles"),
        [
            ("US", "Llama 3.1", "Meta", "405000000000", "2024-07", 1),
            ("CN", "DeepSeek-R1", "DeepSeek", "671000000000", None, 1),
            ("CN", "DeepSeek-V3", "DeepSeek", "671000000000 / 685000000000", "2024-12", 2),
        ],
    ),
    "who-uses-whom": (
        ("user", "used", "used_type", "sources", "source", "published", "evidence"),
        [("OpenAI", "DeepSeek-V3", "AIModel", 1, "a2.txt", "2025-03-07", "오픈AI도 V3를 사용하고 있다.")],
    ),
}


# Expected answers on mini.trig + queries.trig + answers.trig: (name, params, rows).
BOTH = [
    (
        "conflicts",
        {},
        [
            (
                "DeepSeek-V3",
                "parameterCount",
                "disagree",
                "671000000000",
                "2025-03-07",
                "V3는 6710억 개의 파라미터를 가졌다.",
                "a2.txt",
            ),
            (
                "DeepSeek-V3",
                "parameterCount",
                "disagree",
                "685000000000",
                "2025-02-01",
                "딥시크는 6850억 개의 파라미터를 가진 V3를 발표했다.",
                "a1.txt",
            ),
            (
                "DeepSeek-V3",
                "parameterCount",
                "disagree",
                "685000000000",
                None,
                "V3의 매개변수는 6850억 개다.",
                "a4.txt",
            ),
            (
                "Llama 3.1",
                "releaseDate",
                "disagree",
                "2024-07",
                "2025-02-01",
                "메타가 지난해 7월 출시한 라마 3.1",
                "a1.txt",
            ),
            (
                "Llama 3.1",
                "releaseDate",
                "disagree",
                "2024-08",
                "2025-03-10",
                "라마 3.1은 지난해 8월 나왔다.",
                "a3.txt",
            ),
            ("Nvidia", "stockChange", "series", "3.1", "2024-10-03", "엔비디아 주가는 3.1% 올랐다.", "a5.txt"),
            ("Nvidia", "stockChange", "series", "-16.9", "2025-03-10", "엔비디아 주가는 16.9% 급락했다.", "a3.txt"),
            (
                "OpenAI",
                "valuation",
                "series",
                "157000000000 USD",
                "2024-10-03",
                "오픈AI, 기업가치 1570억 달러 인정받아",
                "a5.txt",
            ),
            (
                "OpenAI",
                "valuation",
                "series",
                "157000000000 USD",
                "2024-10-03",
                "오픈AI는 1570억 달러의 기업가치를 인정받았다.",
                "a5.txt",
            ),
            (
                "OpenAI",
                "valuation",
                "series",
                "300000000000 USD",
                "2025-03-10",
                "오픈AI의 기업가치는 3000억 달러다.",
                "a3.txt",
            ),
            (
                "Qwen3",
                "activeParameterCount",
                "disagree",
                "22000000000",
                "2024-10-03",
                "큐원3는 한 번에 220억 개의 파라미터만 쓴다.",
                "a5.txt",
            ),
            (
                "Qwen3",
                "activeParameterCount",
                "disagree",
                "30000000000",
                "2024-10-03",
                "활성 파라미터는 300억 개라는 설명도 있다.",
                "a5.txt",
            ),
        ],
    ),
    (
        "model-lineage",
        {},
        [
            ("DeepSeek-R1", "basedOn", "DeepSeek-V3", 1, "a3.txt", "2025-03-10", "R1은 V3를 기반으로 만들어졌다."),
            ("DeepSeek-V3", "successorOf", "DeepSeek-V2", 1, "background: aikg knowledge base, as of 2025-11", None,
             None),
            ("Qwen3", "successorOf", "Qwen2.5-Max", 1, "a3.txt", "2025-03-10", "큐원3는 큐원2.5-맥스의 후속 모델이다."),
        ],
    ),
    (
        "investments-and-valuations",
        {},
        [
            (
                "Alibaba",
                "investment plan",
                380000000000.0,
                "CNY",
                "P3Y",
                1,
                "a3.txt",
                "2025-03-10",
                "알리바바는 3년간 3800억 위안을 투자하겠다고 밝혔다.",
            ),
            (
                "OpenAI",
                "valuation",
                300000000000.0,
                "USD",
                None,
                1,
                "a3.txt",
                "2025-03-10",
                "오픈AI의 기업가치는 3000억 달러다.",
            ),
            (
                "OpenAI",
                "valuation",
                157000000000.0,
                "USD",
                None,
                1,
                "a5.txt",
                "2024-10-03",
                "오픈AI, 기업가치 1570억 달러 인정받아",
            ),
        ],
    ),
    (
        "stock-changes",
        {},
        [
            ("Nvidia", -16.9, 1, "a3.txt", "2025-03-10", "엔비디아 주가는 16.9% 급락했다."),
            ("Nvidia", 3.1, 1, "a5.txt", "2024-10-03", "엔비디아 주가는 3.1% 올랐다."),
        ],
    ),
    (
        "articles-by-date",
        {},
        [
            ("2024-10-03", "a5.txt", "오픈AI, 기업가치 1570억 달러 인정받아", None, 3, 5),
            ("2025-02-01", "a1.txt", "딥시크 V3 공개", "PADO", 11, 11),
            ("2025-03-07", "a2.txt", "알리바바, 큐원3 공개", None, 6, 4),
            ("2025-03-10", "a3.txt", "알리바바 3년간 3800억 위안 투자", "The New York Times", 13, 15),
            (None, "a4.txt", "제목 없는 기사", None, 2, 1),
        ],
    ),
    (
        "people-and-organizations",
        {},
        [
            ("Liang Wenfeng", "DeepSeek", "CEO", 1, "a3.txt", "2025-03-10", "딥시크 CEO 량원펑은 말했다."),
            # background, marked as such: an article naming another employer does not hide it
            ("Liang Wenfeng", "High-Flyer", "founder", 1, "background: aikg knowledge base, as of 2025-11", None, None),
            (
                "Paul Gauthier",
                "Aider",
                "founder",
                1,
                "a1.txt",
                "2025-02-01",
                "에이더의 창립자인 폴 고티에는 V3가 o1을 제외한 모든 모델을 능가했다고 밝혔다.",
            ),
            # the article names no role; the knowledge base's (CEO) is the background's, counted as a source
            ("Sam Altman", "OpenAI", "CEO", 2, "a3.txt", "2025-03-10", "오픈AI의 샘 올트먼도 같은 의견이다."),
        ],
    ),
    (
        "hardware-users",
        {},
        [
            ("Nvidia H800", "Alibaba", "Organization", 1, "a3.txt", "2025-03-10", "알리바바도 H800을 쓴다."),
            ("Nvidia H800", "DeepSeek-V3", "AIModel", 1, "a1.txt", "2025-02-01", "V3는 H800 칩으로 훈련됐다."),
        ],
    ),
    (
        "cost-per-parameter",
        {},
        [
            ("DeepSeek-V3", "training", 5600000.0, "USD", 685000000000, 8175.18),
            ("DeepSeek-V3", "training", 5600000.0, "USD", 671000000000, 8345.75),
            ("DeepSeek-R1", "training", 6000000.0, "USD", 671000000000, 8941.88),
        ],
    ),
    (
        "models",
        {},
        [
            ("DeepSeek-R1", "DeepSeek", "CN", "671000000000", "6000000 USD", None, 2),
            # 2024-12 and 2024-12-26 agree: the more precise stays; 2024-07 and 2024-08 disagree: both
            ("DeepSeek-V3", "DeepSeek", "CN", "671000000000 / 685000000000", "5600000 USD", "2024-12-26", 4),
            ("Llama 3.1", "Meta", "US", "405000000000", None, "2024-07 / 2024-08", 2),
            ("Qwen2.5-Max", "Alibaba", "CN", None, None, None, 1),
            ("Qwen3", "Alibaba", "CN", "235000000000", None, None, 3),
        ],
    ),
    ("models-per-country", {}, [("CN", "China", 4, 685000000000), ("US", "United States", 1, 405000000000)]),
    (
        "release-timeline",
        {},
        [
            ("2024-07", "Llama 3.1", "Meta", 1, "a1.txt", "2025-02-01", "메타가 지난해 7월 출시한 라마 3.1"),
            ("2024-08", "Llama 3.1", "Meta", 1, "a3.txt", "2025-03-10", "라마 3.1은 지난해 8월 나왔다."),
            ("2024-12", "DeepSeek-V3", "DeepSeek", 1, "a1.txt", "2025-02-01", "지난해 12월, 딥시크는 V3를 발표했다."),
            ("2024-12-26", "DeepSeek-V3", "DeepSeek", 1, "a3.txt", "2025-03-10", "V3는 2024년 12월 26일 공개됐다."),
        ],
    ),
    (
        "organizations",
        {},
        [
            ("Alibaba", "CN", None, 1),
            ("Alibaba Cloud", None, "Alibaba", 1),
            ("DeepSeek", "CN", "High-Flyer", 2),
            ("Meta", "US", None, 1),
            ("Nvidia", "US", None, 2),
            ("OpenAI", "US", None, 4),
            ("PADO", None, None, 1),
            ('Quote "Lab" {x}', None, None, 1),
            ("The New York Times", None, None, 1),
        ],
    ),
    (
        "models-by-size",
        {},
        [
            ("DeepSeek-V3", "DeepSeek", 685000000000, 685.0, None, "700000000000", 4),
            ("DeepSeek-R1", "DeepSeek", 671000000000, 671.0, None, None, 2),
            ("DeepSeek-V3", "DeepSeek", 671000000000, 671.0, None, "700000000000", 4),
            ("Llama 3.1", "Meta", 405000000000, 405.0, None, None, 2),
            # two active counts for one size: one row, both in the cell
            ("Qwen3", "Alibaba", 235000000000, 235.0, "22000000000 / 30000000000", None, 3),
        ],
    ),
    (
        "entity-card",
        {"thing": 'quote "LAB" {x}'},
        [
            ('Quote "Lab" {x}', "label", 'Quote "Lab" {x}', None, None, None, None),
            ('Quote "Lab" {x}', "mentionedIn", "1 article", 1, "a3.txt", "2025-03-10", None),
            ('Quote "Lab" {x}', "type", "Organization", None, None, None, None),
            (
                '한 "소식통" {익명}',
                "forecast",
                'Quote "Lab" {x}',
                1,
                "a3.txt",
                "2025-03-10",
                '한 "소식통"은 Quote Lab이 곧 모델을 낼 것이라고 했다.',
            ),
        ],
    ),
    (
        "claims-by-speaker",
        {"speaker": '한 "소식통" {익명}'},
        [
            (
                '한 "소식통" {익명}',
                "forecast",
                'Quote "Lab" {x}',
                '한 "소식통"은 Quote Lab이 곧 모델을 낼 것이라고 했다.',
                "a3.txt",
                "2025-03-10",
            )
        ],
    ),
    (
        "claims-by-speaker",
        {"speaker": "량원펑"},
        [
            (
                "Liang Wenfeng",
                "comparison",
                "DeepSeek-R1",
                "량원펑은 R1이 큐원3보다 낫다고 말했다.",
                "a3.txt",
                "2025-03-10",
            ),
            ("Liang Wenfeng", "comparison", "Qwen3", "량원펑은 R1이 큐원3보다 낫다고 말했다.", "a3.txt", "2025-03-10"),
        ],
    ),
    (
        "claims-about",
        {"thing": "큐원3"},
        [("Qwen3", "Liang Wenfeng", "comparison", "량원펑은 R1이 큐원3보다 낫다고 말했다.", "a3.txt", "2025-03-10")],
    ),
    (
        "articles-mentioning",
        {"thing": "<https://w3id.org/aikg/id/qwen-3>"},
        [
            ("2025-03-10", "a3.txt", "알리바바 3년간 3800억 위안 투자", "The New York Times"),
            ("2024-10-03", "a5.txt", "오픈AI, 기업가치 1570억 달러 인정받아", None),
            (None, "a4.txt", "제목 없는 기사", None),
        ],
    ),
    (
        "single-source-facts",
        {},
        [
            ("DeepSeek-V3", "modelSizeBytes", "700000000000", "V3의 크기는 약 700기가바이트다.", "a1.txt"),
            ("DeepSeek-V3", "ranking", "#7 on LM Arena", "lmsys 랭킹에서 V3는 7위에 올랐다.", "a1.txt"),
            ("DeepSeek-V3", "releaseDate", "2024-12", "지난해 12월, 딥시크는 V3를 발표했다.", "a1.txt"),
            ("DeepSeek-V3", "usesHardware", "Nvidia H800", "V3는 H800 칩으로 훈련됐다.", "a1.txt"),
            ("Llama 3.1", "parameterCount", "405000000000", "라마 3.1의 파라미터 수는 4050억 개다.", "a1.txt"),
            ("Llama 3.1", "releaseDate", "2024-07", "메타가 지난해 7월 출시한 라마 3.1", "a1.txt"),
            (
                "Paul Gauthier",
                "worksFor",
                "Aider",
                "에이더의 창립자인 폴 고티에는 V3가 o1을 제외한 모든 모델을 능가했다고 밝혔다.",
                "a1.txt",
            ),
            ("DeepSeek-V3", "parameterCount", "671000000000", "V3는 6710억 개의 파라미터를 가졌다.", "a2.txt"),
            ("OpenAI", "uses", "DeepSeek-V3", "오픈AI도 V3를 사용하고 있다.", "a2.txt"),
            (
                "Alibaba",
                "investmentPlan",
                "380000000000 CNY",
                "알리바바는 3년간 3800억 위안을 투자하겠다고 밝혔다.",
                "a3.txt",
            ),
            ("Alibaba", "usesHardware", "Nvidia H800", "알리바바도 H800을 쓴다.", "a3.txt"),
            ("Alibaba Cloud", "parentOrganization", "Alibaba", "알리바바의 자회사 알리바바 클라우드", "a3.txt"),
            ("DeepSeek-R1", "basedOn", "DeepSeek-V3", "R1은 V3를 기반으로 만들어졌다.", "a3.txt"),
            ("DeepSeek-R1", "trainingCost", "6000000 USD", "R1 훈련에는 600만 달러가 들었다.", "a3.txt"),
            ("DeepSeek-V3", "releaseDate", "2024-12-26", "V3는 2024년 12월 26일 공개됐다.", "a3.txt"),
            ("Liang Wenfeng", "worksFor", "DeepSeek", "딥시크 CEO 량원펑은 말했다.", "a3.txt"),
            ("Llama 3.1", "releaseDate", "2024-08", "라마 3.1은 지난해 8월 나왔다.", "a3.txt"),
            ("Nvidia", "stockChange", "-16.9", "엔비디아 주가는 16.9% 급락했다.", "a3.txt"),
            ("OpenAI", "valuation", "300000000000 USD", "오픈AI의 기업가치는 3000억 달러다.", "a3.txt"),
            ("Qwen3", "successorOf", "Qwen2.5-Max", "큐원3는 큐원2.5-맥스의 후속 모델이다.", "a3.txt"),
            ("Nvidia", "stockChange", "3.1", "엔비디아 주가는 3.1% 올랐다.", "a5.txt"),
            ("OpenAI", "valuation", "157000000000 USD", "오픈AI, 기업가치 1570억 달러 인정받아", "a5.txt"),
            ("OpenAI", "valuation", "157000000000 USD", "오픈AI는 1570억 달러의 기업가치를 인정받았다.", "a5.txt"),
            ("Qwen3", "activeParameterCount", "22000000000", "큐원3는 한 번에 220억 개의 파라미터만 쓴다.", "a5.txt"),
            ("Qwen3", "activeParameterCount", "30000000000", "활성 파라미터는 300억 개라는 설명도 있다.", "a5.txt"),
        ],
    ),
    (
        "entity-card",
        {"thing": "량원펑"},
        [
            ("Liang Wenfeng", "altLabel", "량원펑", None, None, None, None),
            ("Liang Wenfeng", "comparison", "DeepSeek-R1", 1, "a3.txt", "2025-03-10",
             "량원펑은 R1이 큐원3보다 낫다고 말했다."),
            ("Liang Wenfeng", "comparison", "Qwen3", 1, "a3.txt", "2025-03-10",
             "량원펑은 R1이 큐원3보다 낫다고 말했다."),
            ("Liang Wenfeng", "label", "Liang Wenfeng", None, None, None, None),
            ("Liang Wenfeng", "mentionedIn", "1 article", 1, "a3.txt", "2025-03-10", None),
            ("Liang Wenfeng", "type", "Person", None, None, None, None),
            ("Liang Wenfeng", "worksFor", "DeepSeek", 1, "a3.txt", "2025-03-10", "딥시크 CEO 량원펑은 말했다."),
            # the background beside what the article says, marked
            ("Liang Wenfeng", "worksFor", "High-Flyer", 1, "background: aikg knowledge base, as of 2025-11", None,
             None),
        ],
    ),
    (
        "entity-card",
        {"thing": "오픈AI"},
        [
            ("OpenAI", "altLabel", "오픈AI", None, None, None, None),
            ("OpenAI", "country", "United States", 1, "background: aikg knowledge base, as of 2025-11", None, None),
            ("OpenAI", "label", "OpenAI", None, None, None, None),
            # four articles name it; the earliest published comes first
            ("OpenAI", "mentionedIn", "4 articles", 4, "a5.txt", "2024-10-03", None),
            ("OpenAI", "type", "Company", None, None, None, None),
            ("OpenAI", "type", "Organization", None, None, None, None),
            ("OpenAI", "uses", "DeepSeek-V3", 1, "a2.txt", "2025-03-07", "오픈AI도 V3를 사용하고 있다."),
            # stated twice in one article (headline and body): one source, its first sentence
            ("OpenAI", "valuation", "157000000000 USD", 1, "a5.txt", "2024-10-03",
             "오픈AI, 기업가치 1570억 달러 인정받아"),
            ("OpenAI", "valuation", "300000000000 USD", 1, "a3.txt", "2025-03-10",
             "오픈AI의 기업가치는 3000억 달러다."),
            ("Sam Altman", "worksFor", "OpenAI", 2, "a3.txt", "2025-03-10", "오픈AI의 샘 올트먼도 같은 의견이다."),
        ],
    ),
    (
        "entity-card",
        {"thing": "딥시크 V2"},
        [
            ("DeepSeek-V2", "altLabel", "딥시크 V2", None, None, None, None),
            ("DeepSeek-V2", "developedBy", "DeepSeek", 1, "background: aikg knowledge base, as of 2025-11", None, None),
            ("DeepSeek-V2", "label", "DeepSeek-V2", None, None, None, None),
            ("DeepSeek-V2", "type", "AIModel", None, None, None, None),
            ("DeepSeek-V3", "successorOf", "DeepSeek-V2", 1, "background: aikg knowledge base, as of 2025-11", None,
             None),
        ],
    ),
]


def test_queries_at_least_fifteen_saved_each_described() -> None:
    saved = list_saved()
    assert len(saved) >= 15
    for query in saved:
        assert query.description, query.name
        assert "\n" not in query.description
        assert query.text.lstrip().startswith("# description:"), query.name


def test_queries_every_saved_query_is_tested_on_mini() -> None:
    assert sorted(q.name for q in list_saved()) == sorted(MINI)


@pytest.mark.parametrize("name", sorted(MINI))
def test_queries_saved_query_answers_exact_rows_on_mini(mini: ox.Store, name: str) -> None:
    columns, rows = MINI[name]
    result = run_saved(mini, name, MINI_PARAMS.get(name))
    assert tuple(result.columns) == columns
    assert result.values() == rows


@pytest.mark.parametrize(("name", "params", "rows"), BOTH, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(BOTH)])
def test_queries_saved_query_answers_exact_rows_on_both_fixtures(
    both: ox.Store, name: str, params: dict[str, str], rows: list[tuple]
) -> None:
    assert run_saved(both, name, params).values() == rows


@pytest.mark.parametrize("query", list_saved(), ids=lambda q: q.name)
def test_queries_every_saved_query_parses_and_declares_its_params(query) -> None:
    params = {p.name: "x" for p in query.params}
    run_query(ox.Store(), bind_params(query.text, params, query))  # raises on a syntax error
    resolved = {r.param: r.variable for r in query.resolves}
    for param in query.params:
        assert f"VALUES ?{resolved.get(param.name, param.name)} {{ UNDEF }}" in query.text


def test_queries_the_models_query_answers_the_readme_question(mini: ox.Store) -> None:
    """One row per model: conflicting parameter counts both show, in one cell, and multiply nothing."""
    records = run_saved(mini, "models").records()
    v3 = [r for r in records if r["model"] == "DeepSeek-V3"]
    assert len(v3) == 1
    assert v3[0]["parameters"] == "671000000000 / 685000000000"
    assert v3[0]["developer"] == "DeepSeek" and v3[0]["country"] == "CN" and v3[0]["released"] == "2024-12"


@pytest.mark.parametrize(
    "value",
    [
        'x" } } SELECT * WHERE { ?s ?p ?o } #',
        'DeepSeek") || true || ("',
        "DeepSeek' }",
        "back\\slash \\u0022 and \nnewline",
        "} UNION { ?entity ?p ?o }",
    ],
)
def test_queries_parameter_values_cannot_inject(mini: ox.Store, value: str) -> None:
    assert run_saved(mini, "entity-card", {"thing": value}).rows == []


def test_queries_parameter_with_quotes_and_braces_matches_its_label(both: ox.Store) -> None:
    rows = run_saved(both, "claims-about", {"thing": 'Quote "Lab" {x}'}).values()
    assert [r[:3] for r in rows] == [('Quote "Lab" {x}', '한 "소식통" {익명}', "forecast")]


def test_queries_parameter_by_label_alias_or_iri_finds_the_same_thing(mini: ox.Store) -> None:
    by_label = run_saved(mini, "entity-card", {"thing": "DeepSeek"}).values()
    assert by_label == MINI["entity-card"][1]
    assert run_saved(mini, "entity-card", {"thing": "deepseek"}).values() == by_label
    iri = "<https://w3id.org/aikg/id/deepseek>"
    assert run_saved(mini, "entity-card", {"thing": iri}).values() == by_label


def test_queries_optional_parameter_filters_when_given(mini: ox.Store) -> None:
    everyone = run_saved(mini, "claims-by-speaker").values()
    nyt = run_saved(mini, "claims-by-speaker", {"speaker": "NYT"}).values()
    assert len(everyone) == 5
    assert nyt == [r for r in everyone if r[0] == "The New York Times"]
    assert len(nyt) == 3
    assert run_saved(mini, "claims-by-speaker", {"speaker": "업계 관계자"}).values() == [everyone[-1]]


@pytest.mark.parametrize("speaker", ["NYT", "the new york times", "업계 관계자", "아무도 아닌 사람"])
def test_queries_a_resolved_parameter_is_also_bound_as_written(mini: ox.Store, speaker: str) -> None:
    # claims-by-speaker looks the speaker up as things (# resolve:) and matches the text's own
    # words for claims no thing is known to have made: both bindings, in run_saved and inlined
    saved = get_saved("claims-by-speaker")
    inlined = bind_params(saved.text, {"speaker": speaker}, saved)
    assert 'VALUES ?speaker { "' in inlined and "VALUES ?entity { UNDEF }" not in inlined
    expected = [r for r in run_saved(mini, "claims-by-speaker").values()
                if r[0].lower() in {speaker.lower(), "the new york times" if speaker == "NYT" else ""}]
    assert run_saved(mini, "claims-by-speaker", {"speaker": speaker}).values() == expected
    assert sorted(run_query(mini, inlined).values()) == sorted(expected)


def test_queries_missing_required_parameter_is_a_user_error(mini: ox.Store) -> None:
    with pytest.raises(UserError, match="needs --param thing=VALUE"):
        run_saved(mini, "entity-card")


def test_queries_unknown_parameter_is_a_user_error(mini: ox.Store) -> None:
    with pytest.raises(UserError, match="takes thing, not 'who'"):
        run_saved(mini, "entity-card", {"who": "x"})
    with pytest.raises(UserError, match="takes no parameters"):
        run_saved(mini, "models", {"thing": "x"})


def test_queries_unknown_saved_query_suggests_close_names() -> None:
    with pytest.raises(UserError, match="did you mean entity-card"):
        get_saved("entity-cards")


def test_queries_bind_params_writes_one_escaped_literal() -> None:
    text = "SELECT * WHERE { VALUES ?thing { UNDEF } }"
    bound = bind_params(text, {"thing": 'a"b}\\c\nd'})
    assert bound == 'SELECT * WHERE { VALUES ?thing { "a\\"b}\\\\c\\nd" } }'
    solutions = run_query(ox.Store(), bound)
    assert solutions.values() == [('a"b}\\c\nd',)]


def test_queries_bind_params_without_marker_is_a_user_error() -> None:
    with pytest.raises(UserError, match="no `VALUES \\?thing"):
        bind_params("SELECT * WHERE { ?s ?p ?o }", {"thing": "x"})


def test_queries_param_term_reads_iris_and_rejects_bad_ones() -> None:
    assert param_term("<https://w3id.org/aikg/id/x>") == ox.NamedNode("https://w3id.org/aikg/id/x")
    assert param_term("plain") == ox.Literal("plain")
    with pytest.raises(UserError, match="not a valid IRI"):
        param_term("<not an iri>")


def test_queries_parse_saved_reads_description_and_params() -> None:
    text = "# description: Things\n# param: who  the speaker\n# param: when (optional) a date\nSELECT * {}"
    saved = parse_saved("x", text)
    assert saved.description == "Things"
    assert [(p.name, p.description, p.required) for p in saved.params] == [
        ("who", "the speaker", True),
        ("when", "a date", False),
    ]


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", True),
        ("SELECT * FROM NAMED <http://g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("SELECT * from id:graph WHERE { ?s ?p ?o }", True),
        ("SELECT * WHERE { ?s ?p 'FROM <x>' }", False),
        ("# FROM <x>\nSELECT * WHERE { ?s ?p ?o }", False),
        ("SELECT * WHERE { ?s <http://x/from> ?o }", False),
    ],
)
def test_queries_has_dataset_clause(sparql: str, expected: bool) -> None:
    assert has_dataset_clause(sparql) is expected


def test_queries_run_over_the_union_unless_the_query_names_graphs(mini: ox.Store) -> None:
    count = "SELECT (COUNT(*) AS ?n) {} WHERE { ?s a aikg:Article }"
    assert run_query(mini, count.replace("{}", "")).values() == [(2,)]
    only_a1 = count.replace("{}", "FROM <https://w3id.org/aikg/id/graph/a1>")
    assert run_query(mini, only_a1).values() == [(1,)]


# ---------------------------------------------------------------- the news, not the background


def _names(store: ox.Store, query: str, column: str) -> set[str]:
    return {r[column] for r in run_saved(store, query).records()}


def test_queries_listings_name_only_what_articles_name_with_their_counts(both: ox.Store) -> None:
    """DeepSeek-V2 and High-Flyer are in the knowledge base's closure only: no listing shows them."""
    assert "DeepSeek-V2" not in _names(both, "models", "model")
    assert "DeepSeek-V2" not in _names(both, "us-vs-china-models", "model")
    assert "High-Flyer" not in _names(both, "organizations", "organization")
    assert run_saved(both, "models-per-country").values()[0] == ("CN", "China", 4, 685000000000)
    counts = {r["model"]: r["articles"] for r in run_saved(both, "models").records()}
    assert counts["DeepSeek-V3"] == 4 and counts["Qwen2.5-Max"] == 1


def test_queries_background_is_marked_and_never_carries_an_article(both: ox.Store) -> None:
    for name in ("entity-card", "facts-with-evidence", "model-lineage", "people-and-organizations"):
        params = {"thing": "딥시크"} if name == "entity-card" else None
        for row in run_saved(both, name, params).records():
            if row["source"] and row["source"].startswith("background: "):
                assert row["source"] == "background: aikg knowledge base, as of 2025-11"
                assert row["evidence"] is None
            else:
                assert row["source"] is None or row["source"].endswith(".txt"), row


def test_queries_entity_card_shows_background_beside_articles_and_articles_first(both: ox.Store) -> None:
    liang = run_saved(both, "entity-card", {"thing": "량원펑"}).records()
    assert [(r["value"], r["source"]) for r in liang if r["property"] == "worksFor"] == [
        ("DeepSeek", "a3.txt"), ("High-Flyer", "background: aikg knowledge base, as of 2025-11")]
    # stated by an article and the knowledge base: one row, counting both, the article first
    deepseek = run_saved(both, "entity-card", {"thing": "딥시크"}).records()
    assert [(r["sources"], r["source"]) for r in deepseek if r["property"] == "country"] == [(2, "a1.txt")]
    openai = run_saved(both, "entity-card", {"thing": "오픈AI"}).records()
    assert [r["source"] for r in openai if r["property"] == "country"] == [
        "background: aikg knowledge base, as of 2025-11"
    ]


def test_queries_conflicts_disagreements_and_dated_series(both: ox.Store) -> None:
    rows = run_saved(both, "conflicts").records()
    kinds = {(r["subject"], r["property"]): r["kind"] for r in rows}
    assert kinds[("Qwen3", "activeParameterCount")] == "disagree"  # within one article (a5)
    assert kinds[("OpenAI", "valuation")] == kinds[("Nvidia", "stockChange")] == "series"
    series = [(r["date"], r["value"]) for r in rows if r["property"] == "valuation"]
    assert series == sorted(series) and {v for _, v in series} == {"157000000000 USD", "300000000000 USD"}


def test_queries_one_value_stated_twice_is_one_row_per_article(both: ox.Store) -> None:
    rows = [r for r in run_saved(both, "investments-and-valuations").records() if r["kind"] == "valuation"]
    assert [(r["amount"], r["source"], r["evidence"]) for r in rows] == [
        (300000000000.0, "a3.txt", "오픈AI의 기업가치는 3000억 달러다."),
        (157000000000.0, "a5.txt", "오픈AI, 기업가치 1570억 달러 인정받아"),
    ]


DETAIL_LISTINGS = [q.name for q in list_saved() if q.details]


def test_queries_fact_listings_read_their_sources_by_the_fact_key() -> None:
    assert {"release-timeline", "stock-changes", "hardware-users", "model-lineage"} <= set(DETAIL_LISTINGS)


@pytest.mark.parametrize("name", DETAIL_LISTINGS)
def test_queries_a_listing_paged_by_keys_answers_as_its_composed_query(both: ox.Store, name: str) -> None:
    # the two steps (sorted keys, then the page's details) and the one standard query agree, row for row
    params = {"thing": "오픈AI"} if name == "entity-card" else None  # facts, statements and mentions
    whole = run_saved(both, name, params)
    assert whole.total is None
    # every row, read in two steps, is what the one standard query (endpoints, --show-sparql) answers
    assert run_query(both, saved_sparql(name, params)).rows == whole.rows
    for limit in (1, 2, 1000):
        page = run_saved(both, name, params, limit=limit)
        assert page.columns == whole.columns and "fact" not in page.columns
        assert page.rows == whole.rows[:limit] and page.total == len(whole.rows)


def test_queries_a_fact_two_articles_state_is_one_row_with_both_counted_and_the_earlier_first() -> None:
    store = open_store(FIXTURES / "mini.trig")
    # a later article (a2, 2025-03-07) states Llama 3.1's release as a1 (2025-02-01) did
    claim = """<https://w3id.org/aikg/id/claim/again> a aikg:Claim ; rdf:subject ?m ; rdf:predicate aikg:releaseDate ;
                 rdf:object ?d ; aikg:statement ?fact ; aikg:source ?a2 ;
                 aikg:evidence "라마 3.1은 작년 7월에 나왔다." ; aikg:confidence 0.8 ."""
    store.update(f"""
        PREFIX aikg: <https://w3id.org/aikg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        INSERT {{ GRAPH <https://w3id.org/aikg/id/graph/a2> {{ {claim} }} {claim} }}  # the article, the merged view
        WHERE {{ ?c rdf:subject ?m ; rdf:predicate aikg:releaseDate ; rdf:object ?d ; aikg:statement ?fact .
                ?m a aikg:AIModel . FILTER(STR(?d) = "2024-07")
                ?a2 aikg:file "a2.txt" }}""")
    rows = [r for r in run_saved(store, "release-timeline", limit=50).records() if r["model"] == "Llama 3.1"]
    assert len(rows) == 1
    assert (rows[0]["sources"], rows[0]["source"], rows[0]["published"]) == (2, "a1.txt", "2025-02-01")


def test_queries_every_row_of_a_listing_reads_its_details_in_chunks(both: ox.Store, monkeypatch) -> None:
    import kg.query

    whole = run_saved(both, "release-timeline")
    monkeypatch.setattr(kg.query, "DETAIL_CHUNK", 1)  # one key per helper query
    assert run_saved(both, "release-timeline").rows == whole.rows and len(whole) > 1
