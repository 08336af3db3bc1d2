"""Korean clause structure: phrases, their roles, the predicate each attaches to, and what predicates mean."""

from __future__ import annotations

import pytest

from kg.extract.clauses import analyse
from kg.extract.words import doc_text, split_words
from kg.nlp import blank_korean
from kg.normalize.dates import PartialDate, find_dates

NLP = blank_korean()


def parse(text: str):
    doc = NLP(text)
    words = split_words(doc)
    times = [(d.start, d.end) for d in find_dates(text, PartialDate(2026, 4, 2))]
    clauses = analyse(doc, words, times)

    def phrase_text(p):
        return " ".join(doc_text(doc)[words[k].start : words[k].end] for k in p.words())

    return clauses, phrase_text


def slots(pred, phrase_text) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for role in ("topic", "subject", "object", "by", "at", "quote", "source", "basis", "time"):
        got = [phrase_text(p) for p in pred.slot(role)]
        if got:
            out[role] = got
    return out


def test_clauses_a_shared_topic_reaches_every_coordinated_clause():
    c, t = parse("노바랩스는 새 모델을 공개했고, 가격을 절반으로 낮췄다.")
    first, second = c.predicates
    assert first.form == "connective" and second.form == "final"
    assert slots(first, t)["topic"] == ["노바랩스는"] and slots(first, t)["object"] == ["새 모델을"]
    assert slots(second, t)["topic"] == ["노바랩스는"] and slots(second, t)["by"] == ["절반으로"]


def test_clauses_a_new_topic_ends_the_old_one():
    c, t = parse("노바랩스 주가는 5% 올랐고 한빛전자는 3% 내렸다.")
    assert slots(c.predicates[1], t)["topic"] == ["한빛전자는"]


def test_clauses_an_adnominal_clause_takes_its_subject_and_modifies_its_head():
    c, t = parse("노바랩스가 만든 루미나는 빠르다.")
    made = c.predicates[0]
    assert made.form == "adnominal" and slots(made, t)["subject"] == ["노바랩스가"]
    assert t(made.head) == "루미나는"
    assert slots(c.predicates[1], t)["topic"] == ["루미나는"]


def test_clauses_the_speaker_of_a_quotation_is_the_outer_topic():
    c, t = parse("박하람 대표는 \"작은 모델이 더 멀리 간다\"고 말했다.")
    said = c.predicates[-1]
    assert slots(said, t)["topic"] == ["박하람 대표는"]
    assert slots(said, t)["quote"] == ["\"작은 모델이 더 멀리 간다\"고"]


def test_clauses_an_inner_clause_keeps_its_own_subject():
    c, t = parse("노바랩스는 루미나가 경쟁 모델을 앞섰다고 밝혔다.")
    inner, outer = c.predicates
    assert inner.form == "quotative" and slots(inner, t)["subject"] == ["루미나가"]
    assert slots(outer, t)["topic"] == ["노바랩스는"]


@pytest.mark.parametrize(
    "text, flags",
    [("노바랩스는 모델을 공개하지 않았다.", {"negated", "past"}),
     ("노바랩스는 내년 모델을 출시할 예정이다.", {"plan"}),
     ("노바랩스는 모델을 공개할 것으로 알려졌다.", {"hearsay", "future"}),
     ("노바랩스는 모델을 개발하고 있다.", {"progressive"}),
     ("노바랩스는 모델을 쓰기로 했다.", {"plan"}),
     ("노바랩스를 이끌던 박하람은 떠났다.", {"past"})],
)
def test_clauses_auxiliaries_and_modal_nouns_give_the_predicate_its_meaning(text, flags):
    c, _ = parse(text)
    assert flags <= c.predicates[0].flags


def test_clauses_coordinated_objects_are_one_slot():
    c, t = parse("노바랩스는 '루미나'와 '루미나 미니'를 공개했다.")
    assert slots(c.predicates[0], t)["object"] == ["'루미나'와", "'루미나 미니'를"]


def test_clauses_postpositions_make_roles_of_their_own():
    c, t = parse("업계에 따르면 노바랩스는 루미나를 바탕으로 새 모델을 만들었다.")
    got = slots(c.predicates[-1], t)
    assert got["source"] == ["업계에"] and got["basis"] == ["루미나를"] and got["object"] == ["새 모델을"]


def test_clauses_a_list_with_deung_exemplifies_the_phrase_after_it():
    c, t = parse("노바랩스, 한빛소프트 등 미국의 스타트업들이 모델을 쓴다.")
    subject = c.predicates[-1].slot("subject")
    assert [t(p) for p in subject] == ["노바랩스,", "한빛소프트 등", "스타트업들이"]


def test_clauses_a_date_is_a_phrase_of_its_own():
    c, t = parse("노바랩스는 2021년 2040억 개의 파라미터를 갖춘 모델을 내놓았다.")
    released = c.predicates[-1]
    assert slots(released, t)["time"] == ["2021년"]


def test_clauses_particles_after_numbers_are_read_from_the_text():
    c, t = parse("시험에서는 루미나 4가 43.2%를 받았다.")
    got = slots(c.predicates[0], t)
    assert got["subject"] == ["루미나 4가"] and got["object"] == ["43.2%를"]


def test_clauses_a_clause_before_after_or_before_is_its_own():
    c, t = parse("노바랩스가 지난달 새 모델을 내놓은 뒤 가격 경쟁이 붙었다.")
    released = c.predicates[0]
    assert released.form == "connective"
    assert slots(released, t)["subject"] == ["노바랩스가"] and slots(released, t)["time"] == ["지난달"]
    assert slots(c.predicates[-1], t)["subject"] == ["가격 경쟁이"]


def test_clauses_a_clause_before_since_is_its_own_with_its_date():
    """-ㄴ 지 N 만에 ("N after …"): the date dates the earlier event, not the sentence's."""
    c, t = parse("한빛소프트가 2023년 5월 '새벽-1'을 내놓은 지 2년 만에 후속작을 공개했다.")
    released = c.predicates[0]
    assert released.form == "connective"
    assert slots(released, t)["time"] == ["2023년 5월"] and slots(released, t)["object"] == ["'새벽-1'을"]
    assert "2023년 5월" not in slots(c.predicates[-1], t).get("time", [])


def test_clauses_a_manner_converb_is_an_adverb_not_a_clause():
    """잇달아, 앞다퉈: -아/-어 forms used as adverbs leave their phrases to the verb they describe."""
    c, t = parse("한빛소프트는 5일 '새벽-1'을, 9일 '새벽-2'를 잇달아 공개했다.")
    assert [p.lemma for p in c.predicates] == ["공개하"]
    assert slots(c.predicates[0], t)["object"] == ["'새벽-1'을,", "'새벽-2'를"]
    assert c.predicates[0].phrase_lemma == ""  # the adverb is no noun of a phrasal verb (잇… is no trigger)


def test_clauses_more_than_is_a_degree_adverb_not_a_clause():
    """9% 넘게 올랐다: the amount belongs to the verb it measures, not to 넘다."""
    c, t = parse("한빛소프트 주가는 전날보다 9% 넘게 올랐다.")
    assert [p.lemma for p in c.predicates] == ["오르"]  # no clause of 넘- between the amount and its verb
    assert [ph.role for ph in c.phrases] == ["topic", "than", "bare"]


def test_clauses_a_clause_that_describes_a_plan_is_planned():
    c, _ = parse("한빛그룹은 2조 원을 투입하는 '한빛 2030' 구상을 발표했다.")
    assert "plan" in c.predicates[0].flags
    c, _ = parse("한빛그룹은 2조 원을 투입한 회사다.")  # a head that is no plan
    assert "plan" not in c.predicates[0].flags


def test_clauses_a_name_before_a_colon_is_the_topic():
    """■ 루미-4: 140억 파라미터로 만든 모델 (a heading): what the colon follows is spoken about."""
    c, t = parse("루미-4: 140억 파라미터로 만든 모델")
    assert [ph.role for ph in c.phrases][:2] == ["topic", "by"]


def test_clauses_an_amount_with_more_than_is_one_phrase_with_its_noun():
    """200억 위안을 넘는 가치를 인정받았다: the amount is the value's, not the object of a clause of 넘다."""
    c, t = parse("노바랩스는 200억 위안을 넘는 가치를 인정받았다.")
    assert [p.lemma for p in c.predicates] == ["인정받"]
    assert slots(c.predicates[0], t)["object"] == ["200억 위안을 넘는 가치를"]
    c, _ = parse("노바랩스는 경쟁사를 넘는 성능을 냈다.")  # no amount: 넘는 stays a clause
    assert [p.lemma for p in c.predicates][0] == "넘"


def test_clauses_a_modifier_adjective_leaves_the_subject_to_the_main_clause():
    c, t = parse("한빛소프트가 새로운 검색 모델을 출시했다.")
    assert slots(c.predicates[-1], t)["subject"] == ["한빛소프트가"]


def test_clauses_a_past_clause_before_when_is_real():
    c, t = parse("노바랩스가 2022년 11월 새 모델을 출시했을 때 많은 기업은 어려움을 겪었다.")
    released = c.predicates[0]
    assert released.form == "connective" and "irrealis" not in released.flags and "past" in released.flags
    assert slots(released, t)["subject"] == ["노바랩스가"]


def test_clauses_a_grammar_key_no_code_reads_is_refused(tmp_path):
    import json

    from kg.extract.clauses import GRAMMAR_PATH, load_grammar

    data = json.loads(GRAMMAR_PATH.read_text(encoding="utf-8"))
    data["causative_suffixes"] = ["시키"]  # once in the file, read by nothing
    path = tmp_path / "grammar.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown keys \\['causative_suffixes'\\]"):
        load_grammar(path)
