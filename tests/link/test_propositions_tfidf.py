"""`_tfidf_with`: a batch's TF-IDF rows, each distinct text analysed once, exactly the rows
of transforming every text (wire copy repeats most texts of a large batch)."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from corroborate.link.index import Frequencies, fit_tfidf
from corroborate.link.propositions import _tfidf_with, words


def test_tfidf_rows_of_repeated_texts_are_those_of_every_text() -> None:
    background = Frequencies.of(["Troops entered the town on Monday.",
                                 "The bridge was shelled again."], words)
    texts = ["Troops shelled the bridge near the town.", "Officials said troops withdrew.",
             "Troops shelled the bridge near the town.", "the a of",
             "Officials said troops withdrew.", "Troops shelled the bridge near the town."]
    rows = _tfidf_with(background, texts)
    plain = TfidfVectorizer(sublinear_tf=True, analyzer=words, dtype=np.float32)
    fit_tfidf(plain, texts, background)  # the IDF counts every copy
    every = plain.transform(texts).tocsr()
    assert rows.shape == every.shape and rows.dtype == every.dtype
    assert np.array_equal(rows.toarray(), every.toarray())
    assert np.array_equal(rows[0].toarray(), rows[5].toarray())
    assert rows[3].nnz == 0  # stop words only


def test_tfidf_of_stop_words_only_is_one_empty_column() -> None:
    rows = _tfidf_with(Frequencies(0, {}), ["the a of", "of the"])
    assert rows.shape == (2, 1) and rows.nnz == 0
