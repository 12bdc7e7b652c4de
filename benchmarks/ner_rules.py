"""The GeoNames place ruler and the entity post-rules, variant by variant, on UNER English EWT dev.

    PYTHONPATH=src python benchmarks/ner_rules.py \
        --conllu ../shared/data/uner_ewt/en_ewt-ud-dev.iob2

Gold tokens and sentences, as `corroborate eval ner`; exact span and type, P/R/F1 per type.
The trained pipeline runs once without the added components; each variant then runs its
components over copies of those Docs (the `before ner` variant runs the NER again). The
names are the shipped `data/models/place_ruler/places.txt` unless `--names` gives others
(a file written by `corroborate gazetteer ruler` with other cuts).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from corroborate.datasets.ud import read_annotated
from corroborate.evaluate.nlp import iob_spans, score_entities
from corroborate.nlp import entity_rules, place_ruler
from corroborate.nlp.parsing import load_pipeline

TYPES = ("PER", "ORG", "LOC")
Spans = list[set[tuple[int, int, str]]]


def spans(docs: Sequence[Doc]) -> Spans:
    return [{(e.start, e.end, e.label_) for e in doc.ents} for doc in docs]


def row(name: str, gold: Spans, predicted: Spans) -> str:
    cells = []
    for label in (*TYPES, None):
        scores = score_entities(
            [{s for s in g if label in (None, s[2])} for g in gold],
            [{s for s in p if label in (None, s[2])} for p in predicted],
        )
        cells.append(f"{scores.precision:.3f} / {scores.recall:.3f} / {scores.f1:.3f}")
    return f"| {name} | " + " | ".join(cells) + " |"


def apply(base: Sequence[Doc], *components: Callable[[Doc], Doc]) -> Spans:
    out = []
    for doc in base:
        copy = doc.copy()
        for component in components:
            copy = component(copy)
        out.append(copy)
    return spans(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conllu", type=Path, required=True)
    parser.add_argument("--names", type=Path, default=None)
    args = parser.parse_args()
    sentences = [s for s in read_annotated(args.conllu) if s.ner is not None]
    gold = [iob_spans(s.ner or []) for s in sentences]
    nlp: Language = load_pipeline()
    words = [Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences]
    skip = ["trainable_lemmatizer"]
    base = list(nlp.pipe([d.copy() for d in words], disable=skip, batch_size=256))
    names = place_ruler.read_names(args.names or place_ruler.names_path())
    ruler = place_ruler.PlaceRuler()
    ruler.add_names(names)
    overwrite = place_ruler.PlaceRuler(overwrite_ents=True)
    overwrite.add_names(names)
    shipped = entity_rules.EntityRules(entity_rules.SHIPPED)
    print("| variant | " + " | ".join(f"{t} P / R / F1" for t in (*TYPES, "all")) + " |")
    print("|---|" + "---|" * (len(TYPES) + 1))
    print(row("NER alone", gold, spans(base)))
    print(row("ruler after ner, NER's spans kept", gold, apply(base, ruler)))
    print(row("ruler after ner, overwriting the NER", gold, apply(base, overwrite)))
    place_ruler.add_place_ruler(nlp, args.names, before="ner")
    before = list(nlp.pipe([d.copy() for d in words], disable=skip, batch_size=256))
    print(row("ruler before ner (the NER labels around it)", gold, spans(before)))
    for name in entity_rules.RULES:
        rule = entity_rules.EntityRules([name])
        print(row(f"rule {name} alone", gold, apply(base, rule)))
    print(row(f"rules {', '.join(entity_rules.SHIPPED)}", gold, apply(base, shipped)))
    print(row("shipped: ruler after ner, then the rules", gold, apply(base, ruler, shipped)))


if __name__ == "__main__":
    main()
