"""Stance of a report text towards a claim: agree / disagree / discuss / unrelated
(FNC-1 labels). `stance(claim, text)` and `stance_many(pairs)` use the shipped model."""

from corroborate.link.stance.labels import LABELS
from corroborate.link.stance.model import stance, stance_many

__all__ = ["LABELS", "stance", "stance_many"]
