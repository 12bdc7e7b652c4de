"""Dynamic int8 quantisation of a model folder's ONNX networks (`attribution_onnx`), by
onnxruntime's own quantiser (`quantize_dynamic`): weights of the LSTM and MatMul ops stored
as 8-bit integers, activations quantised per call. Training-time only: the quantiser imports
the `onnx` package (the `train` extra); the run time loads the result like any ONNX file.

The role network's first LSTM layer stays float32 by default (`FLOAT_FIRST_LAYER`): its
input, the sum of a token's feature embeddings beside the tok2vec and GloVe vectors, spans
a wide range, and quantised per tensor it moved 2.8% of the role network's best labels on
ingest batches and content exact F1 on PolNeAR dev by -0.3 (uint8 weights; int8 weights
moved 6.9%, the AVX2 kernels' u8 x s8 products saturating), against -0.14 with that layer
in float32 (`benchmarks/attribution_int8.py`, README "INT8 attribution networks").
"""

from __future__ import annotations

import shutil
from pathlib import Path

from corroborate.errors import CorroborateError
from corroborate.training.attribution_onnx import require_onnx

WEIGHT_TYPES = ("QUInt8", "QInt8")
NETWORK_FILES = ("cue.onnx", "role.onnx")
QUANTISED_OPS = ("LSTM", "MatMul")
FLOAT_FIRST_LAYER = ("role.onnx",)


def _named(model) -> list[str]:
    """Name the graph's unnamed nodes (the export leaves them unnamed; the quantiser's
    exclusions go by name) and return the names of its LSTM nodes, in order."""
    for n, node in enumerate(model.graph.node):
        if not node.name:
            node.name = f"{node.op_type.lower()}{n}"
    return [node.name for node in model.graph.node if node.op_type == "LSTM"]


def quantize_network(
    network: Path,
    target: Path,
    weight_type: str = "QUInt8",
    float_first_layer: bool = False,
    reduce_range: bool = False,
) -> Path:
    """Write `network` quantised to `target` (through a temporary file beside it, so that
    no half-written network stands in its place). `reduce_range`: 7-bit weights."""
    onnx = require_onnx()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if weight_type not in WEIGHT_TYPES:
        raise CorroborateError(f"weight type {weight_type!r}: one of {', '.join(WEIGHT_TYPES)}")
    try:
        model = onnx.load(str(network))
    except Exception as err:  # onnx raises its own DecodeError and OSErrors
        raise CorroborateError(f"{network}: not a readable ONNX network ({err})") from err
    if any(node.op_type.startswith("DynamicQuantize") for node in model.graph.node):
        raise CorroborateError(
            f"{network}: already quantised (export it again: corroborate train attribution-onnx)"
        )
    lstms = _named(model)
    if not lstms:
        raise CorroborateError(f"{network}: no LSTM layer to quantise")
    staged = target.with_name(target.name + ".tmp")
    quantize_dynamic(
        model,
        str(staged),
        weight_type=getattr(QuantType, weight_type),
        op_types_to_quantize=list(QUANTISED_OPS),
        reduce_range=reduce_range,
        nodes_to_exclude=lstms[:1] if float_first_layer else [],
    )
    staged.replace(target)
    return target


def quantize_folder(
    source: Path,
    out: Path,
    weight_type: str = "QUInt8",
    reduce_range: bool = False,
    float_first_layer: tuple[str, ...] = FLOAT_FIRST_LAYER,
) -> list[Path]:
    """Copy the model folder `source` to `out` (unless they are the same) with its ONNX
    networks quantised; the networks named in `float_first_layer` keep their first LSTM
    layer in float32."""
    networks = [source / name for name in NETWORK_FILES if (source / name).is_file()]
    if not networks:
        raise CorroborateError(
            f"{source}: no ONNX network to quantise ({', '.join(NETWORK_FILES)})"
        )
    if out.resolve() != source.resolve():
        shutil.copytree(source, out, dirs_exist_ok=True)
    return [
        quantize_network(
            network,
            out / network.name,
            weight_type,
            network.name in float_first_layer,
            reduce_range,
        )
        for network in networks
    ]
