"""Export a BiLSTM tagger's network (`neural.RoleNet`, read from its .npz) to ONNX, for the
run time's `neural.OnnxNetwork` (onnxruntime's fused LSTM kernel instead of a Python step
loop).

Needs the `onnx` package (the `train` extra); nothing at run time imports this module.
The graph holds the LSTM layers and the output layer; the feature embeddings, the
vocabulary and the CRF transitions stay in the .npz (the run time sums the embeddings of a
token's feature strings before the network, and decodes with Viterbi after it). The graph
is written by hand with `onnx.helper` rather than by `torch.onnx.export` so that the
networks already shipped (saved as .npz, without their PyTorch modules) convert without
retraining.

Graph: x (batch x time x input, float32), lengths (batch, int32) -> scores (batch x time x
labels): per layer one bidirectional ONNX LSTM over time-major input with `sequence_lens`
(each sequence reversed within its own length, outputs past it zero, as PyTorch's packed
sequences), then a linear layer.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corroborate.attribution.neural import RoleNet
from corroborate.errors import CorroborateError

OPSET = 17
IR_VERSION = 8  # read by every onnxruntime since 1.10
# PyTorch stacks LSTM gates as (input, forget, cell, output); ONNX as (input, output,
# forget, cell)
_GATE_ORDER = (0, 3, 1, 2)


def require_onnx():  # returns the onnx module, imported only when exporting
    try:
        import onnx
    except ImportError as err:
        raise CorroborateError(
            "exporting the taggers to ONNX needs the onnx package: pip install -e .[train]"
        ) from err
    return onnx


def _gates(weights: np.ndarray) -> np.ndarray:
    """PyTorch's gate blocks (4H x ...) in ONNX's order."""
    blocks = np.split(weights, 4, axis=0)
    return np.concatenate([blocks[g] for g in _GATE_ORDER], axis=0).astype(np.float32)


def _layer_weights(layer: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """W, R, B of one bidirectional ONNX LSTM (the bias of PyTorch's two is one sum, so the
    recurrent bias is zero)."""
    w = np.stack([_gates(layer["w_ih_f"]), _gates(layer["w_ih_b"])])
    r = np.stack([_gates(layer["w_hh_f"]), _gates(layer["w_hh_b"])])
    bias = [np.concatenate([_gates(layer[f"bias_{d}"]), np.zeros_like(layer[f"bias_{d}"])])
            for d in ("f", "b")]
    return {"W": w, "R": r, "B": np.stack(bias).astype(np.float32)}


def to_onnx(net: RoleNet):
    """The network of `net` (its LSTM layers and output layer) as an onnx ModelProto."""
    onnx = require_onnx()
    helper, tensor = onnx.helper, onnx.TensorProto
    if not net.layers:
        raise CorroborateError("this network has no LSTM weights to export")
    hidden = net.layers[0]["w_hh_f"].shape[1]
    width = net.layers[0]["w_ih_f"].shape[1]
    initializers = [onnx.numpy_helper.from_array(np.array([0, 0, 2 * hidden], np.int64), "wide")]
    nodes = [helper.make_node("Transpose", ["x"], ["h0"], perm=[1, 0, 2])]
    for n, layer in enumerate(net.layers):
        for name, values in _layer_weights(layer).items():
            initializers.append(onnx.numpy_helper.from_array(values, f"{name}{n}"))
        nodes += [
            helper.make_node(
                "LSTM", [f"h{n}", f"W{n}", f"R{n}", f"B{n}", "lengths"], [f"y{n}"],
                direction="bidirectional", hidden_size=hidden,
            ),
            # time x 2 x batch x H -> time x batch x 2H (forward then backward, as PyTorch)
            helper.make_node("Transpose", [f"y{n}"], [f"t{n}"], perm=[0, 2, 1, 3]),
            helper.make_node("Reshape", [f"t{n}", "wide"], [f"h{n + 1}"]),
        ]
    last = f"h{len(net.layers)}"
    initializers += [
        onnx.numpy_helper.from_array(np.ascontiguousarray(net.out_w.T, np.float32), "out_w"),
        onnx.numpy_helper.from_array(net.out_b.astype(np.float32), "out_b"),
    ]
    nodes += [
        helper.make_node("MatMul", [last, "out_w"], ["product"]),
        helper.make_node("Add", ["product", "out_b"], ["logits"]),
        helper.make_node("Transpose", ["logits"], ["scores"], perm=[1, 0, 2]),
    ]
    graph = helper.make_graph(
        nodes, "bilstm_tagger",
        [helper.make_tensor_value_info("x", tensor.FLOAT, ["batch", "time", width]),
         helper.make_tensor_value_info("lengths", tensor.INT32, ["batch"])],
        [helper.make_tensor_value_info("scores", tensor.FLOAT,
                                       ["batch", "time", len(net.labels)])],
        initializers,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="corroborate",
        ir_version=IR_VERSION,
    )
    onnx.checker.check_model(model)
    return model


def export_onnx(npz: Path) -> Path:
    """Write the ONNX graph of the network in `npz` beside it (same name, .onnx)."""
    onnx = require_onnx()
    target = npz.with_suffix(".onnx")
    onnx.save(to_onnx(RoleNet.load(npz, runtime="numpy")), str(target))
    return target


def export_folder(directory: Path, names: list[str]) -> list[Path]:
    """Export each named .npz network of a model folder (see `tagger.META`)."""
    return [export_onnx(directory / name) for name in names]
