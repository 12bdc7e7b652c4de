from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps, get_current_ops

from corroborate.nlp.ops import MatmulOps, matmul_ops


@pytest.mark.parametrize(
    "x_shape,y_shape,trans1,trans2",
    [((6, 4), (4, 5), False, False), ((4, 6), (4, 5), True, False), ((6, 4), (5, 4), False, True)],
)
def test_matmul_gemm_equals_blis_gemm(
    x_shape: tuple[int, int], y_shape: tuple[int, int], trans1: bool, trans2: bool
) -> None:
    rng = numpy.random.default_rng(0)
    x = rng.random(x_shape, dtype="float32")
    y = rng.random(y_shape, dtype="float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5)
    out = numpy.zeros_like(expected)
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5)


def test_matmul_ops_are_restored_after_the_block() -> None:
    before = get_current_ops()
    with matmul_ops() as ops:
        assert get_current_ops() is ops
    assert get_current_ops() is before
