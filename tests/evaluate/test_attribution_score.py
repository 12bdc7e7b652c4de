from __future__ import annotations

from corroborate.attribution.spans import Span, TaggedFrame, make_span, normalise
from corroborate.evaluate.attribution_score import Score

TEXT = "Police said the road, which flooded, is shut. Residents disagree."


def span(*fragments: tuple[int, int]) -> Span:
    made = make_span(TEXT, fragments)
    assert made is not None
    return made


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return (start, start + len(word))


GOLD = TaggedFrame(
    cue=span(at("said")),
    source=span(at("Police")),
    content=span(at("the road,"), at("is shut")),
)


def scored(predicted: list[TaggedFrame]) -> dict:
    score = Score()
    score.add(TEXT, [GOLD], predicted)
    return score.as_dict()


def test_identical_attribution_scores_one_everywhere() -> None:
    result = scored([GOLD])
    for role in ("source", "cue", "content"):
        assert result[role] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_surrounding_whitespace_does_not_break_an_exact_match() -> None:
    # built by hand: make_span would already strip the padding
    padded = TaggedFrame(
        cue=Span(((6, 12),), TEXT[6:12]), source=Span(((0, 7),), TEXT[0:7]), content=GOLD.content
    )
    assert TEXT[6:12] == " said "
    assert scored([padded])["cue"]["f1"] == 1.0
    assert scored([padded])["source"]["f1"] == 1.0


def test_discontinuous_content_needs_every_fragment() -> None:
    one_fragment = TaggedFrame(cue=GOLD.cue, source=GOLD.source, content=span(at("the road,")))
    result = scored([one_fragment])
    assert result["content"]["f1"] == 0.0
    assert result["lenient"]["content"]["f1"] == 1.0
    assert result["cue"]["f1"] == 1.0


def test_extra_prediction_lowers_precision_only() -> None:
    extra = TaggedFrame(cue=span(at("disagree")), source=span(at("Residents")), content=None)
    result = scored([GOLD, extra])
    assert result["cue"] == {"precision": 0.5, "recall": 1.0, "f1": 2 / 3}
    assert result["content"]["precision"] == 1.0


def test_shared_source_counts_once() -> None:
    twice = TaggedFrame(cue=span(at("is shut")), source=GOLD.source, content=None)
    result = scored([GOLD, twice])
    assert result["source"]["precision"] == 1.0


def test_normalise_merges_fragments_split_only_by_whitespace() -> None:
    text = "first line\nsecond line"
    assert normalise(text, ((11, 22), (0, 11))) == ((0, 22),)
