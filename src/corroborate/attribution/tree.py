"""Who says it, read from the dependency tree of our trained parser (UD labels).

A reporting verb is a token written as a cue of the lexicon (`cues.txt`, `denials.txt`)
that the tagger calls a VERB and that heads a clause (not "the declared withdrawal"). Its
active subject (`nsubj`) is the source, with the subject's own modifiers; its complement
(`ccomp`, `parataxis`, `xcomp`, or an object: "denied the raid") is the content. The frame
may follow its content ("P, officials said": the verb hangs off the content's head).
"according to X", "X, citing Y, reported" and "X cited Y as saying" are read from the
tree too, and a reporting verb heading the content of another gives a chain.

`read_attribution` uses the tree where it finds a frame and otherwise falls back to the
patterns of `attribution.py` (the tree may be wrong: a tagger that reads "the Front claims
that" as a noun), except where the tree shows the patterns' reading is wrong: their cue
word modifies a noun or is passive, or their "source" is a clause with its own verb.
Rules over the tree are hand-written because no attribution model ships with spaCy; the
vocabulary stays in the lexicon files.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from corroborate.attribution.clause import Clause, phrase, span_phrase, words_before
from corroborate.attribution.frame import Frame
from corroborate.attribution.patterns import CITED_AS_SAYING, find_attribution
from corroborate.lexicon import lexicon

CONTENT_DEPS = ("ccomp", "parataxis", "xcomp")
CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "conj", "advcl"})
# A cue word in one of these relations is no clause's verb ("the declared withdrawal",
# "documents published by X").
MODIFIER_DEPS = frozenset({"amod", "acl", "compound", "nmod", "nmod:poss", "det"})
PASSIVE_DEPS = frozenset({"nsubj:pass", "aux:pass", "csubj:pass"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
ADDRESSEE_CUES = frozenset({"told", "tells"})  # their object is the addressee, not content
ADVERBIAL_DEPS = frozenset({"advmod", "cc", "obl", "case", "det", "obl:tmod", "obl:unmarked"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl"})
OBJECT_DEPS = frozenset({"obj", "ccomp", "xcomp", "iobj"})
CLAUSE_HEADS = frozenset({"ROOT", "advcl", "ccomp", "xcomp", "conj", "parataxis", "csubj"})


@functools.cache
def _single_word_cues() -> frozenset[str]:
    return frozenset(c for c in lexicon().all_cues if " " not in c and c != "according")


def _is_modifier(token: Token) -> bool:
    """A cue word the tree shows inside a noun phrase ("the Russian declared withdrawal",
    "documents published by X") or in the passive: no frame. Weaker evidence does not
    count (the tagger reads "the Front claims that" as a noun, and "X yesterday published
    images" as an adjective before "images")."""
    if token.pos_ == "ADJ" or any(child.dep_ in PASSIVE_DEPS for child in token.children):
        return True
    if token.dep_ == "acl":  # a passive participle names its agent: "published by X"
        return any(c.lower_ == "by" for child in token.children for c in child.children)
    if token.dep_ == "amod":
        noun = token.head
        return any(c.dep_ in {"det", "nmod:poss"} and c.i < token.i for c in noun.children)
    return False


def is_reporting_verb(token: Token) -> bool:
    """A cue word used as a clause's verb, in the active voice; not "what it said was P"
    (a free relative: the frame around it is the outer one)."""
    if token.lower_ not in _single_word_cues() or token.pos_ != "VERB":
        return False
    if any(c.lower_ == "what" and c.dep_ == "obj" for c in token.children):
        return False
    if token.dep_ == "acl" and token.tag_ in FINITE_TAGS:
        return True  # a past or present tense verb cannot modify a noun: a parser slip
    if token.dep_ in MODIFIER_DEPS:
        return False
    return not any(child.dep_ in PASSIVE_DEPS for child in token.children)


def _subject(clause: Clause, verb: Token) -> Token | None:
    """The verb's active subject. A subjectless verb with content of its own shares the
    subject of the verb it hangs off: a conjunct ("spotted X and reported Y"; "X, citing
    Y, reported" parsed as citing + conj) or a participle ("mocked it, saying P")."""
    subjects = clause.children(verb, "nsubj")
    if subjects:  # the nearest before the verb (the parser may attach a dateline too)
        before = [s for s in subjects if s.i < verb.i]
        return before[-1] if before else subjects[0]
    finite_acl = verb.dep_ == "acl" and verb.tag_ in FINITE_TAGS
    if finite_acl and clause.head(verb) is not None and verb.head.i < verb.i:
        return verb.head  # a finite "acl": "“P,” the engineer told X" misread
    head = clause.head(verb)
    if head is None or head.i > verb.i or _content_after(clause, verb) is None:
        return None
    participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"
    if verb.dep_ == "conj" or participle:
        return (
            _subject(clause, head)
            if head.pos_ in {"VERB", "AUX"} or head.lower_ == "citing"
            else None
        )
    return None


def _shares_subject_with(head: Token | None) -> bool:
    """ "X, citing Y, reported P" parsed as "citing" + conjunct: not an inverted frame."""
    return head is not None and (head.lower_ == "citing" or is_reporting_verb(head))


def _antecedent(clause: Clause, verb: Token, subject: Token) -> Token:
    """ "the police, which reported P": the speaker is the noun the relative clause modifies."""
    relative = subject.lower_ in lexicon().not_source_starts and verb.dep_ == "acl:relcl"
    return verb.head if relative and clause.head(verb) is not None else subject


def _subject_taken_by_content(clause: Clause, verb: Token) -> Token | None:
    """A subject phrase right before a subjectless verb that the parser gave to the quote
    before it ("“P,” the chief engineer told X." with "engineer" as the subject of P)."""
    if verb.i <= clause.tokens.start:
        return None
    node = verb.doc[verb.i - 1]
    while node.dep_ != "nsubj" and (parent := clause.head(node)) is not None:
        if clause.right(parent) != verb.i - 1:
            return None
        node = parent
    if node.dep_ != "nsubj" or clause.right(node) != verb.i - 1 or node.head.i > verb.i:
        return None
    return node


def _content_after(clause: Clause, verb: Token) -> Token | None:
    """The complement clause that follows the verb, or its object as content."""
    for dep in CONTENT_DEPS:
        found = [c for c in clause.children(verb, dep) if c.i > verb.i and _is_predicate(c)]
        if found:
            return found[0]
    objects = [c for c in clause.children(verb, "obj", "iobj") if c.i > verb.i]
    if verb.lower_ not in ADDRESSEE_CUES:
        return objects[0] if objects else None
    # "told reporters that P": the parser may hang the that-clause on the addressee.
    for addressee in objects:
        for clause_head in clause.children(addressee, "acl:relcl", "acl", "ccomp"):
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause_head.children):
                return clause_head
    return None


def _is_predicate(token: Token) -> bool:
    """A clause's head: a verb, or a word with a subject or copula. A bare noun tagged as a
    complement is an appositive ("said Rami, a doctor and father of three")."""
    if token.pos_ in {"VERB", "AUX"}:
        return True
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "cop" for c in token.children)


def _content_before(clause: Clause, verb: Token) -> Token | None:
    """The content of a frame that follows it: a complement before the verb, or the clause
    the verb hangs off ("P, officials said": the parser attaches "said" to P's head)."""
    for dep in CONTENT_DEPS:
        found = [c for c in clause.children(verb, dep) if c.i < verb.i]
        if found:
            return found[0]
    head = clause.head(verb)
    if head is not None and head.i < verb.i and verb.dep_ in CLAUSE_DEPS:
        return head
    return None


def _start_of_content(clause: Clause, content: Token) -> int:
    """Where the content begins, past "that" and a colon or opening quote before it."""
    first = clause.left(content)
    doc = content.doc
    while first < content.i and (doc[first].dep_ == "mark" or doc[first].is_punct):
        if doc[first].text in '“"«' and doc[first].dep_ != "mark":
            break
        first += 1
    return clause.offset(doc[first].idx)


def _citing(clause: Clause, verb: Token, subject: Token) -> Token | None:
    """The "citing" of "X, citing Y, reported", between the subject and the verb. Found
    by its word, not its tag: the tagger reads "citing hospital staff" as an adjective.
    A "citing" after the content is left alone: it gives a reason as often as a source
    ("withdrew, citing heavy losses")."""
    between = [t for t in clause.tokens if subject.i < t.i < verb.i and t.lower_ == "citing"]
    return between[0] if between else None


def _cited_as_saying(clause: Clause, verb: Token) -> tuple[Token, Token] | None:
    """("X cited Y as saying P"): the cited object and the "saying" verb."""
    if verb.lower_ not in {"cited", "quoted"}:
        return None
    objects = [c for c in clause.children(verb, "obj") if c.i > verb.i]
    sayings = [
        c
        for c in clause.children(verb)
        if c.lower_ == "saying" and any(m.lower_ == "as" for m in c.children)
    ]
    return (objects[0], sayings[0]) if objects and sayings else None


def _verb_frame(clause: Clause, verb: Token) -> Frame | None:
    """The frame headed by one reporting verb, with a nested frame in its content."""
    cited = _cited_as_saying(clause, verb)
    if cited is not None:
        return _cited_frame(clause, verb, *cited)
    after, before = _content_after(clause, verb), _content_before(clause, verb)
    # "P, said the district governor." (not "P, saying X": a participle has no subject)
    inverted = after is not None and before is not None and after.dep_ == "obj"
    inverted = inverted and verb.tag_ != "VBG" and not _shares_subject_with(before)
    inverted = inverted and not any(c.lower_ == "that" for c in verb.children)
    if inverted and not clause.children(verb, "nsubj"):
        subject, after = after, None
    else:
        subject = _subject(clause, verb)
    if subject is None:
        subject = _subject_taken_by_content(clause, verb)
    if subject is None:
        return _frame_by_position(clause, verb, after, before)
    citing = _citing(clause, verb, subject)
    speaker = _antecedent(clause, verb, subject)
    skip = [citing] if citing is not None else []
    if speaker is not subject:  # "(turned) to the police, which reported P"
        skip += clause.children(speaker, "case")
    if verb in speaker.subtree:
        skip.append(verb)
    source = phrase(clause, speaker, skip=skip)
    if source is None:
        return None
    chain: tuple[str, ...] = (source,)
    if citing is not None:
        cited_phrase = _citing_object(clause, citing)
        chain = (source, cited_phrase) if cited_phrase else chain
    first = verb.doc[min(clause.left(subject), verb.i)]
    return _frame_with_content(clause, verb, first, chain, (after, before))


def _frame_by_position(
    clause: Clause, verb: Token, after: Token | None, before: Token | None
) -> Frame | None:
    """A subjectless reporting verb after a clause, comma and noun phrase: the parser lost
    the subject (", the harbour master told the Courier" with "master" as punctuation)."""
    if before is None and verb.dep_ not in CLAUSE_DEPS:
        return None
    first = words_before(clause, verb)
    if first is None:
        return None
    source = span_phrase(clause, first, verb.doc[verb.i - 1])
    if source is None:
        return None
    return _frame_with_content(clause, verb, first, (source,), (after, before))


def _citing_object(clause: Clause, citing: Token) -> str | None:
    """Y of "citing Y": the object, or the noun that the tagger made "citing" modify."""
    objects = clause.children(citing, "obj", "obl", "nmod")
    if objects:
        return phrase(clause, objects[0])
    if citing.dep_ in {"amod", "compound"} and clause.head(citing) is not None:
        return phrase(clause, citing.head, skip=[citing])
    return None


def _frame_with_content(
    clause: Clause,
    verb: Token,
    first: Token,
    chain: tuple[str, ...],
    content: tuple[Token | None, Token | None],
) -> Frame:
    """The frame with its content: the complement after the verb (where a nested frame may
    head it), or the clause before the frame ("P, officials said")."""
    after, before = content
    cue = verb.text
    length = clause.end_char - clause.start_char
    if after is not None:
        nested = _verb_frame(clause, after) if is_reporting_verb(after) else None
        if nested is not None and not nested.trailing and after.dep_ not in {"obj", "xcomp"}:
            return Frame(
                (*chain, *nested.chain),
                cue,
                (cue, *nested.path_cues),
                nested.content_start,
                nested.content_end,
            )
        return Frame(chain, cue, (cue,), _start_of_content(clause, after), length)
    if before is not None:
        end = clause.offset(first.idx)
        return Frame(chain, cue, (cue,), 0, end, trailing=True)
    return _frame_after_clause(clause, verb, chain)


def _frame_after_clause(clause: Clause, verb: Token, chain: tuple[str, ...]) -> Frame:
    """A frame with no complement: it closes the clause before it ("“P,” the engineer told
    X."), or stands alone ("He said:"; its quotation may follow in the next sentence)."""
    cue, length = verb.text, clause.end_char - clause.start_char
    frame_start = verb.i
    while frame_start > clause.tokens.start and not verb.doc[frame_start - 1].is_punct:
        frame_start -= 1
    before = [t for t in clause.tokens if t.i < frame_start]
    if any(t.pos_ in {"VERB", "AUX"} for t in before):
        end = clause.offset(verb.doc[frame_start].idx)
        return Frame(chain, cue, (cue,), 0, end, trailing=True)
    return Frame(chain, cue, (cue,), length, length)


def _cited_frame(clause: Clause, verb: Token, cited: Token, saying: Token) -> Frame | None:
    subject = _subject(clause, verb)
    outer = phrase(clause, subject) if subject is not None else None
    inner = phrase(clause, cited)
    if outer is None or inner is None:
        return None
    cue = CITED_AS_SAYING if verb.lower_ == "cited" else "quoted … as saying"
    content = _content_after(clause, saying)
    length = clause.end_char - clause.start_char
    start = _start_of_content(clause, content) if content is not None else length
    return Frame((outer, inner), cue, (cue,), start, length)


def _according_to(clause: Clause) -> Frame | None:
    """ "According to X, P" / "P, according to X" / "P, according to X, Q"."""
    for token in clause.tokens:
        if token.lower_ != "according":  # first: a neighbour is a new spaCy object per token
            continue
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is None or following.lower_ != "to":
            continue
        holder = token.head if clause.has(token.head) and token.head.i > token.i else None
        skip = [token, following]
        source = phrase(clause, holder, skip=skip) if holder is not None else None
        if source is None:
            return None
        cue = token.doc[token.i : token.i + 2].text
        return _according_frame(clause, token, holder, source, cue)
    return None


def _according_frame(
    clause: Clause, according: Token, holder: Token, source: str, cue: str
) -> Frame:
    doc, length = according.doc, clause.end_char - clause.start_char
    before = [t for t in clause.tokens if t.i < according.i and not t.is_punct]
    phrase_end = clause.right(holder)
    after = [t for t in clause.tokens if t.i > phrase_end and not t.is_punct]
    if before and not after:
        end = clause.offset(doc[according.i - 1].idx if according.i > 0 else 0)
        end = clause.offset(according.idx) if doc[according.i - 1].text != "," else end
        return Frame((source,), cue, (cue,), 0, end, trailing=True)
    if after and not _only_adverbials(before):
        return Frame((source,), cue, (cue,), 0, length)
    start = clause.offset(after[0].idx) if after else length
    return Frame((source,), cue, (cue,), start, length)


def _only_adverbials(tokens: list[Token]) -> bool:
    """ "However," or "On Monday," before "according to": nothing the content needs."""
    openers = lexicon().openers
    return all(t.dep_ in ADVERBIAL_DEPS or t.lower_ in openers for t in tokens)


def parse_frame(clause: Clause) -> Frame | None:
    """The outermost frame the tree shows in the clause, or None."""
    verbs = sorted(
        (t for t in clause.tokens if is_reporting_verb(t)),
        key=lambda t: (clause.depth(t), t.i),
    )
    for verb in verbs:
        frame = _verb_frame(clause, verb)
        if frame is not None:
            return frame
    return _according_to(clause)


def _rules_cue_is_no_verb(clause: Clause, cue: str) -> bool:
    """True when every token written as the patterns' cue is, per the tree, no reporting
    verb (an adjective, a noun modifier, a passive): the patterns misread it."""
    if " " in cue or cue.lower() not in _single_word_cues():
        return False
    tokens = [t for t in clause.tokens if t.lower_ == cue.lower()]
    return bool(tokens) and all(_is_modifier(t) for t in tokens)


def _has_content(frame: Frame | None) -> bool:
    return frame is not None and frame.content_start < frame.content_end


def read_attribution(text: str, start: int, end: int, doc: Doc | None) -> Frame | None:
    """The frame of text[start:end] (offsets in the frame are relative to `start`): from
    the parse `doc` of `text` where it shows one, else from the patterns."""
    if doc is None:
        return find_attribution(text[start:end])
    clause = Clause(doc, start, end)
    frame = parse_frame(clause)
    if frame is not None and frame.content_start != frame.content_end:
        return frame  # the patterns are read only where they can change the answer
    fallback = find_attribution(text[start:end])
    if frame is not None:
        if _has_content(fallback):
            return fallback  # the tree found the speaker but lost the content
        return frame
    if fallback is not None and _rules_cue_is_no_verb(clause, fallback.cue):
        return None
    if fallback is not None and _source_is_clause(clause, text, fallback.chain[0]):
        return None
    return fallback


def _source_is_clause(clause: Clause, text: str, source: str) -> bool:
    """True when the patterns' source holds a verb with its own subject: a clause read
    as a speaker ("Artillery fire damaged two silos, officials said" misread)."""
    at = text.find(source, clause.start_char, clause.end_char)
    if at < 0:
        return False
    inside = [t for t in clause.tokens if at <= t.idx < at + len(source)]
    # "Speaking at a rally, X says": a verb heading a clause cannot start a speaker phrase.
    opens_clause = bool(inside) and inside[0].pos_ == "VERB" and inside[0].dep_ in CLAUSE_HEADS
    return opens_clause or any(_heads_clause(t, inside) for t in inside)


def _heads_clause(token: Token, inside: list[Token]) -> bool:
    """A verb with a subject and an object or complement, all in `inside` (a transitive
    clause; the parser may give a participle a subject: "a channel linked to X")."""
    deps = {c.dep_ for c in token.children if c in inside}
    return token.pos_ in {"VERB", "AUX"} and bool(deps & SUBJECT_DEPS) and bool(deps & OBJECT_DEPS)
