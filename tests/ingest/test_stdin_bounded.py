"""issue 21, point 6: standard input is read as a stream with a file's limits, never whole into memory
first (30 MB on stdin peaked at 614 MB before being refused). Streams generated for these tests."""
from __future__ import annotations

import io

from headcount.errors import InputError
from headcount.ingest import readers
from headcount.model import Report


class Counted(io.RawIOBase):
    """``size`` bytes made by ``make(offset, n)``, counting how many were read."""

    def __init__(self, size: int, make):
        self.size, self.make, self.read_so_far = size, make, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.size - self.read_so_far)
        buffer[:n] = self.make(self.read_so_far, n)
        self.read_so_far += n
        return n


def test_a_text_larger_than_a_file_may_be_is_refused_without_reading_it_all():
    stream = Counted(64 * 1024 * 1024, lambda _, n: b"word " * (n // 5) + b" " * (n % 5))
    items = list(readers.read_stdin(io.BufferedReader(stream)))
    assert len(items) == 1 and isinstance(items[0], InputError) and "<stdin>" in str(items[0])
    assert stream.read_so_far <= readers.MAX_FILE_BYTES + 1024 * 1024


def test_json_lines_are_read_a_bounded_line_at_a_time(monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 4096)
    good = b'{"text": "Two guards were freed."}\n'
    stream = io.BytesIO(good + b'{"text": "' + b"x" * 50_000 + b'"}\n' + good.replace(b"Two", b"Six"))
    items = list(readers.read_stdin(stream))
    assert [type(i).__name__ for i in items] == ["Report", "InputError", "Report"]
    assert "<stdin>:2" in str(items[1]) and items[2].text == "Six guards were freed."


def test_a_small_text_on_stdin_is_one_report():
    (report,) = readers.read_stdin(io.BytesIO(b"\n\n  Police said four workers were injured.\n"))
    assert isinstance(report, Report) and report.text.strip() == "Police said four workers were injured."
