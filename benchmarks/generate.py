"""Deterministic generator of synthetic Korean AI-news articles for the benchmarks.

    python benchmarks/generate.py N OUT_DIR [--seed 0]

Why synthetic: the benchmarks need 100 to 100,000 articles that stress the
pipeline the way real ones do (KB names in Korean and English, people with
roles, models with developers, Korean numbers, money with conversions,
absolute and relative dates, attributed claims, page furniture), and the same
corpus every time. Article `i` depends only on (seed, i), never on N, so the
first 1,000 articles of a 10,000-article corpus are byte for byte the
1,000-article corpus: the benchmark sizes are nested prefixes of one corpus.

Output: `OUT_DIR/000/000000_<hash>.txt` ... sharded into folders of 1,000
files, each folder with the `metadata.json` that `kg build` reads (publisher
and publication date per file, contract section 1), plus `OUT_DIR/corpus.json`
(seed, count, characters). The sentence templates and word lists are data, in
`benchmarks/news_templates.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import news_templates as T  # noqa: E402  (the data table next to this file)

from kg.kb import KBRecord, KnowledgeBase, load_kb  # noqa: E402

SHARD = 1000
GENERATOR_VERSION = 2
FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 10, 31)

# ----------------------------------------------------------------------------- Korean helpers
# (after-consonant form, after-vowel form); ㄹ takes the vowel form of 으로.
PARTICLES: dict[str, tuple[str, str]] = {
    "은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "과": ("과", "와"), "으로": ("으로", "로"),
    "이라고": ("이라고", "라고"), "이며": ("이며", "며"), "이다": ("이다", "다"), "이라는": ("이라는", "라는"),
    "이나": ("이나", "나"), "이었다": ("이었다", "였다"), "이었": ("이었", "였"),
}
_DIGIT_CODA = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False, "6": True, "7": True,
               "8": True, "9": False}
_LATIN_CODA = set("lmnLMN")


def _coda(word: str) -> tuple[bool, bool]:
    """(ends in a consonant, that consonant is ㄹ) for the last pronounced character of `word`.

    A trailing parenthesis is not read out: 73억원($5.6M)을 follows 원.
    """
    word = re.sub(r"(\([^()]*\))+$", "", word) or word
    for ch in reversed(word):
        if "가" <= ch <= "힣":
            jong = (ord(ch) - 0xAC00) % 28
            return jong != 0, jong == 8
        if ch.isdigit():
            return _DIGIT_CODA[ch], ch in "178"
        if ch.isalpha():
            if word.lower().endswith("ng"):  # Thinking -> 씽킹은
                return True, False
            return ch in _LATIN_CODA, ch in "lL"
    return False, False


def josa(word: str, particle: str) -> str:
    """`word` followed by the right form of `particle` (딥시크는, 오픈AI는, 메타로, 서울로)."""
    forms = PARTICLES.get(particle)
    if forms is None:
        return word + particle
    coda, rieul = _coda(word)
    if particle == "으로" and rieul:
        return word + "로"
    return word + (forms[0] if coda else forms[1])


def group3(n: int) -> str:
    return f"{n:,}"


def ko_number(n: int) -> str:
    """An integer the way Korean news writes it: 6,710억 / 1조 2,000억 / 5억 6,000만 / 73억."""
    jo, rest = divmod(n, 10**12)
    eok, rest = divmod(rest, 10**8)
    man = rest // 10**4
    parts = []
    if jo:
        parts.append(f"{group3(jo)}조")
    if eok:
        parts.append(f"{group3(eok)}억")
    if man:
        parts.append(f"{group3(man)}만")
    return " ".join(parts) if parts else group3(n)


def nice(rng: random.Random, lo: float, hi: float, digits: int = 2) -> int:
    """A log-uniform number in [lo, hi] rounded to `digits` significant digits, as press numbers are."""
    import math

    value = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    scale = 10 ** max(0, int(math.floor(math.log10(value))) - digits + 1)
    return int(round(value / scale) * scale)


def dollars_short(usd: int) -> str:
    """$5.6M / $1.2B, the English shorthand Korean articles put in parentheses."""
    if usd >= 10**9:
        return f"${usd / 10**9:.3g}B"
    return f"${usd / 10**6:.3g}M"


CURRENCY_OF_COUNTRY = {"CN": "CNY", "HK": "CNY", "JP": "JPY", "KR": "KRW", "DE": "EUR", "FR": "EUR", "NL": "EUR"}


def money(rng: random.Random, lo_usd: float, hi_usd: float, currency: str = "USD",
          style: random.Random | None = None) -> str:
    """An amount in `currency` with a conversion, in one of the forms the press uses.

    `rng` draws the amount, `style` (default: `rng`) the form, so a thing keeps its amount and
    the way its outlet writes it from article to article.
    """
    style = style or rng
    usd = nice(rng, lo_usd, hi_usd)
    krw = nice_round(usd * T.KRW_PER["USD"])
    if currency == "KRW":
        return f"{ko_number(krw)}원"
    if currency != "USD":  # 3,800억 위안(한화 약 75조원)
        amount = nice_round(usd * T.KRW_PER["USD"] / T.KRW_PER[currency])
        converted = ko_number(nice_round(amount * T.KRW_PER[currency]))
        return f"{ko_number(amount)} {T.CURRENCY_KO[currency]}(한화 약 {converted}원)"
    form = style.random()
    if form < 0.35:  # 73억원($5.6M)
        return f"{ko_number(krw)}원({dollars_short(usd)})"
    if form < 0.75:  # 560만 달러(약 77억원)
        return f"{ko_number(usd)} 달러(약 {ko_number(krw)}원)"
    return f"{ko_number(usd)}달러"  # 10억달러


def nice_round(n: float, digits: int = 2) -> int:
    n = int(n)
    if n <= 0:
        return 0
    scale = 10 ** max(0, len(str(n)) - digits)
    return int(round(n / scale) * scale)


_COPULA_QUOTE = re.compile(r"이다(?=고 |는 )")


def _indirect(text: str) -> str:
    """A quoted clause ending in the copula takes 이라고/이라는 (…것이라고 전망했다), not 이다고."""
    return _COPULA_QUOTE.sub("이라", text)


# ----------------------------------------------------------------------------- dates
def ko_date(day: dt.date) -> str:
    return f"{day.year}년 {day.month}월 {day.day}일"


def relative_date(rng: random.Random, pub: dt.date) -> str:
    """A relative date that the contract resolves against the publication date."""
    choices = []
    if pub.day > 2:
        choices += [f"지난 {rng.randint(1, pub.day - 1)}일", f"지난 {rng.randint(1, pub.day - 1)}일(현지시간)"]
    choices += [f"지난해 {rng.randint(1, 12)}월", "지난해", "지난달", f"지난달 {rng.randint(1, 28)}일", "어제", "이날"]
    if pub.month > 1:
        choices.append(f"올해 {rng.randint(1, pub.month - 1)}월")
    return rng.choice(choices)


def release_date(rng: random.Random, day: dt.date, pub: dt.date) -> str:
    """A known date as an article dated `pub` writes it: absolute, or relative when it can be."""
    if day < pub and rng.random() < 0.5:
        if (day.year, day.month) == (pub.year, pub.month):
            return f"지난 {day.day}일"
        if day.year == pub.year - 1:
            return f"지난해 {day.month}월"
        if day.year == pub.year:
            return f"올해 {day.month}월"
    return ko_date(day) if rng.random() < 0.8 else f"{day.year}년 {day.month}월"


def absolute_date(rng: random.Random, pub: dt.date) -> str:
    day = pub - dt.timedelta(days=rng.randint(1, 420))
    return ko_date(day) if rng.random() < 0.7 else f"{day.year}년 {day.month}월"


# ----------------------------------------------------------------------------- the cast of one article
@dataclass
class Cast:
    """The things one article talks about, each with the surface form it uses for them."""

    rng: random.Random
    pub: dt.date
    publisher: str
    seed: int = 0
    slots: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # slot -> stable key of its thing (KB id or name)
    currency: dict[str, str] = field(default_factory=dict)  # slot -> currency its amounts are reported in
    conflict: float = 0.1  # share of reports that give a thing's fact a different value

    def stable(self, kind: str, slot: str) -> random.Random:
        """A generator for a fact of a thing: the same in every article, except in a few conflicting reports."""
        if self.rng.random() < self.conflict:
            return self.rng
        return random.Random(f"fact:{self.seed}:{kind}:{self.keys.get(slot, self.slots.get(slot))}")

    def style_of(self, slot: str) -> random.Random:
        return random.Random(f"style:{self.seed}:{self.keys.get(slot, self.slots.get(slot))}")

    def fill(self, template: str) -> str:
        """Fill `{slot}` and `{slot|particle}`; `{qslot}` quotes the value."""

        def one(m: re.Match[str]) -> str:
            name, particle = m.group(1), m.group(2)
            quoted = name.startswith("q") and name[1:] in self.slots and name not in self.slots
            key = name[1:] if quoted else name
            value = self.value(key)
            if quoted:
                return f"'{value}'" + (josa(value, particle)[len(value):] if particle else "")
            return josa(value, particle) if particle else value

        return _indirect(re.sub(r"\{(\w+)(?:\|(\w+))?\}", one, template))

    def value(self, key: str) -> str:
        """Dynamic slots (dates, numbers) are drawn afresh at each use; things stay fixed."""
        rng = self.rng
        if key in ("when", "rel", "rel2"):
            if key == "when" and rng.random() < 0.35:
                return absolute_date(rng, self.pub)
            return relative_date(rng, self.pub)
        if key == "date":
            return absolute_date(rng, self.pub)
        if key == "pct":
            return f"{rng.randint(1, 35)}.{rng.randint(0, 9)}%"
        if key in ("rank", "rank2"):  # a model's place on the article's leaderboard
            return str(self.stable(f"rank:{self.slots['lb']}", "model" if key == "rank" else "model2").randint(1, 12))
        if key in ("release", "release2"):
            r = self.stable("release", "model" if key == "release" else "model2")
            day = dt.date(2022, 6, 1) + dt.timedelta(days=r.randint(0, (LAST_DAY - dt.date(2022, 6, 1)).days))
            return release_date(rng, day, self.pub)
        if key in ("params", "params2"):
            return f"{ko_number(nice(self.stable('params', 'model' if key == 'params' else 'model2'), 1e9, 2e12))} 개"
        if key == "active":
            return f"{ko_number(nice(self.stable('active', 'model'), 1e9, 5e10))} 개"
        if key == "size":
            size = nice(self.stable("size", "model"), 5, 1500)
            return f"{size}GB" if rng.random() < 0.5 else f"{group3(size)}기가바이트"
        if key == "year":
            return str(self.pub.year + rng.randint(1, 5))
        if key == "hw_n":
            return f"{group3(rng.choice([256, 512, 1024, 2048, 10000, 16000, 25000, 50000]))}개"
        if key == "cost":  # a model's training cost, in its developer's currency
            return money(self.stable("cost", "model"), 2e6, 2e8, self.currency["org"], self.style_of("org"))
        if key == "invest":  # an organisation's investment plan of the year
            return money(self.stable(f"plan:{self.pub.year}", "org"), 1e8, 5e10, self.currency["org"],
                         self.style_of("org"))
        if key == "valuation":
            return money(self.stable(f"valuation:{self.pub.year}", "org"), 1e9, 3e11, self.currency["org"],
                         self.style_of("org"))
        if key == "round":  # a startup's funding round of the year
            return money(self.stable(f"round:{self.pub.year}", "startup"), 5e6, 5e8, "KRW")
        if key == "svaluation":
            return money(self.stable(f"valuation:{self.pub.year}", "startup"), 5e7, 5e9, "KRW")
        if key == "deal":  # one-off amounts: contracts, budgets, market value lost, spending
            return money(rng, 1e8, 5e10, rng.choice(["USD", "USD", "KRW", "CNY"]))
        if key in ("quote", "quote2", "outlook", "short"):
            pool = {"quote": T.QUOTES, "quote2": T.QUOTES2, "outlook": T.OUTLOOKS, "short": T.SHORTS}[key]
            return rng.choice(pool)
        return self.slots[key]


class Generator:
    """Draws articles from the KB; article `i` is a pure function of (seed, i)."""

    def __init__(self, kb: KnowledgeBase, seed: int = 0, short: bool = False) -> None:
        self.seed = seed
        self.short = short  # short, dense news items (~550 characters): the start-up-bound case
        self.kb = kb
        recs = list(kb)
        self.companies = [r for r in recs if r.type == "Organization"
                          and r.subtype in ("Company", "ResearchLab", "University", "Investor") and self._ko(r)]
        self.media = [r for r in recs if r.type == "Organization" and r.subtype in
                      ("MediaOutlet", "NewsAgency", "Broadcaster", "NewsPortal") and self._ko(r)]
        self.kr_media = [r for r in self.media if r.country == "KR"]
        self.models_by_dev: dict[str, list[KBRecord]] = {}
        for r in recs:
            if r.type == "AIModel" and r.developer:
                self.models_by_dev.setdefault(r.developer, []).append(r)
        self.developers = [r for r in self.companies if r.id in self.models_by_dev]
        self.people_by_org: dict[str, list[tuple[KBRecord, str]]] = {}
        for r in recs:
            if r.type == "Person":
                for org, role in r.works_for:
                    if role in T.ROLES_KO:
                        self.people_by_org.setdefault(org, []).append((r, role))
        self.hardware = [r for r in recs if r.type == "Hardware"]
        self.leaderboards = [r for r in recs if r.type == "Leaderboard"]
        self.policies = [r for r in recs if r.type == "Policy" and self._ko(r)]

    # -------------------------------------------------------------- surface forms
    @staticmethod
    def _ko(rec: KBRecord) -> list[str]:
        return [a for a in rec.aliases.get("ko", ()) if a not in rec.ambiguous]

    def surface(self, rng: random.Random, rec: KBRecord, english_bias: float = 0.1) -> str:
        """The form an article uses for a record: mostly its first Korean alias, sometimes another or English."""
        ko = self._ko(rec)
        en = [a for a in rec.aliases.get("en", ()) if a not in rec.ambiguous] or [rec.name]
        if not ko or rng.random() < english_bias:
            return en[0] if rng.random() < 0.8 else rng.choice(en)
        return ko[0] if rng.random() < 0.75 else rng.choice(ko)

    def country_name(self, iso: str | None) -> str:
        rec = self.kb.country(iso) if iso else None
        return self._ko(rec)[0] if rec is not None and self._ko(rec) else "미국"

    # -------------------------------------------------------------- invented things
    @staticmethod
    def invented_person(rng: random.Random) -> tuple[str, str]:
        """(full name, surname used with a title)."""
        if rng.random() < 0.6:
            sur = rng.choice(T.KO_SURNAMES)
            return sur + rng.choice(T.KO_GIVEN), sur
        fam = rng.choice(T.FOREIGN_FAMILY)
        return f"{rng.choice(T.FOREIGN_GIVEN)} {fam}", fam

    @staticmethod
    def invented_model(rng: random.Random) -> str:
        tail = rng.choice(T.MODEL_TAILS).format(n=rng.randint(1, 9), m=rng.randint(0, 9))
        return rng.choice(T.MODEL_HEADS) + tail

    # -------------------------------------------------------------- one article
    def rng_for(self, index: int) -> random.Random:
        return random.Random(f"aikg-bench:{GENERATOR_VERSION}:{self.seed}:{index}")

    def article(self, index: int) -> tuple[str, str, dict]:
        """(file name, text, metadata entry) of article `index`."""
        rng = self.rng_for(index)
        pub = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        pub_rec = rng.choice(self.kr_media) if rng.random() < 0.8 else None
        publisher = self._ko(pub_rec)[0] if pub_rec is not None else rng.choice(T.EXTRA_PUBLISHERS)
        cast = self.cast(rng, pub, publisher)
        topic = rng.choices(list(T.TOPIC_SENTENCES), weights=[30, 15, 12, 13, 10, 10, 10])[0]
        style = rng.choices(["portal", "summary", "blog", "board"], weights=[50, 20, 15, 15])[0]
        if self.short:
            style = "short"
        text = getattr(self, f"_style_{style}")(rng, cast, topic)
        digest = hashlib.sha1(f"{self.seed}:{index}".encode()).hexdigest()[:16]
        name = f"{index:06d}_{digest}.txt"
        meta: dict = {"language": "ko"}
        if rng.random() < 0.85:
            meta["publisher"] = publisher
        r = rng.random()
        if r < 0.75:
            meta["published"] = pub.isoformat()
        elif r < 0.85:
            meta["published"] = f"{pub.year}-{pub.month:02d}"
        elif r < 0.95:
            meta["published"] = None  # the dateline in the text says it
        return name, text, meta

    def cast(self, rng: random.Random, pub: dt.date, publisher: str) -> Cast:
        cast = Cast(rng, pub, publisher, seed=self.seed)
        s = cast.slots
        org, org2, org3 = rng.sample(self.developers, 3)
        for key, rec in (("org", org), ("org2", org2), ("org3", org3)):
            s[key] = self.surface(rng, rec)
        en = next(iter(org.aliases.get("en", ())), org.name)
        country = self.country_name(org.country)
        s["org_intro"] = rng.choice([
            f"{s['org']}({en})" if en != s["org"] else s["org"],
            f"{country} AI 기업 {s['org']}",
            f"{s['org']}{en}" if en != s["org"] else f"{country}의 {s['org']}",
            s["org"],
        ])
        s["country"], s["country2"] = country, self.country_name(org2.country)
        if s["country2"] == s["country"]:
            s["country2"] = "미국" if country != "미국" else "중국"
        for key, rec in (("org", org), ("org2", org2), ("org3", org3)):
            cast.keys[key] = rec.id
            cast.currency[key] = CURRENCY_OF_COUNTRY.get(rec.country or "", "USD")
        for key, dev in (("model", org), ("model2", org2)):
            rec = rng.choice(self.models_by_dev[dev.id])
            s[key] = self.surface(rng, rec, english_bias=0.5)
            cast.keys[key] = rec.id
        s["startup"] = rng.choice(T.STARTUP_HEADS) + rng.choice(T.STARTUP_TAILS)
        s["smodel"] = self.invented_model(rng)
        for key, rec in (("person", org), ("person2", org2)):
            self._person(rng, cast, key, rec)
        name, sur = self.invented_person(rng)
        role = rng.choice(T.INVENTED_ROLES)
        s["sperson"] = f"{s['startup']}의 {name} {role}"
        s["sperson_plain"] = name
        aname, _ = self.invented_person(rng)
        s["analyst"] = f"{rng.choice(T.ANALYST_FIRMS)}의 {aname} {rng.choice(T.ANALYST_ROLES)}"
        s["media"] = self.surface(rng, rng.choice([m for m in self.media if self._ko(m)[0] != publisher]))
        s["hw"] = self.surface(rng, rng.choice(self.hardware))
        s["lb"] = self.surface(rng, rng.choice(self.leaderboards), english_bias=0.4)
        s["policy"] = self.surface(rng, rng.choice(self.policies))
        return cast

    def _person(self, rng: random.Random, cast: Cast, key: str, org: KBRecord) -> None:
        s = cast.slots
        org_form = s["org" if key == "person" else "org2"]
        known = self.people_by_org.get(org.id)
        suffix = "" if key == "person" else "2"
        if known and rng.random() < 0.8:
            rec, role = rng.choice(known)
            full = self.surface(rng, rec, english_bias=0.05)
            fam = rec.family_name.get("ko")
            s[key] = f"{org_form}의 {full} {T.ROLES_KO[role]}"
            s[f"pref{suffix}"] = f"{fam} {T.ROLE_SHORT[role]}" if fam else full
            s[f"{key}_plain"] = full
            return
        full, sur = self.invented_person(rng)
        role = rng.choice(T.INVENTED_ROLES)
        s[key] = f"{org_form}의 {full} {role}"
        s[f"pref{suffix}"] = f"{sur} {re.sub(r'[(].*', '', role)}"
        s[f"{key}_plain"] = full

    # -------------------------------------------------------------- the body
    def sentences(self, rng: random.Random, cast: Cast, topic: str, target: int) -> list[list[str]]:
        """Paragraphs of sentences, about `target` characters in all; no template twice in a row."""
        pools = {
            "topic": T.TOPIC_SENTENCES[topic],
            "other": [t for k, v in T.TOPIC_SENTENCES.items() if k != topic for t in v],
            "claim": T.CLAIM_SENTENCES,
            "filler": T.FILLER,
        }
        decks: dict[str, list[str]] = {}

        def draw(kind: str) -> str:
            # each template once per article while others remain, as a writer would not repeat a sentence
            if kind not in decks:
                decks[kind] = rng.sample(pools[kind], len(pools[kind]))
            if not decks[kind]:
                kind = "other"
                if not decks.get(kind):
                    decks[kind] = rng.sample(pools[kind], len(pools[kind]))
            return decks[kind].pop()

        paragraphs: list[list[str]] = []
        total = 0
        first = True
        while total < target:
            para = []
            for _ in range(rng.randint(2, 4)):
                if first:
                    kind, first = "topic", False
                else:
                    kind = rng.choices(["topic", "other", "claim", "filler"], weights=[45, 12, 23, 20])[0]
                sentence = cast.fill(draw(kind))
                para.append(sentence)
                total += len(sentence) + 1
            paragraphs.append(para)
        return paragraphs

    def headline(self, rng: random.Random, cast: Cast, topic: str) -> str:
        return cast.fill(rng.choice(T.HEADLINES[topic]))

    def _target(self, rng: random.Random) -> int:
        drawn = rng.lognormvariate(7.85, 0.35)
        if self.short:  # the same draw, scaled: two or three paragraphs of facts
            return int(min(430, max(250, drawn / 7)))
        return int(min(5200, max(1500, drawn)))

    # -------------------------------------------------------------- page styles
    def _furniture_tail(self, rng: random.Random, cast: Cast) -> list[str]:
        lines: list[str] = []
        if rng.random() < 0.7:
            lines += ["", rng.choice(T.RELATED_HEADERS)]
            lines += [cast.fill(h) for h in rng.sample(T.RELATED_HEADLINES, rng.randint(2, 5))]
        lines += ["", cast.fill(rng.choice(T.FOOTERS).replace("{publisher}", cast.publisher)
                                .replace("{year}", str(cast.pub.year)))]
        if rng.random() < 0.4:
            info = [x.replace("{publisher}", cast.publisher).replace("{reporter}", self.invented_person(rng)[0])
                    .replace("{num}", str(rng.randint(10, 999))).replace("{num2}", str(rng.randint(1000, 9999)))
                    for x in rng.sample(T.SITE_INFO, 3)]
            lines += info
        return lines

    def _photo(self, rng: random.Random, cast: Cast) -> list[str]:
        caption = cast.fill(rng.choice(T.PHOTO_CAPTIONS))
        credit = rng.choice(T.PHOTO_CREDITS)
        return [f"{caption}{credit}"] if rng.random() < 0.6 else ["본문이미지", credit]

    def _reporter(self, rng: random.Random, cast: Cast) -> str:
        name, _ = self.invented_person(rng)
        user = hashlib.sha1(name.encode()).hexdigest()[:6]
        domain = re.sub(r"[^a-z]", "", hashlib.sha1(cast.publisher.encode()).hexdigest())[:6] or "news"
        return f"{name} 기자 {user}@{domain}.co.kr"

    def _dateline(self, rng: random.Random, pub: dt.date) -> str:
        hh, mi = rng.randint(6, 22), rng.randint(0, 59)
        return f"입력 {pub:%Y.%m.%d} {hh:02d}:{mi:02d} | 수정 {pub:%Y.%m.%d} {min(hh + 1, 23):02d}:{mi:02d}"

    def _body_lines(self, rng: random.Random, cast: Cast, topic: str, photos: bool = True) -> list[str]:
        lines: list[str] = []
        paragraphs = self.sentences(rng, cast, topic, self._target(rng))
        for i, para in enumerate(paragraphs):
            if i and rng.random() < 0.12:
                lines += [cast.fill(rng.choice(T.SUBHEADS)), ""]
            if photos and i == 1 and rng.random() < 0.6:
                lines += self._photo(rng, cast) + [""]
            lines += [" ".join(para), ""]
        return lines

    def _style_portal(self, rng: random.Random, cast: Cast, topic: str) -> str:
        lines = list(rng.choice(T.TOP_MENUS)) + [""]
        lines += [self.headline(rng, cast, topic)]
        if rng.random() < 0.6:
            lines += [cast.fill(rng.choice(T.HEADLINES[rng.choice(list(T.HEADLINES))]))]
        lines += ["", self._dateline(rng, cast.pub), self._reporter(rng, cast).split(" 기자")[0] + " 기자", ""]
        lines += rng.sample(T.SHARE_LINES, rng.randint(0, 3)) + [""]
        lines += self._body_lines(rng, cast, topic)
        lines += [self._reporter(rng, cast)]
        return "\n".join(lines + self._furniture_tail(rng, cast)) + "\n"

    def _style_short(self, rng: random.Random, cast: Cast, topic: str) -> str:
        """A short news item: headline, dateline, two or three dense paragraphs, the reporter; no furniture."""
        lines = [self.headline(rng, cast, topic), self._dateline(rng, cast.pub)]
        paragraphs = self.sentences(rng, cast, topic, self._target(rng))
        lines += [" ".join(p) for p in paragraphs]
        lines.append(self._reporter(rng, cast))
        return "\n".join(lines) + "\n"

    def _style_summary(self, rng: random.Random, cast: Cast, topic: str) -> str:
        head = self.headline(rng, cast, topic)
        lines = [f"{head}¶", f"원제목: [{cast.pub.month}월{cast.pub.day}일] {self.headline(rng, cast, topic)} "
                             f"- {cast.publisher}", "핵심 요약"]
        lines += [cast.fill(b) for b in rng.sample(T.SUMMARY_BULLETS, 3)]
        lines += ["상세 내용¶"]
        paragraphs = self.sentences(rng, cast, topic, self._target(rng))
        cut = max(1, len(paragraphs) - 2)
        lines += [" ".join(s for p in paragraphs[:cut] for s in p)]
        lines += ["편집자 노트¶", " ".join(s for p in paragraphs[cut:] for s in p)]
        return "\n".join(lines)

    def _style_blog(self, rng: random.Random, cast: Cast, topic: str) -> str:
        p = cast.pub
        date = f"{p.year}. {p.month}. {p.day}."
        lines = ["본문 바로가기", "Tech", "", f"{date} 오늘의 테마 - {self.headline(rng, cast, topic)}", "",
                 f"by {cast.publisher} {date}", "728x90", "반응형", "", " "]
        for line in self._body_lines(rng, cast, topic, photos=False):
            lines.append(f"  {line}" if line else "\n ")
        lines += ["", "공유하기", "", "카테고리 Tech 의 다른 글", "이전 글", "다음 글"]
        return "\n".join(lines) + "\n"

    def _style_board(self, rng: random.Random, cast: Cast, topic: str) -> str:
        p = cast.pub
        head = self.headline(rng, cast, topic)
        counter = (f"댓글 0건 조회 {rng.randint(3, 999)}회 작성일 {p.year % 100:02d}-{p.month:02d}-{p.day:02d} "
                   f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")
        lines = [f"{head} [{cast.publisher}] > 경제기사 | economics", "", "본문 바로가기", "사이트 내 전체검색", "",
                 "경제기사 | economics", "", f"{head} [{cast.publisher}]", "", "페이지 정보", "", "profile_image",
                 "작성자 수집기", counter, "", "본문", ""]
        lines += self._body_lines(rng, cast, topic)
        lines += ["계속", "", "", rng.choice(T.PROMO).replace("{publisher}", cast.publisher)]
        return "\n".join(lines + self._furniture_tail(rng, cast)) + "\n"


# ----------------------------------------------------------------------------- writing a corpus
def shard_dir(out: Path, index: int) -> Path:
    return out / f"{index // SHARD:03d}"


def generate(n: int, out: Path, seed: int = 0, kb: KnowledgeBase | None = None, short: bool = False) -> dict:
    """Write `n` articles under `out` (shards of 1,000 with their metadata.json); returns corpus.json's content."""
    gen = Generator(kb or load_kb(), seed, short=short)
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    meta: dict[str, dict] = {}
    for i in range(n):
        name, text, entry = gen.article(i)
        folder = shard_dir(out, i)
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(text.encode("utf-8"))
        chars += len(text)
        meta[name] = entry
        if (i + 1) % SHARD == 0 or i == n - 1:
            (folder / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True)
                                                  + "\n", encoding="utf-8")
            meta = {}
    summary = {"articles": n, "seed": seed, "characters": chars, "generator_version": GENERATOR_VERSION,
               "shard_size": SHARD, "short": short}
    (out / "corpus.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output folder (shards of 1,000 articles)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--short", action="store_true",
                        help="short dense news items of ~550 characters (no page furniture) instead of ~3,150")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    summary = generate(args.n, args.out, args.seed, short=args.short)
    print(f"wrote {summary['articles']} articles ({summary['characters']:,} characters) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
