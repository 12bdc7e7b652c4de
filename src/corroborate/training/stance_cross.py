"""Train and measure the MiniLM cross-encoder head for agree / disagree / discuss.

CPU budget (2 shared cores, no GPU): fine-tuning even one MiniLM layer costs ~25 min an
epoch here, so the encoder stays frozen: the int8 all-MiniLM-L6-v2 that `check` already
runs reads each related pair once; its token states are cached as float16 in a folder
(`cache_states`), and only the head (`link.stance.cross.Head`) is trained, in PyTorch.

Selection is by the same claim folds as `train stance`'s cross-validation (GroupKFold
over all training pairs by `claim_groups`): out-of-fold head probabilities for every
related training pair, then the mixing weight with the shipped booster and the
multipliers are chosen on that cross-validation; dev is scored once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from corroborate.datasets.fnc1 import LABELS, StancePair
from corroborate.link.stance.cross import RELATED, Head, PairEncoder, PairStates
from corroborate.resources import model_dir
from corroborate.training.stance import FOLDS, claim_groups, load_split

STATES_FILE = "states.npy"
BATCH = 32


@dataclass(frozen=True)
class HeadSettings:
    hidden: int = 128
    epochs: int = 12
    rate: float = 1e-3
    weight_decay: float = 1e-2
    dropout: float = 0.2
    batch: int = 64
    seed: int = 0


def pair_encoder(max_tokens: int | None = None) -> PairEncoder:
    from tokenizers import Tokenizer

    from corroborate.embed.static import TOKENIZER_FILE
    from corroborate.link.stance.cross import MAX_TOKENS

    tokenizer = Tokenizer.from_file(str(model_dir("embed") / TOKENIZER_FILE))
    return PairEncoder(tokenizer, max_tokens or MAX_TOKENS)


def related_rows(pairs: list[StancePair]) -> np.ndarray:
    return np.array([i for i, p in enumerate(pairs) if p.stance in RELATED])


def fold_ids(pairs: list[StancePair]) -> np.ndarray:
    """The fold each training pair is held out in, as `train stance`'s cross-validation."""
    folds = np.zeros(len(pairs), np.int64)
    groups = claim_groups(pairs)
    for fold, (_, held) in enumerate(GroupKFold(FOLDS).split(np.zeros(len(pairs)), groups=groups)):
        folds[held] = fold
    return folds


def cache_states(data: Path, folder: Path, log: Callable[[str], None] = print) -> None:
    """Frozen token states (float16, rows x MAX_TOKENS x 384) of the related training
    pairs then the related dev pairs, with their token types, masks and labels."""
    from corroborate.link.stance.cross import MAX_TOKENS

    bodies, train_pairs, dev_pairs = load_split(data)
    chosen = [train_pairs[i] for i in related_rows(train_pairs)]
    chosen += [dev_pairs[i] for i in related_rows(dev_pairs)]
    encoder, states = pair_encoder(), PairStates()
    encoded = [encoder.encode(p.headline, bodies[p.body_id]) for p in chosen]
    folder.mkdir(parents=True, exist_ok=True)
    out = np.lib.format.open_memmap(
        folder / STATES_FILE, "w+", np.float16, (len(chosen), MAX_TOKENS, 384)
    )
    types = np.zeros((len(chosen), MAX_TOKENS), np.int8)
    mask = np.zeros((len(chosen), MAX_TOKENS), np.int8)
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
    started = time.perf_counter()
    for start in range(0, len(order), BATCH):
        rows = order[start : start + BATCH]
        inputs = encoder.batch([encoded[i] for i in rows])
        length = inputs.ids.shape[1]
        out[rows, :length] = states(inputs).astype(np.float16)
        types[rows, :length] = inputs.types
        mask[rows, :length] = inputs.mask
        if start % (BATCH * 20) == 0:
            log(f"{start + len(rows)}/{len(order)} pairs ({time.perf_counter() - started:.0f}s)")
    out.flush()
    labels = np.array([RELATED.index(str(p.stance)) for p in chosen], np.int64)
    n_train = int((np.array([p.stance for p in train_pairs]) != "unrelated").sum())
    np.savez(folder / "pairs.npz", types=types, mask=mask, labels=labels, n_train=n_train)


def torch_head(dims: int, settings: HeadSettings):  # -> torch.nn.Module (torch is lazy)
    import torch
    from torch import nn

    class TorchHead(nn.Module):
        """`link.stance.cross.Head` in torch, for training (same features, same layers)."""

        def __init__(self) -> None:
            super().__init__()
            self.attention = nn.Parameter(torch.zeros(dims))
            self.hidden = nn.Linear(6 * dims, settings.hidden)
            self.out = nn.Linear(settings.hidden, len(RELATED))
            self.drop = nn.Dropout(settings.dropout)

        def forward(self, states, mask, types):  # type: ignore[no-untyped-def]
            features = self.drop(torch_features(states, mask, types, self.attention))
            return self.out(self.drop(torch.relu(self.hidden(features))))

    return TorchHead()


def torch_features(states, mask, types, attention):  # type: ignore[no-untyped-def]
    import torch

    def masked_mean(weights):  # type: ignore[no-untyped-def]
        total = weights.sum(dim=1, keepdim=True).clamp(min=1.0)
        return (states * weights[:, :, None]).sum(dim=1) / total

    claim = masked_mean(mask * (types == 0))
    body_weights = mask * (types == 1)
    body = masked_mean(body_weights)
    scores = (states @ attention).masked_fill(body_weights == 0, -1e9)
    weights = torch.softmax(scores, dim=1) * (body_weights > 0)
    weights = weights / weights.sum(dim=1, keepdim=True).clamp(min=1e-12)
    pooled = (states * weights[:, :, None]).sum(dim=1)
    return torch.cat([states[:, 0], claim, body, pooled, claim * body, (claim - body).abs()], 1)


def fit_head(cache: dict[str, Any], rows: np.ndarray, settings: HeadSettings):  # type: ignore[no-untyped-def]
    """A head trained on the cached `rows` (class-balanced cross-entropy, AdamW)."""
    import torch

    torch.set_num_threads(1)  # two shared cores; the head is small
    torch.manual_seed(settings.seed)
    generator = np.random.default_rng(settings.seed)
    model = torch_head(cache["states"].shape[2], settings)
    labels = cache["labels"]
    counts = np.bincount(labels[rows], minlength=len(RELATED)).astype(np.float32)
    weights = torch.tensor(counts.sum() / (len(RELATED) * np.maximum(counts, 1.0)))
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    optimiser = torch.optim.AdamW(
        model.parameters(), lr=settings.rate, weight_decay=settings.weight_decay
    )
    model.train()
    for _ in range(settings.epochs):
        for start in range(0, len(rows), settings.batch):
            batch = np.sort(generator.permutation(rows)[start : start + settings.batch])
            logits = model(*_tensors(cache, batch))
            loss = loss_fn(logits, torch.tensor(labels[batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    model.eval()
    return model


def _tensors(cache: dict[str, Any], rows: np.ndarray):  # type: ignore[no-untyped-def]
    import torch

    return (
        torch.from_numpy(np.asarray(cache["states"][rows], dtype=np.float32)),
        torch.from_numpy(cache["mask"][rows].astype(np.float32)),
        torch.from_numpy(cache["types"][rows].astype(np.int64)),
    )


def head_probs(model, cache: dict[str, Any], rows: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    import torch

    out = np.zeros((len(rows), len(RELATED)), np.float32)
    with torch.no_grad():
        for start in range(0, len(rows), 256):
            batch = rows[start : start + 256]
            out[start : start + len(batch)] = torch.softmax(model(*_tensors(cache, batch)), 1)
    return out


def to_numpy_head(model) -> Head:  # type: ignore[no-untyped-def]
    def array(tensor) -> np.ndarray:  # type: ignore[no-untyped-def]
        return tensor.detach().numpy().astype(np.float32)

    return Head(
        attention=array(model.attention),
        hidden=array(model.hidden.weight).T.copy(),
        hidden_bias=array(model.hidden.bias),
        out=array(model.out.weight).T.copy(),
        out_bias=array(model.out.bias),
    )


def load_cache(folder: Path) -> dict[str, Any]:
    pairs = np.load(folder / "pairs.npz")
    cache: dict[str, Any] = {key: pairs[key] for key in pairs.files}
    # the whole float16 array in memory (about 1.3 GB): batches are random rows
    cache["states"] = np.load(folder / STATES_FILE)
    return cache


MIX_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def out_of_fold_heads(
    cache: dict[str, Any], folds: np.ndarray, settings: HeadSettings,
    log: Callable[[str], None] = print,
) -> np.ndarray:  # fmt: skip
    """Head probabilities for every related training pair from a head that did not see its
    claim (`folds`: the fold of each cached training row)."""
    probs = np.zeros((len(folds), len(RELATED)), np.float32)
    for fold in range(FOLDS):
        started = time.perf_counter()
        held = np.flatnonzero(folds == fold)
        model = fit_head(cache, np.flatnonzero(folds != fold), settings)
        probs[held] = head_probs(model, cache, held)
        right = (probs[held].argmax(1) == cache["labels"][held]).mean()
        log(f"fold {fold}: accuracy {right:.3f} on {len(held)} related pairs "
            f"({time.perf_counter() - started:.0f}s)")  # fmt: skip
    return probs


def two_stage(
    booster: np.ndarray, cross: np.ndarray, first: np.ndarray, weight: float,
    second: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """Label indices: unrelated where the booster with its own multipliers `first` says so
    (the shipped decision); otherwise the best related class of the mix (`cross.mix`)
    scaled by the related multipliers `second` (`link.stance.tuned.combine`)."""
    from corroborate.link.stance.tuned import combine

    return combine(booster, first, cross, weight, second)[1]


def tune_mix(
    booster: np.ndarray, cross: np.ndarray, gold: np.ndarray, first: np.ndarray,
    min_disagree_recall: float,
) -> tuple[float, np.ndarray, float]:  # fmt: skip
    """The mixing weight and related multipliers with the best cross-validated objective
    (`training.stance._objective`: weighted score + 25 x macro-F1, disagree floor)."""
    import itertools

    from corroborate.training.stance import MULTIPLIER_GRID, _objective

    best = (0.0, np.ones(len(RELATED)), -np.inf)
    for weight in MIX_GRID:
        for multipliers in itertools.product(MULTIPLIER_GRID, repeat=len(RELATED)):
            second = np.array(multipliers)
            predicted = two_stage(booster, cross, first, weight, second)
            value = _objective(gold, predicted, min_disagree_recall)
            if value > best[2]:
                best = (weight, second, value)
    return best


HEAD_FILE = "cross_head.npz"


def booster_probs(pairs: list[StancePair], bodies: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """The shipped booster's raw probabilities and its multipliers."""
    from corroborate.link.stance.model import load_model

    model = load_model()
    features = model.featurizer.transform(
        [p.headline for p in pairs], [bodies[p.body_id] for p in pairs]
    )
    return model.raw_proba(features), model.multipliers


def dev_booster_probs(
    pairs: list[StancePair], bodies: dict[str, str], folder: Path
) -> tuple[np.ndarray, np.ndarray]:
    """`booster_probs` of the dev pairs, kept in `folder` (they take minutes)."""
    path = folder / "dev_booster.npz"
    if not path.is_file():
        probs, multipliers = booster_probs(pairs, bodies)
        np.savez(path, probs=probs, multipliers=multipliers)
    saved = np.load(path)
    return saved["probs"], saved["multipliers"]


def booster_out_of_fold(data: Path, folder: Path, log: Callable[[str], None]) -> Path:
    """The shipped booster's out-of-fold probabilities, by training it again."""
    from corroborate.training.stance import train

    path = folder / "booster_oof.npy"
    if not path.is_file():
        result = train(data, folder / "booster", log=log)
        np.save(path, result["cross_validation_probs"])
    return path


def cross_probs_for(pairs: list[StancePair], bodies: dict[str, str], head: Head) -> np.ndarray:
    """The head's probabilities computed from scratch (pairs not in the cache)."""
    if not pairs:
        return np.zeros((0, len(RELATED)), np.float32)
    encoder, states = pair_encoder(), PairStates()
    encoded = [encoder.encode(p.headline, bodies[p.body_id]) for p in pairs]
    out = np.zeros((len(pairs), len(RELATED)), np.float32)
    for start in range(0, len(pairs), BATCH):
        inputs = encoder.batch(encoded[start : start + BATCH])
        out[start : start + BATCH] = head(states(inputs), inputs.mask, inputs.types)
    return out


def save_head(head: Head, folder: Path, meta: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / HEAD_FILE
    np.savez(path, **{k: v.astype(np.float16) for k, v in asdict(head).items()})
    (folder / "cross_meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path


def train_cross(
    data: Path, cache_folder: Path, out: Path, boost_oof: Path,
    settings: HeadSettings | None = None, log: Callable[[str], None] = print,
) -> dict[str, Any]:  # fmt: skip
    """Cross-validate the head by claim, choose the mix on that cross-validation, train the
    final head on all related training pairs, score dev once; save head + meta to `out`.

    `boost_oof`: the booster's out-of-fold probabilities on the training pairs (the
    `cross_validation_probs` of `training.stance.train`, saved with np.save); without it
    `train stance` runs again (about 30 min) into `cache_folder` to give them."""
    from corroborate.evaluate.fnc1 import evaluate
    from corroborate.link.stance.cross import mix
    from corroborate.training.stance import MIN_DISAGREE_RECALL, tune_multipliers

    settings = settings or HeadSettings()
    if not (cache_folder / "pairs.npz").is_file():
        cache_states(data, cache_folder, log)
    if boost_oof is None:
        boost_oof = booster_out_of_fold(data, cache_folder, log)
    bodies, train_pairs, dev_pairs = load_split(data)
    cache = load_cache(cache_folder)
    n_train = int(cache["n_train"])
    train_related = related_rows(train_pairs)
    folds = fold_ids(train_pairs)[train_related]
    cached_train = np.arange(n_train)
    oof = out_of_fold_heads({**cache, "labels": cache["labels"]}, folds, settings, log)

    booster = np.load(boost_oof)
    gold = np.array([LABELS.index(str(p.stance)) for p in train_pairs])
    first, _ = tune_multipliers(booster, [str(p.stance) for p in train_pairs])
    cross = mix(booster, np.zeros((len(gold), 3)), 0.0)[:, :3]  # the booster's own split
    cross = cross / np.maximum(cross.sum(1, keepdims=True), 1e-12)
    cross[train_related] = oof
    figures: dict[str, Any] = {}
    shipped = two_stage(booster, cross, first, 0.0, first[:3])
    figures["cv_booster"] = _figures(
        evaluate([LABELS[i] for i in gold], [LABELS[i] for i in shipped])
    )
    head_alone = np.where(shipped == 3, 3, np.argmax(cross, 1))
    figures["cv_head_for_related"] = _figures(
        evaluate([LABELS[i] for i in gold], [LABELS[i] for i in head_alone])
    )
    weight, second, _ = tune_mix(booster, cross, gold, first, MIN_DISAGREE_RECALL)
    chosen = two_stage(booster, cross, first, weight, second)
    figures["cv_mix"] = _figures(evaluate([LABELS[i] for i in gold], [LABELS[i] for i in chosen]))
    log(json.dumps({"weight": weight, "second": second.tolist(), **figures}, indent=1))

    model = fit_head(cache, cached_train, settings)
    head = to_numpy_head(model)
    dev_booster, dev_first = dev_booster_probs(dev_pairs, bodies, cache_folder)
    dev_gold = np.array([LABELS.index(str(p.stance)) for p in dev_pairs])
    dev_cross = np.full((len(dev_pairs), 3), 1.0 / 3, np.float32)
    dev_cross[related_rows(dev_pairs)] = head_probs(
        model, cache, np.arange(n_train, len(cache["labels"]))
    )
    stage_one = two_stage(dev_booster, dev_cross, dev_first, 0.0, dev_first[:3])
    others = [i for i in np.flatnonzero(stage_one != 3) if dev_gold[i] == 3]
    dev_cross[others] = cross_probs_for([dev_pairs[i] for i in others], bodies, head)
    dev_shipped = two_stage(dev_booster, dev_cross, dev_first, 0.0, dev_first[:3])
    dev_head = np.where(dev_shipped == 3, 3, dev_cross.argmax(axis=1))
    figures["dev_head_for_related"] = _figures(
        evaluate([LABELS[i] for i in dev_gold], [LABELS[i] for i in dev_head])
    )
    for name, (w, m) in {"dev_booster": (0.0, dev_first[:3]), "dev_mix": (weight, second)}.items():
        predicted = two_stage(dev_booster, dev_cross, dev_first, w, m)
        figures[name] = _figures(
            evaluate([LABELS[i] for i in dev_gold], [LABELS[i] for i in predicted])
        )
    meta = {
        "settings": asdict(settings),
        "weight": weight,
        "multipliers": second.tolist(),
        **figures,
    }
    save_head(head, out, meta)
    return meta


def _figures(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result[k] for k in ("weighted_score", "macro_f1", "per_class_accuracy")}
