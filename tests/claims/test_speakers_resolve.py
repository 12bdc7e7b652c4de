"""Speakers written as pronouns or role phrases resolved to the speaker named before them
(invented sentences, parsed by the shipped pipeline)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from corroborate.claims import extract_claims
from corroborate.claims.speakers import resolve_speakers
from corroborate.model import Claim
from corroborate.nlp.parsing import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _claims(nlp: Language, text: str) -> list[Claim]:
    return extract_claims(text, doc=nlp(text))


def _written_and_resolved(claims: list[Claim], needle: str) -> tuple[str | None, str | None]:
    [claim] = [c for c in claims if needle in c.text]
    return claim.source_as_written, claim.source


def test_speakers_pronoun_takes_the_previous_speaker(nlp: Language) -> None:
    text = (
        "Harbour master Tomas Veld said two ferries had run aground near the pier. "
        "He added that the crews had been rescued by fishermen."
    )
    claims = _claims(nlp, text)
    assert _written_and_resolved(claims, "crews had been rescued") == (
        "He",
        "Harbour master Tomas Veld",
    )
    [resolved] = [c for c in claims if "crews" in c.text]
    assert resolved.chain == ("Harbour master Tomas Veld",)


def test_speakers_she_skips_a_nearer_speaker_of_the_other_gender(nlp: Language) -> None:
    text = (
        "Umm Salma said the bakery had closed for lack of flour. "
        "Abu Karim said the price of bread had doubled in a week. "
        "She said her children had not eaten meat since the spring."
    )
    claims = _claims(nlp, text)
    assert _written_and_resolved(claims, "not eaten meat") == ("She", "Umm Salma")


def test_speakers_they_takes_a_plural_speaker(nlp: Language) -> None:
    text = (
        "Local officials said the water plant stopped working on Monday. "
        "They said repairs would take at least a week."
    )
    claims = _claims(nlp, text)
    assert _written_and_resolved(claims, "repairs would take") == ("They", "Local officials")


def test_speakers_role_phrase_takes_the_named_speaker_with_that_role(nlp: Language) -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said the talks would resume in May. "
        "The spokesman added that no date had been agreed."
    )
    claims = _claims(nlp, text)
    assert _written_and_resolved(claims, "no date had been agreed") == (
        "The spokesman",
        "Kremlin spokesman Dmitry Peskov",
    )


def test_speakers_left_unresolved_when_the_text_does_not_say(nlp: Language) -> None:
    text = "She said the clinic in the old town had run out of insulin."
    claims = _claims(nlp, text)
    assert _written_and_resolved(claims, "insulin") == ("She", "She")


def test_speakers_named_source_is_written_as_is(nlp: Language) -> None:
    text = "Witnesses said three trucks crossed the bridge at night."
    [claim] = _claims(nlp, text)
    assert (claim.source_as_written, claim.source) == ("Witnesses", "Witnesses")


def test_speakers_without_a_parse_stay_as_written() -> None:
    text = "Dr Lina Haddad said the ward was full. She said more beds were coming."
    claims = extract_claims(text)
    assert all(c.source_as_written == c.source for c in claims)


def test_speakers_authors_first_person_is_the_outlets(nlp: Language) -> None:
    text = (
        "The new bridge opened to traffic on Monday after two years of work.\n"
        "I predict that the tolls will be lowered before the summer."
    )
    [claim] = [c for c in _claims(nlp, text) if "tolls" in c.text]
    assert (claim.source, claim.source_as_written, claim.chain, claim.cue) == (
        None, "I", (), None)


def test_speakers_first_person_inside_a_quotation_stays(nlp: Language) -> None:
    text = (
        '"We saw the smoke from the harbour and I think the depot was hit first," '
        "fisherman Ilan Dorr told reporters."
    )
    claims = _claims(nlp, text)
    assert all(c.source is not None for c in claims if "depot" in c.text), claims


def test_speakers_impersonal_it_names_nobody(nlp: Language) -> None:
    text = (
        "Officials inspected the dam on Tuesday.\n"
        "It is believed that the spillway was damaged by the storm."
    )
    claims = [c for c in _claims(nlp, text) if "spillway" in c.text]
    assert claims and all(c.source is None for c in claims), claims


def test_speakers_possessive_pronoun_takes_the_previous_speaker(nlp: Language) -> None:
    text = (
        "Baker Jonas Brandt said the flour had run out on Friday. "
        "The queues made him change his mind: the shop stays open."
    )
    doc = nlp(text)
    first = text.index("the flour")
    said = Claim(first, text.index(" The queues"), text[first : text.index(" The queues")],
                 source="Baker Jonas Brandt", chain=("Baker Jonas Brandt",), cue="said",
                 source_span=(0, len("Baker Jonas Brandt")))
    his_at = text.index("his mind")
    content = text.index("the shop")
    stays = Claim(content, len(text), text[content:], source="his", chain=("his",),
                  cue="mind:", source_span=(his_at, his_at + 3))
    resolved = resolve_speakers([said, stays], doc)
    assert (resolved[1].source_as_written, resolved[1].source) == ("his", "Baker Jonas Brandt")
