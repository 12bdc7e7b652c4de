"""Cue-lexicon hits (a cue tagger feature): the scan that skips words no phrase starts with
marks the same tokens as trying every phrase length at every token."""

from __future__ import annotations

from corroborate.attribution.features import Token, _lexicon_hits, cue_lexicon, tokenize


def _every_start(tokens: tuple[Token, ...]) -> list[str]:
    """The plain definition: at each token, the longest lexicon phrase (three words or
    fewer) starting there marks B then I."""
    lexicon, hits = cue_lexicon(), [""] * len(tokens)
    for i in range(len(tokens)):
        for size in (3, 2, 1):
            words = [t.text.lower() for t in tokens[i : i + size]]
            if len(words) == size and " ".join(words) in lexicon:
                hits[i] = hits[i] or "B"
                hits[i + 1 : i + size] = ["I"] * (size - 1)
                break
    return hits


def test_hits_match_trying_every_phrase_at_every_token() -> None:
    text = (
        "According to the council, the road was closed, an official said in a statement. "
        "She pointed out that, according to records, nobody says so. In an interview he "
        "told reporters the statement was false; points out and according"
    )
    tokens = tokenize(text).tokens
    hits = _lexicon_hits(tokens)
    assert hits == _every_start(tokens)
    assert {"B", "I"} <= set(hits)
