"""Score body extraction (trafilatura plus our noise rules) on pages with gold bodies.

The layout is the article-extraction benchmark's: a folder of `<id>.html[.gz]` pages and a
`ground-truth.json` of `{id: {"articleBody": ...}}`. Like that benchmark, the score is a
bag-of-words precision and recall per page, averaged over pages; trafilatura alone is
scored beside us on the same pages, so the effect of our own cleaning is visible.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from statistics import harmonic_mean

import trafilatura

from corroborate.errors import InputError
from corroborate.model import RawReport
from corroborate.pipeline import process

_WORD = re.compile(r"\w+")


def evaluate_extraction(html_dir: Path, gold_file: Path) -> dict[str, dict[str, float]]:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    ours, baseline = [], []
    for page_id, entry in sorted(gold.items()):
        html = _read_page(html_dir, page_id)
        truth = _bag(entry["articleBody"])
        ours.append(_precision_recall(_bag(_our_text(html, page_id)), truth))
        baseline.append(_precision_recall(_bag(trafilatura.extract(html) or ""), truth))
    return {"corroborate": _mean(ours), "trafilatura": _mean(baseline)}


def _read_page(html_dir: Path, page_id: str) -> str:
    plain, packed = html_dir / f"{page_id}.html", html_dir / f"{page_id}.html.gz"
    if plain.exists():
        return plain.read_text(encoding="utf-8", errors="replace")
    if packed.exists():
        return gzip.decompress(packed.read_bytes()).decode("utf-8", errors="replace")
    raise InputError(str(plain), "page listed in the ground truth is missing")


def _our_text(html: str, page_id: str) -> str:
    try:
        return process(RawReport(path=page_id, format="html", html=html)).text
    except InputError:
        return ""  # no body found: scores zero recall, as it should


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def _precision_recall(found: Counter[str], truth: Counter[str]) -> tuple[float, float]:
    overlap = sum((found & truth).values())
    return overlap / max(1, sum(found.values())), overlap / max(1, sum(truth.values()))


def _mean(scores: list[tuple[float, float]]) -> dict[str, float]:
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    f1 = harmonic_mean([precision, recall])
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(scores)}
