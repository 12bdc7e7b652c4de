"""thinc CPU ops whose matrix products go through numpy (OpenBLAS) instead of BLIS.

thinc's `NumpyOps.gemm` calls the BLIS copy bundled with thinc. On our AVX-512 machines
numpy's OpenBLAS `matmul` multiplies the same float32 matrices about 3x faster (34 vs 95
GFLOP/s on one core), which makes the whole pipeline about 1.7x faster with identical
predictions on UD EWT dev. Layers keep the ops that were current when they were built, so
the pipeline is loaded (or trained) inside `matmul_ops()`; the previous ops are restored
afterwards for everything else in the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops
from thinc.types import Floats2d


class MatmulOps(NumpyOps):
    """NumpyOps with `gemm` done by `numpy.matmul`."""

    name = "corroborate_matmul"

    def gemm(
        self,
        x: Floats2d,
        y: Floats2d,
        out: Floats2d | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Floats2d:
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        if out is None:
            return numpy.matmul(left, right)
        numpy.matmul(left, right, out=out)
        return out


@contextmanager
def matmul_ops() -> Iterator[MatmulOps]:
    """Build models inside this block to have them multiply with numpy."""
    previous = get_current_ops()
    ops = MatmulOps()
    set_current_ops(ops)
    try:
        yield ops
    finally:
        set_current_ops(previous)
