from __future__ import annotations

from corroborate.evaluate.attribution_baseline import extract_rules


def test_rules_find_cue_source_and_rest_of_sentence() -> None:
    [found] = extract_rules("The mayor said the bridge was closed.")
    assert found.cue.text == "said"
    assert found.source is not None and found.source.text == "The mayor"
    assert found.content is not None and found.content.text == "the bridge was closed"


def test_rules_read_according_to_forwards() -> None:
    [found] = extract_rules("According to the coast guard, two boats sank.")
    assert found.source is not None and found.source.text == "the coast guard"
    assert found.content is not None and found.content.text == "two boats sank"
