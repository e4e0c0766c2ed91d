"""Upper-case wire copy: read in its true case, with the original's offsets and words."""
import pytest

from headcount import Report, extract_report
from headcount.extract.truecase import is_upper_case, restore_case

WIRE = ("   PORTO LIMAO, 4 MAR 91 -- [TEXT] POLICE SAID THAT FOUR TEACHERS WERE KILLED AND "
        "NINE OTHERS WERE WOUNDED WHEN GUNMEN ATTACKED A BUS NEAR THE BORDER.\n\n"
        "   THE GOVERNOR SAID TWO CHILDREN ARE STILL MISSING.")


def test_upper_case_is_told_from_mixed_case():
    assert is_upper_case(WIRE)
    assert not is_upper_case("Police said four teachers were killed near the BBC office in OSLO.")
    assert not is_upper_case("OK.")  # too few letters to tell


def test_restored_text_keeps_every_offset_and_letter():
    restored = restore_case(WIRE)
    assert len(restored) == len(WIRE)
    assert restored.lower() == WIRE.lower()
    assert "police said that four teachers were killed" in restored
    assert restored != WIRE


def test_mixed_case_text_is_left_alone():
    text = "The minister said 12 workers were freed."
    assert restore_case(text) is text


def test_claims_of_upper_case_report_quote_the_original_words():
    claims = extract_report(Report(id="wire", text=WIRE))
    found = {(c.status, c.count.low) for c in claims}
    assert ("killed", 4) in found and ("injured", 9) in found and ("missing", 2) in found
    for c in claims:
        assert c.text == WIRE[c.span[0]:c.span[1]]
        assert c.text.isupper()


@pytest.mark.parametrize("text", ["ÇA VA", "İSTANBUL POLICE SAID THAT ELEVEN PEOPLE WERE HURT TODAY."])
def test_letters_whose_case_changes_length_keep_their_length(text):
    assert len(restore_case(text)) == len(text)
