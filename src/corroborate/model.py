"""The ledger's data model: one report owns its clean text; everything else is a span of it.

These frozen dataclasses are the contract between the pipeline stages, the store and the
exports. `../shared/GUIDELINES.md` (mirrored in the README) defines claim, source, chain,
cue and certainty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Certainty(StrEnum):
    ASSERTED = "asserted"
    HEDGED = "hedged"
    DENIED = "denied"


@dataclass(frozen=True)
class RawReport:
    """One report as read from its container, before any cleaning.

    Exactly one of `text` (a scraped plain-text page) or `html` is set. The other fields
    are what the container itself stated (JSON/CSV export columns); `None` means unstated.
    """

    path: str  # the file as given on the command line ("-" for standard input)
    format: str  # text | html | jsonl | json | csv
    text: str | None = None
    html: str | None = None
    row: int | None = None  # 1-based record number inside a JSON/CSV container
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None

    @property
    def location(self) -> str:
        """Human-readable origin, used in every error message."""
        return self.path if self.row is None else f"{self.path}, row {self.row}"


@dataclass(frozen=True)
class NoiseLine:
    """A line removed from the page, kept so that a person can audit the cleaning."""

    line: int  # 0-based line number in the text the cleaner received
    text: str
    reason: str  # a short rule name, e.g. "furniture", "repeated", "ticker", "not-a-sentence"


@dataclass(frozen=True)
class Dateline:
    """A wire dateline opening the body ("BEIRUT, March 3, 2021 (Reuters) - "): a span of
    the clean text (the dash and spaces included) and what it says."""

    start: int
    end: int
    place: str | None  # as written: "BEIRUT", "KOSTI, Sudan"
    date: str | None  # ISO, only when the dateline gives a full date
    date_as_written: str | None
    agency: str


@dataclass(frozen=True)
class Cleaned:
    """Output of the cleaning stage."""

    text: str  # the body, every kept line in order, joined by "\n"
    noise: tuple[NoiseLine, ...] = ()
    title: str | None = None
    title_source: str | None = None  # e.g. "first line", "html metadata", "field"
    published: str | None = None  # ISO date (YYYY-MM-DD) or None: never guessed
    published_source: str | None = None  # where the date was read, e.g. "line 5: '11 Mar, 2016'"
    byline: str | None = None
    outlet: str | None = None
    outlet_source: str | None = None  # "url", "dateline", "page", "field"
    url: str | None = None  # canonical URL found in the page (HTML metadata), if any
    dateline: Dateline | None = None  # a wire dateline opening the body


@dataclass(frozen=True)
class Claim:
    """A proposition the report makes, as a span of the report's clean text."""

    start: int
    end: int
    text: str
    source: str | None = None  # innermost speaker as written; None = the outlet itself
    chain: tuple[str, ...] = ()  # attribution path, outermost first
    cue: str | None = None  # the attribution word or phrase as written
    certainty: Certainty = Certainty.ASSERTED
    hedges: tuple[str, ...] = ()  # hedge / denial words found
    # Spans (start, end) of the clean text: where the source and cue are written and the
    # reported content; None where unknown (a speaker carried from another sentence).
    source_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    content_span: tuple[int, int] | None = None
    attributed_by: str | None = None  # "model" or "rules"; None when the outlet speaks
    certainty_score: float | None = None  # confidence in `certainty`, 0..1; None: no model
    certainty_by: str | None = None  # "model" or "rules": what decided `certainty`
    # The source as the report writes it: differs from `source` where a pronoun or role
    # phrase ("she", "the spokesman") was resolved to the speaker it refers to.
    source_as_written: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named entity mention: a span of the clean text with its type (PER, ORG, LOC)."""

    start: int
    end: int
    text: str
    label: str
    # The name the report files it under: its text, or the report's usual writing of a case
    # variant ("al-Waer" -> "Al-Waer"); None: its text.
    name: str | None = None


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (`corroborate.geo`): GeoNames' id, or a negative id for the curated
    supplement. `precision` is point, city, region or country, as conflict-event datasets
    record it."""

    geonames_id: int
    name: str
    feature_class: str  # GeoNames class: A region, P populated place, S site, T terrain ...
    feature_type: str  # GeoNames feature code: PCLI, ADM1, PPLA, AIRB ...
    country_code: str  # ISO 3166 alpha-2
    country: str
    admin1: str | None  # the first-level region's name
    population: int
    latitude: float
    longitude: float
    precision: str


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: the gazetteer entry it resolves to, or None and why not."""

    start: int
    end: int
    text: str
    place: Place | None
    reason: str | None = None  # why unresolved: "not in the gazetteer", "metonymy: ..."


@dataclass(frozen=True)
class ActorMention:
    """A person, organisation or group named in the text, linked to its canonical actor."""

    start: int
    end: int
    text: str
    name: str  # the canonical actor's name
    type: str  # PER, ORG (a place named for its government, "Moscow said", is ORG)
    role: str | None = None  # a title or role phrase written with it: "Kremlin spokesman"
    key: str = ""  # the canonical name folded: the actor's identity across reports


@dataclass(frozen=True)
class Report:
    """A fully processed report, ready to store."""

    path: str
    format: str
    content_hash: str
    raw: str  # what was read (page text or HTML), for provenance and re-processing
    text: str  # clean text; claim offsets index into it
    noise: tuple[NoiseLine, ...]
    title: str | None
    title_source: str | None
    published: str | None
    published_source: str | None
    byline: str | None
    outlet: str | None
    outlet_source: str | None
    url: str | None
    language: str | None
    claims_status: str  # "extracted" or a plain explanation why claims were not extracted
    claims: tuple[Claim, ...] = field(default_factory=tuple)
    row: int | None = None
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    places: tuple[PlaceMention, ...] = field(default_factory=tuple)
    actors: tuple[ActorMention, ...] = field(default_factory=tuple)
    dateline_place: str | None = None  # a wire dateline's place, date (ISO) and agency
    dateline_date: str | None = None
    dateline_agency: str | None = None
