"""The cross-encoder head trains (torch) and exports to the numpy head, on invented token
states whose class is written in the body tokens; the two-stage decision keeps the
booster's unrelated calls."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.training.stance_cross import two_stage

torch = pytest.importorskip("torch")


def _invented_cache(rows: int, generator: np.random.Generator) -> dict:
    dims, length = 16, 10
    labels = generator.integers(0, 3, rows)
    states = generator.normal(size=(rows, length, dims)).astype(np.float16)
    types = np.array([[0] * 4 + [1] * 6] * rows, np.int8)
    # the class shows as a bump in one of three dimensions of the body tokens only
    states[np.arange(rows), 4:, labels] += 3.0
    mask = np.ones((rows, length), np.int8)
    return {"states": states, "types": types, "mask": mask, "labels": labels}


def test_head_learns_a_class_written_in_the_body_and_exports_to_numpy() -> None:
    from corroborate.training.stance_cross import (
        HeadSettings,
        fit_head,
        head_probs,
        to_numpy_head,
    )

    generator = np.random.default_rng(0)
    cache = _invented_cache(400, generator)
    fit, held = np.arange(300), np.arange(300, 400)
    model = fit_head(cache, fit, HeadSettings(hidden=16, epochs=15, batch=32))
    probs = head_probs(model, cache, held)
    assert (probs.argmax(axis=1) == cache["labels"][held]).mean() > 0.9
    head = to_numpy_head(model)
    numpy_probs = head(
        cache["states"][held], cache["mask"][held].astype(np.float32), cache["types"][held]
    )
    np.testing.assert_allclose(numpy_probs, probs, atol=1e-3)


def test_two_stage_keeps_unrelated_and_lets_the_mix_choose_among_related() -> None:
    booster = np.array([[0.1, 0.05, 0.05, 0.8], [0.5, 0.1, 0.3, 0.1], [0.4, 0.1, 0.4, 0.1]])
    cross = np.array([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    first = np.ones(4)
    assert two_stage(booster, cross, first, 0.0, np.ones(3)).tolist() == [3, 0, 0]
    assert two_stage(booster, cross, first, 1.0, np.ones(3)).tolist() == [3, 1, 2]
