"""Corroborate: an evidence ledger for conflict reporting."""

from corroborate.model import (
    ActorMention,
    Certainty,
    Claim,
    Cleaned,
    Mention,
    NoiseLine,
    Place,
    PlaceMention,
    RawReport,
    Report,
)

__all__ = [
    "ActorMention", "Certainty", "Claim", "Cleaned", "Mention", "NoiseLine", "Place",
    "PlaceMention", "RawReport", "Report", "__version__",
]
__version__ = "0.1.0"
