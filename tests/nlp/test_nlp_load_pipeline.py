from __future__ import annotations

from corroborate.nlp.parsing import load_nlp

# Invented text.
TEXT = (
    "The Red Crescent said on Tuesday that Amira Haddad had left Aleppo with her family. "
    "Officials in Geneva did not confirm the report."
)


def test_shipped_pipeline_has_every_component() -> None:
    nlp = load_nlp()
    for name in ("tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert name in nlp.pipe_names
    assert load_nlp() is nlp  # loaded once per process
    after_ner = nlp.pipe_names[nlp.pipe_names.index("ner") + 1 :]
    assert after_ner == ["corroborate_place_ruler", "corroborate_entity_rules"]


def test_parse_gives_one_root_per_sentence_tags_lemmas_and_entities() -> None:
    doc = load_nlp()(TEXT)
    sentences = list(doc.sents)
    assert len(sentences) == 2
    for sentence in sentences:
        roots = [token for token in sentence if token.head == token]
        assert len(roots) == 1 and roots[0].dep_ == "ROOT"
    assert {token.pos_ for token in doc} >= {"PROPN", "VERB", "NOUN"}
    assert doc[3].lemma_ == "say" and doc[3].tag_ == "VBD"
    labels = {(ent.text, ent.label_) for ent in doc.ents}
    assert labels & {("Aleppo", "LOC"), ("Geneva", "LOC"), ("Amira Haddad", "PER")}
    assert {label for _, label in labels} <= {"PER", "ORG", "LOC"}
