"""The shipped static sentence encoder: unit rows, paraphrases close, deterministic."""

from __future__ import annotations

import json

import numpy as np
import pytest

from corroborate.embed import MODEL_DIR, StaticEncoder, embed, load_encoder
from corroborate.embed.static import VECTORS_FILE
from corroborate.training.embed.teacher import sha256_of

# invented sentences: (a, paraphrase of a, unrelated to a)
TRIPLES = [
    (
        "Russian troops are fighting beside government forces",
        "Russian soldiers fight alongside regime forces",
        "The central bank raised interest rates by half a point",
    ),
    (
        "The hospital in the north of the city was hit by an air strike",
        "An airstrike struck the northern city hospital",
        "Heavy rain flooded several villages along the coast",
    ),
    (
        "The ministry denied that civilians were killed in the attack",
        "Officials rejected claims that the assault killed civilians",
        "A new football stadium will open next spring",
    ),
    (
        "Rebels captured the airport after two days of fighting",
        "Insurgents seized the airfield following a two-day battle",
        "The company reported higher profits in the third quarter",
    ),
]


def test_rows_are_unit_float32_vectors() -> None:
    vectors = embed([a for a, _, _ in TRIPLES])
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(TRIPLES), load_encoder().dims)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(("sentence", "paraphrase", "unrelated"), TRIPLES)
def test_paraphrase_is_closer_than_an_unrelated_sentence(
    sentence: str, paraphrase: str, unrelated: str
) -> None:
    a, b, c = embed([sentence, paraphrase, unrelated])
    assert a @ b > a @ c + 0.1


def test_output_is_deterministic_and_independent_of_the_batch() -> None:
    texts = [t for triple in TRIPLES for t in triple]
    together = embed(texts)
    again = StaticEncoder.from_dir(MODEL_DIR).encode(texts)
    one_by_one = np.vstack([embed([t]) for t in texts])
    assert np.array_equal(together, again)
    assert np.allclose(together, one_by_one, atol=1e-6)


def test_text_without_word_pieces_gets_a_zero_row() -> None:
    vectors = embed(["", "   ", "Shelling resumed overnight"])
    assert not vectors[:2].any()
    assert np.isclose(np.linalg.norm(vectors[2]), 1.0)


def test_case_and_long_texts_are_handled() -> None:
    lower, upper = embed(["shelling resumed overnight", "SHELLING RESUMED OVERNIGHT"])
    assert np.allclose(lower, upper)  # the WordPiece vocabulary is uncased
    long_text = " ".join(["Shelling resumed overnight in the eastern districts."] * 200)
    assert np.isclose(np.linalg.norm(embed([long_text])[0]), 1.0)


def test_shipped_files_match_their_recorded_hash_and_size() -> None:
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert sha256_of(MODEL_DIR / VECTORS_FILE) == meta["vectors_sha256"]
    assert (MODEL_DIR / VECTORS_FILE).stat().st_size < 10_000_000
    assert load_encoder().vectors.shape == (meta["vocabulary"], meta["settings"]["dims"])


def test_a_repeated_text_gets_the_same_row_as_alone() -> None:
    texts = ["Troops entered the town.", "A bridge was shelled.", "Troops entered the town."]
    rows = embed(texts)
    alone = load_encoder().encode(texts)
    assert rows.shape == alone.shape and np.array_equal(rows, alone)
