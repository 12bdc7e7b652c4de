"""The cross-encoder's pieces: sentence selection, pair inputs, the numpy head against the
torch head it is trained as, and the mix with the booster."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.link.stance.cross import (
    MAX_CLAIM_TOKENS,
    MAX_TOKENS,
    Head,
    PairEncoder,
    mix,
    select_sentences,
)

BODY = (
    "The harbour festival opened on Friday with a parade. "
    "A swan stopped the morning ferry for an hour, the port authority said. "
    "Tickets for the concert sold out within minutes. "
    "Officials denied that the swan had damaged the ferry."
)


def _words(text: str) -> int:
    return len(text.split())


def test_selection_keeps_the_sentences_about_the_claim_in_body_order() -> None:
    chosen = select_sentences("Swan stops ferry in harbour", BODY, budget=22, count_tokens=_words)
    assert "swan stopped the morning ferry" in chosen
    assert "denied that the swan" in chosen
    assert "Tickets" not in chosen
    assert chosen.index("stopped") < chosen.index("denied")


def test_selection_respects_the_budget_but_never_returns_nothing() -> None:
    assert _words(select_sentences("swan ferry", BODY, budget=20, count_tokens=_words)) <= 20
    assert select_sentences("swan ferry", BODY, budget=1, count_tokens=_words)


def _encoder() -> PairEncoder:
    from tokenizers import Tokenizer

    from corroborate.embed.static import TOKENIZER_FILE
    from corroborate.resources import model_dir

    return PairEncoder(Tokenizer.from_file(str(model_dir("embed") / TOKENIZER_FILE)))


def test_pair_inputs_are_claim_then_body_segments_within_the_limit() -> None:
    encoder = _encoder()
    long_claim = " ".join(["swan"] * 80)
    ids, types = encoder.encode(long_claim, BODY * 20)
    assert len(ids) == len(types) <= MAX_TOKENS
    claim_part = types.count(0)
    assert claim_part <= MAX_CLAIM_TOKENS + 2  # [CLS] and the first [SEP]
    assert types == sorted(types) and types[-1] == 1
    batch = encoder.batch([(ids, types), encoder.encode("swan", "A swan.")])
    assert batch.ids.shape == batch.types.shape == batch.mask.shape
    assert batch.mask[1].sum() < batch.mask[0].sum()


def _random_head(generator: np.random.Generator, dims: int, hidden: int) -> Head:
    return Head(
        attention=generator.normal(size=dims).astype(np.float32),
        hidden=generator.normal(scale=0.1, size=(6 * dims, hidden)).astype(np.float32),
        hidden_bias=generator.normal(size=hidden).astype(np.float32),
        out=generator.normal(size=(hidden, 3)).astype(np.float32),
        out_bias=generator.normal(size=3).astype(np.float32),
    )


def test_numpy_head_matches_the_torch_head_it_is_trained_as() -> None:
    torch = pytest.importorskip("torch")
    from corroborate.training.stance_cross import HeadSettings, torch_head

    generator = np.random.default_rng(1)
    dims, hidden = 8, 5
    head = _random_head(generator, dims, hidden)
    model = torch_head(dims, HeadSettings(hidden=hidden)).eval()
    with torch.no_grad():
        model.attention.copy_(torch.from_numpy(head.attention))
        model.hidden.weight.copy_(torch.from_numpy(head.hidden.T.copy()))
        model.hidden.bias.copy_(torch.from_numpy(head.hidden_bias))
        model.out.weight.copy_(torch.from_numpy(head.out.T.copy()))
        model.out.bias.copy_(torch.from_numpy(head.out_bias))
    states = generator.normal(size=(3, 7, dims)).astype(np.float32)
    mask = np.array([[1] * 7, [1] * 5 + [0] * 2, [1] * 4 + [0] * 3], np.float32)
    types = np.array([[0, 0, 1, 1, 1, 1, 1], [0, 0, 0, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0, 0]])
    expected = (
        torch.softmax(
            model(torch.from_numpy(states), torch.from_numpy(mask), torch.from_numpy(types)), 1
        )
        .detach()
        .numpy()
    )
    np.testing.assert_allclose(head(states, mask, types), expected, rtol=1e-4, atol=1e-5)


def test_mix_keeps_the_unrelated_probability_and_shares_the_rest() -> None:
    booster = np.array([[0.3, 0.1, 0.2, 0.4], [0.05, 0.05, 0.0, 0.9]])
    cross = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    unchanged = mix(booster, cross, 0.0)
    np.testing.assert_allclose(unchanged, booster)
    mixed = mix(booster, cross, 0.5)
    np.testing.assert_allclose(mixed[:, 3], booster[:, 3])
    np.testing.assert_allclose(mixed.sum(axis=1), 1.0)
    assert mixed[0, 1] > booster[0, 1] and mixed[1, 0] > booster[1, 0]
    np.testing.assert_allclose(mix(booster, cross, 1.0)[0, :3], [0.0, 0.6, 0.0])
