"""The trained extractor in the claims stage: the pipeline's parse turned into the
extractor's tokens, and the rules that decide between the model's frame and the rules'
(invented frames, so these do not depend on what the shipped model predicts), then the
whole stage on reporting patterns with the shipped model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from corroborate.attribution.combine import TaggedFrame, frame_for, tokenized_from_doc
from corroborate.attribution.frame import Frame
from corroborate.attribution.spans import Span
from corroborate.claims import extract_claims
from corroborate.nlp.parsing import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _span(text: str, words: str, after: int = 0) -> Span:
    at = text.index(words, after)
    return Span(((at, at + len(words)),), words)


def _frame(text: str, cue: str, source: str | None, content: str | None) -> TaggedFrame:
    return TaggedFrame(
        _span(text, cue),
        _span(text, source) if source else None,
        _span(text, content) if content else None,
    )


def _rules(chain: tuple[str, ...], cue: str, content: tuple[int, int]) -> Frame:
    return Frame(chain, cue, (cue,), *content)


def test_tokenized_from_doc_breaks_sentences_and_quotes_at_paragraphs(nlp: Language) -> None:
    text = "He said: “The road is open\nThe bridge is closed, officials said.\n\n  Shops opened."
    tokenized = tokenized_from_doc(nlp(text))
    assert all(text[t.start : t.end] == t.text for t in tokenized.tokens)
    assert tokenized.vectors is not None  # the tok2vec rows the role tagger reads
    assert tokenized.vectors.shape[0] == len(tokenized.tokens)
    by_word = {t.text: t for t in tokenized.tokens}
    assert by_word["road"].in_quote  # opened in its paragraph
    assert not by_word["bridge"].in_quote  # a quote never runs into the next paragraph
    assert [by_word[w].para for w in ("road", "bridge", "Shops")] == [0, 1, 2]
    starts = {tokenized.tokens[first].text for first, _ in tokenized.sentences}
    assert {"He", "The", "Shops"} <= starts


def test_tokenized_from_doc_reads_each_spacy_token(nlp: Language) -> None:
    """The array reading gives each non-space token's text, offsets, tag, label and head."""
    text = 'Aid arrived , the UN said.\n\n  "It is late,"  he added \u00a0 on Monday.\n'
    doc = nlp(text)
    tokenized = tokenized_from_doc(doc)
    words = [tok for tok in doc if not tok.is_space]
    ours = {tok.i: n for n, tok in enumerate(words)}
    assert len(tokenized.tokens) == len(words) < len(doc)  # the space tokens are dropped
    for tok, token in zip(words, tokenized.tokens, strict=True):
        assert (token.text, token.start, token.end) == (tok.text, tok.idx, tok.idx + len(tok))
        assert (token.tag, token.dep) == (tok.tag_, tok.dep_)
        assert token.head == (ours.get(tok.head.i, -1) if tok.head.i != tok.i else -1)


def test_frame_for_takes_the_models_frame_with_its_spans() -> None:
    text = "The mayor told reporters the market was shelled."
    frame = _frame(text, "told", "The mayor", "the market was shelled")
    found = frame_for(text, 0, len(text), None, [frame])
    assert found is not None and found.by == "model"
    assert (found.source, found.cue) == ("The mayor", "told")
    assert found.spans is not None
    assert text[slice(*found.spans.content)] == "the market was shelled"
    assert text[found.content_start : found.content_end] == "the market was shelled"


def test_frame_for_ignores_a_frame_outside_the_sentence() -> None:
    text = "Shops opened. The mayor said the market was shelled."
    frame = _frame(text, "said", "The mayor", "the market was shelled")
    assert frame_for(text, 0, 13, None, [frame]) is None


def test_frame_for_reads_non_verification_as_a_hedge_not_a_source() -> None:
    text = "We could not confirm the number of dead."
    frame = _frame(text, "could not confirm", "We", "the number of dead")
    assert frame_for(text, 0, len(text), None, [frame]) is None


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Police allegedly detained two reporters at the checkpoint.", "allegedly detained"),
        ("Aerial photographs appear to show a crater near the bridge.", "appear to show"),
    ],
)
def test_frame_for_reads_a_cue_holding_a_hedge_as_no_attribution(text: str, cue: str) -> None:
    subject = text.split(cue)[0].strip()
    frame = _frame(text, cue, subject, text.split(cue)[1].strip(" ."))
    assert frame_for(text, 0, len(text), None, [frame]) is None


def test_frame_for_prefers_the_cue_the_rules_read() -> None:
    text = "The spokesman rejected the accusation, calling it a fabrication."
    calling = _frame(text, "calling", "The spokesman", "it a fabrication")
    rejected = _frame(text, "rejected", "The spokesman", "the accusation")
    rules = _rules(("The spokesman",), "rejected", (23, len(text)))
    found = frame_for(text, 0, len(text), rules, [calling, rejected])
    assert found is not None and found.cue == "rejected"


def test_frame_for_keeps_the_rules_cue_word_and_full_source_phrase() -> None:
    text = "A group calling itself the Front has claimed that it fired the rockets."
    frame = _frame(text, "has claimed", "the Front", "it fired the rockets")
    rules = _rules(("A group calling itself the Front",), "claimed", (50, len(text) - 1))
    found = frame_for(text, 0, len(text), rules, [frame])
    assert found is not None and found.by == "model"
    assert (found.source, found.cue) == ("A group calling itself the Front", "claimed")
    assert found.spans is not None and found.spans.source == (0, 32)


@pytest.mark.parametrize(
    ("text", "model", "chain", "cue", "content_start"),
    [
        pytest.param(
            "The Herald, citing two officials, reported that troops moved north.",
            ("citing", "two officials", None),
            ("The Herald", "two officials"), "reported", 48,
            id="a chain",
        ),
        pytest.param(
            "People called the police, which reported that shops were looted.",
            ("reported", "which", "shops were looted"),
            ("the police",), "reported", 46,
            id="a relative pronoun the rules resolve",
        ),
        pytest.param(
            "A group calling itself the Front claimed that it fired the rockets.",
            ("calling itself", "A group", "the Front"),
            ("A group calling itself the Front",), "claimed", 46,
            id="a cue inside the speaker's description",
        ),
        pytest.param(
            "The general staff rejected the claim, saying the building was a school.",
            ("saying", "The general staff", "the building was a school"),
            ("The general staff",), "rejected", 27,
            id="the main cue the model missed for the same speaker",
        ),
    ],
)
def test_frame_for_leaves_the_sentence_to_the_rules(
    text: str,
    model: tuple[str, str, str | None],
    chain: tuple[str, ...],
    cue: str,
    content_start: int,
) -> None:
    frame = _frame(text, *model)
    rules = _rules(chain, cue, (content_start, len(text) - 1))
    assert frame_for(text, 0, len(text), rules, [frame]) is rules


def test_frame_for_trims_a_dateline_and_time_word_from_the_source() -> None:
    text = "Geneva, 3 May 2021 — Water Watch today called for an inquiry into the strike."
    frame = _frame(text, "called for", "Geneva, 3 May 2021 — Water Watch today", "an inquiry")
    found = frame_for(text, 0, len(text), None, [frame])
    assert found is not None and found.source == "Water Watch"


def test_frame_for_replaces_a_one_word_content_by_the_rules() -> None:
    text = "The spokesman denied that the group had fired on the town."
    frame = _frame(text, "denied", "The spokesman", "that")
    rules = _rules(("The spokesman",), "denied", (26, len(text) - 1))
    found = frame_for(text, 0, len(text), rules, [frame])
    assert found is not None and found.by == "model"
    assert text[found.content_start : found.content_end] == "the group had fired on the town"


@pytest.mark.parametrize(
    ("sentence", "source", "cue", "content"),
    [
        (
            "Kremlin spokesman Dmitry Peskov told reporters on Monday that the talks would "
            "resume next week.",
            "Kremlin spokesman Dmitry Peskov",
            "told",
            "the talks would resume next week",
        ),
        (
            "The convoy was hit near the border crossing, the regional governor said on "
            "Telegram.",
            "the regional governor",
            "said",
            "The convoy was hit near the border crossing",
        ),
    ],
)
def test_claims_take_source_and_cue_spans_from_the_model(
    nlp: Language, sentence: str, source: str, cue: str, content: str
) -> None:
    [claim] = extract_claims(sentence, doc=nlp(sentence))
    assert claim.attributed_by == "model"
    assert (claim.source, claim.cue) == (source, cue)
    assert claim.source_span is not None and claim.cue_span is not None
    assert sentence[slice(*claim.source_span)] == source
    assert sentence[slice(*claim.cue_span)] == cue
    assert claim.content_span is not None
    # PolNeAR's contents may end with the sentence's full stop
    assert sentence[slice(*claim.content_span)].rstrip(".") == content


def test_frame_for_names_the_speaker_of_a_model_cue_without_source_from_the_rules() -> None:
    text = "The ministry denied that its jets struck the market."
    denied = _frame(text, "denied", None, "that its jets struck the market")
    rules = _rules(("The ministry",), "denied", (25, len(text) - 1))
    found = frame_for(text, 0, len(text), rules, [denied])
    assert found is not None and found.by == "model" and found.source == "The ministry"
    assert found.spans is not None and found.spans.source == (0, 12)


def test_frame_for_drops_the_complementizer_from_the_content() -> None:
    text = "The mayor said that the market was shelled."
    frame = _frame(text, "said", "The mayor", "that the market was shelled")
    found = frame_for(text, 0, len(text), None, [frame])
    assert found is not None
    assert text[found.content_start : found.content_end] == "the market was shelled"


@pytest.mark.parametrize(
    "text",
    [
        "The regional governor said on Friday: “The bridge is gone. We have no way to bring in "
        "fuel. The convoy must wait for the river to fall.”",
        "“The bridge is gone. We have no way to bring in fuel. The convoy must wait for the "
        "river to fall,” the regional governor said.",
    ],
)
def test_every_sentence_of_a_quotation_keeps_its_speaker(nlp: Language, text: str) -> None:
    claims = extract_claims(text, doc=nlp(text))
    assert len(claims) == 3
    assert {c.source.casefold() for c in claims if c.source} == {"the regional governor"}
    assert all(c.source for c in claims)
