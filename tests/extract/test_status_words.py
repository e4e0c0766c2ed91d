"""Verbs that state a status only with a word attached, or not before one (statuses.json: complements,
not_before, fate_only), on sentences written for these tests."""
import pytest

from headcount.extract import extract_text


def brief(c):
    return (c.status, c.count.low)


@pytest.mark.parametrize("text, expected", [
    ("Gunmen gunned down three guards at the gate.", [("killed", 3)]),
    ("The landslide claimed nine lives.", [("killed", 9)]),
    ("Two hostages were flown home on Sunday.", [("freed", 2)]),
    ("Forty passengers were held up by the strike.", []),
    ("The fate of fourteen workers is unknown.", [("missing", 14)]),
])
def test_a_status_verb_needs_its_complement(text, expected):
    assert [brief(c) for c in extract_text(text)] == expected
