"""Bytes to text: the encodings news files come in, and a clear error for what is not text.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then
an HTML page's declared charset; then charset-normalizer's pick among the
single-byte encodings of wire copy (Windows-1252, Windows-1256 for Arabic,
Latin-1). NUL bytes without a BOM, or bytes no candidate reads as language,
are binary, not a report.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import Errors, InputError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SINGLE_BYTE = ["cp1252", "cp1256", "latin_1"]
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(raw: bytes, where: str, html: bool = False) -> str:
    """The text of ``raw``; RAISES InputError naming ``where`` when it is not text."""
    text = _decode(raw, where, html)
    if _mostly_control(text):
        raise _not_text(where, "it is mostly control characters")
    return text


# Control characters a text file may hold: tab, line feed, vertical tab, form feed, carriage return.
_TEXT_CONTROLS = set("\t\n\v\f\r")


def _mostly_control(text: str, sample: int = 65536) -> bool:
    """More than 5 % of the characters (of the first 64 k) are control or unassigned ones: binary data."""
    head = text[:sample]
    odd = sum(1 for ch in head if ch not in _TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Co"))
    return bool(head) and odd > 0.05 * len(head)


def _decode(raw: bytes, where: str, html: bool) -> str:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as e:
                raise _not_text(where, f"a {encoding} byte-order mark, then {e.reason}") from e
    if b"\x00" in raw:
        raise _not_text(where, "it contains NUL bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw) if html else None
    if declared:
        try:
            return raw.decode(declared)
        except UnicodeDecodeError:
            pass
    return _guess_single_byte(raw, where)


def _declared_charset(raw: bytes) -> str | None:
    found = _DECLARED.search(raw[:4096])
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def _guess_single_byte(raw: bytes, where: str) -> str:
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 input needs it

    best = from_bytes(raw, cp_isolation=SINGLE_BYTE).best()
    if best is None:
        raise _not_text(where, "no encoding reads it as text")
    return str(best)


def _not_text(where: str, reason: str) -> InputError:
    return InputError(Errors.E006.format(path=where, reason=reason), origin=where)
