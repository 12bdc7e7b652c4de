"""Who did what: the parties, names and event classes a text names (`link.events`), on
sentences written for this test."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.link.check import shift
from corroborate.link.events import OTHER, SAME, UNKNOWN, UNSTATED, compare, frame


@pytest.mark.parametrize(("text", "event"), [
    ("Militia units pulled back from the ridge overnight", "withdrawal"),
    ("The border post was overrun by tribal fighters", "capture"),
    ("Gunmen kidnapped two engineers near the dam", "abduction"),
    ("Heavy clashes broke out between the two militias", "fight"),
    ("Warplanes bombarded the outskirts of the city", "shelling"),
    ("The interior minister stepped down on Monday", "resignation"),
    ("Officers detained a dozen students after the vote", "arrest"),
])
def test_frame_reads_the_event_class_in_any_form(text: str, event: str) -> None:
    assert event in frame(text).events


def test_frame_leaves_out_an_event_written_as_the_setting_of_another() -> None:
    assert frame("Two medics were hurt during the shelling of the camp").events == frozenset()
    assert "protest" not in frame("A driver died at a Harlow protest").events
    assert frame("A driver died at a Harlow protest").events == {"killing"}


def test_frame_reads_countries_known_actors_and_generic_actors() -> None:
    found = frame("Turkish soldiers and Hizbollah fighters clashed with the regime").parties
    assert {"TR", "Hezbollah", "MIL", "REB", "GOV"} <= found


def test_frame_names_are_capitalised_words_that_are_no_party_day_or_month() -> None:
    assert frame("Rebels freed the pilot Omar Haddad on Friday").names == {"haddad"}
    assert frame("Turkish police arrested Lena Vos in March").names == {"vos"}
    # in title case every word looks like a name: none is read
    assert frame("Rebels Free The Pilot Omar Haddad").names == frozenset()


def test_compare_same_parties_same_event() -> None:
    sentence = frame("Turkish troops withdrew from the village of Oskal")
    assert compare(sentence, frame("Soldiers from Turkey pulled out of Oskal")) == SAME


def test_compare_same_parties_other_event() -> None:
    sentence = frame("Turkish troops withdrew from the village of Oskal")
    assert compare(sentence, frame("Turkish troops shelled the village of Oskal")) == OTHER


def test_compare_needs_the_sentences_names_and_a_shared_party() -> None:
    sentence = frame("Turkish troops withdrew from the village of Oskal")
    # another village: not the sentence's event, nor another event of its parties
    assert compare(sentence, frame("Turkish troops shelled the village of Derin")) == UNKNOWN
    assert compare(sentence, frame("Storms cut the road to Oskal after the retreat")) in (
        UNKNOWN, UNSTATED)
    assert compare(sentence, frame("Farmers in Oskal harvested early")) == UNSTATED


def test_compare_raising_needs_every_generic_actor_of_the_sentence() -> None:
    sentence = frame("Police and rebels fought near the port of Velin")
    assert compare(sentence, frame("Police fought rebels at the Velin port")) == SAME
    assert compare(sentence, frame("Rebels fought a rival militia near Velin")) == UNKNOWN


def test_compare_a_related_event_is_neither() -> None:
    sentence = frame("Turkish troops are fighting in the hills above Oskal")
    assert compare(sentence, frame("Turkey denied deploying troops near Oskal")) == UNKNOWN
    # a killing is an attack's outcome: neither raised nor lowered
    assert compare(frame("Soldiers killed two farmers in Oskal"),
                   frame("Soldiers opened fire on farmers in Oskal")) == UNKNOWN


def test_shift_adds_the_boost_and_takes_the_penalties() -> None:
    found = shift([SAME, OTHER, UNSTATED, UNKNOWN], 0.1, 0.3, 0.05)
    assert np.allclose(found, [0.1, -0.3, -0.05, 0.0])


@pytest.mark.parametrize(("text", "event"), [
    ("The governor inaugurated a new clinic in the valley", "infrastructure"),
    ("Workers rebuilt the bridge within a month", "infrastructure"),
    ("All ferries to the island were cancelled", "transport"),
    ("The army imposed a curfew on the old town", "transport"),
])
def test_frame_reads_civil_works_and_transport_disruption(text: str, event: str) -> None:
    assert event in frame(text).events
