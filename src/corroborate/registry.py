"""Pipeline stages: what one is, and the registry the pipeline looks them up in.

A stage is a named, versioned callable over a batch of `Work` items, in the manner of
spaCy's factories: it declares which `Work` fields it `requires` and which it `assigns`,
which packaged data files it `reads`, and which libraries shape its output. Its version is
*derived* from its code's `version` constant, a hash of those data files and the library
versions, so that a new model, word list or library makes the next ingest re-process stored
reports, while an unchanged pipeline skips them.

The built-in stages live one per module in `corroborate.stages`; `get_stage("places")`
imports `corroborate.stages.places` and returns its `STAGE`. Others can `register` theirs.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version as library_version
from typing import TYPE_CHECKING

from corroborate.errors import CorroborateError, InputError
from corroborate.model import ActorMention, Claim, Cleaned, Mention, PlaceMention, RawReport
from corroborate.resources import data_files, files_digest

if TYPE_CHECKING:  # spaCy loads only with the stages that parse
    from spacy.tokens import Doc

DIGEST_CHARS = 12  # enough to tell two data releases apart in a stored version string


@dataclass
class Work:
    """A report on its way through the stages: each stage fills the fields it assigns."""

    raw: RawReport
    cleaned: Cleaned | None = None
    language: str | None = None
    doc: Doc | None = None  # the pipeline's parse of exactly `cleaned.text` (English only)
    claims: tuple[Claim, ...] = ()
    claims_status: str = ""
    mentions: tuple[Mention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    error: InputError | None = None  # set by the pipeline: the report stops here


WORK_FIELDS = frozenset(Work.__dataclass_fields__) - {"error"}
Run = Callable[[Sequence[Work]], None]


@dataclass(frozen=True)
class Stage:
    name: str
    version: int  # bump when the stage's code changes what it assigns
    requires: tuple[str, ...]  # Work fields read
    assigns: tuple[str, ...]  # Work fields written
    run: Run  # fills `assigns` on every item of a batch; raises InputError for bad input
    help: str
    reads: tuple[str, ...] = ()  # glob patterns under corroborate/data of the files it reads
    libraries: tuple[str, ...] = field(default=())  # distributions whose version shapes output

    def __post_init__(self) -> None:
        unknown = (set(self.requires) | set(self.assigns)) - WORK_FIELDS
        if unknown:
            raise CorroborateError(f"stage {self.name!r}: unknown Work fields {sorted(unknown)}")

    @property
    def derived_version(self) -> str:
        """`corroborate.NAME.vN+DIGEST`: the code version and a digest of what it reads."""
        return _derived_version(self)


@cache
def _derived_version(stage: Stage) -> str:
    digest = hashlib.sha256()
    digest.update(files_digest(data_files(stage.reads)).encode())
    for name in stage.libraries:
        digest.update(f"{name}=={library_version(name)}".encode())
    return f"corroborate.{stage.name}.v{stage.version}+{digest.hexdigest()[:DIGEST_CHARS]}"


_REGISTERED: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    """Make `stage` available to pipelines under its name (replacing a built-in one)."""
    _REGISTERED[stage.name] = stage
    return stage


def get_stage(name: str) -> Stage:
    """The stage registered as `name`, else the built-in `corroborate.stages.<name>`."""
    if name not in _REGISTERED:
        module_name = f"corroborate.stages.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:  # the stage exists but something it imports does not
                raise
            raise CorroborateError(f"no pipeline stage named {name!r}") from err
        register(module.STAGE)
    return _REGISTERED[name]
