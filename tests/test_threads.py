"""The program's own thread use: one BLAS thread unless the environment names a number."""

from __future__ import annotations

import os

import pytest

from corroborate.threads import THREAD_VARIABLES, limit_threads


def test_one_thread_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    limit_threads()
    assert all(os.environ[name] == "1" for name in THREAD_VARIABLES)


def test_a_number_the_user_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    limit_threads()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "2"
