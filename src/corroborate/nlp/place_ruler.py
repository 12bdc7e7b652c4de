"""A GeoNames entity ruler: place names of the gazetteer tagged LOC where the NER left them out.

The names are built once from the packaged gazetteer by `corroborate gazetteer ruler`
(`build_names`, `write_names`) into `data/models/place_ruler/places.txt`, one name a line,
already cut into our tokenizer's tokens (joined by single spaces), so loading is
reading a set of token sequences, not a tokenizer run. The component runs
after `ner` and adds a match only where the NER found no entity (`overwrite_ents` false):
the variants measured on UNER English EWT dev are in `data/models/place_ruler/SOURCES.md`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from corroborate import resources
from corroborate.errors import CorroborateError

FACTORY = "corroborate_place_ruler"
LABEL = "LOC"
NAMES_FILE = "places.txt"
# Towns and cities of at least this many people (chosen on UNER EWT dev among 5,000, 15,000,
# 50,000 and 100,000; see SOURCES.md). Countries and first-level regions are always kept.
MIN_POPULATION = 15_000
# A name every word of which is among this many most frequent GloVe 6B words ("Bay",
# "Mobile", "Of", "Nice", "Police") is left out unless it is a country; chosen on dev too.
COMMON_RANK = 20_000
# Lower-case forms ("baguio") are added for names every word of which is rarer than this
# GloVe rank; None (shipped): none, since no rank tried raised dev F1 (SOURCES.md).
LOWER_RANK: int | None = None
# All-capital forms ("TEHRAN", wire datelines) are added for names of at least this length.
MIN_UPPER_CHARS = 4

CALENDAR_WORDS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    + ("january", "february", "march", "april", "may", "june", "july")
    + ("august", "september", "october", "november", "december")
)

_QUERY = (
    "SELECT name, feature_class, feature_code, population FROM places "
    "UNION ALL SELECT name, 'A', 'PCLI', 0 FROM countries "
    "UNION ALL SELECT name, 'A', 'ADM1', 0 FROM regions"
)


def names_path() -> Path:
    return resources.model_dir("place_ruler") / NAMES_FILE


def gazetteer_names(gazetteer: Path, min_population: int = MIN_POPULATION) -> dict[str, bool]:
    """The gazetteer's place names worth a rule, each with whether it names a country:
    countries, first-level regions, and populated places of at least `min_population`."""
    try:
        conn = sqlite3.connect(f"file:{gazetteer}?mode=ro", uri=True)
        try:
            rows = conn.execute(_QUERY).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise CorroborateError(f"{gazetteer}: not a gazetteer file ({err})") from err
    names: dict[str, bool] = {}
    for name, feature_class, code, population in rows:
        country = code.startswith("PCL")
        if country or code == "ADM1" or (feature_class == "P" and population >= min_population):
            names[name] = names.get(name, False) or country
    return names


def ascii_form(name: str) -> str:
    """The name without diacritics, case kept ("São Paulo" -> "Sao Paulo")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def build_names(
    names: dict[str, bool],
    rank: Callable[[str], int],
    tokenize: Callable[[str], list[str]],
    common_rank: int = COMMON_RANK,
    lower_rank: int | None = LOWER_RANK,
) -> list[str]:
    """The ruler's lines: each capitalised name and its ASCII form as tokens joined by spaces,
    plus an all-capital form; names made only of common words dropped unless a country."""
    lines: set[str] = set()
    for name, country in names.items():
        for form in {name, ascii_form(name)}:
            tokens = tokenize(form)
            if not form[:1].isupper() or any(" " in token for token in tokens):
                continue
            words = [t for t in tokens if t.isalpha()]
            if not country and all(rank(word.lower()) < common_rank for word in words):
                continue
            lines.add(" ".join(tokens))
            if len(form) >= MIN_UPPER_CHARS:
                lines.add(" ".join(tokens).upper())
            if lower_rank is not None and all(rank(word.lower()) >= lower_rank for word in words):
                lines.add(" ".join(tokens).lower())
    return sorted(lines)


def write_names(lines: Iterable[str], out: Path, meta: dict[str, object]) -> int:
    """Write the ruler's names with a header recording how they were built."""
    lines = list(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    header = f"# {json.dumps(meta, sort_keys=True)}\n"
    partial = out.with_name(out.name + ".partial")  # the old file stays whole until replaced
    partial.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    partial.replace(out)
    return len(lines)


def build(
    gazetteer: Path,
    out: Path,
    nlp: Language,
    min_population: int = MIN_POPULATION,
    common_rank: int = COMMON_RANK,
    lower_rank: int | None = LOWER_RANK,
) -> int:
    """Write the ruler's names from `gazetteer`, tokenized by `nlp`'s tokenizer, common words
    judged by the row of `nlp`'s GloVe table (its rows are in GloVe's frequency order)."""
    vectors, strings = nlp.vocab.vectors, nlp.vocab.strings
    if not vectors.key2row:
        raise CorroborateError("the pipeline has no GloVe table to rank words by")

    def rank(word: str) -> int:
        return int(vectors.key2row.get(strings.add(word), len(vectors.key2row)))

    def tokenize(text: str) -> list[str]:
        return [token.text for token in nlp.tokenizer(text)]

    names = gazetteer_names(gazetteer, min_population)
    lines = build_names(names, rank, tokenize, common_rank, lower_rank)
    meta = {
        "source": "GeoNames via the packaged gazetteer, CC BY 4.0",
        "gazetteer_sha256": hashlib.sha256(gazetteer.read_bytes()).hexdigest(),
        "min_population": min_population,
        "common_rank": common_rank,
        "lower_rank": lower_rank,
        "names": len(lines),
    }
    return write_names(lines, out, meta)


def read_names(path: Path) -> list[str]:
    """The names of a names file, tokens joined by single spaces (`#` lines: the header)."""
    if not path.is_file():
        raise CorroborateError(f"{path}: no place ruler names (build: corroborate gazetteer ruler)")
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


class PlaceRuler:
    """Tags gazetteer names LOC: where no entity overlaps them, or over what the NER found
    when `overwrite_ents` is set (measured worse; kept for the comparison).

    Matching is a set lookup of token sequences, longest first, left to right. Written by hand
    instead of spaCy's PhraseMatcher because that needs one Doc per name: adding 75,000 names
    took 4-7 s at every load (measured), the set about 0.1 s; matches are on exact token text,
    overlaps resolved longest first as `filter_spans` does. A match next to another
    capitalised word is skipped (`_inside_longer_name`): same dev F1, and a headline's "Bella
    Thorne" no longer puts Thorne, England on the map."""

    def __init__(self, overwrite_ents: bool = False) -> None:
        self.overwrite_ents = overwrite_ents
        self.names: set[str] = set()  # tokens joined by single spaces
        self.lengths: dict[str, set[int]] = {}  # first token -> lengths of the names it starts

    def add_names(self, names: Iterable[str]) -> None:
        """Add names written as their tokens joined by single spaces."""
        for name in names:
            self.names.add(name)
            first, _, rest = name.partition(" ")
            self.lengths.setdefault(first, set()).add(rest.count(" ") + 2 if rest else 1)

    def matches(self, doc: Doc) -> list[Span]:
        words = [token.text for token in doc]
        found: list[Span] = []
        i = 0
        while i < len(words):
            # only lengths that fit: a slice past the end is shorter and may spell a shorter name
            lengths = sorted((n for n in self.lengths.get(words[i], ()) if i + n <= len(words)),
                             reverse=True)
            size = next((n for n in lengths if " ".join(words[i : i + n]) in self.names), 0)
            if size and not _inside_longer_name(doc, i, i + size):
                found.append(Span(doc, i, i + size, label=LABEL))
            i += size or 1
        return found

    def __call__(self, doc: Doc) -> Doc:
        found = self.matches(doc)
        if not found:
            return doc
        first, second = (found, list(doc.ents)) if self.overwrite_ents else (doc.ents, found)
        kept = list(first)
        taken = {i for span in kept for i in range(span.start, span.end)}
        kept += [s for s in second if not taken.intersection(range(s.start, s.end))]
        # before `ner` (nothing tagged yet) the other tokens stay open for it to label
        default = "outside" if doc.has_annotation("ENT_IOB") else "unmodified"
        doc.set_ents(sorted(kept, key=lambda span: span.start), default=default)
        return doc


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """A capitalised word right before (not starting the sentence) or after the match: the
    name is part of a longer one the NER missed ("Bella Thorne", "Georgia Tech"), not a place.
    Day and month names do not count ("Aleppo Tuesday")."""
    before = start > 0 and not doc[start].is_sent_start and _capitalised_word(doc[start - 1])
    return before or (end < len(doc) and _capitalised_word(doc[end]))


def _capitalised_word(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.lower_ not in CALENDAR_WORDS


@Language.factory(FACTORY, default_config={"overwrite_ents": False})
def make_place_ruler(nlp: Language, name: str, overwrite_ents: bool) -> PlaceRuler:
    return PlaceRuler(overwrite_ents)


def add_place_ruler(nlp: Language, path: Path | None = None, **placement: str) -> PlaceRuler:
    """Add the ruler to `nlp` (after `ner` unless `placement` says otherwise), with the
    shipped names or those of `path`."""
    ruler = nlp.add_pipe(FACTORY, **(placement or {"after": "ner"}))
    assert isinstance(ruler, PlaceRuler)
    ruler.add_names(read_names(path or names_path()))
    return ruler
