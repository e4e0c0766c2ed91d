"""Encodings of report files, and what is not text at all. Every sentence is written for these tests."""
import pytest

from headcount.errors import InputError
from headcount.ingest import read_paths
from headcount.ingest.decode import decode

ENGLISH = "Café staff said two résidents were injured at the depot."
FRENCH = "Le préfet a déclaré que trois otages ont été libérés à l’aube, selon l’agence."
ARABIC = "قال المتحدث إن ثلاثة رهائن أفرج عنهم صباح الأحد"


@pytest.mark.parametrize("text,encoding", [
    (ENGLISH, "utf-8"), (ENGLISH, "utf-8-sig"), (ENGLISH, "utf-16"), (ENGLISH, "utf-16-be"),
    (ENGLISH, "utf-32"), (ENGLISH, "cp1252"), (ENGLISH, "latin-1"),
    (FRENCH, "cp1252"), (FRENCH, "utf-16"), (ARABIC, "cp1256"), (ARABIC, "utf-8"),
])
def test_encodings_each_is_read_back(tmp_path, text, encoding):
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw  # a big-endian BOM, as Windows tools write it
    p = tmp_path / "report.txt"
    p.write_bytes(raw)
    (report,) = list(read_paths([p]))
    assert report.text == text


@pytest.mark.parametrize("declared", ["windows-1252", "utf-8"])  # the truth, and a page that lies
def test_encodings_html_in_windows_1252_is_read_whatever_charset_it_declares(tmp_path, declared):
    page = (f"<html><head><meta charset='{declared}'><title>Otages libérés</title></head><body><article>"
            f"<p>{FRENCH}</p><p>Deux gendarmes ont été blessés pendant l’assaut, a précisé le préfet.</p>"
            "</article></body></html>")
    p = tmp_path / "page.html"
    p.write_bytes(page.encode("cp1252"))
    (report,) = list(read_paths([p]))
    assert FRENCH in report.text


@pytest.mark.parametrize("raw,reason", [
    (b"\x00\x01\x02\x03" * 100, "NUL"),
    (bytes(range(1, 32)) * 40, "control characters"),
    (b"\xff\xfe" + b"\x00\xd8" * 3, "byte-order mark"),  # a UTF-16 BOM, then a lone surrogate
])
def test_encodings_binary_junk_is_an_error_naming_the_file(raw, reason):
    with pytest.raises(InputError, match=reason) as caught:
        decode(raw, "inbox/junk.txt")
    assert "inbox/junk.txt" in str(caught.value) and "[E006]" in str(caught.value)


def test_encodings_a_jsonl_line_not_in_utf8_is_named_and_the_others_go_on(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(b'{"id": "a", "text": "Two guards died."}\n'
                  + '{"id": "b", "text": "Deux gardes bless\u00e9s."}\n'.encode("latin-1")
                  + b'{"id": "c", "text": "One nurse fled."}\n')
    a, b, c = list(read_paths([p]))
    assert (a.id, c.id) == ("a", "c")
    assert isinstance(b, InputError) and f"{p}:2" in str(b) and "UTF-8" in str(b)

