"""Which language a report is in: the one it says, unless its words say otherwise.

A report's ``language`` defaults to "en" when its source gives none (a .txt file, a feed item), so the
text decides when it is plainly in another language the extractor reads: French, by its function words.
"""
from __future__ import annotations

import re
from functools import cache

from ..model import Report
from .lexicon import function_words

# The languages a report may be read in, and their frequent words that the others rarely use.
LANGUAGES = ("en", "fr")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _function_words() -> dict[str, frozenset[str]]:
    return {lang: function_words(lang) for lang in LANGUAGES}


def detect(text: str, sample: int = 4000) -> str | None:
    """"en" or "fr" when one clearly outnumbers the other's function words in the text's start, else None."""
    words = [w.lower() for w in WORD.findall(text[:sample])]
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _function_words().items()}
    best = max(counts, key=counts.get)
    other = min(counts, key=counts.get)
    if counts[best] >= 5 and counts[best] >= 2 * max(counts[other], 1):
        return best
    return None


def language_of(report: Report) -> str:
    """The language to read the report in: "fr" when it says so or its text plainly is, else "en"."""
    if report.language == "fr":
        return "fr"
    return detect(report.text) or report.language or "en"
