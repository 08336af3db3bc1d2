"""Attributed statements: speakers from the reporting structure, continuations, claim types, about.

Every sentence here is invented (노바랩스, 한빛전자, 박하람 … are names the knowledge
base does not hold); the examples of `kg/resources/patterns/speech.toml` run too.
"""

from __future__ import annotations

import pytest

from kg.extract.speech import SPEECH_PATH, SpeechDataError, load_speech

EXAMPLES = load_speech().examples


def said(ext) -> list[tuple[str | None, str]]:
    """(speaker, claim type) of every claim: a thing's name, or an unnamed speaker's text."""
    out = []
    for c in ext.claims:
        if c.speaker:
            thing = ext.things[c.speaker]
            out.append((thing.name, c.claim_type))
        else:
            out.append((c.speaker_text, c.claim_type))
    return out


def speakers(ext) -> list[str | None]:
    return [s for s, _t in said(ext)]


def named(ext) -> list[str]:
    return [ext.things[c.speaker].name for c in ext.claims if c.speaker]


def names_of(ext, thing_key: str) -> set[str]:
    thing = ext.things[thing_key]
    return {thing.name, *thing.labels}


# ---------------------------------------------------------------------- the data's own examples
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.section}-{e.key}")
def test_claims_speech_data_example(extract, example):
    ext = extract(example.text)
    got = said(ext)
    if not example.speaker:
        assert not named(ext), got
        return
    hits = [t for c, (s, t) in zip(ext.claims, got, strict=True)
            if s == example.speaker or (c.speaker and example.speaker in names_of(ext, c.speaker))]
    assert hits, got
    if example.claim_type:
        assert example.claim_type in hits, got


def test_claims_speech_data_every_example_is_a_body_line():
    """A line of fewer than 25 characters is read as a heading, which holds no claims."""
    for e in EXAMPLES:
        assert all(len(line.strip()) >= 25 for line in e.text.split("\n") if line.strip()), e.text


def test_claims_speech_data_refuses_an_entry_without_an_example(tmp_path):
    bad = tmp_path / "speech.toml"
    bad.write_text('[[verb]]\nlemma = "말하"\n', encoding="utf-8")
    with pytest.raises(SpeechDataError, match="example"):
        load_speech.__wrapped__(bad)


def test_claims_speech_data_refuses_an_unknown_claim_type(tmp_path):
    bad = tmp_path / "speech.toml"
    bad.write_text('[[verb]]\nlemma = "말하"\ntype = "opinion"\nexample = "x"\nspeaker = ""\n', encoding="utf-8")
    with pytest.raises(SpeechDataError, match="claim type"):
        load_speech.__wrapped__(bad)


def test_claims_speech_data_has_no_duplicate_entries():
    seen = set()
    for e in EXAMPLES:
        assert (e.section, e.key) not in seen, e
        seen.add((e.section, e.key))
    assert SPEECH_PATH.name == "speech.toml"
