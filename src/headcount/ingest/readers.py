"""Read report files into ``model.Report``s.

Each reader yields, per report, either a ``Report`` or an ``InputError`` naming
the file (and line): one bad item never stops the others.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Report

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

ReadResult = Report | InputError


def read_paths(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Yield every report in the given files and folders (folders recursively, sorted)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                yield from read_file(child)
        elif not path.exists():
            yield InputError(Errors.E011.format(path=path), origin=str(path))
        else:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield InputError(Errors.E005.format(path=path, suffix=suffix), origin=str(path))
        return
    try:
        raw = path.read_bytes()
    except OSError as e:
        yield InputError(Errors.E001.format(path=path, reason=e.strerror or e), origin=str(path))
        return
    try:
        text = decode(raw, path)
    except InputError as e:
        yield e
        return
    if suffix in JSONL_SUFFIXES:
        yield from parse_jsonl(text, path)
    elif suffix in HTML_SUFFIXES:
        yield _checked(parse_html(text, path))
    else:
        yield _checked(Report(id=path.stem, text=text, origin=str(path)))


def _checked(item: ReadResult) -> ReadResult:
    if isinstance(item, Report) and not item.text.strip():
        return InputError(Errors.E004.format(where=item.origin), origin=item.origin)
    return item


def decode(raw: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    NUL bytes outside UTF-16 mean the file is binary, not a report.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(Errors.E006.format(path=path, reason=e.reason), origin=str(path)) from e
    if b"\x00" in raw:
        raise InputError(Errors.E006.format(path=path, reason="it contains NUL bytes"), origin=str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def parse_jsonl(text: str, path: Path) -> Iterator[ReadResult]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(Errors.E002.format(path=path, line=n, reason=e.msg), origin=where)
            continue
        if not isinstance(obj, dict):
            yield InputError(Errors.E002.format(path=path, line=n, reason=type(obj).__name__), origin=where)
            continue
        try:
            yield _checked(report_from_object(obj, path, n))
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
    report_id = obj.get("id") or obj.get("url") or f"{Path(path).stem}-{line}"
    return Report(id=report_id, text=text, published=obj.get("published"), outlet=obj.get("outlet"),
                  url=obj.get("url"), language=obj.get("language") or "en", origin=where,
                  incident=obj.get("incident"))


def parse_html(html: str, path: Path) -> ReadResult:
    """Main text, title and date of an article page, by trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    if extracted is None or not (extracted.text or "").strip():
        return InputError(Errors.E009.format(path=path), origin=str(path))
    title = (extracted.title or "").strip()
    body = extracted.text.strip()
    text = f"{title}\n{body}" if title and not body.startswith(title) else body
    return Report(id=path.stem, text=text, published=extracted.date, outlet=extracted.sitename,
                  url=extracted.url, language=extracted.language or "en", origin=str(path))
