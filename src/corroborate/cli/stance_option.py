"""`--stance-model DIR`: the opt-in fine-tuned stance cross-encoder, for `check` and the
evaluations (light: the model loads only when the option is given)."""

from __future__ import annotations

import click

from corroborate.errors import CorroborateError


def _use_tuned(ctx: click.Context, param: click.Parameter, folder: str | None) -> None:
    if folder is None:
        return
    from corroborate.link.stance.model import use_tuned

    try:
        use_tuned(folder)
    except CorroborateError as err:
        raise click.BadParameter(str(err), ctx, param) from err


STANCE_MODEL_OPTION = click.option(
    "--stance-model",
    type=click.Path(exists=True, file_okay=False),
    callback=_use_tuned,
    expose_value=False,
    help="Read related report-claim pairs with a fine-tuned cross-encoder from this folder "
    "too (`corroborate train stance-tune export`; slower: README, Stance (FNC-1)).",
)
