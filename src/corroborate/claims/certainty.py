"""How sure: asserted, hedged or denied, from the claim's wording (GUIDELINES.md).

Without a parse, words decide (`certainty_of`): denial and hedge phrases of the lexicons and
the cues on the attribution path. With the report's parse (`read_certainty`), scope decides
as well (#13, #18): a modal hedges only when it bears on the content's main predicate and
grants no permission, an adjective "alleged" on a noun hedges nothing, a denial verb heads the
claim, and a negated main predicate in a source's mouth ("there are no foreign troops," the
ministry said) is that source's denial, where the factuality model agrees that the content is
not presented as having happened. The model also gives each label its confidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from corroborate.claims.scope import Predicate, is_attributive, main_predicate
from corroborate.factuality import commitment
from corroborate.lexicon import PhraseMatch, find_phrases, lexicon, phrase_pattern
from corroborate.model import Certainty

# A modal hedges unless it is negated: "could not reach" states an inability, and the
# non-verification phrases ("could not verify") are matched as hedge phrases instead.
NEGATION_AFTER = r"(?!\s*(?:not\b|n['’]t))"
# Adjectives that hedge only the noun they modify (#18: "the alleged representatives").
ATTRIBUTIVE_HEDGES = frozenset({"alleged", "purported", "suspected", "supposed", "presumed"})
# How sharply the model's factuality (IH2 scale, about ±2) turns into a confidence.
CONFIDENCE_SLOPE = 2.0
BELIEF_POS = frozenset({"VERB", "ADV"})
# A concessive clause, from its opener to the next comma: its modals do not bear on the
# claim's main predicate (#18). The parser often makes such a clause the root.
CONCESSIVE = re.compile(
    r"\b(?:no matter (?:how|what|who|where)|however (?:much|many|strong|hard|\w+ly)|"
    r"even if|even though|although|though|whatever|whoever)\b[^,;]*", re.IGNORECASE
)
ROOT_DEPS = frozenset({"ROOT", "conj"})


@dataclass(frozen=True)
class Reading:
    """A claim's certainty, the words behind it, the confidence in it and who decided."""

    certainty: Certainty
    hedges: tuple[str, ...]
    score: float | None = None  # confidence in the label, 0..1; None without a parse
    by: str = "rules"  # "rules" (a word or frame decided) or "model"


def certainty_of(text: str, cues: tuple[str, ...] = ()) -> tuple[Certainty, tuple[str, ...]]:
    """Certainty of a claim's text and the hedge or denial words found (no parse).

    `cues` are the attribution cues on the claim's path: a denial cue ("denied") makes it
    denied, a distancing cue ("claimed") hedged; both are listed among the words found.
    """
    reading = read_certainty(text, cues)
    return reading.certainty, reading.hedges


def read_certainty(
    text: str,
    cues: tuple[str, ...] = (),
    doc: Doc | None = None,
    start: int = 0,
    content: tuple[int, int] | None = None,
    attributed: bool = False,
    source: str | None = None,
) -> Reading:
    """The certainty of the claim text == doc.text[start:start + len(text)].

    `content` is the reported content's span in doc.text (None: the whole claim);
    `attributed` whether a source other than the outlet speaks, and `source` who.
    """
    claim = doc.char_span(start, start + len(text), alignment_mode="contract") if doc else None
    denials = _denials(text, cues, claim)
    hedges = _hedges(text, cues, claim)
    predicate = _predicate(doc, claim, content) if claim is not None else None
    factuality = commitment(predicate.token) if predicate is not None else None
    if predicate is not None:
        modals = [(m.text, m.idx - start) for m in predicate.modals]
    else:
        modals = _modals(text) if claim is None else []
    hedges += [word for word, at in modals if _modal_hedges(word, at, text)]
    if denials:
        return _reading(Certainty.DENIED, denials + hedges, factuality, "rules")
    if hedges:
        return _reading(Certainty.HEDGED, hedges, factuality, "rules")
    if predicate is not None and _own_negation(predicate, attributed and _party(source)):
        return _reading(Certainty.DENIED, _negation_words(predicate), factuality, "rules")
    by = "model" if factuality is not None else "rules"
    return _reading(Certainty.ASSERTED, [], factuality, by)


def _reading(
    certainty: Certainty, words: list[str], factuality: float | None, by: str
) -> Reading:
    if factuality is None:
        return Reading(certainty, _unique(words), None, by)
    sign = 1.0 if certainty is Certainty.ASSERTED else -1.0
    score = 1.0 / (1.0 + math.exp(-CONFIDENCE_SLOPE * sign * factuality))
    return Reading(certainty, _unique(words), round(score, 3), by)


def _denials(text: str, cues: tuple[str, ...], claim: Span | None) -> list[str]:
    lex = lexicon()
    found = [m.label for m in find_phrases(text, lex.denial_phrases)]
    found += [cue for cue in cues if lex.cue_kind(cue) == "denial"]
    found += _falsity_frame(text)
    if claim is not None:  # "The army rejected the claim and said ...": the verb heads it
        found += [t.text for t in claim if t.lower_ in lex.denial_cues and t.dep_ in ROOT_DEPS]
    return found


def _falsity_frame(text: str) -> list[str]:
    """"reports that ... are false", "called the accusations a provocation": a rejected noun
    with a falsity word after it."""
    lex = lexicon()
    words = re.finditer(r"[\w'’]+", text)
    nouns = [m.end() for m in words if m.group().lower() in lex.rejected_nouns]
    if not nouns:
        return []
    after = text[nouns[0] :]
    softened = {m.end for m in find_phrases(after, lex.mitigators)}
    matches = find_phrases(after, lex.falsity)
    # "rather exaggerated": a softened falsity word is a reservation, not a denial
    return [m.written for m in matches if not {m.start - 1, m.start} & softened]


def _hedges(text: str, cues: tuple[str, ...], claim: Span | None) -> list[str]:
    lex = lexicon()
    found = [m.label for m in find_phrases(text, lex.hedge_phrases) if _hedge_counts(m, claim)]
    found += [cue for cue in cues if lex.cue_kind(cue) == "distancing"]
    found += [m.written for m in find_phrases(text, lex.non_commitment)]
    if claim is not None:  # "officials believe", "the UN estimates", "aid groups claim"
        found += [t.text for t in claim if _believes(t)]
        found += [f"{t.text} to" for t in claim if _reportative(t)]
    return found


def _hedge_counts(match: PhraseMatch, claim: Span | None) -> bool:
    """An attributive "alleged" ("the alleged attackers fled") hedges only its noun."""
    if claim is None or match.written.lower() not in ATTRIBUTIVE_HEDGES:
        return True
    start = claim.start_char + match.start
    tokens = [t for t in claim if t.idx == start]
    return not (tokens and is_attributive(tokens[0]))


def _believes(token: Token) -> bool:
    lex = lexicon()
    word = token.lower_
    if word in lex.belief:
        # a verb, or a word the parser read as a noun but that opens a clause ("the UN
        # estimates that ...")
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        return token.pos_ in BELIEF_POS or token.dep_ == "ROOT" or following == "that"
    # a distancing verb heading the claim without being its frame's cue ("aid groups claim")
    return token.pos_ == "VERB" and token.dep_ in ROOT_DEPS and word in {"claim", "allege"}


def _reportative(token: Token) -> bool:
    """A verb of saying raising its event's subject: "Tesla said to pick Nevada", "Apple
    reported to be near a deal" (headlines drop the "is" of "is said to"): "to" and a base
    form follow it, so "said to reporters" is not one. Its label ("said to") differs from
    the cue ("said"): the doubt is not only the cue's."""
    if token.lower_ not in lexicon().reportative or token.i + 2 >= len(token.doc):
        return False
    mark, verb = token.doc[token.i + 1], token.doc[token.i + 2]
    return mark.lower_ == "to" and verb.tag_ == "VB"


def _predicate(doc: Doc | None, claim: Span, content: tuple[int, int] | None) -> Predicate | None:
    span = claim
    inside = content is not None and claim.start_char <= content[0] < content[1] <= claim.end_char
    if doc is not None and content is not None and inside:  # a content elsewhere is not its own
        span = doc.char_span(*content, alignment_mode="contract") or claim
    if not len(span):
        return None
    return main_predicate(span)


def _modal_hedges(modal: str, at: int, text: str) -> bool:
    """Possibility modals hedge; not "may" with a word of permission ("may do so at their
    own risk"), nor a modal in a concessive clause ("no matter how strong they may seem,")."""
    lex = lexicon()
    if modal.lower() not in lex.modals:
        return False
    if modal.lower() == "may" and find_phrases(text, lex.permission):
        return False
    return not any(m.start() <= at < m.end() for m in CONCESSIVE.finditer(text))


def _modals(text: str) -> list[tuple[str, int]]:
    found = []
    for modal in lexicon().modals:
        # Lower case only: "May" starting a date is a month, not a modal.
        pattern = phrase_pattern(modal) + NEGATION_AFTER
        found += [(m.group(0), m.start()) for m in re.finditer(pattern, text)]
    return found


def _party(source: str | None) -> bool:
    """Whether the source answers for a side (a ministry, a spokesman, an army, officials)
    rather than witnessing: only such a source's plain negation rejects a proposition. A
    source named only by a person's name or a pronoun is not taken for a party: a false
    denial tells an analyst the opposite of the report, a missed one leaves it asserted."""
    if not source:
        return False
    return any(word in lexicon().parties for word in re.findall(r"[a-z]+", source.lower()))


def _own_negation(predicate: Predicate, attributed: bool) -> bool:
    """A negated main predicate in a party's mouth, or in a statement's "we": a denial.
    Not a negated future or modal ("Russians will not stop the operations") nor a negated
    verb of will or attitude ("we did not want them to win"): an intention, ability or
    attitude, not a rejected proposition. The model does not veto it: it scores negated
    complements of "said" near 0, not below (0.0 to +0.5 on the tune reports), as IH2 has few
    negated reported events."""
    speaks = attributed or predicate.first_person
    attitude = predicate.token.lower_ in lexicon().attitude  # "we did not want ..."
    return predicate.negated and speaks and not predicate.modals and not attitude


def _negation_words(predicate: Predicate) -> list[str]:
    token = predicate.token
    words = [c.text for c in token.children if c.dep_ in {"neg", "advmod", "det"}]
    words += [d.text for c in token.children for d in c.children if d.lower_ == "no"]
    return [w for w in words if w.lower() in {"not", "n't", "never", "no", "n’t"}] or ["not"]


def _unique(words: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word, None)
    return tuple(seen)
