"""`token_vectors`: the tok2vec rows of the non-space tokens, then each token's static word
vector when the vocab has a table (zeros outside it), as the BiLSTM taggers read them."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.vectors import Vectors

from corroborate.attribution.features import token_vectors


def _doc_with_tensor(nlp: spacy.language.Language, text: str):
    doc = nlp(text)
    doc.tensor = np.arange(len(doc) * 3, dtype=np.float32).reshape(len(doc), 3)
    return doc


def test_without_a_table_the_vectors_are_the_tensor_rows_of_non_space_tokens() -> None:
    doc = _doc_with_tensor(spacy.blank("en"), "Rain  fell")
    vectors = token_vectors(doc)
    assert vectors.shape == (2, 3)
    assert np.array_equal(vectors, doc.tensor[[0, 2]])


def test_with_a_lowercase_table_static_vectors_follow_the_tensor_rows() -> None:
    nlp = spacy.blank("en")
    table = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    nlp.vocab.vectors = Vectors(
        strings=nlp.vocab.strings, data=table, keys=["rain", "fell"], attr="LOWER"
    )
    doc = _doc_with_tensor(nlp, "RAIN  fell hard")
    vectors = token_vectors(doc)
    assert vectors.shape == (3, 5)
    assert np.array_equal(vectors[:, :3], doc.tensor[[0, 2, 3]])
    assert np.array_equal(vectors[:, 3:], [[1.0, 2.0], [3.0, 4.0], [0.0, 0.0]])


def test_no_tensor_gives_none() -> None:
    assert token_vectors(spacy.blank("en")("Rain fell")) is None
