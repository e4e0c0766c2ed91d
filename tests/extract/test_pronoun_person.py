"""A personal pronoun that is the subject of a status is one person, the one named before it in the
sentence (sentences written for these tests)."""
import pytest

from headcount.extract import extract_text


def brief(c):
    return (c.status, c.count.low, c.group.role, c.group.nationality)


@pytest.mark.parametrize("text, expected", [
    # the pronoun's person is the nearest singular people noun before it, on its side
    ("The gunman attacked the guests before he was shot dead by police.", [("killed", 1, "attacker", None)]),
    # an apposition names the same person: the gunman, not "a local student"
    ("The gunman, a local student, fired at the guests before he was shot dead.",
     [("killed", 1, "attacker", None)]),
    # the person's nationality comes with it
    ("The British pilot crashed near the border and she was injured.", [("injured", 1, "civilian", "GB")]),
    # a person counted in the same status is not counted again
    ("A Dutch engineer was freed after he was freed by the army.", [("freed", 1, "civilian", "NL")]),
    # nor is a person named before, once per status
    ("A Dutch engineer was freed on Monday after he had been held for a week.",
     [("freed", 1, "civilian", "NL"), ("held", 1, "civilian", "NL")]),
    # with no person before it in the sentence, a pronoun counts no one
    ("He was shot dead on Monday.", []),
    # a plural noun is not the antecedent of "he"
    ("The guests ran when he was shot dead.", []),
    # a relation ("my husband") is not counted, whether by its noun or by its pronoun
    ("My husband phoned me after he was injured.", []),
    # the status must be the pronoun's own predicate
    ("The reporter said he saw a wounded guard.", [("injured", 1, "security", None)]),
])
def test_a_pronoun_subject_of_a_status_is_one_person(text, expected):
    assert sorted(brief(c) for c in extract_text(text)) == sorted(expected)
