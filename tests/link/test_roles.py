"""Who does what: claims naming the sentence's parties in swapped roles (invented sentences)."""

from __future__ import annotations

import pytest

from corroborate.link.roles import Roles, party


def test_roles_nationality_and_country_are_one_party() -> None:
    assert party("Russian") == party("Russians") == party("Russia") == "RU"
    assert party("Wednesday") is None


@pytest.mark.parametrize(("claim", "swapped"), [
    ("Turkish jets bombed Russian troops near the frontier", True),
    ("Russian troops were bombed by Turkish jets", True),  # passive, agent after "by"
    ("Turkish troops were bombed by Russian jets on Sunday", False),
    ("Turkish troops were bombed near the border", False),  # passive, no agent named
    ("Russian aircraft bombed Turkish positions overnight", False),
    ("Jets bombed positions near the border", False),  # no party: no reading
])
def test_roles_active_and_passive(claim: str, swapped: bool) -> None:
    roles = Roles("Russian jets bombed Turkish troops near the border")
    assert roles.swapped(claim) is swapped


@pytest.mark.parametrize(("claim", "swapped"), [
    ("Israeli forces shot down Iranian drones over the Golan", False),
    ("Iranian forces shot down Israeli drones", True),
    ("Israeli drones were shot down by Iranian air defences", True),
])
def test_roles_sentence_in_the_passive(claim: str, swapped: bool) -> None:
    assert Roles("Iranian drones were shot down by Israeli forces").swapped(claim) is swapped


def test_roles_who_fights_beside_whom() -> None:
    roles = Roles("Egyptian soldiers are fighting alongside Libyan militia units")
    assert roles.swapped("Libyan fighters were sent to fight alongside the Egyptians")
    assert roles.swapped("Cairo is recruiting Libyan volunteers with desert experience to fight")
    assert not roles.swapped("Egyptian commandos fought beside Libyan militias near Derna")


def test_roles_a_country_as_setting_is_not_a_party() -> None:
    # "in the Libyan desert" says where, so the Egyptians remain the only party near "fight"
    roles = Roles("Egyptian soldiers are fighting alongside Libyan militia units")
    claim = "Egypt deployed soldiers in the Libyan desert to fight beside militias"
    assert not roles.swapped(claim)


def test_roles_sentence_with_fewer_than_two_parties_gates_nothing() -> None:
    roles = Roles("Rebels captured the airport after a week of fighting")
    assert not roles.swapped("The airport captured rebels after a week of fighting")
    assert not Roles("Syrian rebels captured the airport").swapped("The airport fell to rebels")
