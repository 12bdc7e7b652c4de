"""Score an extractor on a PolNeAR-style folder (`corroborate eval attribution`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from corroborate.attribution.spans import TaggedFrame
from corroborate.datasets.polnear import read_corpus
from corroborate.evaluate.attribution_score import Score

Extractor = Callable[[str], list[TaggedFrame]]
CuedExtractor = Callable[[str, Sequence[tuple[int, int]]], list[TaggedFrame]]


def get_extractor(name: str, model_dir: Path | None = None) -> Extractor:
    """'model' (the trained taggers; `model_dir` or the shipped ones) or 'rules'."""
    if name == "rules":
        from corroborate.evaluate.attribution_baseline import extract_rules

        return extract_rules
    from corroborate.attribution.tagger import AttributionTagger, shipped_tagger

    return (AttributionTagger(model_dir) if model_dir else shipped_tagger()).extract


def gold_cue_extractor(model_dir: Path | None = None) -> CuedExtractor:
    """The trained role tagger (`model_dir` or the shipped one) run on given cues."""
    from corroborate.attribution.tagger import AttributionTagger, shipped_tagger

    return (AttributionTagger(model_dir) if model_dir else shipped_tagger()).extract_with_cues


def evaluate(
    directory: Path, extractor: Extractor, gold_cues: CuedExtractor | None = None
) -> dict:
    """Exact and lenient P/R/F1 per role, against each article's first annotator file, and
    articles per second of the extractor alone (reading and scoring not timed). With
    `gold_cues`, each article's gold cues are given to it instead (`extractor` unused)."""
    articles = read_corpus(directory)
    score = Score()
    elapsed = 0.0
    for article in articles:
        started = time.perf_counter()
        if gold_cues is None:
            predicted = extractor(article.text)
        else:
            cues = [(a.cue.start, a.cue.end) for a in article.attributions]
            predicted = gold_cues(article.text, cues)
        elapsed += time.perf_counter() - started
        score.add(article.text, article.attributions, predicted)
    result = score.as_dict()
    result["articles"] = len(articles)
    result["reports_per_second"] = len(articles) / elapsed if elapsed else 0.0
    return result
