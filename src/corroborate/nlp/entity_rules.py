"""Post-rules on the NER's spans, each one kept because it raised F1 on UNER English EWT dev
(figures in `data/models/place_ruler/SOURCES.md`; `python benchmarks/ner_rules.py` measures
each alone and together). Written by hand: they read the spans the model gave, not text
patterns a spaCy matcher could express.

- `trim_lowercase`: trailing words written in lower case after a capitalised proper noun are
  not part of the name ("Doda district", "St. Thomas residents", "Fatah party", "Islamic State
  militants"; "Syrian army" stays whole, "Syrian" being an adjective, and so does a span the
  NER ended before a hyphen, "Deir ez" of "Deir ez-Zor").
- `trim_weekday`: a trailing day name is a date, not the name ("Fallujah Wednesday").
- `drop_no_letter`: a span with no letter is not a name (an emoji, a stray symbol).
- `extend_s`: a possessive written without its apostrophe ("McDonald s", "Wendy s") is part of
  the name in UNER's annotation, as the shop's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

FACTORY = "corroborate_entity_rules"
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

Rule = Callable[[Span], "Span | None"]


def trim_lowercase(span: Span) -> Span | None:
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].text == "-":  # a hyphenated name cut short: "Deir ez-Zor"
        return span
    while end - span.start > 1 and _lowercase_word(doc[end - 1].text) and _name(doc[end - 2]):
        end -= 1
    return span if end == span.end else Span(doc, span.start, end, label=span.label)


def trim_weekday(span: Span) -> Span | None:
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].lower_ in WEEKDAYS:
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end, label=span.label)


def extend_s(span: Span) -> Span | None:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "s":
        return Span(doc, span.start, span.end + 1, label=span.label)
    return span


def drop_no_letter(span: Span) -> Span | None:
    return span if any(c.isalpha() for c in span.text) else None


RULES: dict[str, Rule] = {
    "trim_lowercase": trim_lowercase,
    "trim_weekday": trim_weekday,
    "drop_no_letter": drop_no_letter,
    "extend_s": extend_s,
}

# The rules `load_nlp` adds, in this order (each raised dev F1 alone; see the module doc).
SHIPPED = ("trim_lowercase", "trim_weekday", "drop_no_letter", "extend_s")


def _lowercase_word(text: str) -> bool:
    return text.isalpha() and text.islower()


def _name(token: Token) -> bool:
    """A capitalised proper noun: "Syrian army" stays whole, "Syrian" being an adjective."""
    return token.text[:1].isupper() and token.pos_ == "PROPN"


class EntityRules:
    """Applies the named rules, in order, to each entity of a Doc."""

    def __init__(self, rules: Sequence[str]) -> None:
        unknown = [name for name in rules if name not in RULES]
        if unknown:
            raise ValueError(f"unknown entity rules {unknown}; known: {sorted(RULES)}")
        self.rules = [RULES[name] for name in rules]

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        changed = False
        for ent in doc.ents:
            span: Span | None = ent
            for rule in self.rules:
                span = rule(span) if span is not None else None
            changed = changed or span is not ent
            if span is not None:
                kept.append(span)
        if changed:
            doc.set_ents(kept, default="outside")
        return doc


@Language.factory(FACTORY, default_config={"rules": list(SHIPPED)})
def make_entity_rules(nlp: Language, name: str, rules: list[str]) -> EntityRules:
    return EntityRules(rules)


def add_entity_rules(nlp: Language) -> EntityRules:
    """Add the shipped rules as the pipeline's last component."""
    component = nlp.add_pipe(FACTORY, last=True)
    assert isinstance(component, EntityRules)
    return component
