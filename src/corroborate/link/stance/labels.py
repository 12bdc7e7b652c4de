"""The four FNC-1 stance labels, in the order the model's scores use."""

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(LABELS[:3])  # the three labels of a report that bears on the claim
