"""The one way to reach what ships in `corroborate/data/`: word lists, models, samples.

Word lists are plain text: one entry a line, `#` starts a comment, and a file may be cut into
`[sections]`. Every stage reads its lists through `lexicon_entries` or `lexicon_sections` and
its model folder through `model_dir`, so the pipeline can hash exactly the files each stage
reads (`files_digest`) and re-process stored reports when one of them changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from corroborate.errors import CorroborateError


def data_dir() -> Path:
    """`corroborate/data` inside the installed package (installed unzipped: a real path)."""
    return Path(str(resources.files("corroborate") / "data"))


def lexicon_path(name: str) -> Path:
    return data_dir() / "lexicons" / name


def model_dir(name: str) -> Path:
    """A shipped model's folder, e.g. `model_dir("attribution")`."""
    return data_dir() / "models" / name


@cache
def lexicon_entries(name: str, *, comments: bool = True) -> tuple[str, ...]:
    """Non-blank lines of a word list, inner whitespace kept. With `comments`, a `#` anywhere
    starts a comment; without, only a line starting with `#` is one (pattern files, whose
    regexes may hold a `#`)."""
    entries = []
    for raw in _lines(name):
        line = raw.split("#", 1)[0] if comments else ("" if raw.startswith("#") else raw)
        if line.strip():
            entries.append(line.strip() if comments else line.rstrip("\n"))
    return tuple(entries)


@cache
def lexicon_sections(name: str) -> dict[str, tuple[str, ...]]:
    """Entries of a sectioned word list by `[section]`, in file order, without duplicates."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(_lines(name), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is None:
            where = f"{lexicon_path(name)}, line {number}"
            raise CorroborateError(f"{where}: entry before any [section]")
        elif line not in current:
            current.append(line)
    return {key: tuple(values) for key, values in sections.items()}


def _lines(name: str) -> list[str]:
    path = lexicon_path(name)
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise CorroborateError(f"{path}: cannot read word list ({err.strerror})") from err


def data_files(patterns: Iterable[str]) -> list[Path]:
    """The files under `corroborate/data` matching glob `patterns` (e.g. "models/nlp/**/*"),
    without the folders' documentation (SOURCES.md: editing it changes no output)."""
    root = data_dir()
    found = {
        path
        for pattern in patterns
        for path in root.glob(pattern)
        if path.is_file() and path.suffix != ".md"
    }
    return sorted(found)


def files_digest(paths: Iterable[Path]) -> str:
    """SHA-256 over each file's name (relative to the data folder) and bytes."""
    root, digest = data_dir(), hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
