"""Our trained spaCy pipeline (tokens, sentences, tags, trees, entities, tok2vec vectors),
shipped in `corroborate/data/models/nlp`, and parsing in paragraph windows with it.
Training: `corroborate.training.nlp`; evaluation: `corroborate.evaluate.nlp`."""

from corroborate.nlp.parsing import load_nlp, parse, windows

__all__ = ["load_nlp", "parse", "windows"]
