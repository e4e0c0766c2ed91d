import pytest

from headcount.extract.when import resolve


@pytest.mark.parametrize("words, published, expected", [
    ("the afternoon", "2019-06-14", "2019-06-14T15:00"),
    ("yesterday morning", "2019-06-14", "2019-06-13T09:00"),
    ("Saturday", "2019-06-14", "2019-06-08"),          # 14 June 2019 was a Friday
    ("Friday", "2019-06-14", "2019-06-14"),
    ("the evening", "2019-06-14T10:00", None),          # later than the report itself
    ("last year", "2019-06-14", None),
    ("the afternoon", None, None),
])
def test_when_resolves_time_words_against_the_report_date(words, published, expected):
    assert resolve(words, published) == expected


def test_when_a_claim_carries_the_time_its_sentence_gives(nlp):
    from headcount.extract.to_model import claims_from_doc
    from headcount.model import Report
    report = Report(id="w", text="In the afternoon the ministry said 40 workers were still held.",
                    published="2019-06-14")
    (claim,) = claims_from_doc(nlp(report.text), report)
    assert claim.status == "held" and claim.time == "2019-06-14T15:00"


@pytest.mark.parametrize("text, time", [
    # a time in a clause about another noun dates that clause, not the claim
    ("Three tourists are among the dead of the floods that began on Monday night.", None),
    ("Two guards were injured in a raid carried out on Thursday.", None),
    # a time in the claim's own clause, or in the clause the claim is in, dates it
    ("On Monday night three tourists died in the floods.", "2019-06-10T22:00"),
    ("The flood, which killed nine people on Tuesday, has receded.", "2019-06-11"),
])
def test_a_time_said_of_another_noun_does_not_date_a_claim(nlp, text, time):
    from headcount.extract.to_model import claims_from_doc
    from headcount.model import Report
    (claim,) = claims_from_doc(nlp(text), Report(id="w", text=text, published="2019-06-14"))
    assert claim.time == time
