"""`corroborate eval attribution` and `corroborate train attribution`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from corroborate.errors import CorroborateError

_ROLES = ("source", "cue", "content")


@click.command(name="attribution")
@click.option(
    "--polnear", "polnear_dir", required=True, type=click.Path(exists=True, file_okay=False),
    help="A PolNeAR split folder with text/ and attributions/ (e.g. .../polnear/dev).",
)
@click.option(
    "--extractor", type=click.Choice(["model", "rules"]), default="model", show_default=True,
    help="The trained taggers or the rules baseline.",
)
@click.option(
    "--model", "model_dir", type=click.Path(exists=True, file_okay=False),
    help="A model folder written by `train attribution` (default: the shipped model).",
)
@click.option(
    "--gold-cues", is_flag=True,
    help="Give the role tagger each article's gold cues (the cue tagger left out): how far "
    "the roles get alone.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def attribution_eval_cli(
    polnear_dir: str, extractor: str, model_dir: str | None, gold_cues: bool, as_json: bool
) -> None:
    """Exact-match P/R/F1 of source, cue and content spans (first annotator file as gold)."""
    from corroborate.evaluate.attribution import evaluate, get_extractor, gold_cue_extractor

    if gold_cues and extractor != "model":
        raise click.UsageError("--gold-cues runs the trained role tagger: --extractor model")
    model = Path(model_dir) if model_dir else None
    try:
        result = evaluate(
            Path(polnear_dir), get_extractor(extractor, model),
            gold_cue_extractor(model) if gold_cues else None,
        )
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{'':>8}  {'exact P':>7} {'R':>6} {'F1':>6}   {'lenient F1':>10}")
    for role in _ROLES:
        exact, lenient = result[role], result["lenient"][role]
        click.echo(
            f"{role:>8}  {exact['precision']:7.1%} {exact['recall']:6.1%} {exact['f1']:6.1%}"
            f"   {lenient['f1']:10.1%}"
        )
    click.echo(f"{result['articles']} articles, {result['reports_per_second']:.1f} reports/s")


@click.command(name="attribution")
@click.option(
    "--polnear", "polnear_dir", required=True, type=click.Path(exists=True, file_okay=False),
    help="The PolNeAR train folder (text/ and attributions/).",
)
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False),
    help="Folder to write the taggers (cue.crfsuite or cue.npz, role.npz or role.crfsuite) "
    "and meta.json to.",
)
@click.option(
    "--syntax/--no-syntax", default=True, show_default=True,
    help="Use tags and parses from the shipped English pipeline (`corroborate train nlp`).",
)
@click.option(
    "--role-tagger", type=click.Choice(["bilstm", "crf"]), default="bilstm", show_default=True,
    help="Source/content tagger: a BiLSTM (needs PyTorch: pip install -e .[train]) or a CRF.",
)
@click.option(
    "--cue-tagger", type=click.Choice(["crf", "bilstm"]), default="bilstm", show_default=True,
    help="Cue tagger: a CRF, or a BiLSTM (needs PyTorch: pip install -e .[train]).",
)
@click.option(
    "--epochs", type=int, default=None,
    help="BiLSTM role tagger epochs (default: the setting chosen on dev, see SOURCES.md).",
)
@click.option(
    "--cue-epochs", type=int, default=None,
    help="BiLSTM cue tagger epochs (default: the setting chosen on dev, see SOURCES.md).",
)
@click.option(
    "--cue-seeds", type=click.IntRange(min=1), default=None,
    help="BiLSTM cue networks (seeds 0, 1, ...), averaged at run time "
    "(default: the setting chosen on dev, see SOURCES.md).",
)
@click.option(
    "--role-seeds", type=click.IntRange(min=1), default=None,
    help="BiLSTM role networks (seeds 0, 1, ...), averaged at run time "
    "(default: the setting chosen on dev, see SOURCES.md).",
)
@click.option(
    "--dev", "dev_dir", type=click.Path(exists=True, file_okay=False),
    help="A PolNeAR dev folder: log the BiLSTM's dev figures after each epoch.",
)
@click.option(
    "--threads", type=click.IntRange(min=1), default=None,
    help="PyTorch threads for the BiLSTMs (default 2; 1 on a machine whose cores are busy, "
    "where two threads wait on each other).",
)
def attribution_train_cli(
    polnear_dir: str, out_dir: str, syntax: bool, role_tagger: str, cue_tagger: str,
    epochs: int | None, cue_epochs: int | None, cue_seeds: int | None, role_seeds: int | None,
    dev_dir: str | None, threads: int | None,
) -> None:
    """Train the attribution taggers (each a BiLSTM or a CRF)."""
    from dataclasses import replace

    from corroborate.training.attribution import CUE_SEEDS, ROLE_SEEDS, train
    from corroborate.training.attribution_neural import CUE_SETTINGS, NeuralSettings

    neural = NeuralSettings(use_vectors=syntax)
    if epochs is not None:
        neural = replace(neural, epochs=epochs)
    cue_neural = replace(CUE_SETTINGS, use_vectors=syntax)
    if cue_epochs is not None:
        cue_neural = replace(cue_neural, epochs=cue_epochs)
    if threads is not None:
        neural, cue_neural = replace(neural, threads=threads), replace(cue_neural, threads=threads)
    try:
        timings = train(
            Path(polnear_dir), Path(out_dir), syntax=syntax, log=click.echo,
            role_tagger=role_tagger, neural=neural, dev_dir=Path(dev_dir) if dev_dir else None,
            cue_tagger=cue_tagger, cue_neural=cue_neural,
            seeds=(cue_seeds or CUE_SEEDS, role_seeds or ROLE_SEEDS),
        )
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"trained in {sum(timings.values()):.0f} s; wrote {out_dir}")


@click.command(name="supersenses")
@click.option(
    "--wordnet", "wordnet_dir", default="/usr/share/wordnet", show_default=True,
    type=click.Path(file_okay=False),
    help="A WordNet 3.0 dict folder (Debian: apt-get install wordnet-base).",
)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False),
    help="The extract to write (shipped: src/corroborate/data/lexicons/supersenses.tsv).",
)
def supersenses_build_cli(wordnet_dir: str, out: str) -> None:
    """Build the WordNet supersense extract that the cue tagger's features read."""
    from corroborate.training.supersenses import build

    try:
        lemmas = build(Path(wordnet_dir), Path(out))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{lemmas} lemmas written to {out}")


@click.command(name="attribution-onnx")
@click.option(
    "--model", "model_dir", type=click.Path(exists=True, file_okay=False),
    help="A model folder written by `train attribution` (default: the shipped model).",
)
def attribution_onnx_cli(model_dir: str | None) -> None:
    """Export a model folder's BiLSTM taggers (.npz) to ONNX, beside them, for onnxruntime
    (needs the onnx package: pip install -e .[train]). No retraining: the weights are read
    from the .npz files."""
    from corroborate.attribution.tagger import model_dir as shipped_dir
    from corroborate.attribution.tagger import read_meta
    from corroborate.training.attribution import export_networks

    directory = Path(model_dir) if model_dir else shipped_dir()
    try:
        written = export_networks(directory, read_meta(directory))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    if not written:
        raise click.ClickException(f"{directory}: no BiLSTM tagger to export")
    for path in written:
        click.echo(f"wrote {path}")


@click.command(name="attribution-int8")
@click.option(
    "--model", "model_dir", type=click.Path(exists=True, file_okay=False),
    help="A model folder with ONNX networks (default: the shipped model).",
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False),
    help="Write the quantised folder here (default: quantise the networks in place).",
)
def attribution_int8_cli(model_dir: str | None, out_dir: str | None) -> None:
    """Quantise a model folder's ONNX networks (from `train attribution-onnx`) to int8 with
    onnxruntime's dynamic quantisation: uint8 weights, the role network's first LSTM layer
    in float32 (needs the onnx package: pip install -e .[train])."""
    from corroborate.attribution.tagger import model_dir as shipped_dir
    from corroborate.training.attribution_quantize import quantize_folder

    directory = Path(model_dir) if model_dir else shipped_dir()
    try:
        written = quantize_folder(directory, Path(out_dir) if out_dir else directory)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    for path in written:
        click.echo(f"wrote {path}")
