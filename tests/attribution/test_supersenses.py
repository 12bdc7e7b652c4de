"""WordNet supersense features: the extract builder on a tiny WordNet-shaped folder, the
morphy lemma rules, and the shipped extract."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.attribution.supersenses import read_extract, token_features
from corroborate.errors import CorroborateError
from corroborate.training.supersenses import build

# lexicographer file numbers: 31 verb.cognition, 32 verb.communication, 42 verb.stative,
# 10 noun.communication, 6 noun.artifact
_FILES = {
    "index.verb": [
        "  1 licence header line",
        "demand v 2 1 @ 2 2 00000001 00000002  ",
        "speak v 1 1 @ 1 1 00000003  ",
        "think v 1 1 @ 1 1 00000004  ",
        "carry_out v 1 1 @ 1 1 00000004  ",
    ],
    "data.verb": [
        "  1 licence header line",
        "00000001 32 v 01 demand 0 000 | ask",
        "00000002 42 v 01 demand 0 000 | require",
        "00000003 32 v 01 speak 0 000 | talk",
        "00000004 31 v 01 think 0 000 | judge",
    ],
    "verb.exc": ["spoke speak", "thought think"],
    "index.noun": [
        "statement n 1 1 @ 1 1 00000005  ",
        "hammer n 1 1 @ 1 1 00000006  ",
    ],
    "data.noun": [
        "00000005 10 n 01 statement 0 000 | a message",
        "00000006 06 n 01 hammer 0 000 | a tool",
    ],
    "noun.exc": ["hammeri hammer"],
}


@pytest.fixture
def extract(tmp_path: Path):
    wordnet = tmp_path / "wordnet"
    wordnet.mkdir()
    for name, lines in _FILES.items():
        (wordnet / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "supersenses.tsv"
    assert build(wordnet, out) == 4  # 3 one-word verbs, 1 noun of a kept class
    return read_extract(out)


def test_classes_in_sense_order(extract) -> None:
    assert extract.of("demand", "v") == ("verb.communication", "verb.stative")
    assert extract.of("statement", "n") == ("noun.communication",)


def test_inflections_and_exceptions_find_the_lemma(extract) -> None:
    assert extract.lemma("demanded", "v") == "demand"
    assert extract.lemma("Demands", "v") == "demand"
    assert extract.lemma("speaking", "v") == "speak"
    assert extract.lemma("spoke", "v") == "speak"
    assert extract.lemma("statements", "n") == "statement"
    assert extract.lemma("sang", "v") is None


def test_nouns_of_other_classes_and_multiword_lemmas_are_left_out(extract) -> None:
    assert extract.of("hammer", "n") == ()
    assert ("n", "hammeri") not in extract.exceptions  # its lemma is not kept
    assert ("v", "carry_out") not in extract.classes


def test_missing_wordnet_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="index.verb"):
        build(tmp_path, tmp_path / "out.tsv")


def test_shipped_extract_features_follow_the_tag() -> None:
    assert "ssv0=verb.communication" in token_features("said", "VBD")
    assert "ssn0=noun.communication" in token_features("statement", "NN")
    assert not any(f.startswith("ssn") for f in token_features("said", "VBD"))
    assert token_features("the", "DT") == ()
    # untagged text (no parse): both readings
    assert {f[:3] for f in token_features("claims", "")} == {"ssv", "ssn"}
