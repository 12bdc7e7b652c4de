"""The fine-tuned MiniLM cross-encoder for agree / disagree / discuss, opt-in.

`corroborate train stance-tune` fine-tunes every layer of all-MiniLM-L6-v2 on FNC-1's
related pairs (a GPU takes minutes) and writes a folder: the network as ONNX and a JSON
file with its sha256, the mixing weight and the related multipliers chosen on the
cross-validation by claim. Not shipped and not the default: it costs about 60-90 ms of CPU
a report where the shipped booster costs a few, and it raises the FNC-1 figures on unseen
claims only a little (README, "Stance (FNC-1)"). `check --stance-model DIR` and the
evaluations take such a folder.

The booster still decides unrelated; the cross-encoder shares the related probability
among agree / disagree / discuss with it (`combine`), as `training.stance_cross` does for
the frozen head.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corroborate.errors import CorroborateError
from corroborate.link.stance.cross import PairEncoder, mix, softmax
from corroborate.link.stance.labels import LABELS

MODEL_FILE = "stance_tuned.onnx"
META_FILE = "stance_tuned.json"
UNRELATED = LABELS.index("unrelated")  # the last: agree, disagree, discuss come first


@dataclass
class TunedStance:
    session: object  # onnxruntime.InferenceSession
    encoder: PairEncoder
    weight: float  # the cross-encoder's share of the related split (`cross.mix`)
    multipliers: np.ndarray  # agree, disagree, discuss, after the mix

    def related(self, claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Probabilities of agree / disagree / discuss (rows x 3), one pair at a time (a
        batch pads every pair to the longest, and `check` reads a handful)."""
        out = np.zeros((len(claims), 3), np.float32)
        for row, (claim, text) in enumerate(zip(claims, texts, strict=True)):
            inputs = self.encoder.batch([self.encoder.encode(claim, text)])
            feed = {"input_ids": inputs.ids, "token_type_ids": inputs.types,
                    "attention_mask": inputs.mask.astype(np.int64)}  # fmt: skip
            out[row] = softmax(self.session.run(None, feed)[0])[0]  # type: ignore[attr-defined]
        return out

    def decide(
        self, raw: np.ndarray, booster_multipliers: np.ndarray,
        claims: Sequence[str], texts: Sequence[str],
    ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """(probabilities, label indices) from the booster's raw probabilities: the
        cross-encoder reads only the pairs the booster does not call unrelated."""
        from corroborate.link.stance.model import adjust

        related = adjust(raw, booster_multipliers).argmax(axis=1) != UNRELATED
        cross = np.full((len(raw), 3), 1.0 / 3, np.float32)
        rows = np.flatnonzero(related)
        if len(rows):
            cross[rows] = self.related([claims[i] for i in rows], [texts[i] for i in rows])
        return combine(raw, booster_multipliers, cross, self.weight, self.multipliers)


def combine(
    raw: np.ndarray, booster_multipliers: np.ndarray, cross: np.ndarray, weight: float,
    multipliers: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Unrelated where the booster with its own multipliers says so (its probabilities kept);
    elsewhere the related mass split by `mix` and scaled by `multipliers`, and the best
    related class. Returns (probabilities in LABELS order, label indices)."""
    from corroborate.link.stance.model import adjust

    adjusted = adjust(raw, booster_multipliers)
    unrelated = adjusted.argmax(axis=1) == UNRELATED
    split = mix(raw, cross, weight)[:, :UNRELATED] * multipliers[None, :]
    split = split / np.maximum(split.sum(axis=1, keepdims=True), 1e-12)
    mixed = np.hstack([split * (1.0 - adjusted[:, UNRELATED:]), adjusted[:, UNRELATED:]])
    probs = np.where(unrelated[:, None], adjusted, mixed)
    return probs, np.where(unrelated, UNRELATED, split.argmax(axis=1))


def load_tuned(folder: str | Path, threads: int = 1) -> TunedStance:
    """The model in `folder`, refused unless the network's sha256 is the one its JSON file
    was written with."""
    import onnxruntime  # heavy: only when the opt-in model is used
    from tokenizers import Tokenizer

    from corroborate.embed.static import TOKENIZER_FILE
    from corroborate.resources import model_dir

    folder = Path(folder)
    meta_path, network = folder / META_FILE, folder / MODEL_FILE
    if not meta_path.is_file() or not network.is_file():
        raise CorroborateError(
            f"{folder}: no tuned stance model ({META_FILE} and {MODEL_FILE}; "
            "make one with `corroborate train stance-tune`)"
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected, weight = str(meta["sha256"]), float(meta["weight"])
        multipliers = np.array(meta["multipliers"], np.float32).reshape(3)
        max_tokens = int(meta["max_tokens"])
    except (ValueError, KeyError, TypeError) as err:
        raise CorroborateError(
            f"{meta_path}: not a tuned stance model's description ({err})"
        ) from err
    digest = hashlib.sha256(network.read_bytes()).hexdigest()
    if digest != expected:
        raise CorroborateError(f"{network} has sha256 {digest}, not {expected}; refusing it")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(network), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(model_dir("embed") / TOKENIZER_FILE))
    return TunedStance(session, PairEncoder(tokenizer, max_tokens), weight, multipliers)
