"""Parse features of one predicate token: what the author commits to about its event.

Hand-written because no library reads event factuality from a spaCy tree: the features are
the cues the factuality literature names (negation, modal and future auxiliaries, the verb a
clause is embedded under, conditionals, questions, imperatives, tense), read from the tree our
own parser gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token

NEGATIONS = frozenset({"not", "n't", "never", "no", "nt", "n’t"})
EMBEDDING_DEPS = frozenset(
    {"ccomp", "xcomp", "advcl", "advcl:relcl", "acl", "acl:relcl", "relcl", "csubj", "parataxis"}
)
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj", "attr", "expl"})
MAX_ANCESTORS = 4
WINDOW = 4  # words each side of the predicate in its encoded context
PARSE_BATCH = 128


def _word(token: Token) -> str:
    return token.lower_.replace("’", "'")


def is_negated(token: Token) -> bool:
    """A negation on the token, or a "no" argument of it ("no troops were seen")."""
    marked = any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and _word(c) in NEGATIONS) for c in token.children
    )
    return marked or _no_argument(token)


def _no_argument(token: Token) -> bool:
    """"no troops were seen", "nobody came", "there are no troops"."""
    for child in token.children:
        if child.dep_ in ARGUMENT_DEPS:
            if _word(child) in {"nobody", "nothing", "none", "noone"}:
                return True
            if any(_word(d) == "no" for d in child.children if d.dep_ == "det"):
                return True
    return False


def _local(token: Token, prefix: str) -> list[str]:
    names = [f"{prefix}tag={token.tag_}"]
    if is_negated(token):
        names.append(f"{prefix}neg")
    for child in token.children:
        if child.dep_ in {"aux", "aux:pass", "auxpass"}:
            names.append(f"{prefix}aux={_word(child)}")
        elif child.dep_ == "mark":
            names.append(f"{prefix}mark={_word(child)}")
        elif child.dep_ in {"nsubjpass", "nsubj:pass"}:
            names.append(f"{prefix}passive")
    if not any(c.dep_.startswith("nsubj") or c.dep_ == "expl" for c in token.children):
        names.append(f"{prefix}nosubj")
    return names


def predicate_features(token: Token) -> list[str]:
    """Named binary features of `token` as the predicate of an event (duplicates allowed)."""
    names = [f"dep={token.dep_}", f"word={_word(token)}", *_local(token, "")]
    sentence = token.sent
    if sentence.text.rstrip().endswith("?"):
        names.append("question")
    if token.dep_ == "ROOT" and token.tag_ == "VB" and "nosubj" in names:
        names.append("imperative")
    if token.dep_ == "conj":  # "they came and went": the first conjunct's context applies
        token = token.head
    child_dep = token.dep_
    for depth, head in enumerate(_ancestors(token)):
        prefix = "head." if depth == 0 else "anc."
        names += _local(head, prefix)
        if depth == 0:
            names += [f"head.word={_word(head)}", f"head.dep={child_dep}"]
            names.append(f"head.word={_word(head)}&dep={child_dep}")
        child_dep = head.dep_
    if "neg" in names:
        names += [f"{n}&neg" for n in names if n.startswith(("aux=", "head.word="))]
    return names


def _ancestors(token: Token) -> list[Token]:
    found = []
    while token.dep_ != "ROOT" and token.head.i != token.i and len(found) < MAX_ANCESTORS:
        if token.dep_ in EMBEDDING_DEPS or token.dep_ == "conj" or not found:
            found.append(token.head)
        token = token.head
    return found


def predicate_texts(token: Token) -> tuple[str, str, str]:
    """The predicate, its head and the words around it: encoded by `corroborate.embed`."""
    head = token.head
    window = token.doc[max(0, token.i - WINDOW) : token.i + WINDOW + 1]
    return token.text, head.text, " ".join(t.text for t in window)


def parse_words(sentences: Sequence[Sequence[str]], nlp: Language) -> list[Doc]:
    """Parsed Docs over exactly these pre-tokenised sentences (the data's own tokens)."""
    docs = (Doc(nlp.vocab, words=list(words)) for words in sentences)
    unused = [name for name in ("ner", "trainable_lemmatizer") if name in nlp.pipe_names]
    return list(nlp.pipe(docs, disable=unused, batch_size=PARSE_BATCH))
