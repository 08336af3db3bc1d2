"""Sentence templates and word lists for `benchmarks/generate.py` (data only, no logic).

Why a data table: the generator's realism lives here, so it can be widened
(more topics, more phrasings) without touching the code that fills it.

Slots are written `{name}` or `{name|particle}`. The particle is given in its
after-consonant form (은, 이, 을, 과, 으로, 이라고, 이며, 이다, 이라는, 이나) and the
generator picks the right form for the slot's value (딥시크는 / 오픈AI는 / 메타는).
A `q` in front of a slot name (`{qmodel|을}`) puts the value in single quotes,
with the particle after the closing quote.

Slots the generator fills (see `generate.Cast.slots`):
  org, org2, org3, startup          organisations (KB or invented); org_intro glosses the first mention
  model, model2, smodel            AI models (KB model of org / org2, or invented for startup)
  person, person2                  first mention with organisation and role; pref, pref2 later ones
  sperson                          an invented person with organisation and role
  country, country2                countries of org and org2
  params, params2, active          counts such as 6,710억 개 / 1조 2,000억 개
  cost, invest, valuation          money with conversions: 73억원($5.6M), 3,800억 위안(한화 약 75조원):
                                   a model's training cost, an organisation's plan and valuation of the year
  round, svaluation, deal          a startup's round and valuation of the year; one-off amounts
  release, release2                the release date of model / model2, absolute or relative to the article
  date, rel, rel2, when, year       other absolute (2025년 1월 28일) and relative (지난 16일, 지난해 9월) dates
  hw, hw_n, lb, rank, rank2, pct    hardware, a count of chips, leaderboard, ranks of model / model2, percent
  size                             the model's size (700GB / 700기가바이트)

A thing's facts (a model's parameter count, release date, cost; an organisation's plan and
valuation of a year; a rank on a leaderboard) are drawn from the thing's own seed, so articles
agree about them, except in a few conflicting reports, as in real news.
  policy, media, analyst, quote, quote2, outlook
"""

from __future__ import annotations

# --------------------------------------------------------------------------- headlines
HEADLINES: dict[str, list[str]] = {
    "release": [
        "{org}, 새 AI 모델 '{model}' 공개…\"{short}\"",
        "{org}, '{model}' 출시…{params} 파라미터로 성능 끌어올려",
        "'{model}' 내놓은 {org}…{country2} 빅테크 추격 본격화",
        "{org} '{model}' 공개, {lb} {rank}위 올라",
        "[AI 브리핑] {org}의 '{model}', 무엇이 달라졌나",
        "{country} AI, 저비용으로 {country2}를 따라잡다 - {org} '{model}' 돌풍",
    ],
    "funding": [
        "{startup}, {round} 투자 유치…기업가치 {svaluation}",
        "{org}, AI 인프라에 {invest} 투입 계획 발표",
        "[단독] {startup} 시리즈B 마무리…\"{short}\"",
        "{org} 등 빅테크, AI 데이터센터 투자 경쟁 가열",
        "몸값 {svaluation} 된 {startup}, 다음 목표는",
    ],
    "market": [
        "{org} 주가 {pct} 급등…'{model}' 효과",
        "{org} 주가 하루 새 {pct} 출렁…\"AI 쇼크\"",
        "AI 쇼크에 {org2} 시가총액 증발…투자자들 \"{short}\"",
        "[마켓 포커스] {org}·{org2}, AI 기대감에 엇갈린 주가",
    ],
    "chips": [
        "{country}, {hw} 수출 막히자 자체 칩 개발 속도",
        "{org}, {hw} {hw_n}로 '{model}' 학습…비용 {cost}",
        "{policy} 강화에 {org} \"{short}\"",
        "{hw} 품귀 속 {org}의 선택은",
    ],
    "people": [
        "{pref} \"{short}\"",
        "{person_plain} \"{short}\"…{org}의 다음 행보는",
        "[인터뷰] {person_plain} \"{short}\"",
        "{org} 떠난 {sperson_plain}, {startup} 합류",
    ],
    "policy": [
        "{country}, '{policy}' 시행 앞두고 업계 긴장",
        "'{policy}' 논란…{org} \"{short}\"",
        "{country} 정부, AI 경쟁력 강화 위해 {deal} 투입",
        "[사설] {policy} 이후의 AI 산업",
    ],
    "benchmark": [
        "'{model}', {lb}에서 {rank}위…{model2} 제쳐",
        "{lb} 순위 지각변동…{org} '{model}' 상위권 진입",
        "{country} 모델, {lb} 상위권 싹쓸이…\"{short}\"",
    ],
}

# Short quotable phrases for headlines (no final period).
SHORTS = [
    "이제는 배포가 승부처",
    "AI 경쟁, 모델 넘어 생태계로",
    "비용이 새로운 기준",
    "오픈소스가 판을 바꾼다",
    "AGI까지 시간이 더 필요",
    "추론 모델이 다음 격전지",
    "격차는 몇 주 단위로 줄었다",
    "칩이 곧 경쟁력",
    "한국형 AI, 지금이 골든타임",
    "수익화가 먼저다",
    "규제는 혁신의 속도를 따라가야",
    "데이터센터가 부족하다",
]

# --------------------------------------------------------------------------- body sentences per topic
TOPIC_SENTENCES: dict[str, list[str]] = {
    "release": [
        "{org_intro|은} {release} 새 대형언어모델(LLM) {qmodel|을} 공개했다.",
        "{qmodel|은} {params}의 파라미터(매개변수)를 가진 모델로, "
        "이 가운데 {active}만 한 번에 활성화되는 전문가 혼합(MoE) 구조를 채택했다.",
        "{params}의 파라미터를 가진 {model|은} 수학과 코딩 등 추론 능력에서 기존 모델을 크게 앞선다.",
        "{org|은} {model|의} 학습에 든 비용이 {cost}에 불과하다고 밝혔다.",
        "{model|의} 크기는 약 {size}로, 일반용 하드웨어에서는 구동하기 어려울 정도로 방대하다.",
        "{release} 공개된 {model|은} 출시 일주일 만에 내려받기 수 100만 건을 넘어섰다.",
        "{org|은} {model|을} 오픈소스로 공개해 누구나 내려받아 수정할 수 있도록 했다.",
        "이 모델은 {lb}에서 {rank}위에 오르며 {org2|의} {model2|과} 어깨를 나란히 했다.",
        "{model|은} {org2|의} {model2|을} 기반으로 미세 조정(fine-tuning)한 버전이다.",
        "{org2|이} {release2} 출시한 {model2|의} 파라미터 수는 {params2}에 그쳤다.",
        "{org|은} 이번 모델이 기존 버전인 {model2|의} 후속작이라고 설명했다.",
        "{model|은} 텍스트뿐 아니라 이미지와 음성까지 이해하는 멀티모달 기능을 갖췄다.",
        "업계에서는 {model|이} {country2|의} 최신 모델과 비교해도 손색이 없다는 평가가 나온다.",
        "{org|은} {release} {model|의} 프리뷰 버전을 먼저 선보인 바 있다.",
        "{model|의} 등장 이후 {country2} 기업들과의 기술 격차가 불과 몇 주 단위로 좁혀졌다.",
        "{org|은} {model|을} 자사 챗봇 서비스에 곧바로 탑재할 계획이다.",
        "회사 측은 {model|이} 한국어와 중국어 등 다국어 처리 능력도 크게 개선됐다고 강조했다.",
    ],
    "funding": [
        "{startup|은} {rel} {round} 규모의 투자를 유치했다고 밝혔다.",
        "이번 투자로 {startup|의} 기업가치는 {svaluation|으로} 평가됐다.",
        "투자에는 {org|과} {org3} 등이 참여했다.",
        "{org_intro|은} 향후 3년간 AI 인프라에 {invest|을} 투자할 계획이라고 발표했다.",
        "{org|은} {when} 데이터센터 확충을 위해 {deal|을} 추가로 투입하기로 했다.",
        "{startup|은} 자체 개발한 {qsmodel|을} 앞세워 기업 고객을 빠르게 늘리고 있다.",
        "{sperson|은} 조달한 자금을 인재 영입과 컴퓨팅 자원 확보에 쓸 것이라고 말했다.",
        "{startup|은} {rel2} 시드 투자 이후 1년도 채 되지 않아 몸값이 열 배 가까이 뛰었다.",
        "업계에서는 {country} AI 스타트업에 대한 투자 열기가 당분간 이어질 것으로 보고 있다.",
        "{org|은} 지난해에도 AI 분야에 {deal|을} 쏟아부었다.",
        "{startup|은} {org|의} {model|을} 활용해 기업용 AI 에이전트를 개발하고 있다.",
    ],
    "market": [
        "{org|의} 주가는 {when} 하루 만에 {pct} 급등했다.",
        "{org2|의} 주가는 같은 날 {pct} 급락하며 시가총액 {deal|이} 증발했다.",
        "{model|의} 출시 소식이 전해지자 {org|의} 주식이 순간적으로 급등(HK {pct})하기도 했다.",
        "시장에서는 {org|의} 기업가치가 {valuation}에 이를 것이라는 관측도 나온다.",
        "{org2|은} 실적 발표에서 AI 관련 매출이 전년 대비 {pct} 늘었다고 밝혔다.",
        "투자자들은 {country} 빅테크들이 막대한 자본 지출을 감당할 수 있을지에 주목하고 있다.",
        "{org|은} 올해 자본 지출 규모를 {deal|으로} 늘려 잡았다.",
        "증권가에서는 AI 반도체 수요가 {year}년까지 꺾이지 않을 것이라는 분석이 우세하다.",
        "{org2|의} 주가는 {rel} 이후 {pct} 하락한 상태다.",
    ],
    "chips": [
        "{org|은} {model|을} 학습하는 데 {hw} {hw_n}를 사용했다.",
        "{country|은} {policy} 탓에 최신 {hw|을} 들여오기 어려운 상황이다.",
        "{org|은} {hw} 대신 자체 개발한 칩으로 학습 비용을 {cost} 수준으로 낮췄다.",
        "{org2|은} {hw|을} 대량으로 확보하기 위해 {deal} 규모의 계약을 체결했다.",
        "{when} {policy|이} 강화되면서 {country} 기업들은 재고 확보에 나섰다.",
        "{hw|은} 고대역폭메모리(HBM)를 탑재해 대규모 모델 학습에 쓰인다.",
        "{org|은} {hw} 기반 클러스터를 {year}년까지 두 배로 늘릴 계획이다.",
        "업계에서는 {country} 기업들이 저사양 칩으로도 최상위 모델을 만들어낸 점에 주목한다.",
        "{org2|은} {hw|의} 후속 제품을 {rel2} 공개하며 공급 계획을 밝혔다.",
    ],
    "people": [
        "{person|은} {when} 한 행사에서 \"{quote}\"라고 말했다.",
        "{pref|은} \"{quote2}\"며 \"{quote}\"라고 강조했다.",
        "{pref|은} {rel} 자신의 엑스(X·옛 트위터) 계정에 {quote2}는 글을 올렸다.",
        "{person2|은} 인터뷰에서 {quote2}고 말했다.",
        "{sperson|은} {org} 출신으로, {rel2} {startup|을} 창업했다.",
        "{pref|은} {org|의} 전략이 모델 경쟁에서 배포 경쟁으로 옮겨가고 있다고 설명했다.",
        "{pref2|은} {country2|이} 여전히 앞서 있지만 격차는 빠르게 줄고 있다고 진단했다.",
        "{person|은} {org|의} 기업가치가 {valuation|을} 넘어설 것이라고 내다봤다.",
    ],
    "policy": [
        "{country} 정부는 {when} {policy|을} 발표하며 AI 산업 육성 의지를 밝혔다.",
        "{policy|은} {year}년까지 과학기술, 산업, 소비 등 6대 분야에 AI를 융합하는 것을 목표로 한다.",
        "{country} 정부는 이를 위해 {deal}의 예산을 편성했다.",
        "{policy|이} 시행되면 {org|과} 같은 기업들은 모델 학습 데이터를 공개해야 한다.",
        "{org|은} {policy|에} 대해 혁신을 가로막을 수 있다며 우려를 나타냈다.",
        "{country2} 상무부는 {rel} {policy|을} 개정해 규제 대상을 넓혔다.",
        "전문가들은 {policy|이} 오히려 {country} 기업들의 자립을 앞당겼다고 분석한다.",
        "국회는 {rel2} 관련 법안을 통과시키며 {year}년 시행을 예고했다.",
    ],
    "benchmark": [
        "{model|은} {lb}에서 {rank}위를 차지했다.",
        "{lb|의} 텍스트-이미지 생성 부문 1위 모델은 {org|의} {qmodel}이었다.",
        "{model2|은} 같은 평가에서 {rank2}위에 머물렀다.",
        "{model|은} 오픈소스 모델 가운데 가장 높은 점수를 받았다.",
        "{lb|은} 사용자들이 두 모델의 답변을 비교해 우열을 가리는 방식으로 순위를 매긴다.",
        "{org|은} {model|이} 수학 벤치마크에서 {pct}의 정답률을 기록했다고 밝혔다.",
        "이는 {release2} 공개된 {model2|의} 점수를 {pct}포인트 웃도는 수준이다.",
    ],
}

# Attributed claims: reporting verbs, hearsay, 'X에 따르면', noun predicates.
CLAIM_SENTENCES = [
    "{pref|은} \"{quote}\"라고 밝혔다.",
    "{person|은} \"{quote}\"라고 말했다.",
    "{media|은} {quote2}고 전했다.",
    "{media|에} 따르면 {org|은} {rel} {qmodel|의} 후속 모델 개발에 착수했다.",
    "{media|에} 따르면 {country|은} 생성형 AI 분야에서 {country2|에} 최소 1년 이상 뒤지고 있다.",
    "{analyst|은} {quote2}고 분석했다.",
    "{analyst|은} \"{quote}\"라고 평가했다.",
    "{analyst|의} 분석에 따르면 {country2|의} 많은 스타트업과 대학이 {country} 모델에 크게 의존하고 있다.",
    "{sperson|은} {outlook}고 전망했다.",
    "업계 관계자는 \"{quote}\"라고 귀띔했다.",
    "{org|은} 공식 블로그에서 \"{quote}\"라고 설명했다.",
    "{pref2|은} {quote2}고 지적했다.",
    "{media|은} {org|이} {model|의} 개발에 {cost|을} 들였다고 보도했다.",
    "{quote2}는 분석이다.",
    "{outlook}는 전망도 나온다.",
    "{analyst|은} {country|이} {year}년 안에 {country2|을} 따라잡을 것이라고 내다봤다.",
]

# Direct quotes (end with 다, so they take 라고 / 고 cleanly).
QUOTES = [
    "AI 승자는 최강의 모델 개발자가 아니라 가장 빠르게 도입한 자가 될 것이다",
    "우리는 더 적은 자원으로 더 좋은 모델을 만들 수 있다는 것을 증명했다",
    "오픈소스는 거스를 수 없는 흐름이다",
    "이제 모델 성능의 격차는 거의 사라졌다",
    "컴퓨팅 자원이 부족한 것이 가장 큰 병목이다",
    "가격 경쟁력이 곧 시장 점유율로 이어질 것이다",
    "AGI에 도달하려면 아직 갈 길이 멀다",
    "추론 능력이 다음 세대 AI의 핵심이다",
    "한국도 독자적인 파운데이션 모델을 반드시 가져야 한다",
    "규제보다 투자가 먼저다",
    "이번 모델은 시작에 불과하다",
    "데이터센터 전력 확보가 가장 시급한 과제다",
]

# Indirect statements (end with 다; used as '…다고 말했다' and '…다는 분석이다').
QUOTES2 = [
    "중국 기업들이 자체적으로 구축하는 AI 모델은 아직 서구 모델에 미치지 못한다",
    "미국이 AGI 달성에만 급급해 전체 기술 스택 개발에는 소홀했다",
    "비용 효율성이 AI 경쟁의 핵심 요소로 부상했다",
    "최상위 모델 간 성능 격차가 빠르게 줄어들고 있다",
    "오픈소스 모델의 확산이 빅테크의 독점을 약화시키고 있다",
    "AI 반도체 수요가 당분간 공급을 웃돌 것이다",
    "중국의 오픈소스 생태계는 이미 미국이 따라잡기 어려운 수준에 이르렀다",
    "저사양 칩으로도 최상위 모델을 학습할 수 있다는 것이 확인됐다",
]

# Forecasts (end with 다; used as '…다고 전망했다' and '…다는 전망도 나온다').
OUTLOOKS = [
    "AI 모델 가격이 내년까지 절반 이하로 떨어질 것이다",
    "AI 강국 외의 국가들은 2부 리그로 전락할 수 있다",
    "추론 모델 경쟁이 올해 하반기 더욱 치열해질 것이다",
    "데이터센터 투자가 향후 5년간 꾸준히 늘어날 것이다",
    "중국 모델의 해외 점유율이 빠르게 높아질 것이다",
]

# Background sentences with few or no things: the bulk of real articles.
FILLER = [
    "AI 기술은 빠르게 발전하고 있지만, 최상위 모델 간 성능 격차는 줄어드는 추세다.",
    "이러한 상황 속에서도 AI 수요는 폭발적으로 증가하고 있으며, "
    "이는 더 많은 데이터센터와 컴퓨팅 자원 수요로 이어지고 있다.",
    "생성형 AI는 텍스트, 이미지, 음성, 코드 등을 새롭게 만들어낼 수 있는 인공지능 모델이다.",
    "기존 데이터를 학습해 패턴을 이해하고, 새로운 콘텐츠를 만들어내는 것이 특징이다.",
    "과거에는 얼마나 더 뛰어난 모델을 개발하느냐에 초점이 맞춰졌다면, "
    "이제는 개발된 AI를 얼마나 빠르게 실제 산업에 적용하느냐가 경쟁력의 핵심이 되고 있다.",
    "추론 모델은 문제를 구성 요소별로 나누고 여러 접근법을 시험한 뒤 최종 결론을 도출한다.",
    "개별 규칙인 파라미터는 합쳐져 거대한 인간 뇌신경 같은 뉴럴 네트워크를 구성한다.",
    "모델의 크기가 특정 수준으로 수렴하는 경향을 보이면서 비용 효율성이 새로운 화두로 떠올랐다.",
    "고가의 AI 인프라 구축이 부담스러운 스타트업에게 오픈소스 모델은 매력적인 대안이 될 수 있다.",
    "전문가들은 AI 경쟁이 막대한 투자를 동반하는 만큼 승자와 패자가 뚜렷하게 갈릴 것으로 보고 있다.",
    "특히 전력과 냉각 설비를 갖춘 데이터센터 부지를 확보하는 것이 새로운 과제로 떠올랐다.",
    "AI 기술이 연구 단계를 넘어 우리가 사용하는 서비스와 제품 전반에 깊숙이 통합되고 있다.",
    "이는 우리 일반 사용자들에게도 직접적인 영향을 미칠 수 있는 부분이다.",
    "더 발전된 AI 기반의 개인 맞춤형 서비스와 공공 서비스의 질적 개선도 기대해 볼 수 있다.",
    "반면 저작권과 개인정보 보호 문제는 여전히 풀어야 할 숙제로 남아 있다.",
    "학습 데이터의 품질이 모델 성능을 좌우한다는 점에서 고품질 데이터 확보 경쟁도 치열하다.",
    "각국 정부는 자국 AI 산업을 지키기 위해 보조금과 규제를 동시에 꺼내 들고 있다.",
    "AI 에이전트가 사람 대신 업무를 처리하는 시대가 생각보다 빨리 올 수 있다는 관측도 있다.",
    "하지만 막대한 지출에 비해 수익화 속도가 더디다는 지적도 꾸준히 제기된다.",
    "한편 국내 기업들도 자체 모델 개발과 해외 모델 도입 사이에서 전략을 고민하고 있다.",
    "우수한 인재를 확보하기 위한 경쟁도 한층 치열해졌다.",
    "결국 누가 앞섰는지 따지는 것보다 중요한 것은 기술을 어떻게 활용하느냐다.",
]

# Section headings inside the body (lines of their own).
SUBHEADS = [
    "◇ {short}",
    "■ {org}의 전략은",
    "◆ {country} AI, 어디까지 왔나",
    "▶ 비용 경쟁의 시작",
    "◇ 남은 과제",
]

# Summary-style articles (like the seeds): bullet lines.
SUMMARY_BULLETS = [
    "- {org|은} {model|을} 공개하며 {country2} 빅테크와의 격차를 좁히고 있음.",
    "- {country} AI 생태계는 빅테크부터 스타트업까지 폭넓게 연결되어 있음.",
    "- 비용 효율성이 AI 경쟁의 핵심 요소로 부상하고 있음.",
    "- {pref|은} 모델 경쟁보다 배포와 적용이 중요하다고 강조함.",
    "- {startup|은} {round} 규모의 투자를 유치함.",
]

# --------------------------------------------------------------------------- page furniture
TOP_MENUS = [
    ["본문 바로가기", "주메뉴 바로가기", "전체메뉴", "검색", "로그인", "회원가입"],
    ["본문 바로가기", "뉴스", "경제 | IT/과학 | 국제 | 사회 | 오피니언", "AI·테크"],
    ["본문 바로가기", "사이트 내 전체검색", "경제기사 | economics", "페이지 정보", "profile_image"],
    ["메뉴", "검색", "Tech", "반응형"],
]
SHARE_LINES = ["공유하기", "스크랩", "인쇄", "글자 크기", "URL 복사", "기사 공유", "좋아요", "구독"]
PHOTO_CREDITS = [
    "/로이터=뉴스1", "/AFP·연합뉴스", "/AP·연합뉴스", "/게티이미지뱅크", "/EPA=연합뉴스", "/블룸버그",
    "/사진=AI타임스 DB", "/뉴시스",
]
PHOTO_CAPTIONS = [
    "{org} 로고가 스마트폰 화면에 표시돼 있다.",
    "{pref|이} {rel} 열린 개발자 행사에서 발표하고 있다.",
    "{country}의 한 AI 전시회에서 관람객들이 로봇을 살펴보고 있다.",
    "{org|의} 데이터센터 내부 모습.",
]
RELATED_HEADERS = ["[관련기사]", "관련기사", "많이 본 뉴스", "이 기사를 본 사람들이 선택한 뉴스", "관련 뉴스"]
RELATED_HEADLINES = [
    "{org2}, 차세대 모델 공개 임박…\"{short}\"",
    "{country2} 빅테크, AI 투자 경쟁 가열",
    "'{model2}' 써보니…코딩은 합격, 한국어는 글쎄",
    "약혼자 사기로 전재산 날린 여배우…\"고깃집 알바\" 근황",
    "{startup}, 기업용 AI 에이전트 출시",
    "AI 반도체 품귀, 언제까지 이어지나",
    "[포토] {org} 신제품 발표회 현장",
    "\"월 300만원 번다\"…AI로 부업하는 직장인들",
]
FOOTERS = [
    "ⓒ {publisher} 무단전재 및 재배포 금지",
    "Copyright © {year} {publisher}. All rights reserved.",
    "저작권자 © {publisher} 무단전재 및 재배포 금지",
    "<저작권자 ⓒ {publisher}, 무단 전재 및 재배포 금지>",
]
SITE_INFO = [
    "회사명 : {publisher}",
    "주소 : 서울특별시 중구 세종대로 {num}",
    "대표전화 : 02-{num}-{num2}",
    "청소년보호책임자 : {reporter}",
    "등록번호 : 서울 아{num2}",
]
COUNTERS = ["댓글 0건 조회 {num}회 작성일 {yy}-{mm}-{dd} {hh}:{mi}", "댓글 {small}", "0", "{num}"]
PROMO = [
    "{publisher} 웹사이트에서 해당 기사의 전문을 읽을 수 있습니다.",
    "기사 전문은 {publisher} 웹사이트에서 읽을 수 있습니다.",
]

# --------------------------------------------------------------------------- roles, names, numbers
ROLES_KO: dict[str, str] = {
    "CEO": "최고경영자(CEO)",
    "Founder and CEO": "창업자 겸 최고경영자(CEO)",
    "Chairman": "회장",
    "President": "사장",
    "Chairman and CEO": "회장 겸 최고경영자(CEO)",
    "Chief Scientist": "수석과학자",
    "Professor": "교수",
    "CTO": "최고기술책임자(CTO)",
    "Co-founder and CEO": "공동창업자 겸 최고경영자(CEO)",
    "Partner": "파트너",
    "COO": "최고운영책임자(COO)",
    "CFO": "최고재무책임자(CFO)",
    "Founder": "창업자",
    "Co-founder": "공동창업자",
    "Executive Chairman": "이사회 의장",
}
ROLE_SHORT: dict[str, str] = {
    "CEO": "CEO", "Founder and CEO": "CEO", "Chairman": "회장", "President": "사장", "Chairman and CEO": "회장",
    "Chief Scientist": "수석과학자", "Professor": "교수", "CTO": "CTO", "Co-founder and CEO": "CEO",
    "Partner": "파트너", "COO": "COO", "CFO": "CFO", "Founder": "창업자", "Co-founder": "창업자",
    "Executive Chairman": "의장",
}
INVENTED_ROLES = ["대표", "최고경영자(CEO)", "최고기술책임자(CTO)", "연구소장", "부사장", "파트너", "수석연구원",
                  "상무"]
ANALYST_FIRMS = ["앤드리슨 호로비츠", "가트너", "IDC", "카운터포인트리서치", "트렌드포스", "모건스탠리", "골드만삭스"]
ANALYST_ROLES = ["연구원", "애널리스트", "수석 애널리스트", "파트너"]

KO_SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안",
               "송", "류", "홍"]
KO_GIVEN = ["민준", "서연", "지훈", "하은", "도윤", "수아", "현우", "지민", "예준", "채원", "성민", "유진", "재현",
            "다은",
            "승우", "소연", "태희", "준호", "혜진", "동현"]
FOREIGN_GIVEN = ["제니", "마이클", "데이비드", "사라", "케빈", "에밀리", "다니엘", "레이철", "토머스", "올리비아"]
FOREIGN_FAMILY = ["샤오", "윌슨", "카터", "첸", "로드리게스", "밀러", "왕", "장", "브라운", "테일러"]
STARTUP_HEADS = ["노바", "하이퍼", "퀀텀", "루멘", "오로라", "세레브", "딥웨이브", "코어", "뉴로", "아크", "제니스",
                 "바이트",
                 "마루", "한결", "온새미로", "그린라이트"]
STARTUP_TAILS = ["AI", "랩스", "테크", "로보틱스", "인텔리전스", "시스템즈", "에이아이", "마인드"]
MODEL_HEADS = ["노바", "하이퍼", "오로라", "제니스", "루나", "솔라", "아틀라스", "헤라", "미르", "별빛"]
MODEL_TAILS = ["-{n}", " {n}.{m}", "-{n}B", " X", " 프로", "-{n} 라이트"]

# Exchange rates used for the conversions in parentheses (roughly 2024-25 levels).
KRW_PER = {"USD": 1_380, "CNY": 190, "EUR": 1_500, "JPY": 9}
CURRENCY_KO = {"USD": "달러", "CNY": "위안", "EUR": "유로", "JPY": "엔"}

# Publishers invented for the corpus, next to the Korean media of the KB.
EXTRA_PUBLISHERS = ["테크인사이트", "AI데일리", "테마의 하루", "디지털비즈온", "퓨처테크뉴스"]
