from corroborate.cli.embed import ledger_lines


def _scores(prefix: str, base: float) -> dict[str, float]:
    return {f"{prefix}precision": base, f"{prefix}recall": base + 0.1, f"{prefix}f1": base + 0.2}


def _ledger_scores(tuned: dict[str, float], shipped: dict[str, float]) -> dict[str, object]:
    """`eval emergent --ledger`'s scores: the grouping, then check with the settings given
    (threshold, weights) for the tuned and the shipped run."""
    return {
        "grouping": {
            "held_out": _scores("bcubed_", 0.1), "threshold": 0.3,
            "shipped": {"held_out": _scores("bcubed_", 0.4), "threshold": 0.35},
        },
        "check": {
            "held_out": _scores("", 0.5), **tuned,
            "shipped": {"held_out": _scores("", 0.6), **shipped},
        },
    }


def test_ledger_lines_grouping_then_check_tuned_then_shipped() -> None:
    scores = _ledger_scores({"threshold": 0.375}, {"threshold": 0.4})
    assert ledger_lines(scores).splitlines() == [
        "grouping, tuned 0.3: B-cubed P 0.100 R 0.200 F1 0.300",
        "grouping, shipped 0.35: B-cubed P 0.400 R 0.500 F1 0.600",
        "check relevance, tuned 0.375: pair P 0.500 R 0.600 F1 0.700",
        "check relevance, shipped 0.4: pair P 0.600 R 0.700 F1 0.800",
    ]


def test_ledger_lines_check_names_the_full_encoder_weight() -> None:
    scores = _ledger_scores({"threshold": 0.425, "full_weight": 0.4},
                            {"threshold": 0.45, "full_weight": 0.5})
    lines = ledger_lines(scores).splitlines()
    assert lines[2] == ("check relevance, tuned 0.425 (full encoder weight 0.4): "
                        "pair P 0.500 R 0.600 F1 0.700")
    assert lines[3].startswith("check relevance, shipped 0.45 (full encoder weight 0.5): ")


def test_ledger_lines_check_names_the_alignment_weight() -> None:
    scores = _ledger_scores(
        {"threshold": 0.4375, "full_weight": 0.5, "align_weight": 0.1},
        {"threshold": 0.425, "full_weight": 0.5, "align_weight": 0.0},
    )
    lines = ledger_lines(scores).splitlines()
    assert lines[2].startswith(
        "check relevance, tuned 0.4375 (full encoder weight 0.5, alignment weight 0.1): ")
    assert lines[3].startswith(
        "check relevance, shipped 0.425 (full encoder weight 0.5, alignment weight 0.0): ")


def _stance(pairs: int) -> dict[str, object]:
    per_class = {label: {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": pairs // 3}
                 for label in ("supports", "refutes", "discusses")}
    found = {"pairs": pairs, "per_class": per_class, "macro_f1": 0.5, "accuracy": 0.6,
             "against_recall": 0.5, "labels": list(per_class),
             "confusion": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}
    return {"evidence": found, "report": found}


def test_ledger_lines_stance_of_the_held_out_found_then_every_tuning_headline() -> None:
    scores = _ledger_scores({"threshold": 0.4}, {"threshold": 0.4})
    scores["check"]["stance"] = _stance(9)  # type: ignore[index]
    scores["check"]["stance_tuning"] = _stance(12)  # type: ignore[index]
    lines = [line for line in ledger_lines(scores).splitlines() if line.startswith("check ")]
    stance = [line for line in lines if "stance" in line]
    assert [line.split(":")[0] for line in stance] == [
        "check evidence stance (claims' certainty), 9 found headlines of their own claim",
        "check report stance (FNC-1 model + claims), 9 found headlines of their own claim",
        "check evidence stance (claims' certainty), tuning half, every headline, 12 headlines",
        "check report stance (FNC-1 model + claims), tuning half, every headline, 12 headlines",
    ]
