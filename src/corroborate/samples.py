"""The sample reports bundled with the package (fictional, written by the project)."""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).parent / "data" / "samples"
