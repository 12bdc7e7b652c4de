"""The program's own thread use: one thread for numpy's BLAS, unless the user says otherwise.

As a user runs it, with no thread settings, OpenBLAS spreads each of the pipeline's small
matrix products (spaCy's layers, a few tokens x a few hundred units) over every core, and
the synchronisation costs more than the cores gain: 50 FNC-1 bodies took 66.6 s to ingest
against 28.7 s with `OPENBLAS_NUM_THREADS=1` on a 2-core machine. The attribution taggers'
onnxruntime sessions set their own threads (`attribution.neural.OnnxNetwork`).
"""

from __future__ import annotations

import os
import sys

# read by OpenBLAS, MKL and OpenMP when numpy (or another user of them) is first imported
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def limit_threads() -> None:
    """One BLAS thread unless the environment sets a number: environment defaults if numpy
    is not loaded yet, else a limit on the loaded BLAS (threadpoolctl)."""
    chosen = any(name in os.environ for name in THREAD_VARIABLES)
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    if "numpy" in sys.modules and not chosen:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
