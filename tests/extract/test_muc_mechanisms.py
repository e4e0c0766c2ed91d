"""Mechanisms found on MUC-4's development reports, shown on sentences written for these tests (no MUC text).

Each case: a text, and the claims expected as (status, low, high, qualifier, role). Wire copy is often all
capitals, so the cases run in mixed case and in upper case too.
"""
import pytest

from headcount.extract import extract_text


def brief(c):
    n = c.count
    return (c.status, n.low, n.high, n.qualifier, c.group.role)


CASES = [
    # a status said by a noun: "the murder of", "the assassination of", "the massacre of"
    ("The bishop condemned the murder of four nuns in the valley.",
     [("killed", 4, 4, "exact", "civilian")]),
    ("The assassination of three mayors shocked the province.",
     [("killed", 3, 3, "exact", "civilian")]),
    # people named by their trade or standing are people counted
    ("Rebels kidnapped five peasants and two mayors on Monday.",
     [("taken", 5, 5, "exact", "civilian"), ("taken", 2, 2, "exact", "civilian")]),
    # guerrillas and subversives are attackers
    ("Four guerrillas were killed in the clash.",
     [("killed", 4, 4, "exact", "attacker")]),
    ("Two subversives died and a soldier was wounded.",
     [("killed", 2, 2, "exact", "attacker"), ("injured", 1, 1, "exact", "security")]),
    # the one who says a clause is not counted in it
    ("A local reporter said he saw a wounded guard.",
     [("injured", 1, 1, "exact", "security")]),
    # a person named in a status is one person, the role from a title or apposition
    ("Maria Lopez was kidnapped on Monday.",
     [("taken", 1, 1, "exact", "unspecified")]),
    ("The murder of Maria Lopez shocked the town.",
     [("killed", 1, 1, "exact", "unspecified")]),
    ("Rebels killed Mayor Juan Perez.",
     [("killed", 1, 1, "exact", "civilian")]),
    ("Three tourists were killed. Maria Lopez was among the dead.",
     [("killed", 3, 3, "exact", "civilian"), ("killed", 1, 1, "exact", "unspecified")]),
    # ... unless the report counts the victims in that status by nationality: the named are among them
    ("Three Britons were killed. Maria Lopez was among the dead.",
     [("killed", 3, 3, "exact", "unspecified")]),
    ("Police said that Maria Lopez was kidnapped and that three Britons were killed.",
     [("taken", 1, 1, "exact", "unspecified"), ("killed", 3, 3, "exact", "hostage")]),
    # the doers of an act are not in its status: a passive verb's agent, people who take part in it
    ("A judge was shot dead by two men.",
     [("killed", 1, 1, "exact", "civilian")]),
    ("Five men suspected of the killing appeared in court.", []),
    ("Two men who took part in the massacre appeared in court.", []),
    # "N others" after attackers or security forces in the sentence are more of them
    ("Three rebels died and five others were wounded.",
     [("killed", 3, 3, "exact", "attacker"), ("injured", 5, 5, "exact", "attacker")]),
    ("The blast killed 38 people, with 36 others wounded.",
     [("killed", 38, 38, "exact", "unspecified"), ("injured", 36, 36, "exact", "unspecified")]),
    # the arrested are held as suspects, whoever they are; others seized are taken captive
    ("Police arrested two soldiers accused of the killing.",
     [("captured", 2, 2, "exact", "attacker")]),
    ("Rebels captured three soldiers.",
     [("taken", 3, 3, "exact", "security")]),
    # a number word the tokenizer splits at its hyphen
    ("Fifty-five Spaniards were evacuated.",
     [("freed", 55, 55, "exact", "unspecified")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_mixed_case(text, expected):
    assert [brief(c) for c in extract_text(text)] == expected


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_upper_case(text, expected):
    assert [brief(c) for c in extract_text(text.upper() + " " + "THE REPORT WAS READ ON THE RADIO.")] == expected
