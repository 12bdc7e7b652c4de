"""The shipped model on invented sentences (no training here)."""

from __future__ import annotations

import dataclasses

import pytest

from corroborate.attribution import TaggedFrame, extract


def only(text: str, cue: str) -> TaggedFrame:
    found = [a for a in extract(text) if a.cue.text == cue]
    assert len(found) == 1, [a.cue.text for a in extract(text)]
    return found[0]


def test_minister_said_that_the_bridge_was_closed() -> None:
    text = "The minister said on Tuesday that the bridge was closed."
    found = only(text, "said")
    assert found.source is not None and found.source.text == "The minister"
    assert found.content is not None and found.content.text.endswith("the bridge was closed")


def test_offsets_index_into_the_text() -> None:
    text = "Rescue workers said two people were missing after the flood."
    for attribution in extract(text):
        for span in (attribution.cue, attribution.source, attribution.content):
            if span is not None:
                assert " ".join(text[a:b] for a, b in span.fragments) == span.text


def test_interrupted_quote_is_one_content_with_two_fragments() -> None:
    text = "\u201cThe water is rising,\u201d the mayor said, \u201cand we need more boats.\u201d"
    found = only(text, "said")
    assert found.source is not None and found.source.text == "the mayor"
    assert found.content is not None and len(found.content.fragments) == 2
    assert "more boats" in found.content.text


def test_attribution_is_frozen() -> None:
    [found] = extract("Police said the road was shut.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.cue = found.cue  # type: ignore[misc]


def test_text_without_attribution_gives_nothing() -> None:
    assert extract("The bridge was closed on Tuesday.") == []



def test_roles_of_given_cues_leave_the_cue_tagger_out() -> None:
    from corroborate.attribution.tagger import shipped_tagger

    text = "The harbour master worries the storm will close the port by Friday."
    start = text.index("worries")  # a rare cue word: given here, not found
    [found] = shipped_tagger().extract_with_cues(text, [(start, start + len("worries"))])
    assert found.cue.text == "worries"
    assert found.source is not None and found.source.text == "The harbour master"
    assert found.content is not None and found.content.text.startswith("the storm")
    # a cue given twice, or covering no token, gives one frame or none
    assert len(shipped_tagger().extract_with_cues(text, [(start, start + 7)] * 2)) == 1
    assert shipped_tagger().extract_with_cues(text, [(len(text), len(text))]) == []
