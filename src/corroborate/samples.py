"""The sample reports bundled with the package (fictional, written by the project)."""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).parent / "data" / "samples"


def sample_files() -> list[str]:
    """The bundled reports, without the folder's README."""
    return [str(p) for p in sorted(SAMPLES_DIR.iterdir()) if p.is_file() and p.suffix != ".md"]
