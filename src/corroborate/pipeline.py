"""The processing pipeline: a declared list of stages run over batches of reports.

    clean -> language -> parse -> claims -> entities -> places -> actors

Each stage (`corroborate.stages.*`, looked up in `registry`) declares the `Work` fields it
requires and assigns; a pipeline in the wrong order fails when it is built. The stages'
derived versions, joined, are stored with every report, so a stored row says which code and
data made it and a re-ingest after an upgrade re-processes it. Reports go through in batches
so that a stage can batch its model calls; a failure is confined to the report that caused it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from itertools import islice
from pathlib import Path

from corroborate.errors import CorroborateError, InputError
from corroborate.model import RawReport, Report
from corroborate.registry import Stage, Work, get_stage

DEFAULT_PIPELINE = ("clean", "language", "parse", "claims", "entities", "places", "actors")
BATCH_SIZE = 16

Outcome = tuple[RawReport, Report | InputError]


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[Stage, ...]

    @property
    def signature(self) -> str:
        """The stages' derived versions, joined: stored with each report."""
        return " ".join(stage.derived_version for stage in self.stages)

    def process_many(
        self, raws: Iterable[RawReport], batch_size: int = BATCH_SIZE
    ) -> Iterator[Outcome]:
        """Process reports in batches; yield each with its Report or the error that stopped
        it. No exception from one report escapes: it becomes that report's error."""
        items = iter(raws)
        while batch := tuple(islice(items, batch_size)):  # itertools.batched is Python 3.12+
            work = [Work(raw) for raw in batch]
            for stage in self.stages:
                _run_stage(stage, [w for w in work if w.error is None])
            yield from ((w.raw, w.error or _report(w)) for w in work)


def build_pipeline(names: Sequence[str] = DEFAULT_PIPELINE) -> Pipeline:
    """The stages named, in order; fails if a stage requires what no earlier stage assigns."""
    stages = tuple(get_stage(name) for name in names)
    available = {"raw"}
    for stage in stages:
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise CorroborateError(
                f"pipeline stage {stage.name!r} requires {', '.join(missing)}, which no earlier "
                f"stage assigns (order: {' -> '.join(names)})"
            )
        available.update(stage.assigns)
    return Pipeline(stages)


@cache
def default_pipeline() -> Pipeline:
    return build_pipeline(DEFAULT_PIPELINE)


def _run_stage(stage: Stage, batch: list[Work]) -> None:
    """Run `stage` on the batch; if it fails, on each report alone, so that only the report
    that caused the failure stops (with its file named) and the others go on."""
    if not batch:
        return
    try:
        stage.run(batch)
    except Exception:  # noqa: BLE001 - which report? run them one by one to find out
        for work in batch:
            _run_alone(stage, work)


def _run_alone(stage: Stage, work: Work) -> None:
    try:
        stage.run([work])
    except InputError as err:
        work.error = err
    except Exception as err:  # a bug in a stage, or input it cannot take: name the file
        reason = f"internal error in stage {stage.name!r} ({type(err).__name__}: {err})"
        work.error = InputError(work.raw.location, reason)


def _report(work: Work) -> Report:
    raw, cleaned = work.raw, work.cleaned
    assert cleaned is not None
    return Report(
        path=raw.path,
        row=raw.row,
        format=raw.format,
        content_hash=content_hash(raw),
        raw=raw.html if raw.html is not None else raw.text or "",
        text=cleaned.text,
        noise=cleaned.noise,
        title=cleaned.title,
        title_source=cleaned.title_source,
        published=cleaned.published,
        published_source=cleaned.published_source,
        byline=cleaned.byline,
        outlet=cleaned.outlet,
        outlet_source=cleaned.outlet_source,
        url=raw.url or cleaned.url,
        language=work.language,
        claims_status=work.claims_status,
        claims=work.claims,
        mentions=work.mentions,
        places=work.places,
        actors=work.actors,
        dateline_place=cleaned.dateline.place if cleaned.dateline else None,
        dateline_date=cleaned.dateline.date if cleaned.dateline else None,
        dateline_agency=cleaned.dateline.agency if cleaned.dateline else None,
    )


def process(raw: RawReport) -> Report:
    """Run every stage on one report. Raises InputError when the report has no content."""
    [(_, outcome)] = list(default_pipeline().process_many([raw]))
    if isinstance(outcome, InputError):
        raise outcome
    return outcome


def process_many(raws: Iterable[RawReport], batch_size: int = BATCH_SIZE) -> Iterator[Outcome]:
    return default_pipeline().process_many(raws, batch_size)


def content_hash(raw: RawReport) -> str:
    """Hash of everything read for this report (content and container fields)."""
    fields = asdict(raw)
    fields.pop("path")
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def report_key(raw: RawReport) -> str:
    """A report's identity across re-ingests: its stated URL, else its file (and row).

    Standard input has no name, so its reports are identified by their content.
    """
    if raw.url:
        return f"url:{raw.url}"
    if raw.path == "-":
        return f"stdin:{content_hash(raw)}"
    location = str(Path(raw.path).resolve())
    return f"file:{location}" if raw.row is None else f"file:{location}#{raw.row}"
