"""Who a stretch of text comes from, as a library call.

Given a text and the character spans of what it reports (a quotation, a reported clause, the object of
"denounced"), ``find_sources`` returns the words of the text that say who each comes from: the mention
as written ("he", "the ministry", "a source", "who"), not a name resolved from elsewhere, or None when
the text names no one. The cues are the claims' own (attribution.py): the verb a content hangs from and
its subject or agent, "according to X", a speech tag after a quotation, a tag before a colon.

    >>> headcount.find_sources("The ministry said 12 were freed.", [[(18, 31)]])
    [[(0, 12)]]

``Span._.source`` gives the same for a span of a parsed Doc: the source as a Span, or None.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from . import attribution, lexicon, source_ranker
from .lexicon import Lexicon
from .truecase import restore_case

Pieces = list[tuple[int, int]]

# the claims component is not needed to find sources, only the parse under it
NOT_NEEDED = ["headcount_claims"]


def find_sources(text: str, spans: list[Pieces], language: str = "en") -> list[Pieces | None]:
    """RETURNS for each content (its [start, end) pieces) the pieces of its source mention, or None."""
    from .pipeline import load_pipeline
    # an upper-case text is parsed in its true case; offsets are the same, so the answer is the text's
    doc = load_pipeline(language)(restore_case(text), disable=NOT_NEEDED)
    return sources_in_doc(doc, spans, lexicon.load(language))


def sources_in_doc(doc: Doc, spans: list[Pieces], lex: Lexicon) -> list[Pieces | None]:
    return [_as_pieces(source_token(doc, pieces, lex), doc, pieces) for pieces in spans]


def content_tokens(doc: Doc, pieces: Iterable[tuple[int, int]]) -> list[Token]:
    """The tokens a content's pieces cover, a token in part counting."""
    out: list[Token] = []
    for start, end in pieces:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.extend(t for t in span if not t.is_space)
    return out


def source_token(doc: Doc, pieces: Pieces, lex: Lexicon) -> Token | None:
    """The head word of the source of a content, or None: the rules' answer, weighed by the ranker
    against the other words near the content."""
    content = content_tokens(doc, pieces)
    if not content:
        return None
    return source_ranker.choose(content, rule_token(doc, content, lex), lex)


def rule_token(doc: Doc, content: list[Token], lex: Lexicon) -> Token | None:
    """The rules' source head: the speaker of the first cue the content hangs from that names one, else
    the tag before a colon."""
    ids = {t.i for t in content}
    for cue in attribution.content_cues(content):
        found = attribution.speaker_of(cue, lex, ids)
        if found is not None:
            return found
    return _colon_tag(content, lex, ids)


def _colon_tag(content: list[Token], lex: Lexicon, ids: set[int]) -> Token | None:
    """'Cruz continued: "..."' and 'Red Cross: 39 missing': a content after a colon comes from the words
    before it, the subject of their verb or, with none, their head."""
    doc = content[0].doc
    before = content[0].i - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or doc[before].text != ":":
        return None
    root = doc[before].sent.root if doc[before].sent.root.i < before else doc[before].head
    if root.i in ids:
        return None
    return attribution.speaker_of(root, lex, ids) or (root if root.pos_ in ("NOUN", "PROPN") else None)


# what a mention's words leave out: the clauses about the speaker ("Ted Cruz, who won Texas, said",
# "a man living nearby said"), which PolNeAR's mentions mostly do not include
NOT_MENTION_DEPS = ("acl", "advcl", "relcl", "ccomp", "mark", "parataxis")


def mention(head: Token, content: frozenset[int] = frozenset()) -> Span:
    """The words of a source mention: its head's phrase without the clauses about it nor the content,
    contiguous around the head, edge punctuation trimmed; an apposition set off by commas keeps its
    closing comma ("A spokesman, Jo Bloggs, said"), as PolNeAR writes it."""
    words = sorted(_mention_words(head, content), key=lambda t: t.i)
    at = next(n for n, t in enumerate(words) if t.i == head.i)
    start = end = at
    while start > 0 and words[start - 1].i == words[start].i - 1:
        start -= 1
    while end + 1 < len(words) and words[end + 1].i == words[end].i + 1:
        end += 1
    run = words[start:end + 1]
    while len(run) > 1 and (run[-1].is_punct or run[-1].is_space) and run[-1].i > head.i:
        run.pop()
    while len(run) > 1 and (run[0].is_punct or run[0].is_space) and run[0].i < head.i:
        run.pop(0)
    doc = head.doc
    after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
    if after is not None and after.text == "," and any(t.text == "," for t in run):
        run.append(after)
    return doc[run[0].i:run[-1].i + 1]


def _mention_words(head: Token, content: frozenset[int]) -> list[Token]:
    keep = [head]
    for child in head.children:
        if child.dep_ in NOT_MENTION_DEPS or child.i in content or child.is_space:
            continue
        keep.extend(_mention_words(child, content))
    return keep


def _as_pieces(head: Token | None, doc: Doc, pieces: Pieces) -> Pieces | None:
    if head is None:
        return None
    span = mention(head, frozenset(t.i for t in content_tokens(doc, pieces)))
    return [(span.start_char, span.end_char)]


def _span_source(span: Span) -> Span | None:
    """``span._.source``: the source mention of a span of a parsed Doc, or None."""
    head = source_token(span.doc, [(span.start_char, span.end_char)], lexicon.load(span.doc.lang_))
    return mention(head, frozenset(range(span.start, span.end))) if head is not None else None


if not Span.has_extension("source"):
    Span.set_extension("source", getter=_span_source)


# --- PolNeAR: the answer format of eval/attribution.py ---

def answer_polnear(path_in: str, path_out: str, limit: int | None = None, language: str = "en") -> int:
    """Find the source of every attribution's content in a PolNeAR file (one article a line) and write
    the scorer's answer lines. RETURNS the number of articles answered."""
    from .pipeline import load_pipeline
    nlp, lex = load_pipeline(language), lexicon.load(language)
    articles = list(_read(path_in, limit))
    with open(path_out, "w", encoding="utf-8") as out:
        docs = nlp.pipe((a["text"] for a in articles), batch_size=16, disable=NOT_NEEDED)
        for article, doc in zip(articles, docs):
            contents = [a["content"] for a in article["attributions"]]
            found = sources_in_doc(doc, contents, lex)
            answer = [{"content": c, "source": [list(p) for p in s] if s else None} for c, s in zip(contents, found)]
            out.write(json.dumps({"id": article["id"], "attributions": answer}) + "\n")
    return len(articles)


# a shorter sentence no attribution touches is a heading or a fragment, not a statement
MIN_STATEMENT_WORDS = 4


def unattributed_sentences(doc: Doc, attributions: list[dict]) -> Iterator[list[Token]]:
    """The words of each sentence of a PolNeAR article none of whose characters is part of an attribution
    (content, cue or source): PolNeAR marks every attribution, so these are the report's own statements,
    whose source is no one."""
    marked = {c for a in attributions for part in ("content", "cue", "source")
              for start, end in a[part] or () for c in range(start, end)}
    for sent in doc.sents:
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if len(words) >= MIN_STATEMENT_WORDS and not any(c in marked for c in range(sent.start_char, sent.end_char)):
            yield words


def unattributed_none_share(path_in: str, limit: int | None = None, language: str = "en") -> float:
    """The share of a PolNeAR file's unattributed sentences (unattributed_sentences) given no source."""
    from .pipeline import load_pipeline
    nlp, lex = load_pipeline(language), lexicon.load(language)
    articles = list(_read(path_in, limit))
    answers = [source_token(doc, [(words[0].idx, words[-1].idx + len(words[-1]))], lex) is None
               for article, doc in zip(articles, nlp.pipe((a["text"] for a in articles), batch_size=16,
                                                          disable=NOT_NEEDED))
               for words in unattributed_sentences(doc, article["attributions"])]
    return sum(answers) / len(answers) if answers else 0.0


def _read(path: str, limit: int | None) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        lines = (line for line in f if line.strip())
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            yield json.loads(line)
