"""Claims: every sentence or clause that asserts something, with source, chain, cue and
certainty (the contract is `../shared/GUIDELINES.md`).

    split_sentences(text) -> [(start, end), ...]
    extract_claims(text, doc=None) -> [Claim, ...]  # doc: the trained parser's Doc of text
"""

from __future__ import annotations

from corroborate.claims.extract import extract_claims
from corroborate.claims.sentences import split_sentences

__all__ = ["extract_claims", "split_sentences"]
