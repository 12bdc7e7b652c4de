"""Reading text: our trained spaCy pipeline (tokens, sentences, tags, lemmas, trees, entities)."""
