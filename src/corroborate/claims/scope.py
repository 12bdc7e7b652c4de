"""What a claim's certainty words govern, read from the parse (issue #13, #18).

A hedge or a negation changes a claim's certainty only when it bears on the claim's main
predicate: the root of the reported content ("the toll may rise" in "the governor said the
toll may rise"), or of the whole claim when the outlet speaks. Hand-written: spaCy gives the
tree, but no library says which words of a tree govern an attributed proposition.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from corroborate.factuality.features import is_negated

# Dependents of the predicate that carry its modality or polarity, and the clause types
# whose own modals stay inside them ("no matter how strong it may seem, it holds the road").
MODAL_DEPS = frozenset({"aux", "aux:pass", "auxpass"})
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my"})
# Modal auxiliaries as words: in a title-case headline the tagger reads "May" in "Apple May
# Buy Path" as a proper noun (a month), so the word before the predicate's auxiliaries is
# checked as a word too (`_misread_modal`).
MODAL_WORDS = frozenset({"may", "might", "could", "can", "would", "should", "must", "will"})
# a base form after the modal: "May Buy", "May Be", "Might Have"
BASE_FORMS = frozenset({"VB"})
# "in May", "last May": the month, not the modal
MONTH_BEFORE = frozenset({"in", "on", "of", "since", "until", "by", "from", "last", "next",
                          "early", "late", "mid", "this", "during", "before", "after"})
VERBAL = frozenset({"VERB", "AUX", "ADJ"})


@dataclass(frozen=True)
class Predicate:
    """The main predicate of a claim's content, with what governs it."""

    token: Token
    negated: bool  # not / never / no-argument / "there is no"
    modals: tuple[Token, ...]  # modal auxiliaries of the predicate
    first_person: bool  # its subject is "we" / "our forces" (a statement's own voice)


def main_predicate(span: Span) -> Predicate | None:
    """The predicate the content is about: the highest token of the span whose head lies
    outside it; a verb or adjective is preferred."""
    roots = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    verbal = [t for t in roots if t.pos_ in VERBAL] or roots
    if not verbal:
        return None
    token = verbal[0]
    # "said that inmates saw doctors and that no prisoner had been mistreated": a negated
    # conjunct of the content (or another root of it) is negated content too
    conjuncts = [*verbal, *(c for t in verbal for c in t.children if c.dep_ == "conj")]
    negated = any(is_negated(t) for t in conjuncts)
    return Predicate(token, negated, _modals(token), _first_person(token))


def _modals(token: Token) -> tuple[Token, ...]:
    found = [c for c in token.children if _modal_child(c)]
    if token.dep_ == "conj":  # "they could enter and seize the town"
        found += [c for c in token.head.children if _modal_child(c)]
    if token.dep_ == "xcomp":  # "the toll could continue to rise"
        found += _modals(token.head)
    misread = _misread_modal(token)
    if misread is not None and misread not in found:
        found.append(misread)
    return tuple(found)


def _modal_child(child: Token) -> bool:
    """A modal auxiliary of its head; in title case the tagger may tag "May" NNP yet attach
    it as an auxiliary ("Army May Withdraw")."""
    return child.dep_ in MODAL_DEPS and (child.tag_ == "MD" or child.lower_ in MODAL_WORDS)


def _misread_modal(token: Token) -> Token | None:
    """A modal word right before the predicate and its auxiliaries that the tagger did not
    read as the predicate's modal ("Apple May Be Reintroducing The iPhone": "May" a proper
    noun), when a base form follows it and it is not a month ("in May")."""
    auxiliaries = {c.i for c in token.children
                   if c.dep_ in MODAL_DEPS | {"cop", "advmod"} and c.lower_ not in MODAL_WORDS}
    first = token.i
    while first - 1 in auxiliaries:  # "May Be Reintroducing", "May Soon Spark": back over them
        first -= 1
    if first == 0:
        return None
    word = token.doc[first - 1]
    after = next((t for t in token.doc[first : token.i] if t.dep_ != "advmod"), token)
    if word.lower_ not in MODAL_WORDS or after.tag_ not in BASE_FORMS:
        return None
    before = token.doc[word.i - 1].lower_ if word.i else ""
    return None if before in MONTH_BEFORE else word


def _first_person(token: Token) -> bool:
    for child in token.children:
        if child.dep_.startswith("nsubj"):
            words = {child.lower_} | {d.lower_ for d in child.children if d.dep_.endswith("poss")}
            return bool(words & FIRST_PERSON)
    return False


def is_attributive(word: Token) -> bool:
    """An adjective on a noun ("the alleged attackers"): it does not hedge the claim."""
    return word.dep_ == "amod"
