"""Dynamic int8 quantisation of a model folder's ONNX networks (`attribution_onnx`), by
onnxruntime's own quantiser: weights of the LSTM and MatMul ops stored as 8-bit integers,
activations quantised per call (`quantize_dynamic`). Training-time only: its quantiser
imports the `onnx` package (the `train` extra); the run time loads the result like any
ONNX file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from corroborate.errors import CorroborateError
from corroborate.training.attribution_onnx import require_onnx

WEIGHT_TYPES = ("QInt8", "QUInt8")
NETWORK_FILES = ("cue.onnx", "role.onnx")


def quantize_folder(
    source: Path,
    out: Path,
    weight_type: str = "QInt8",
    reduce_range: bool = False,
) -> list[Path]:
    """Copy the model folder `source` to `out` with its ONNX networks quantised.
    `reduce_range`: 7-bit weights, which onnxruntime advises on CPUs without VNNI (AVX2 only),
    where its u8 x s8 products can saturate."""
    require_onnx()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if weight_type not in WEIGHT_TYPES:
        raise CorroborateError(f"weight type {weight_type!r}: one of {', '.join(WEIGHT_TYPES)}")
    networks = [source / name for name in NETWORK_FILES if (source / name).is_file()]
    if not networks:
        raise CorroborateError(
            f"{source}: no ONNX network to quantise ({', '.join(NETWORK_FILES)})"
        )
    if out.resolve() != source.resolve():
        shutil.copytree(source, out, dirs_exist_ok=True)
    written = []
    for network in networks:
        target = out / network.name
        staged = target.with_suffix(".int8.tmp")  # never a half-written network in place
        quantize_dynamic(
            str(network),
            str(staged),
            weight_type=getattr(QuantType, weight_type),
            op_types_to_quantize=["LSTM", "MatMul"],
            reduce_range=reduce_range,
        )
        staged.replace(target)
        written.append(target)
    return written
