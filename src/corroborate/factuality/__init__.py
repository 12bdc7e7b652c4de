"""Event factuality: how far the text commits to a predicate's event having happened
(UDS-IH2 scale; DATA.md §8: negative means "not presented as having happened", not
"denied"). A numpy regressor over parse features, shipped in `data/models/factuality`.

    commitment(token) -> float | None   # None when no model is shipped
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from corroborate import resources
from corroborate.factuality.features import predicate_features, predicate_texts
from corroborate.factuality.model import WEIGHTS, CommitmentModel

__all__ = ["commitment", "shipped_model"]


@functools.cache
def shipped_model() -> CommitmentModel | None:
    model_dir = resources.model_dir("factuality")
    if not (model_dir / WEIGHTS).is_file():
        return None
    return CommitmentModel.load(model_dir)


def commitment(token: Token) -> float | None:
    """The model's factuality for `token` as a predicate, or None without a model."""
    model = shipped_model()
    if model is None:
        return None
    return float(model.predict([predicate_features(token)], [predicate_texts(token)])[0])
