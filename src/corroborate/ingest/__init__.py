"""Ingest: find report files, read them safely and split containers into raw reports."""

from corroborate.ingest.read import read_inputs

__all__ = ["read_inputs"]
