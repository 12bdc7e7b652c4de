"""The tagger's frames checked against the pipeline's parse before the claims stage uses them.

The tagger reads tokens and vectors, not the tree, so it makes mistakes the tree shows at
once. Hand-written because no library checks one model's spans against another's parse:

- A passive cue whose source is its own passive subject ("X have been reported fighting"):
  the subject of a passive reporting verb is what is reported, never who reports it
  (GUIDELINES.md), so the frame is dropped and the tree rules decide.
- A source that is a clause, a verb with its own subject and object ("One, titled X, said
  women from the group organised a party"): the content read as the speaker; dropped.
- A relative pronoun as source ("Rima, an activist who does not share the view that P"):
  the source is the noun the relative clause modifies (the name, where that noun is in
  apposition to one), as the tree rules read it (`tree._antecedent`).
- A source running into a described appositive ("X, one of the returnees and a mother of
  five"): cut before it, as the tree's subject phrase is (`clause._cut_at_break`); a name
  in apposition ("the spokesperson, Major Lio Tann") is kept.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from corroborate.attribution.clause import PHRASE_BREAKS, _is_name, _until_break
from corroborate.attribution.spans import Span, TaggedFrame, make_span
from corroborate.attribution.tree import _heads_clause

PASSIVE_SUBJECTS = frozenset({"nsubj:pass", "csubj:pass"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# what the antecedent's own phrase leaves out: its clause (when it is a predicate noun), its
# appositives and relative clauses
NOT_IN_PHRASE = frozenset({
    "nsubj", "nsubj:pass", "cop", "aux", "aux:pass", "punct", "appos", "acl:relcl", "acl",
    "ccomp", "parataxis", "advcl", "conj", "cc", "mark", "obj", "obl", "case",
})


def checked(frames: list[TaggedFrame], doc: Doc) -> list[TaggedFrame]:
    """The frames with the mistakes above corrected or dropped."""
    kept = []
    for frame in frames:
        fixed = _checked(frame, doc)
        if fixed is not None:
            kept.append(fixed)
    return kept


def _checked(frame: TaggedFrame, doc: Doc) -> TaggedFrame | None:
    if frame.source is None:
        return frame
    tokens = _tokens(doc, frame.source)
    if not tokens:
        return frame
    if _passive_subject_of_cue(tokens, _tokens(doc, frame.cue)) or _is_clause(tokens):
        return None
    if len(tokens) == 1 and tokens[0].lower_ in RELATIVE_PRONOUNS:
        source = _antecedent_span(doc, tokens[0])
    else:
        source = _without_appositive(doc, tokens)
    return dataclasses.replace(frame, source=source) if source is not None else frame


def _tokens(doc: Doc, span: Span) -> list[Token]:
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(found) if found is not None else []


def _passive_subject_of_cue(source: list[Token], cue: list[Token]) -> bool:
    cue_at = {t.i for t in cue}
    return any(t.dep_ in PASSIVE_SUBJECTS and t.head.i in cue_at for t in source)


def _is_clause(source: list[Token]) -> bool:
    """A source holding a verb with its own subject and object: the content read as the
    speaker (as `tree._source_is_clause` rejects it for the patterns)."""
    return any(_heads_clause(t, source) for t in source)


def _antecedent_span(doc: Doc, pronoun: Token) -> Span | None:
    """The phrase of the noun a relative pronoun's clause modifies, or None."""
    verb = pronoun.head
    if verb.dep_ != "acl:relcl" or verb.head.i == verb.i:
        return None
    noun = verb.head
    while noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        noun = noun.head  # "Rima, a civil activist who ...": the speaker is Rima
    skipped = {t.i for c in noun.children if c.dep_ in NOT_IN_PHRASE for t in c.subtree}
    inside = sorted(t.i for t in noun.subtree if t.i not in skipped)
    first = last = noun.i
    while first - 1 in inside:
        first -= 1
    while last + 1 in inside:
        last += 1
    return make_span(doc.text, ((doc[first].idx, doc[last].idx + len(doc[last])),))


def _without_appositive(doc: Doc, tokens: list[Token]) -> Span | None:
    """The source cut before its first break, unless a short name follows it; None when
    there is nothing to cut."""
    for n, token in enumerate(tokens):
        if n == 0 or token.text not in PHRASE_BREAKS:
            continue
        rest = tokens[n + 1 :]
        if token.text == "," and _is_name(_until_break(rest)):
            return None
        kept = tokens[:n]
        if not any(t.pos_ in {"NOUN", "PROPN"} for t in kept):
            return None
        return make_span(doc.text, ((kept[0].idx, kept[-1].idx + len(kept[-1])),))
    return None
