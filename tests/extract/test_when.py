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
