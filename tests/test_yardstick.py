"""Words from the other yardstick and common phrasings: what deckgen suggests, and why."""

import pytest

from deckgen.content.yardstick import (YARDSTICKS, by_meaning, nearest_word, other_yardstick,
                                       word_in_band, words)


@pytest.mark.parametrize("written, on, belongs, nearest", [
    ("very unlikely", "phia", "icd203", "highly unlikely"),
    ("very likely", "phia", "icd203", "highly likely"),
    ("almost no chance", "phia", "icd203", "remote"),
    ("roughly even chance", "phia", "icd203", "realistic possibility"),
    ("highly improbable", "phia", "icd203", "highly unlikely"),
    ("improbable", "phia", "icd203", "unlikely"),
    ("nearly certain", "phia", "icd203", "almost certain"),
    ("realistic possibility", "icd203", "phia", "roughly even chance"),
    ("highly likely", "icd203", "phia", "very likely"),
    ("highly unlikely", "icd203", "phia", "very unlikely"),
    ("Very  Unlikely", "phia", "icd203", "highly unlikely"),
])
def test_a_word_of_the_other_yardstick_gets_the_nearest_word_by_band_middle(
        written, on, belongs, nearest):
    there = other_yardstick(written, on)
    assert there is not None and there.other == belongs
    assert word_in_band(there.nearest, on, written) == nearest


def test_words_on_both_yardsticks_are_not_from_elsewhere():
    for ys in YARDSTICKS:
        assert [w for w in words(ys) if other_yardstick(w, ys)] == []
    assert other_yardstick("banana", "phia") is None


def test_the_nearest_band_is_by_middle_with_ties_going_low():
    # 0.375 lies halfway between the middles of 'unlikely' (0.30) and 'realistic possibility'
    assert nearest_word(0.375, "phia").word == "unlikely"
    assert nearest_word(0.5, "phia").word == "realistic possibility"
    assert nearest_word(0.97, "icd203").word == "almost certain"


@pytest.mark.parametrize("written, ys, word", [
    ("probably not", "phia", "unlikely"),
    ("probably not", "icd203", "unlikely"),
    ("Probably-not.", "phia", "unlikely"),
    ("probably", "phia", "probable"),        # a synonym spelled almost as written
    ("maybe", "phia", "realistic possibility"),
    ("maybe", "icd203", "roughly even chance"),
    ("doubtful", "phia", "unlikely"),
    ("almost certainly", "phia", "almost certain"),
    ("little chance", "icd203", "very unlikely"),
])
def test_common_phrasings_are_suggested_by_meaning(written, ys, word):
    band = by_meaning(written, ys)
    assert band is not None and word_in_band(band, ys, written) == word


def test_probably_not_is_never_probable():
    for ys in YARDSTICKS:
        band = by_meaning("probably not", ys)
        assert "probable" not in word_in_band(band, ys, "probably not").split()


def test_an_unknown_phrasing_has_no_meaning():
    assert by_meaning("likley", "phia") is None
