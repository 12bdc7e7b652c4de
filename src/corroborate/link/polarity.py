"""A claim's stance toward a `check` sentence when the two differ in polarity.

A claim's own stance (`corroborate.link.sources.claim_stance`) is its certainty about its
own content: "the minister is not dead", asserted, supports what it says. Toward the
sentence "the minister is dead" it refutes. `toward` turns a supporting claim into a refuting
one when exactly one of the two is negated ("not", "never", "no longer", "n't" …), and a
supporting or discussing claim into a refuting one when the claim calls the story untrue
with a word the sentence does not use ("hoax", "fake", "debunked": the stance model's
falsity list, `data/lexicons/stance_disagree.txt`). A denial (a claim that refutes its own
content) or a claim calling the story untrue supports a negated sentence: "the ministry
denied sending troops to Tarvel" for "no troops were sent to Tarvel". Whether the claim's
content is negated is not asked there: in a denial the negation is most often the denial
itself ("a deployment was 'not on the table'"); a denial of a negation ("denied that the
troops had not been paid"), a rarer form, reads wrongly. A negation that only
negates an ending ("will not stop fighting", "did not deny") is no negation of the event.
`check` turns only the claims relevant by themselves (`corroborate.link.check._stance`);
members of their propositions keep their own stances, reversed for a negated sentence.

Chosen on Emergent's tuning half (`corroborate eval emergent --ledger` prints the held-out
figures), where the headlines carry a gold stance toward their claim: over the tuning half's
headlines with a gold stance, the evidence stance's macro-F1 0.472 -> 0.623 and the recall
of 'against' 0.129 -> 0.702 (precision 0.852 -> 0.607).

Written by hand: a negation-scope parser (NegEx-style) would need the claim's parse, which
the ledger does not keep, for the short claims `check` compares.
"""

from __future__ import annotations

import re
from functools import cache

from corroborate.link.sources import REFUTES, SUPPORTS
from corroborate.resources import lexicon_sections

_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|no longer)\b|n't\b", re.I
)
# a negated ending is no negation of the event itself: "will not stop", "did not deny"
_ENDING = re.compile(
    r"(?:\bnot|\bnever|n't|\bno longer)\s+(?:\w+\s+)?(?:stop|stopped|cease|ceased|end|ended|halt|"
    r"halted|quit|abandon|abandoned|deny|denied|rule out|ruled out|rule it out|give up)\b",
    re.I,
)
_WORD = re.compile(r"[a-z]+")


def toward(sentence: str, content: str, stance: str) -> str:
    """`stance` (the claim's own) toward `sentence`, given the claim's `content`."""
    denying = negated(sentence)  # the sentence says it did not happen
    if stance == REFUTES or _calls_untrue(sentence, content):  # the claim says it is false
        return SUPPORTS if denying else REFUTES
    if stance == SUPPORTS and denying != negated(content):
        return REFUTES
    return stance


def negated(text: str) -> bool:
    """Whether `text` holds a negation other than of an ending ("will not stop")."""
    text = text.replace("\u2019", "'")
    return bool(_NEGATION.search(_ENDING.sub(" ", text)))


def _calls_untrue(sentence: str, content: str) -> bool:
    return bool((_words(content) & _falsity()) - _words(sentence))


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


@cache
def _falsity() -> frozenset[str]:
    return frozenset(w for w in lexicon_sections("stance_disagree.txt")["falsity"] if " " not in w)
