"""The tagger over several reports at once finds what it finds in each report alone."""

from __future__ import annotations

import pytest

from corroborate.attribution import tagger
from corroborate.attribution.features import tokenize
from corroborate.nlp.parsing import load_nlp

# invented reports of different lengths (sentences of different lengths share batches)
REPORTS = [
    "The ministry said on Monday that the convoy had reached the town.",
    "“We will not leave,” a resident told reporters. Officials denied that any shelling "
    "took place, according to a statement.\nThe mayor, Ina Holt, said repairs would take "
    "weeks, while engineers warned the bridge could fail.",
    "No one was hurt.",
    "Police said two men were arrested. A spokesman added that the investigation continues "
    "and that more arrests were possible, the agency reported.",
]


@pytest.mark.parametrize("group_tokens", [20_000, 30])
def test_reports_tagged_together_get_the_frames_they_get_alone(
    monkeypatch: pytest.MonkeyPatch, group_tokens: int
) -> None:
    monkeypatch.setattr(tagger, "GROUP_TOKENS", group_tokens)
    nlp = load_nlp()
    docs = [tokenize(text, nlp) for text in REPORTS]
    shipped = tagger.shipped_tagger()
    alone = [shipped.extract_doc(doc) for doc in docs]
    assert any(alone)
    assert shipped.extract_docs(docs) == alone


def test_groups_hold_at_most_the_token_limit_unless_one_report_is_longer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tagger, "GROUP_TOKENS", 30)
    docs = [tokenize(text) for text in REPORTS]
    groups = tagger.token_groups(docs)
    assert [d for group in groups for d in group] == docs
    for group in groups:
        assert len(group) == 1 or sum(len(d.tokens) for d in group) <= 30
    assert len(groups) > 1
