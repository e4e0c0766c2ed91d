"""Read reports from files, folders, feeds, URLs and stdin into ``model.Report``s.

Each reader yields, per report, either a ``Report`` or an ``InputError`` naming
the file (and line, or feed item): one bad item never stops the others. A file of
a folder that is of no known type is not a report: it is yielded as a
``SkippedFile``, whose warning a caller says. Files are read lazily, JSON Lines
line by line, so a large batch never sits in memory.
"""
from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors, InputError
from ..model import REPORT_FIELD_CHARS, Report, report_identity
from ..moments import is_moment
from .decode import decode

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
STDIN = "-"

# spaCy's own limit on one text; a longer "report" is a dump, not an article.
MAX_TEXT_CHARS = 1_000_000
# Bytes read from one text file or page at most (markup and wide encodings take room).
MAX_FILE_BYTES = 16 * 1024 * 1024
# Bytes of one JSON Lines line at most: the longest text in UTF-8 (4 bytes a character), and its fields.
MAX_LINE_BYTES = 4 * MAX_TEXT_CHARS + 64 * 1024


@dataclass(frozen=True)
class SkippedFile:
    """A file of a folder that is of no known type: not read, not a failure, but said (``warning``)."""

    path: str
    warning: str


ReadResult = Report | InputError | SkippedFile


@dataclass(frozen=True)
class FeedOptions:
    """How feed items are read.

    fetch_articles: fetch the article page of an item that carries only a summary.
    known: tells whether a report identity is already stored; such a summary-only item is not fetched
        again (a feed polled every five minutes must not fetch every article every time).
    """

    fetch_articles: bool = True
    known: Callable[[str], bool] = lambda identity: False


def read_paths(paths: Iterable[str | Path], feeds: FeedOptions = FeedOptions()) -> Iterator[ReadResult]:
    """Every report in the given files, folders (recursively, sorted), feed or page URLs, and ``-`` (stdin)."""
    for given in paths:
        name = str(given)
        if name == STDIN:
            yield from read_stdin(sys.stdin.buffer, feeds)
        elif name.startswith(("http://", "https://")):
            from .feeds import read_url
            yield from read_url(name, feeds)
        else:
            yield from _read_path(Path(given), feeds)


def _read_path(path: Path, feeds: FeedOptions) -> Iterator[ReadResult]:
    try:
        is_folder, exists = path.is_dir(), path.exists()
    except OSError as e:  # a name the system refuses to look up (too long, say)
        yield InputError(Errors.E001.format(path=path, reason=e.strerror or e), origin=str(path))
        return
    if is_folder:
        for child in folder_files(path):
            if child.suffix.lower() in SUFFIXES:
                yield from read_file(child, feeds)
            else:
                yield SkippedFile(str(child), Errors.E026.format(path=child))
    elif not exists:
        yield InputError(Errors.E011.format(path=path), origin=str(path))
    else:
        yield from read_file(path, feeds)


def folder_files(folder: Path) -> list[Path]:
    """The files of a folder, recursively, in name order, but for hidden ones: a name starting with "."
    (.DS_Store, .gitignore) or inside a hidden folder (.git, .venv) is never a report, so it is left out
    without a word, and a hidden folder is not even walked. Symbolic links to folders are not followed."""
    found: list[Path] = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        found.extend(Path(parent, f) for f in files if not f.startswith("."))
    return sorted(p for p in found if p.is_file())


def items_to_read(paths: Iterable[str | Path]) -> int | None:
    """How many items (reports and errors) ``read_paths`` will yield for these paths, told without reading
    a text into memory: a file is one, a .jsonl file one a line that is not blank (read a bounded line at
    a time). None where it cannot be told before reading: standard input, URLs and feeds, whose items
    are known only once parsed."""
    total = 0
    for given in paths:
        name = str(given)
        if name == STDIN or name.startswith(("http://", "https://")):
            return None
        path = Path(given)
        files = [f for f in folder_files(path) if f.suffix.lower() in SUFFIXES] if _is_folder(path) else [path]
        for file in files:
            if file.suffix.lower() in FEED_SUFFIXES:
                return None
            total += _jsonl_items(file) if file.suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name the system refuses to look up: read_paths makes it one error
        return False


def _jsonl_items(path: Path) -> int:
    """The lines of a .jsonl file that ``parse_jsonl`` makes an item of (one, an error, if unreadable)."""
    try:
        with path.open("rb") as fh:
            return sum(1 for line in bounded_lines(fh) if line is None or line.strip())
    except OSError:
        return 1


def read_file(path: Path, feeds: FeedOptions = FeedOptions()) -> Iterator[ReadResult]:
    """The reports of one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield InputError(Errors.E005.format(path=path, suffix=suffix), origin=str(path))
        return
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from parse_jsonl(bounded_lines(fh), str(path))
            return
        raw = _read_bounded(path)
    except OSError as e:
        yield InputError(Errors.E001.format(path=path, reason=e.strerror or e), origin=str(path))
        return
    except InputError as e:
        yield e
        return
    yield from parse_document(raw, str(path), suffix, feeds)


def parse_document(raw: bytes, where: str, suffix: str, feeds: FeedOptions = FeedOptions(),
                   url: str | None = None) -> Iterator[ReadResult]:
    """The reports of one whole document: a text, a page or a feed."""
    if suffix in FEED_SUFFIXES:
        from .feeds import parse_feed
        yield from parse_feed(raw, where, feeds)
        return
    try:
        text = decode(raw, where, html=suffix in HTML_SUFFIXES)
    except InputError as e:
        yield e
        return
    if suffix in HTML_SUFFIXES:
        yield checked(parse_html(text, where, url))
    else:
        yield checked(Report(id=report_identity(None, url, text), text=text, url=url, origin=where))


def read_stdin(stream: BinaryIO, feeds: FeedOptions = FeedOptions()) -> Iterator[ReadResult]:
    """Reports piped in: the kind is told from the first characters (a JSON object, a feed, a page, else
    text). Read as a stream, with a file's limits: JSON Lines a bounded line at a time, anything else up
    to ``MAX_FILE_BYTES``, past which it is refused without reading the rest."""
    head = _first_bytes(stream)
    start = head.lstrip()[:512].lower()
    rest = io.BufferedReader(_Rejoined(head, stream))
    if not start:
        yield InputError(Errors.E004.format(where="<stdin>"), origin="<stdin>")
        return
    if start.startswith(b"{"):
        yield from parse_jsonl(bounded_lines(rest), "<stdin>")
        return
    raw = rest.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        yield InputError(Errors.E014.format(where="<stdin>", size=f"over {_megabytes(MAX_FILE_BYTES)}",
                                            limit=_megabytes(MAX_FILE_BYTES)), origin="<stdin>")
    elif b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        yield from parse_document(raw, "<stdin>", ".rss", feeds)
    elif start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        yield from parse_document(raw, "<stdin>", ".html")
    else:
        yield from parse_document(raw, "<stdin>", ".txt")


def _first_bytes(stream: BinaryIO, chunk: int = 4096) -> bytes:
    """Enough of the stream to tell its kind: up to its first non-blank bytes and 512 more (bounded)."""
    head = b""
    while len(head) <= MAX_FILE_BYTES:
        more = stream.read(chunk)
        head += more
        if not more or len(head.lstrip()) >= 512:
            break
    return head


class _Rejoined(io.RawIOBase):
    """The bytes already read from a stream, then the rest of it, as one stream."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def bounded_lines(stream: BinaryIO, limit: int | None = None) -> Iterator[bytes | None]:
    """The stream's lines, each read whole only up to ``limit`` bytes (default: a report of the longest
    text, in UTF-8, with its fields); a longer line is skipped and given as None."""
    limit = limit or MAX_LINE_BYTES
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):  # the rest of the long line, a bounded piece at a time
            line = stream.readline(limit)
        yield None


def _read_bounded(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(Errors.E014.format(where=path, size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES)),
                         origin=str(path))
    return path.read_bytes()


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def checked(item: ReadResult) -> ReadResult:
    """The one check of a report before extraction, for every reader and the API alike: an empty text, or
    a text or field longer than a report may hold (``REPORT_FIELD_CHARS``), makes it an error; a
    ``published`` that is no real moment is dropped, with a warning, and the report kept undated."""
    if not isinstance(item, Report):
        return item
    if not item.text.strip():
        return InputError(Errors.E004.format(where=item.origin), origin=item.origin)
    if len(item.text) > MAX_TEXT_CHARS:
        return InputError(Errors.E014.format(where=item.origin, size=f"{len(item.text):,} characters",
                                             limit=f"{MAX_TEXT_CHARS:,}"), origin=item.origin)
    for name, limit in REPORT_FIELD_CHARS.items():
        value = getattr(item, name) or ""
        if len(value) > limit:
            problem = f"holds {len(value):,} characters, and a report's {name} may hold at most {limit:,}"
            return InputError(Errors.E024.format(where=item.origin, field=name, problem=problem),
                              origin=item.origin)
    if item.published is not None and not is_moment(item.published):
        warning = Errors.E025.format(where=item.origin, value=json.dumps(item.published, ensure_ascii=False))
        return replace(item, published=None, warnings=(*item.warnings, warning))
    return item


def parse_jsonl(lines: Iterable[bytes | None], path: str) -> Iterator[ReadResult]:
    """Reports-format objects, one per line; a bad line is an error naming its number, the others go on.
    A line given as None was too long to read (``bounded_lines``)."""
    for n, raw in enumerate(lines, 1):
        where = f"{path}:{n}"
        if raw is None:
            yield InputError(Errors.E014.format(where=where, size=f"a line over {_megabytes(MAX_LINE_BYTES)}",
                                                limit=_megabytes(MAX_LINE_BYTES)), origin=where)
            continue
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as e:
            yield InputError(Errors.E002.format(path=path, line=n, reason=f"not UTF-8: {e.reason}"), origin=where)
            continue
        except json.JSONDecodeError as e:
            yield InputError(Errors.E002.format(path=path, line=n, reason=e.msg), origin=where)
            continue
        except RecursionError:  # arrays or objects nested deeper than the parser's stack
            yield InputError(Errors.E002.format(path=path, line=n, reason="nested too deeply"), origin=where)
            continue
        if not isinstance(obj, dict):
            yield InputError(Errors.E002.format(path=path, line=n, reason=type(obj).__name__), origin=where)
            continue
        try:
            yield checked(report_from_object(obj, path, n))
        except InputError as e:
            yield e


def report_from_object(obj: dict, path: Path | str, line: int) -> Report:
    """One Reports-format object to a Report; unknown fields are ignored."""
    where = f"{path}:{line}"
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(Errors.E003.format(path=path, line=line), origin=where)
    for name in ("id", "published", "outlet", "url", "language", "incident"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(Errors.E007.format(path=path, line=line, field=name, expected="a string or null",
                                                got=type(value).__name__), origin=where)
    for name in ("text", "id", "published", "outlet", "url", "language", "incident"):
        problem = unstorable(obj.get(name))
        if problem:
            raise InputError(Errors.E007.format(path=path, line=line, field=name, expected="text a database keeps",
                                                got=problem), origin=where)
    return Report(id=report_identity(obj.get("id"), obj.get("url"), text), text=text,
                  published=obj.get("published"), outlet=obj.get("outlet"), url=obj.get("url"),
                  language=obj.get("language") or "en", origin=where, incident=obj.get("incident"))


def unstorable(value: str | None) -> str | None:
    """What in a text no store keeps as given, in words, or None: PostgreSQL refuses NUL characters, and
    a lone surrogate (JSON's "\\ud800") is not Unicode that UTF-8 can hold, for hashing, spaCy or SQLite."""
    if value is None:
        return None
    if "\x00" in value:
        return "a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        return f"a lone surrogate at character {e.start}"
    return None


def parse_html(html: str, where: str, url: str | None = None) -> ReadResult:
    """Main text, title and date of an article page, by trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    if extracted is None or not (extracted.text or "").strip():
        return InputError(Errors.E009.format(path=where), origin=where)
    text = with_title(extracted.title, extracted.text.strip())
    page_url = url or extracted.url
    return Report(id=report_identity(None, page_url, text), text=text, published=extracted.date,
                  outlet=extracted.sitename, url=page_url, language=extracted.language or "en", origin=where)


def with_title(title: str | None, body: str) -> str:
    """The headline as the first line, unless the body's first line is the headline already."""
    title = (title or "").strip()
    return f"{title}\n{body}" if title and body.split("\n", 1)[0].strip() != title else body
