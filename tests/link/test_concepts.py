"""WordNet concepts (corroborate.link.concepts) through the shipped extract."""

from __future__ import annotations

from corroborate.link.concepts import concepts


def _shared(a: str, b: str) -> set[str]:
    return set(concepts(a)) & set(concepts(b))


def test_concepts_inflected_forms_reach_their_lemma() -> None:
    assert concepts("soldiers") == concepts("soldier")
    assert _shared("fighting", "fight")
    assert concepts("fled") == concepts("flee") != ()  # an irregular form


def test_concepts_synonyms_and_kinds_meet_unrelated_words_do_not() -> None:
    assert _shared("troops", "soldiers") and _shared("troops", "officers")
    assert _shared("regime", "government")
    assert _shared("combats", "battles")
    assert not _shared("hospital", "illness") and not _shared("budget", "flood")


def test_concepts_unknown_word_has_none() -> None:
    assert concepts("zzqxv") == ()
