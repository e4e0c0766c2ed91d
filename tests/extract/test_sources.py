"""find_sources: who a span of a text comes from, as the words of the text (sentences written for these tests)."""
import pytest

import headcount
from headcount.extract.sources import find_sources


def _span(text: str, words: str) -> list[tuple[int, int]]:
    start = text.index(words)
    return [(start, start + len(words))]


def _source_text(text: str, found) -> str | None:
    return None if found is None else " | ".join(text[s:e] for s, e in found)


@pytest.mark.parametrize("text, content, source", [
    # the subject of a reporting verb
    ("The regional governor said that nine miners were rescued.", "that nine miners were rescued",
     "The regional governor"),
    # "according to X"
    ("According to the harbour authority, two ferries sank overnight.", "two ferries sank overnight",
     "the harbour authority"),
    # a quotation followed by its speech tag
    ("\"We have found four more survivors,\" she said.", "\"We have found four more survivors,\"", "she"),
    # passive: "was told by"
    ("The committee was told by a senior engineer that the dam had cracked.", "that the dam had cracked",
     "a senior engineer"),
    # a pronoun source stays the pronoun as written
    ("He added that the bridge would reopen in May.", "that the bridge would reopen in May", "He"),
    # an apposition belongs to the mention, with its closing comma
    ("A spokeswoman, Mara Velden, said the road was closed.", "the road was closed", "A spokeswoman, Mara Velden,"),
    # the possessor of a speech noun
    ("The mayor's warning that the river would flood came too late.", "that the river would flood",
     "The mayor's"),
    # a tag before a colon
    ("Harbour Master: All boats must stay in port.", "All boats must stay in port", "Harbour Master"),
])
def test_source_of_a_content(text, content, source):
    assert _source_text(text, find_sources(text, [_span(text, content)])[0]) == source


def test_no_source_is_none():
    text = "The storm reached the coast on Tuesday. Two ferries sank overnight."
    assert find_sources(text, [_span(text, "Two ferries sank overnight.")]) == [None]


def test_offsets_are_exact_character_spans():
    text = "Rain fell all week. Officials at the port said two cranes had collapsed."
    found = find_sources(text, [_span(text, "two cranes had collapsed")])
    start = text.index("Officials")
    assert found == [[(start, start + len("Officials at the port"))]]


def test_a_content_in_pieces_and_several_contents():
    text = "\"The dam held,\" the engineer said, \"but the spillway did not.\" Later the minister denied it."
    pieces = _span(text, "\"The dam held,\"") + _span(text, "\"but the spillway did not.\"")
    found = find_sources(text, [pieces, _span(text, "it")])
    assert [_source_text(text, f) for f in found] == ["the engineer", "the minister"]


def test_top_level_call_and_span_extension():
    text = "The ministry said 12 workers were freed."
    assert headcount.find_sources(text, [_span(text, "12 workers were freed")]) == [[(0, 12)]]
    from headcount.extract.pipeline import load_pipeline
    doc = load_pipeline("en")(text)
    content = doc.char_span(*_span(text, "12 workers were freed")[0])
    assert content._.source.text == "The ministry"


def test_claims_read_a_speech_nouns_possessor():
    # the claims' attribution shares the mechanism: the possessor of a statement speaks for what it states
    claims = headcount.extract_text("The ministry's statement that 12 workers were freed came on Monday.")
    assert [(c.count.low, c.status, c.source.kind) for c in claims] == [(12, "freed", "government")]
    assert "ministry" in claims[0].source.text


# --- the words of speech near a content, and the sentences no attribution touches ---

def _evidence(text: str, content: str) -> list[str]:
    from headcount.extract import lexicon, source_ranker
    from headcount.extract.pipeline import load_pipeline
    doc = load_pipeline("en")(text)
    words = [t for t in doc if t.idx >= text.index(content) and t.idx < text.index(content) + len(content)]
    return source_ranker.speech_evidence(source_ranker.Context.of(words, None), lexicon.load("en"))


@pytest.mark.parametrize("text, content, where", [
    ("The storm reached the coast on Tuesday. Two ferries sank overnight.", "Two ferries sank overnight", ["none"]),
    ("The harbour master said that two ferries sank.", "that two ferries sank", ["chain", "sent"]),
    ("The harbour master spoke to reporters. Two ferries sank overnight.", "Two ferries sank overnight", ["prev"]),
    ("According to the coastguard, two ferries sank.", "two ferries sank", ["sent"]),
    ('"Two ferries sank overnight," a pilot told us.', "Two ferries sank overnight", ["chain", "sent", "quote"]),
])
def test_speech_evidence_names_where_the_words_of_speech_are(text, content, where):
    assert _evidence(text, content) == where


def test_a_sentence_no_attribution_touches_is_unattributed():
    from headcount.extract.pipeline import load_pipeline
    from headcount.extract.sources import unattributed_sentences
    text = "The storm reached the coast on Tuesday. The mayor said two ferries sank. Rain."
    said = text.index("said")
    doc = load_pipeline("en")(text)
    found = [" ".join(t.text for t in words) for words in
             unattributed_sentences(doc, [{"content": [[said + 5, len(text) - 7]], "cue": [[said, said + 4]],
                                           "source": None}])]
    assert found == ["The storm reached the coast on Tuesday"]  # "Rain." is too short to be a statement
