"""Train the taggers on a PolNeAR split (`corroborate train attribution`): a cue tagger and
a role tagger, each a CRF or a BiLSTM (`train_neural`, needs PyTorch).

Gold labels come from each article's first annotator file. The role tagger is trained on
gold cues; at run time it sees predicted ones.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pycrfsuite

from corroborate.attribution.features import (
    Tokenized,
    cue_features,
    role_features,
    role_window,
    token_range,
    tokenize,
)
from corroborate.attribution.neural import CUE_LABELS, RoleNet
from corroborate.attribution.spans import Span
from corroborate.attribution.tagger import (
    CUE_MODEL,
    CUE_NET,
    META,
    ROLE_MODEL,
    ROLE_NET,
    CrfRoles,
    NeuralCues,
    NeuralRoles,
    attributions_of,
    open_cues,
    open_roles,
    syntax_pipeline,
)
from corroborate.datasets.polnear import Article, read_corpus
from corroborate.evaluate.attribution_score import Score
from corroborate.training.attribution_neural import CUE_SETTINGS, NeuralSettings, require_torch

# how many networks (seeds 0, 1, ...) each BiLSTM tagger averages; chosen on dev (SOURCES.md):
# two cue networks gain more than two role networks, which cost more (one window per cue)
CUE_SEEDS = 2
ROLE_SEEDS = 1


def net_files(first: str, seeds: int) -> list[str]:
    """File names of one tagger's networks: cue.npz, cue-1.npz, cue-2.npz, ..."""
    stem, suffix = first.rsplit(".", 1)
    return [first] + [f"{stem}-{seed}.{suffix}" for seed in range(1, seeds)]


@dataclass(frozen=True)
class TrainSettings:
    """CRF settings; chosen on PolNeAR dev (see data/models/attribution/SOURCES.md)."""

    c1: float = 0.3  # L1: on dev, 0.3 beat 0.05 and halves the model's size
    c2: float = 0.01
    cue_iterations: int = 150
    role_iterations: int = 150
    min_feature_freq: int = 2


def _mark(labels: list[str], doc: Tokenized, span: Span | None, role: str, offset: int) -> None:
    if span is None:
        return
    for start, end in span.fragments:
        found = token_range(doc, start, end)
        if found is None:
            continue
        for i in range(max(found[0], offset), min(found[1], offset + len(labels))):
            labels[i - offset] = f"I-{role}" if i > found[0] else f"B-{role}"


def cue_examples(article: Article, doc: Tokenized) -> list[tuple[list[list[str]], list[str]]]:
    labels = ["O"] * len(doc.tokens)
    for attribution in article.attributions:
        _mark(labels, doc, attribution.cue, "CUE", 0)
    features = cue_features(doc)
    return [(seq, labels[a:b]) for (a, b), seq in zip(doc.sentences, features, strict=True)]


def role_windows(
    article: Article, doc: Tokenized
) -> list[tuple[tuple[int, int], list[list[str]], list[str]]]:
    """Per gold cue: its window (token range), the window's role features and gold labels."""
    cues = [token_range(doc, a.cue.start, a.cue.end) for a in article.attributions]
    examples = []
    for attribution, cue in zip(article.attributions, cues, strict=True):
        if cue is None:
            continue
        others = {i for other in cues if other and other != cue for i in range(*other)}
        first, last = role_window(doc, cue)
        labels = ["O"] * (last - first)
        _mark(labels, doc, attribution.source, "S", first)
        _mark(labels, doc, attribution.content, "C", first)
        for i in range(*cue):
            labels[i - first] = "X"
        examples.append(((first, last), role_features(doc, cue, others), labels))
    return examples


def role_examples(article: Article, doc: Tokenized) -> list[tuple[list[list[str]], list[str]]]:
    return [(features, labels) for _, features, labels in role_windows(article, doc)]


def _fit(
    examples: list[tuple[list[list[str]], list[str]]], path: Path, iterations: int,
    settings: TrainSettings,
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in examples:
        trainer.append(features, labels)
    trainer.set_params({
        "c1": settings.c1, "c2": settings.c2, "max_iterations": iterations,
        "feature.minfreq": settings.min_feature_freq,
    })
    trainer.train(str(path))


def train(
    train_dir: Path, out_dir: Path, settings: TrainSettings | None = None, syntax: bool = True,
    log: Callable[[str], None] = print, role_tagger: str = "bilstm",
    neural: NeuralSettings | None = None, dev_dir: Path | None = None,
    cue_tagger: str = "crf", cue_neural: NeuralSettings | None = None,
    seeds: tuple[int, int] = (CUE_SEEDS, ROLE_SEEDS),
) -> dict[str, float]:
    """Train both taggers on `train_dir`, write them to `out_dir`; returns timings (s).
    With `syntax`, tokens, tags and parses come from the shipped English pipeline.
    `cue_tagger`, `role_tagger`: "bilstm" or "crf"; a BiLSTM tagger is `seeds` (cue, role)
    networks (seeds 0, 1, ...), averaged at run time. With `dev_dir`, the BiLSTMs' dev figures are
    logged after each epoch (to choose settings; the model written is the last epoch's)."""
    started = time.perf_counter()
    if "bilstm" in (role_tagger, cue_tagger):
        require_torch()  # fail now, not after parsing and the cue tagger
    nlp = syntax_pipeline() if syntax else None
    articles = read_corpus(train_dir)
    docs = [tokenize(article.text, nlp) for article in articles]
    dev = None
    if dev_dir is not None:
        dev_articles = read_corpus(dev_dir)
        dev = (dev_articles, [tokenize(article.text, nlp) for article in dev_articles])
    timings = train_on(
        articles, docs, out_dir, settings or TrainSettings(), log, role_tagger, neural, dev,
        cue_tagger, cue_neural, seeds,
    )
    timings["features"] += time.perf_counter() - started - sum(timings.values())
    return timings


def train_on(
    articles: list[Article], docs: list[Tokenized], out_dir: Path, settings: TrainSettings,
    log: Callable[[str], None] = print, role_tagger: str = "bilstm",
    neural: NeuralSettings | None = None,
    dev: tuple[list[Article], list[Tokenized]] | None = None,
    cue_tagger: str = "crf", cue_neural: NeuralSettings | None = None,
    seeds: tuple[int, int] = (CUE_SEEDS, ROLE_SEEDS),
) -> dict[str, float]:
    """Train both taggers on tokenized articles; write them and meta.json to `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    cue_data = [ex for a, d in zip(articles, docs, strict=True) for ex in cue_examples(a, d)]
    role_data = [
        (window, features, labels, doc)
        for a, doc in zip(articles, docs, strict=True)
        for window, features, labels in role_windows(a, doc)
    ]
    log(f"{len(articles)} articles: {len(cue_data)} sentences, {len(role_data)} cue windows")
    prepared = time.perf_counter()
    meta: dict = {"syntax": any(doc.parsed for doc in docs), "cue_tagger": cue_tagger,
                  "role_tagger": role_tagger, "settings": asdict(settings)}
    if cue_tagger == "crf":
        _fit(cue_data, out_dir / CUE_MODEL, settings.cue_iterations, settings)
    else:
        cue_neural = cue_neural or CUE_SETTINGS
        meta["cue_nets"] = net_files(CUE_NET, seeds[0])
        for seed, name in enumerate(meta["cue_nets"]):
            _fit_neural_cues(
                articles, docs, out_dir / name, replace(cue_neural, seed=seed), log, dev
            )
        meta["cue_neural"] = asdict(cue_neural)
    cue_done = time.perf_counter()
    log(f"cue tagger trained in {cue_done - prepared:.0f} s")
    if role_tagger == "crf":
        examples = [(features, labels) for _, features, labels, _ in role_data]
        _fit(examples, out_dir / ROLE_MODEL, settings.role_iterations, settings)
    else:
        neural = neural or NeuralSettings()
        meta["role_nets"] = net_files(ROLE_NET, seeds[1])
        for seed, name in enumerate(meta["role_nets"]):
            _fit_neural(role_data, out_dir / name, replace(neural, seed=seed), log, dev, meta)
        meta["neural"] = asdict(neural)
    done = time.perf_counter()
    log(f"role tagger trained in {done - cue_done:.0f} s")
    (out_dir / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for path in export_networks(out_dir, meta):
        log(f"exported {path.name} for onnxruntime")
    if dev is not None:
        log(f"dev exact F1 of the model written: {_figures(_dev_score(out_dir, meta, dev))}")
    return {"features": prepared - started, "cue": cue_done - prepared, "role": done - cue_done}


def export_networks(directory: Path, meta: dict) -> list[Path]:
    """Write the ONNX export (`attribution_onnx`) of each BiLSTM network the folder's meta
    names, beside its .npz: the run time runs them on onnxruntime."""
    from corroborate.training.attribution_onnx import export_folder

    names = [*meta.get("cue_nets", [])] if meta.get("cue_tagger") == "bilstm" else []
    if meta.get("role_tagger") == "bilstm":
        names += meta.get("role_nets", [])
    return export_folder(directory, names)


def _fit_neural(
    role_data: list, path: Path, neural: NeuralSettings, log: Callable[[str], None],
    dev: tuple[list[Article], list[Tokenized]] | None, meta: dict,
) -> None:
    """One BiLSTM role network (written to `path`), with the cue tagger of `meta` in its
    folder for the dev figures."""
    from corroborate.training.attribution_neural import fit

    examples = [
        (features, doc.vectors[first:last] if doc.vectors is not None else None, labels)
        for (first, last), features, labels, doc in role_data
    ]
    on_epoch = None
    if dev is not None:
        cue_tagger = open_cues(path.parent, meta)
        dev_cues = [cue_tagger.cues(doc) for doc in dev[1]]

        def on_epoch(epoch: int, net: RoleNet) -> None:
            score = _score_roles(dev, dev_cues, NeuralRoles(net))
            log(f"  dev exact F1 after epoch {epoch}: {_figures(score)}")

    log(f"role network {path.name} (seed {neural.seed})")
    fit(examples, path, neural, log, on_epoch)


def _dev_score(
    out_dir: Path, meta: dict, dev: tuple[list[Article], list[Tokenized]]
) -> Score:
    """The dev score of the model folder's cue and role taggers together."""
    cue_tagger = open_cues(out_dir, meta)
    return _score_roles(dev, [cue_tagger.cues(doc) for doc in dev[1]], open_roles(out_dir, meta))


def _score_roles(
    dev: tuple[list[Article], list[Tokenized]], dev_cues: list[list[tuple[int, int]]],
    roles: CrfRoles | NeuralRoles,
) -> Score:
    """The dev score of `roles` given each dev article's cues."""
    score = Score()
    for article, doc, cues in zip(*dev, dev_cues, strict=True):
        found = attributions_of(doc, cues, roles.labels(doc, cues))
        score.add(article.text, article.attributions, found)
    return score


def _figures(score: Score) -> str:
    result = score.as_dict()
    return ", ".join(f"{r} {result[r]['f1']:.1%}" for r in ("source", "cue", "content"))


def _fit_neural_cues(
    articles: list[Article], docs: list[Tokenized], path: Path, neural: NeuralSettings,
    log: Callable[[str], None], dev: tuple[list[Article], list[Tokenized]] | None,
) -> None:
    """One BiLSTM cue network (written to `path`), one sequence per sentence; its dev figures
    per epoch are the cue's (no roles yet: sources and contents are left empty)."""
    from corroborate.training.attribution_neural import fit

    examples = [
        (features, doc.vectors[first:last] if doc.vectors is not None else None, labels)
        for article, doc in zip(articles, docs, strict=True)
        for (first, last), (features, labels) in zip(
            doc.sentences, cue_examples(article, doc), strict=True)
    ]
    on_epoch = None
    if dev is not None:

        def on_epoch(epoch: int, net: RoleNet) -> None:
            tagger, score = NeuralCues(net), Score()
            for article, doc in zip(*dev, strict=True):
                cues = tagger.cues(doc)
                no_roles = [["O"] * (b - a) for a, b in (role_window(doc, c) for c in cues)]
                score.add(article.text, article.attributions, attributions_of(doc, cues, no_roles))
            cue = score.as_dict()["cue"]
            log(f"  dev cues after epoch {epoch}: exact P {cue['precision']:.1%}, "
                f"R {cue['recall']:.1%}, F1 {cue['f1']:.1%}")

    log(f"cue network {path.name} (seed {neural.seed})")
    fit(examples, path, neural, log, on_epoch, CUE_LABELS)
