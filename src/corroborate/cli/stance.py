"""`corroborate eval fnc1` and `corroborate train stance`: validate, call, print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from corroborate.cli.stance_option import STANCE_MODEL_OPTION
from corroborate.datasets.fnc1 import (
    LABELS,
    dev_body_ids,
    read_bodies,
    read_stances,
    split_pairs,
)
from corroborate.errors import CorroborateError
from corroborate.evaluate.fnc1 import evaluate, format_report
from corroborate.link.stance.model import load_model, shipped_model_dir, stance_many

SPLITS = ("all", "train", "dev")


def evaluate_fnc1(
    bodies_path: str,
    stances_path: str,
    split: str = "all",
    predictions_path: str | None = None,
    model_dir: str | None = None,
) -> dict[str, Any]:
    """Score the model (or a predictions file in the same layout and row order) on a
    labelled FNC-1 file; `split` keeps only the dev (or train) bodies of our fixed split."""
    bodies = read_bodies(bodies_path)
    pairs = read_stances(stances_path, bodies)
    keep = None
    if split != "all":
        train, dev = split_pairs(pairs, dev_body_ids(bodies))
        keep = {id(p) for p in (dev if split == "dev" else train)}
    if predictions_path is not None:
        predicted_pairs = read_stances(predictions_path)
        if len(predicted_pairs) != len(pairs):
            reason = f"{len(predicted_pairs)} predictions for {len(pairs)} gold rows"
            raise CorroborateError(f"{predictions_path}: {reason}")
        predicted = [str(p.stance) for p in predicted_pairs]
    else:
        chosen = [p for p in pairs if keep is None or id(p) in keep]
        model = load_model(model_dir)
        labels = iter(
            label
            for label, _ in stance_many([(p.headline, bodies[p.body_id]) for p in chosen], model)
        )
        predicted = [next(labels) if keep is None or id(p) in keep else "" for p in pairs]
    gold_kept = [str(p.stance) for p in pairs if keep is None or id(p) in keep]
    predicted_kept = [
        label for p, label in zip(pairs, predicted, strict=True) if keep is None or id(p) in keep
    ]
    return evaluate(gold_kept, predicted_kept)


DATA_OPTION = click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Shared data folder (holds fnc1/train_bodies.csv, train_stances.csv).",
)


@click.command(name="fnc1")
@click.option(
    "--bodies",
    "bodies_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Body ID,articleBody CSV (FNC-1 layout).",
)
@click.option(
    "--stances",
    "stances_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Headline,Body ID,Stance CSV with the gold labels.",
)
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="all",
    show_default=True,
    help="Score only our dev (or train) bodies: fixed-seed 20% of body ids.",
)
@click.option(
    "--predictions",
    "predictions_path",
    type=click.Path(dir_okay=False),
    help="Score this Headline,Body ID,Stance file (same rows), not the model.",
)
@click.option(
    "--model",
    "model_dir",
    type=click.Path(file_okay=False),
    help="Folder of a trained stance model (default: the shipped one).",
)
@STANCE_MODEL_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def fnc1_eval_cli(
    bodies_path: str,
    stances_path: str,
    split: str,
    predictions_path: str | None,
    model_dir: str | None,
    as_json: bool,
) -> None:
    """Official FNC-1 weighted score, confusion, per-class accuracy and macro-F1."""
    try:
        result = evaluate_fnc1(bodies_path, stances_path, split, predictions_path, model_dir)
    except (CorroborateError, ValueError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))


@click.command(name="stance")
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=str(shipped_model_dir()),
    show_default=True,
    help="Folder to write stance.joblib to.",
)
@click.option(
    "--embeddings",
    is_flag=True,
    help="Add the static sentence encoder's cosines as features (not in the shipped model).",
)
@click.option(
    "--disagreement/--no-disagreement",
    default=True,
    show_default=True,
    help="The disagreement features (refutation cues in the sentences most like the claim).",
)
def stance_train_cli(data_dir: str, out_dir: str, embeddings: bool, disagreement: bool) -> None:
    """Train the stance model on FNC-1 (dev bodies held out) and print the dev figures."""
    from corroborate.training.stance import Settings, train  # scikit-learn, loaded late

    if not Path(data_dir, "fnc1").is_dir():
        raise click.UsageError(f"{data_dir} has no fnc1/ folder")
    try:
        result = train(
            data_dir,
            out_dir,
            Settings(embeddings=embeddings, disagreement=disagreement),
            log=lambda line: click.echo(line, err=True),
        )
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(format_report(result))
    click.echo(
        f"\nsaved {result['model_path']} ({result['model_bytes']:,} bytes) "
        f"in {result['train_seconds']:.0f}s"
    )


@click.command(name="stance-cross")
@DATA_OPTION
@click.option(
    "--cache",
    "cache_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the frozen encoder's token states (about 1.3 GB, float16).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder to write cross_head.npz and cross_meta.json to.",
)
@click.option(
    "--booster-oof",
    type=click.Path(dir_okay=False),
    help="The booster's out-of-fold probabilities (.npy); without it `train stance` runs again.",
)
@click.option("--epochs", default=12, show_default=True, help="Epochs of the head.")
@click.option("--rate", default=1e-3, show_default=True, help="AdamW learning rate.")
def stance_cross_train_cli(
    data_dir: str, cache_dir: str, out_dir: str, booster_oof: str | None, epochs: int, rate: float
) -> None:
    """Experimental: the MiniLM cross-encoder head, cross-validated by claim and mixed with
    the booster; prints the cross-validation and dev figures (not in the default path)."""
    from corroborate.training.stance_cross import HeadSettings, train_cross  # torch: late

    if not Path(data_dir, "fnc1").is_dir():
        raise click.UsageError(f"{data_dir} has no fnc1/ folder")
    try:
        meta = train_cross(
            Path(data_dir),
            Path(cache_dir),
            Path(out_dir),
            Path(booster_oof) if booster_oof else None,
            HeadSettings(epochs=epochs, rate=rate),
            log=lambda line: click.echo(line, err=True),
        )
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(meta, indent=2))


@click.group(name="stance-tune")
def stance_tune_cli() -> None:
    """Fine-tune all-MiniLM-L6-v2 as a stance cross-encoder (a GPU takes minutes, a CPU
    hours): prepare the pairs, fit (torch), export the opt-in model folder."""


@stance_tune_cli.command(name="prepare")
@DATA_OPTION
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write pairs.npz and minilm-f16.safetensors to.")  # fmt: skip
def stance_tune_prepare_cli(data_dir: str, out_dir: str) -> None:
    """Token ids of every FNC-1 pair and of the negated copies, and the float16 weights."""
    from corroborate.training.stance_tune import half_weights, prepare

    out = Path(out_dir)
    try:
        counts = prepare(Path(data_dir), out / "pairs.npz")
        half_weights(out / "minilm-f16.safetensors")
    except (CorroborateError, FileNotFoundError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(counts))


@stance_tune_cli.command(name="fit")
@click.option("--prepared", required=True, type=click.Path(exists=True, file_okay=False),
              help="The folder `prepare` wrote.")  # fmt: skip
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the probabilities, tune.json and the weights.")  # fmt: skip
@click.option("--setting", "settings", multiple=True, help="Repeatable (default: all).")
def stance_tune_fit_cli(prepared: str, out_dir: str, settings: tuple[str, ...]) -> None:
    """Cross-validate by claim and train each setting (torch; a GPU when there is one). The
    same step runs without the package's other needs: python -m
    corroborate.training.stance_tune PAIRS WEIGHTS OUT."""
    from corroborate.training.stance_tune import SETTINGS, run

    unknown = [name for name in settings if name not in SETTINGS]
    if unknown:
        raise click.UsageError(f"unknown setting(s) {unknown}; known: {list(SETTINGS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(prepared)
    pairs, weights = folder / "pairs.npz", folder / "minilm-f16.safetensors"
    missing = [str(path) for path in (pairs, weights) if not path.is_file()]
    if missing:
        raise click.ClickException(f"{', '.join(missing)}: not found (run `prepare` first)")
    run(pairs, weights, out, list(settings or SETTINGS), float("inf"),
        log=lambda line: click.echo(line, err=True))  # fmt: skip


@stance_tune_cli.command(name="export")
@DATA_OPTION
@click.option("--fitted", required=True, type=click.Path(exists=True, file_okay=False),
              help="The folder `fit` wrote.")  # fmt: skip
@click.option("--setting", required=True, help="The setting whose weights `fit` kept.")
@click.option("--booster", "booster_dir", required=True, type=click.Path(file_okay=False),
              help="Folder keeping the booster's out-of-fold and dev probabilities "
              "(computed there once: about 30 minutes).")  # fmt: skip
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="The model folder to write (for --stance-model).")  # fmt: skip
@click.option("--disagree-floor", type=click.FloatRange(0.0, 1.0),
              help="Least cross-validated disagree recall of the mix (default: the shipped "
              "booster's 0.36).")  # fmt: skip
def stance_tune_export_cli(
    data_dir: str, fitted: str, setting: str, booster_dir: str, out_dir: str,
    disagree_floor: float | None,
) -> None:  # fmt: skip
    """Choose the mix with the booster on the cross-validation, score dev, write the
    ONNX network and its description."""
    from corroborate.training.stance_tune import export

    try:
        meta = export(Path(data_dir), Path(fitted), setting, Path(out_dir), Path(booster_dir),
                      disagree_floor, log=lambda line: click.echo(line, err=True))  # fmt: skip
    except (CorroborateError, FileNotFoundError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(meta, indent=2))


__all__ = [
    "LABELS",
    "evaluate_fnc1",
    "fnc1_eval_cli",
    "stance_cross_train_cli",
    "stance_train_cli",
    "stance_tune_cli",
]
