"""Load Corroborate's own English pipeline, shipped inside the package, and parse with it.

The model directory holds only what `spacy.load` reads; it is trained by
`corroborate train nlp` (see `corroborate/data/models/nlp/SOURCES.md`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from corroborate import resources
from corroborate.errors import CorroborateError
from corroborate.nlp.entity_rules import add_entity_rules
from corroborate.nlp.ops import matmul_ops
from corroborate.nlp.place_ruler import add_place_ruler

# Consecutive paragraphs are parsed together up to this many characters: the parser keeps
# some context (on the invented gold reports, one paragraph per window lost two long speaker
# names that 2,000 keeps; 5,000 scores the same), and time and memory stay bounded.
WINDOW_CHARS = 2_000
# A paragraph longer than this is cut at a space (the longest in the seeds is under 2,000).
MAX_WINDOW_CHARS = 10_000
# Windows per batch through the pipeline: spaCy's default (1,000) held a long report's whole
# activations at once; 64 windows of up to 2,000 characters keep a batch small.
PIPE_BATCH = 64
# Components whose output no stage reads (lemmas): skipped when parsing for speed.
UNUSED_COMPONENTS = ("trainable_lemmatizer",)
_PARAGRAPH = re.compile(r"[^\n]*\n*")


def model_path() -> Path:
    """The shipped pipeline's directory."""
    return resources.model_dir("nlp")


def vectors_as_float32(nlp: Language) -> None:
    """A GloVe table stored as float16 (`training.nlp.store_vectors_float16`, half the size
    on disk) back in float32, the type the network was trained with, once at loading."""
    table = nlp.vocab.vectors
    if table.size and table.data.dtype != numpy.float32:
        table.data = numpy.asarray(table.data, dtype=numpy.float32)


def load_pipeline(path: Path | None = None) -> Language:
    """`spacy.load` of the trained pipeline (the shipped one by default) as it was trained:
    its GloVe table in float32 (thinc's BLIS products refuse a float16 table). No components
    added: `load_nlp` is the pipeline the stages run."""
    nlp = spacy.load(path or model_path())
    vectors_as_float32(nlp)
    return nlp


@functools.cache
def load_nlp() -> Language:
    """The trained pipeline, loaded once per process from local files (no network), with
    the GeoNames place ruler and the entity post-rules added after its `ner`."""
    path = model_path()
    if not (path / "config.cfg").is_file():
        raise CorroborateError(
            f"{path}: no trained pipeline here; rebuild it with `corroborate train nlp`"
        )
    with matmul_ops():  # same predictions, faster matrix products (see ops.py)
        nlp = load_pipeline(path)
    add_place_ruler(nlp)  # after `ner`: GeoNames names it left untagged (place_ruler.py)
    add_entity_rules(nlp)  # last: span fixes measured on UNER EWT dev (entity_rules.py)
    return nlp


def windows(text: str) -> list[str]:
    """`text` cut into windows that join back to exactly `text`: whole lines (with their line
    breaks) grouped up to WINDOW_CHARS, a very long line cut at spaces into pieces of at most
    MAX_WINDOW_CHARS."""
    grouped: list[str] = []
    for match in _PARAGRAPH.finditer(text):
        for piece in _cut(match.group()):
            if grouped and len(grouped[-1]) + len(piece) <= WINDOW_CHARS:
                grouped[-1] += piece
            else:
                grouped.append(piece)
    return grouped


def _cut(paragraph: str) -> list[str]:
    pieces = []
    while len(paragraph) > MAX_WINDOW_CHARS:
        at = paragraph.rfind(" ", MAX_WINDOW_CHARS // 2, MAX_WINDOW_CHARS) + 1 or MAX_WINDOW_CHARS
        pieces.append(paragraph[:at])
        paragraph = paragraph[at:]
    return [*pieces, paragraph] if paragraph else pieces


def parse(texts: Iterable[str], nlp: Language | None = None) -> Iterator[Doc]:
    """Each text parsed window by window (see `windows`) and joined into one Doc whose text is
    exactly the text. Memory and time stay bounded however long a report is, and run time
    sees the same windows as training (`attribution.features.tokenize`). The windows of all
    the texts go through the pipeline together, in batches of PIPE_BATCH."""
    nlp = nlp or load_nlp()
    disabled = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    texts = list(texts)
    pieces = [windows(text) for text in texts]
    flat = (piece for text_pieces in pieces for piece in text_pieces)
    docs = nlp.pipe(flat, disable=disabled, batch_size=PIPE_BATCH)
    for text, text_pieces in zip(texts, pieces, strict=True):
        parsed = [next(docs) for _ in text_pieces]
        if not parsed:
            yield nlp.make_doc(text)
        else:
            yield parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
