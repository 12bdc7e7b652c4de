"""The trained attribution extractor: a cue tagger and a role tagger, each a BiLSTM-CRF run
in numpy (`neural.py`) or a CRF (python-crfsuite); no PyTorch at run time.

Step 1, the cue tagger, marks attribution cues sentence by sentence (B-CUE / I-CUE / O).
Step 2, the role tagger, is run once per cue over a window of sentences around it and marks
that cue's source (B-S / I-S) and content (B-C / I-C); the cue's own tokens are labelled X.
`meta.json` names the taggers: "cue_tagger": "bilstm" (cue.npz) or "crf" (cue.crfsuite), and
"role_tagger": "bilstm" (role.npz) or "crf" (role.crfsuite).
All content runs of one cue form one (possibly discontinuous) content span, which is how
"X," he said, "Y" comes out as a single content of two fragments.
"""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.language import Language

from corroborate import resources
from corroborate.attribution.feature_ids import CueIds, RoleIds, Vocabulary
from corroborate.attribution.features import (
    Tokenized,
    cue_features,
    role_features,
    role_window,
    token_range,
    tokenize,
)
from corroborate.attribution.neural import (
    CUE_LABELS,
    LABELS,
    Ensemble,
    RoleNet,
    bio_allowed,
    viterbi_many,
)
from corroborate.attribution.spans import Span, TaggedFrame, make_span
from corroborate.errors import CorroborateError

CUE_MODEL = "cue.crfsuite"
CUE_NET = "cue.npz"
ROLE_MODEL = "role.crfsuite"
ROLE_NET = "role.npz"
# {"syntax": true|false, "cue_tagger": "crf"|"bilstm", "role_tagger": "crf"|"bilstm",
#  "cue_nets": [...], "role_nets": [...]}: whether the taggers use tags and parses, and which
# taggers the folder holds (no "cue_tagger" or "role_tagger": a CRF); a BiLSTM tagger's
# files, averaged as an `Ensemble` when there are several (default: cue.npz, role.npz)
META = "meta.json"
# Tokens of the documents tagged together (`AttributionTagger.extract_docs`): a pipeline
# batch of news reports (16 of about 400 tokens) goes in one group, and a group's network
# inputs (768 bytes per token of every sentence and cue window) stay under about 100 MB
GROUP_TOKENS = 20_000


def model_dir() -> Path:
    """The shipped model's folder inside the installed package."""
    return resources.model_dir("attribution")


def label_runs(labels: Iterable[str], role: str) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of B-role / I-role labels (an I- without a B- starts a run)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, label in enumerate([*labels, "O"]):
        inside = label in (f"B-{role}", f"I-{role}")
        if start is not None and (not inside or label == f"B-{role}"):
            runs.append((start, i))
            start = None
        if inside and start is None:
            start = i
    return runs


def close_quotes(doc: Tokenized, run: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """A content run that opens a quotation and stops short of its closing mark is extended
    to include the mark, as annotators do: one or two tokens short (typically before `."`;
    on dev: content exact F1 +1.1), or sentences short, a quotation of several sentences of
    which the tagger marked the first ones (issue 12b: +1.2 more). Not across the cue (a
    quotation holding the cue is two fragments: "X," he said, "Y")."""
    (inside, regions), (start, end) = doc.quotations, run
    region = regions[start]
    if region < 0 or inside[start]:  # does not start at an opening mark
        return run
    close = end
    while close < len(regions) and regions[close] == region and inside[close]:
        if cue[0] <= close < cue[1]:
            return run
        close += 1
    if close < len(regions) and regions[close] == region:  # the closing mark
        return (start, close + 1)
    return run


def open_quotes(doc: Tokenized, run: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """The mirror of `close_quotes`: a content run that ends at a quotation's closing mark
    but starts inside it, a sentence or more after its opening mark (the tagger marked the
    last sentences of a quotation of several), starts at the opening mark instead, as
    annotators mark a quotation whole (issue 12b, on dev: content exact F1 +0.6). Not
    across the cue."""
    (inside, regions), (start, end) = doc.quotations, run
    region = regions[end - 1]
    if region < 0 or inside[end - 1] or regions[start] != region:
        return run  # does not end at a closing mark, or starts outside its quotation
    opening = start
    while opening > 0 and regions[opening - 1] == region:
        opening -= 1
    if inside[opening] or opening <= cue[0] < start:
        return run
    return (opening, end)


def _span(doc: Tokenized, runs: list[tuple[int, int]]) -> Span | None:
    fragments = tuple((doc.tokens[a].start, doc.tokens[b - 1].end) for a, b in runs)
    return make_span(doc.text, fragments) if fragments else None


def syntax_pipeline() -> Language:
    """Corroborate's English pipeline (tagger and parser only) for the syntax features."""
    from corroborate.nlp.parsing import load_nlp

    return load_nlp()


def read_meta(directory: Path) -> dict:
    path = directory / META
    if not path.is_file():
        raise CorroborateError(
            f"{path}: no attribution model here; rebuild it with `corroborate train attribution`"
        )
    return json.loads(path.read_text(encoding="utf-8"))


class CueTagger:
    """The CRF cue tagger (cue.crfsuite)."""

    def __init__(self, path: Path) -> None:
        self.tagger = _open_tagger(path)

    def cues(self, doc: Tokenized) -> list[tuple[int, int]]:
        """Token ranges of the cues found in the document."""
        found: list[tuple[int, int]] = []
        for (first, _), features in zip(doc.sentences, cue_features(doc), strict=True):
            labels = self.tagger.tag(features)
            found += [(first + a, first + b) for a, b in label_runs(labels, "CUE")]
        return found


class NeuralCues:
    """The BiLSTM cue tagger (cue.npz): all the sentences of a batch of documents in one
    batch, decoded as valid BIO sequences of B-CUE / I-CUE / O."""

    def __init__(self, net: RoleNet | Ensemble) -> None:
        if net.labels != CUE_LABELS:
            raise CorroborateError(f"not a cue tagger: labels {net.labels}")
        self.net = net
        shared = net.shared_vocab
        self.vocabulary = Vocabulary(shared) if shared is not None else None

    def cues(self, doc: Tokenized) -> list[tuple[int, int]]:
        """Token ranges of the cues found in the document."""
        return self.cues_many([doc])[0]

    def cues_many(self, docs: Sequence[Tokenized]) -> list[list[tuple[int, int]]]:
        """`cues` of each document. The sentences of all the documents run through the
        network and the Viterbi search together: a report's sentences alone made batches of
        two or three short sentences, each paying a call and a step loop of its own (each
        sentence's scores do not depend on what else is in its batch)."""
        windows, vocab = [], self.vocabulary
        for doc in docs:
            if vocab is not None:  # the same ids as cue_features' strings, faster
                rows = CueIds(doc, vocab).sentences() if doc.sentences else []
                for (first, last), ids in zip(doc.sentences, rows, strict=True):
                    vectors = doc.vectors[first:last] if doc.vectors is not None else None
                    windows.append(self.net.embed_rows(ids, vectors))
                continue
            for (first, last), features in zip(doc.sentences, cue_features(doc), strict=True):
                vectors = doc.vectors[first:last] if doc.vectors is not None else None
                windows.append(self.net.encode(features, vectors))
        decoded = iter(viterbi_many(self.net.scores(windows), CUE_LABELS, self.net.transitions))
        found: list[list[tuple[int, int]]] = []
        for doc in docs:
            found.append([])
            for (first, _), labels in zip(doc.sentences, decoded, strict=False):
                found[-1] += [(first + a, first + b) for a, b in label_runs(labels, "CUE")]
        return found


def other_cue_tokens(
    doc: Tokenized, cues: list[tuple[int, int]], cue: tuple[int, int]
) -> set[int]:
    """The tokens of the other cues that `role_features` can see: those in the cue's window
    and one token either side (looking at every cue of the document for every cue made long
    reports quadratic)."""
    first, last = role_window(doc, cue)
    starts = [a for a, _ in cues]
    nearby = cues[max(0, bisect.bisect_left(starts, first - 1) - 1) : bisect.bisect_right(
        starts, last + 1)]
    return {i for a, b in nearby if (a, b) != cue for i in range(a, b)}


class CrfRoles:
    """Role labels from the CRF role tagger (role.crfsuite)."""

    def __init__(self, path: Path) -> None:
        self.tagger = _open_tagger(path)

    def labels(self, doc: Tokenized, cues: list[tuple[int, int]]) -> list[list[str]]:
        return [
            self.tagger.tag(role_features(doc, cue, other_cue_tokens(doc, cues, cue)))
            for cue in cues
        ]


class NeuralRoles:
    """Role labels from the BiLSTM role tagger (role.npz), all the cue windows of a batch of
    documents in one batch, decoded as valid BIO sequences with the cue's tokens labelled X."""

    def __init__(self, net: RoleNet | Ensemble) -> None:
        self.net = net
        shared = net.shared_vocab
        self.vocabulary = Vocabulary(shared) if shared is not None else None

    def labels(self, doc: Tokenized, cues: list[tuple[int, int]]) -> list[list[str]]:
        return self.labels_many([doc], [cues])[0]

    def labels_many(
        self, docs: Sequence[Tokenized], cues: Sequence[list[tuple[int, int]]]
    ) -> list[list[list[str]]]:
        """`labels` of each document's cues, all windows run together (see `cues_many`)."""
        windows, masks = [], []
        vocab = self.vocabulary
        for doc, doc_cues in zip(docs, cues, strict=True):
            ids = RoleIds(doc, vocab) if vocab is not None and doc_cues else None
            for cue in doc_cues:
                first, last = role_window(doc, cue)
                others = other_cue_tokens(doc, doc_cues, cue)
                vectors = doc.vectors[first:last] if doc.vectors is not None else None
                if ids is not None:  # the same ids as role_features' strings, faster
                    windows.append(self.net.embed_rows(ids.window(cue, others), vectors))
                else:
                    features = role_features(doc, cue, others)
                    windows.append(self.net.encode(features, vectors))
                mask = np.zeros(last - first, dtype=bool)
                mask[cue[0] - first : cue[1] - first] = True
                masks.append(mask)
        if not windows:
            return [[] for _ in docs]
        scores = self.net.scores(windows)
        allowed = [bio_allowed(s.shape, m) for s, m in zip(scores, masks, strict=True)]
        decoded = iter(viterbi_many(scores, LABELS, self.net.transitions, allowed))
        return [[next(decoded) for _ in doc_cues] for doc_cues in cues]


def _load_net(path: Path) -> RoleNet:
    if not path.is_file():
        raise CorroborateError(
            f"{path}: no attribution model here; rebuild it with `corroborate train attribution`"
        )
    return RoleNet.load(path)


def _load_nets(directory: Path, names: list[str]) -> RoleNet | Ensemble:
    nets = [_load_net(directory / name) for name in names]
    return nets[0] if len(nets) == 1 else Ensemble(nets)


def open_cues(directory: Path, meta: dict) -> CueTagger | NeuralCues:
    if meta.get("cue_tagger", "crf") == "crf":
        return CueTagger(directory / CUE_MODEL)
    return NeuralCues(_load_nets(directory, meta.get("cue_nets", [CUE_NET])))


def open_roles(directory: Path, meta: dict) -> CrfRoles | NeuralRoles:
    if meta.get("role_tagger", "crf") == "crf":
        return CrfRoles(directory / ROLE_MODEL)
    return NeuralRoles(_load_nets(directory, meta.get("role_nets", [ROLE_NET])))


class AttributionTagger:
    """Both taggers, loaded from a model folder (default: the shipped one). A model trained
    with syntax features runs the shipped English pipeline (`syntax_pipeline`) first."""

    def __init__(self, directory: Path | None = None, nlp: Language | None = None) -> None:
        directory = directory or model_dir()
        self.meta = read_meta(directory)
        self.cue = open_cues(directory, self.meta)
        self.role = open_roles(directory, self.meta)
        self.nlp = nlp if nlp is not None or not self.meta["syntax"] else syntax_pipeline()

    def cues(self, doc: Tokenized) -> list[tuple[int, int]]:
        """Token ranges of the cues found in the document."""
        return self.cue.cues(doc)

    def extract(self, text: str) -> list[TaggedFrame]:
        return self.extract_doc(tokenize(text, self.nlp))

    def extract_doc(self, doc: Tokenized) -> list[TaggedFrame]:
        return self.extract_docs([doc])[0]

    def extract_with_cues(
        self, text: str, cues: Sequence[tuple[int, int]]
    ) -> list[TaggedFrame]:
        """The role tagger's frames for the given cues (character ranges), the cue tagger
        left out: how far the role tagger gets alone (`eval attribution --gold-cues`)."""
        doc = tokenize(text, self.nlp)
        ranges = list(dict.fromkeys(r for r in (token_range(doc, *c) for c in cues) if r))
        return attributions_of(doc, ranges, self.role.labels(doc, ranges))

    def extract_docs(self, docs: Sequence[Tokenized]) -> list[list[TaggedFrame]]:
        """`extract_doc` of each document; the neural taggers run them in groups of up to
        GROUP_TOKENS tokens (the same labels as one by one). A group's network inputs are
        held at once: a long report stays a group of its own, as it was before batching."""
        found: list[list[TaggedFrame]] = []
        for group in token_groups(docs):
            found += self._extract_group(group)
        return found

    def _extract_group(self, docs: Sequence[Tokenized]) -> list[list[TaggedFrame]]:
        if isinstance(self.cue, NeuralCues):
            cues = self.cue.cues_many(docs)
        else:
            cues = [self.cue.cues(doc) for doc in docs]
        if isinstance(self.role, NeuralRoles):
            labels = self.role.labels_many(docs, cues)
        else:
            labels = [self.role.labels(doc, doc_cues) for doc, doc_cues in zip(docs, cues,
                                                                                strict=True)]
        return [attributions_of(*found) for found in zip(docs, cues, labels, strict=True)]


def token_groups(docs: Sequence[Tokenized]) -> list[Sequence[Tokenized]]:
    """Consecutive documents grouped up to GROUP_TOKENS tokens (a longer one alone)."""
    groups: list[Sequence[Tokenized]] = []
    start, size = 0, 0
    for n, doc in enumerate(docs):
        if n > start and size + len(doc.tokens) > GROUP_TOKENS:
            groups.append(docs[start:n])
            start, size = n, 0
        size += len(doc.tokens)
    if len(docs) > start:
        groups.append(docs[start:])
    return groups


def attributions_of(
    doc: Tokenized, cues: list[tuple[int, int]], labels: list[list[str]]
) -> list[TaggedFrame]:
    """Attributions from each cue and the role labels of its window."""
    attributions = []
    for cue, window_labels in zip(cues, labels, strict=True):
        first, _ = role_window(doc, cue)
        source = [(first + a, first + b) for a, b in label_runs(window_labels, "S")]
        content = [
            open_quotes(doc, close_quotes(doc, (first + a, first + b), cue), cue)
            for a, b in label_runs(window_labels, "C")
        ]
        cue_span = _span(doc, [cue])
        if cue_span is not None:
            attributions.append(TaggedFrame(cue_span, _span(doc, source), _span(doc, content)))
    return attributions


def _open_tagger(path: Path) -> pycrfsuite.Tagger:
    if not path.is_file():
        raise CorroborateError(
            f"{path}: no attribution model here; rebuild it with `corroborate train attribution`"
        )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@functools.cache
def shipped_tagger() -> AttributionTagger:
    return AttributionTagger()


def extract(text: str) -> list[TaggedFrame]:
    """Attributions (cue, source, content) in `text`, offsets into `text`, in cue order."""
    return shipped_tagger().extract(text)
