"""Readers for the FNC-1 CSV files, and the dev split by body id."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from corroborate.errors import InputError
from corroborate.link.stance.labels import LABELS

# Seed and fraction of the dev split (the official baseline holds out 20% of bodies).
DEV_SEED = 1489215
DEV_FRACTION = 0.2

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class StancePair:
    """One labelled (or unlabelled: stance None) headline-body pair."""

    headline: str
    body_id: str
    stance: str | None


def _rows(path: Path, required: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as dicts, numbered as in the file (header = row 1)."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [name for name in required if name not in header]
        if missing:
            raise InputError(str(path), f"missing column(s) {', '.join(missing)} in the header")
        for number, row in enumerate(reader, start=2):
            if None in row or any(row[name] is None for name in required):
                raise InputError(f"{path}, row {number}", "wrong number of fields")
            yield number, row


def read_bodies(path: str | Path) -> dict[str, str]:
    """`Body ID,articleBody` file -> {body id: text}."""
    path = Path(path)
    bodies: dict[str, str] = {}
    for number, row in _rows(path, ("Body ID", "articleBody")):
        body_id = row["Body ID"].strip()
        if not body_id:
            raise InputError(f"{path}, row {number}", "empty Body ID")
        if body_id in bodies:
            raise InputError(f"{path}, row {number}", f"duplicate Body ID {body_id}")
        bodies[body_id] = row["articleBody"]
    return bodies


def read_stances(
    path: str | Path, bodies: dict[str, str] | None = None, labelled: bool = True
) -> list[StancePair]:
    """`Headline,Body ID[,Stance]` file -> pairs; checks labels and (if given) body ids."""
    path = Path(path)
    required = ("Headline", "Body ID", "Stance") if labelled else ("Headline", "Body ID")
    pairs = []
    for number, row in _rows(path, required):
        where = f"{path}, row {number}"
        body_id = row["Body ID"].strip()
        if bodies is not None and body_id not in bodies:
            raise InputError(where, f"Body ID {body_id!r} is not in the bodies file")
        stance = row.get("Stance")
        stance = stance.strip().lower() if stance is not None else None
        if labelled and stance not in LABELS:
            raise InputError(where, f"unknown stance {stance!r} (expected one of {LABELS})")
        pairs.append(StancePair(row["Headline"], body_id, stance if labelled else None))
    return pairs


def dev_body_ids(body_ids: Iterable[str], seed: int = DEV_SEED) -> set[str]:
    """The ids of the held-out dev bodies: a fixed-seed 20% of the sorted ids."""
    ordered = sorted(set(body_ids), key=lambda b: (len(b), b))
    random.Random(seed).shuffle(ordered)
    return set(ordered[: round(len(ordered) * DEV_FRACTION)])


def split_pairs(
    pairs: list[StancePair], dev_ids: set[str]
) -> tuple[list[StancePair], list[StancePair]]:
    """(train pairs, dev pairs) by body id."""
    train = [p for p in pairs if p.body_id not in dev_ids]
    dev = [p for p in pairs if p.body_id in dev_ids]
    return train, dev
