"""Upper-case wire copy read in its true case, with every character offset kept.

Wire archives (MUC-4's among them) are often all capitals, which the tagger and
parser read badly: every word looks like a name. Such a text is given back in the
case a statistical truecaser (the ``truecase`` package: unigram, bigram and
trigram casing counts from the NLTK English corpora, after Lita et al. 2003)
finds most likely, one sentence at a time. Only the case of letters changes, so
the restored text has the same length and offsets as the original, and claims
quote the original's words.
"""
from __future__ import annotations

import re
from functools import cache

# A text is read as upper case when nearly all its cased letters are capitals; a few lower-case
# words (an outlet's name, a unit) do not make it mixed case.
UPPER_SHARE = 0.9
MIN_LETTERS = 20

# Words as the truecaser's corpora split them ("DON'T" is one word; "[TEXT]" is three tokens).
WORD = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
# A sentence ends at final punctuation before a space, or at a blank line; its words are cased together.
SENTENCE = re.compile(r"(?s).+?(?:[.?!](?=\s)|\n\s*\n|$)")


def is_upper_case(text: str) -> bool:
    """True when ``text`` is written in capitals (at least UPPER_SHARE of its cased letters)."""
    upper = sum(c.isupper() for c in text)
    lower = sum(c.islower() for c in text)
    return upper + lower >= MIN_LETTERS and upper >= UPPER_SHARE * (upper + lower)


@cache
def _caser():
    # loaded on the first upper-case text only: the model is 76 MB and takes seconds to read
    from truecase import TrueCaser
    caser = TrueCaser()
    # Its casings of a word are a set, read in hash order, and between two casings of equal score the
    # first read wins: "Battalion" in one process, "battalion" in the next. Read in one fixed order
    # instead, so the same text is always cased the same; on a tie the casing with fewer capitals wins,
    # as most words of running text are lower case.
    caser.word_casing_lookup = {word: sorted(casings, key=_capitals_first_last)
                                for word, casings in caser.word_casing_lookup.items()}
    return caser


def _capitals_first_last(casing: str) -> tuple[int, str]:
    return sum(c.isupper() for c in casing), casing


def restore_case(text: str) -> str:
    """``text`` in its likely true case if it is upper case, else ``text`` itself; same length always."""
    if not is_upper_case(text):
        return text
    caser = _caser()
    chars = list(text)
    for sentence in SENTENCE.finditer(text):
        words = list(WORD.finditer(sentence.group()))
        if not words:
            continue
        cased = caser.get_true_case_from_tokens([w.group() for w in words], "title")
        for word, new in zip(words, cased):
            # a word whose case change would change its length ("İ") keeps its letters
            if len(new) == len(word.group()) and new.lower() == word.group().lower():
                start = sentence.start() + word.start()
                chars[start:start + len(new)] = new
    return "".join(chars)
