"""Corroborate: an evidence ledger for conflict reporting."""

from corroborate.model import Certainty, Claim, Cleaned, Mention, NoiseLine, RawReport, Report

__all__ = [
    "Certainty", "Claim", "Cleaned", "Mention", "NoiseLine", "RawReport", "Report", "__version__",
]
__version__ = "0.1.0"
