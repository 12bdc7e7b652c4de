"""Read the event-factuality files of `../shared/data/factuality` (DATA.md §8): UDS-IH2 rows
(one predicate each) and MEANTIME rows (one sentence, several single-token targets), as
(words, predicate index, score) items on the IH2 scale."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.errors import CorroborateError

# MEANTIME's CERTAIN / PROBABLE / POSSIBLE map to ±3 / ±1.5 / ±0.75; IH2's normalised scale
# runs about ±2 with "happened, sure" near +1. The factor puts MEANTIME's ±3 at IH2's ±1.
MEANTIME_SCALE = 1 / 3


@dataclass(frozen=True)
class Item:
    words: tuple[str, ...]
    index: int
    score: float


def read_items(path: Path) -> list[Item]:
    """Items of an IH2 or MEANTIME `.jsonl` file, told apart by their fields."""
    items = []
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    items += _items(json.loads(line), path, number)
    except (OSError, ValueError) as err:
        raise CorroborateError(f"{path}: cannot read factuality data ({err})") from err
    return items


def _items(row: dict[str, Any], path: Path, number: int) -> Iterator[Item]:
    if "pred_index" in row:
        yield Item(tuple(row["tokens"]), int(row["pred_index"]), float(row["factuality"]))
    elif "targets" in row:
        words = tuple(row["text"].split(" "))
        for target in row["targets"]:
            yield Item(words, int(target["span1"][0]), float(target["label"]) * MEANTIME_SCALE)
    else:
        raise CorroborateError(f"{path}, line {number}: neither an IH2 nor a MEANTIME row")
