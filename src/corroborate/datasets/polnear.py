"""Read the PolNeAR attribution corpus (brat standoff) into texts and gold attributions.

Layout: `DIR/text/NAME.txt` and `DIR/attributions/NAME_XXXX.ann`, one `.ann` per annotator
(XXXX is the annotator id). In an `.ann` file, `T` lines are labelled spans
(`T3<TAB>Content 13 98;120 150<TAB>text`, several `start end` fragments separated by `;`)
and `E` lines tie one attribution together (`E1<TAB>TaggedFrame:T4 Content:T3 Cue:T2
Source:T1`; the trigger is `TaggedFrame-no-source` when there is no source, and a few
attributions add a second content as `Content2`). A span text containing a line break
continues on the next line of the file; such continuation lines are skipped.

Scoring convention: where several annotators labelled an article, the first `.ann` file in
name order is the gold standard (`first_annotations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from corroborate.attribution.spans import Fragments, Span, TaggedFrame, make_span
from corroborate.errors import InputError

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_CONTENT_ROLES = ("Content", "Content2")


@dataclass(frozen=True)
class Article:
    """One article's text and the attributions one annotator marked in it."""

    name: str
    text: str
    attributions: tuple[TaggedFrame, ...]
    annotator_file: str


def parse_fragments(location: str, spec: str) -> Fragments:
    """`"13 98;120 150"` -> ((13, 98), (120, 150))."""
    fragments = []
    for piece in spec.strip().split(";"):
        bounds = piece.split()
        if len(bounds) != 2:
            raise InputError(location, f"bad span offsets {spec!r}")
        start, end = int(bounds[0]), int(bounds[1])
        if start > end:
            raise InputError(location, f"span ends before it starts: {spec!r}")
        fragments.append((start, end))
    return tuple(fragments)


def _read_lines(path: Path, text: str) -> tuple[dict[str, Fragments], list[dict[str, list[str]]]]:
    spans: dict[str, Fragments] = {}
    events: list[dict[str, list[str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        location = f"{path}:{number}"
        if match := _T_LINE.match(line):
            fragments = parse_fragments(location, match.group(3))
            if fragments[-1][1] > len(text):
                raise InputError(location, f"span {match.group(3)!r} runs past the text's end")
            spans[match.group(1)] = fragments
        elif match := _E_LINE.match(line):
            roles: dict[str, list[str]] = {}
            for argument in match.group(2).split():
                role, _, target = argument.partition(":")
                if not target:
                    raise InputError(location, f"bad event argument {argument!r}")
                roles.setdefault(role, []).append(target)
            events.append(roles)
    return spans, events


def _span_of(text: str, spans: dict[str, Fragments], ids: list[str], where: str) -> Span | None:
    fragments: list[tuple[int, int]] = []
    for span_id in ids:
        if span_id not in spans:
            raise InputError(where, f"event refers to unknown span {span_id}")
        fragments.extend(spans[span_id])
    return make_span(text, tuple(fragments)) if fragments else None


def read_ann(path: Path, text: str) -> tuple[TaggedFrame, ...]:
    """The attributions of one annotator file over `text` (events without a cue are skipped)."""
    spans, events = _read_lines(path, text)
    attributions = []
    for roles in events:
        cue = _span_of(text, spans, roles.get("Cue", []), str(path))
        if cue is None:
            continue
        contents = [span_id for role in _CONTENT_ROLES for span_id in roles.get(role, [])]
        source = _span_of(text, spans, roles.get("Source", []), str(path))
        content = _span_of(text, spans, contents, str(path))
        attributions.append(TaggedFrame(cue=cue, source=source, content=content))
    return tuple(attributions)


def annotator_files(directory: Path, name: str) -> list[Path]:
    """The `.ann` files of article `name`, sorted by file name (first = gold standard)."""
    candidates = (directory / "attributions").glob(f"{glob_escape(name)}_*.ann")
    # NAME_XXXX.ann only: not the files of an article whose name extends NAME
    return sorted(path for path in candidates if path.stem.rsplit("_", 1)[0] == name)


def glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def read_corpus(directory: Path) -> list[Article]:
    """Every article of a PolNeAR split, scored against its first annotator file."""
    text_dir = directory / "text"
    if not text_dir.is_dir() or not (directory / "attributions").is_dir():
        raise InputError(str(directory), "expected text/ and attributions/ folders")
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        files = annotator_files(directory, text_path.stem)
        if not files:
            raise InputError(str(text_path), "no annotation file in attributions/")
        text = text_path.read_text(encoding="utf-8")
        attributions = read_ann(files[0], text)
        articles.append(Article(text_path.stem, text, attributions, files[0].name))
    if not articles:
        raise InputError(str(text_dir), "no .txt articles")
    return articles
