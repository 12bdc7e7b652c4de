"""The taggers' run-time feature ids (`feature_ids.RoleIds`, `feature_ids.CueIds`) are
exactly the vocabulary ids of `features.role_features`' and `features.cue_features`'
strings, in the same order, for every cue window and every sentence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.attribution.feature_ids import CueIds, RoleIds, Vocabulary
from corroborate.attribution.features import Tokenized, cue_features, role_features, tokenize
from corroborate.attribution.neural import UNKNOWN
from corroborate.attribution.tagger import other_cue_tokens, shipped_tagger
from corroborate.nlp.parsing import load_nlp

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# invented: quotes opened and closed across sentences and paragraphs, cues inside quotes,
# "according to", dashes and brackets, a long line, numbers and abbreviations
TEXT = (
    "The mayor of Tarvel, Ina Holt, said on Monday that the bridge “would reopen soon, "
    "perhaps by June.” Engineers disputed that; one of them told reporters: “We were never "
    "asked.” According to the ministry (which declined to comment further), repairs cost "
    "$4.2 million.\n"
    "“It is safe,” Holt added, “and we have said so since 2019.”\n"
    "Residents — many of whom had left — said they doubted it, the U.N. office reported. "
    + " ".join(["words without any stop at all"] * 30)
)


def _cues(doc: Tokenized) -> list[tuple[int, int]]:
    """One-token cues at every token, two-token cues at every third: each token's features
    relative to cues before, inside and after it."""
    size = len(doc.tokens)
    return sorted({(i, i + 1) for i in range(size)} | {(i, i + 2) for i in range(0, size - 1, 3)})


def _every_string_vocabulary(doc: Tokenized, cues: list[tuple[int, int]]) -> dict[str, int]:
    """A vocabulary holding every feature string the windows make (and "-1w=<edge>" ...),
    so that a wrong string cannot hide behind the unknown id."""
    vocab: dict[str, int] = {}
    for cue in cues:
        for token in role_features(doc, cue, other_cue_tokens(doc, cues, cue)):
            for feature in token:
                vocab.setdefault(feature, len(vocab) + 1)
    return vocab


def _assert_same_ids(doc: Tokenized, cues: list[tuple[int, int]], vocab: dict[str, int]) -> None:
    ids = RoleIds(doc, vocab)
    for cue in cues:
        others = other_cue_tokens(doc, cues, cue)
        features = role_features(doc, cue, others)
        want = [vocab.get(f, UNKNOWN) for token in features for f in token]
        starts = np.cumsum([0, *map(len, features)])[:-1]
        got = ids.window(cue, others)
        assert got.ids.tolist() == want, cue
        assert got.starts.tolist() == starts.tolist(), cue


@pytest.mark.parametrize("parsed", [True, False])
def test_ids_match_the_feature_strings_for_every_cue(parsed: bool) -> None:
    doc = tokenize(TEXT, load_nlp() if parsed else None)
    assert doc.parsed == parsed
    cues = _cues(doc)
    _assert_same_ids(doc, cues, _every_string_vocabulary(doc, cues))


def test_ids_match_in_the_shipped_vocabulary_on_the_seeds() -> None:
    net = shipped_tagger().role.net
    if net.shared_vocab is None:
        pytest.skip("the shipped role tagger's networks have different vocabularies")
    nlp = load_nlp()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        doc = tokenize(path.read_text(encoding="utf-8"), nlp)
        cues = shipped_tagger().cues(doc)
        assert cues, path
        _assert_same_ids(doc, cues, net.shared_vocab)


def _assert_same_cue_ids(doc: Tokenized, vocab: dict[str, int]) -> None:
    sequences = cue_features(doc)
    got = CueIds(doc, vocab).sentences()
    assert len(got) == len(sequences) == len(doc.sentences)
    for rows, features in zip(got, sequences, strict=True):
        want = [vocab.get(f, UNKNOWN) for token in features for f in token]
        assert rows.ids.tolist() == want
        assert rows.starts.tolist() == np.cumsum([0, *map(len, features)])[:-1].tolist()


@pytest.mark.parametrize("parsed", [True, False])
def test_cue_ids_match_the_feature_strings_of_every_sentence(parsed: bool) -> None:
    doc = tokenize(TEXT, load_nlp() if parsed else None)
    every = {f for sequence in cue_features(doc) for token in sequence for f in token}
    vocab = {feature: n for n, feature in enumerate(sorted(every), start=1)}
    _assert_same_cue_ids(doc, vocab)
    # without the word-pair features (as training drops them): ids 0, not built
    _assert_same_cue_ids(doc, {f: n for f, n in vocab.items() if not f.startswith("bi")})


def test_cue_ids_match_in_the_shipped_vocabulary_on_the_seeds() -> None:
    net = shipped_tagger().cue.net
    if net.shared_vocab is None:
        pytest.skip("the shipped cue tagger's networks have different vocabularies")
    nlp = load_nlp()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        _assert_same_cue_ids(tokenize(path.read_text(encoding="utf-8"), nlp), net.shared_vocab)


def test_a_vocabulary_kept_across_reports_gives_the_same_ids() -> None:
    nlp = load_nlp()
    docs = [tokenize(TEXT, nlp), tokenize("Police said the march went ahead. “No,” he said.", nlp)]
    net = shipped_tagger().role.net
    if net.shared_vocab is None:
        pytest.skip("the shipped role tagger's networks have different vocabularies")
    kept = Vocabulary(net.shared_vocab)
    for doc in [*docs, *docs]:  # the second time round, from what the first one kept
        cues = _cues(doc)[:40]
        for cue in cues:
            others = other_cue_tokens(doc, cues, cue)
            fresh, reused = RoleIds(doc, net.shared_vocab), RoleIds(doc, kept)
            assert fresh.window(cue, others).ids.tolist() == reused.window(cue, others).ids.tolist()
        fresh_cue = CueIds(doc, net.shared_vocab).sentences()
        kept_cue = CueIds(doc, kept).sentences()
        assert [r.ids.tolist() for r in fresh_cue] == [r.ids.tolist() for r in kept_cue]
    assert all(kept.memo(kind) for kind in ("role words", "cue words", "cue syntax"))
