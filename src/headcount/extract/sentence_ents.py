"""The entities of a sentence, found once a Doc.

``Span.ents`` walks every entity of the document at each call, and the claims component asks for a
sentence's entities several times (named people, speakers, times). ``sentence_ents`` buckets the
document's entities by sentence on first use and keeps them in ``Doc.user_data`` until ``forget``.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

KEY = "headcount.sentence_ents"


def sentence_ents(sent: Span) -> list[Span]:
    """The entities that lie wholly within ``sent``, as ``sent.ents`` gives them."""
    doc = sent.doc
    by_sentence = doc.user_data.get(KEY)
    if by_sentence is None:
        by_sentence = doc.user_data[KEY] = _bucket(doc)
    found = by_sentence.get((sent.start, sent.end))
    return list(sent.ents) if found is None else found  # a span that is no sentence of the Doc


def forget(doc: Doc) -> None:
    doc.user_data.pop(KEY, None)


def _bucket(doc: Doc) -> dict[tuple[int, int], list[Span]]:
    ents = list(doc.ents)
    starts = [e.start for e in ents]
    out = {}
    for sent in doc.sents:
        i = bisect_left(starts, sent.start)
        inside = []
        while i < len(ents) and ents[i].start < sent.end:
            if ents[i].end <= sent.end:
                inside.append(ents[i])
            i += 1
        out[(sent.start, sent.end)] = inside
    return out
