"""Count mentions: a number (or vague quantity) of some group of people.

A mention is found from its count words ("at least 30", "a dozen", "many",
"a Kenyan"), then tied to the noun it counts by the dependency parse, with a
short look to the right when the parse is unsure. Statuses and sources are
found later, from the mention's place in the sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from ..model import Count
from ..settings import MAX_PEOPLE
from .lexicon import Lexicon, number_value, words_value
from .sentence_ents import sentence_ents

NOT_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Mention:
    """A count of a group inside one sentence (token indices are the doc's)."""

    count: Count
    start: int                # first token of the count words
    end: int                  # one past the last token of the count words
    head: Token | None        # the noun counted; None for a bare number ("killed 38")
    anaphoric: bool = False   # "the other 14", "one" after a named group: the group is the one before
    partitive: Token | None = None  # "three of its countrymen": the token "of"
    named: bool = False       # a person named ("Ana Ruiz was kidnapped"): one person, its status said of the name
    extra: dict = field(default_factory=dict)


def find_mentions(sent: Span, lex: Lexicon) -> list[Mention]:
    """All count mentions in a sentence, left to right, without overlaps."""
    taken: set[int] = set()
    found: list[Mention] = []
    for finder in (_numeric_mentions, _vague_mentions, _singular_mentions):
        for m in finder(sent, lex):
            if any(i in taken for i in range(m.start, m.end)) or (m.head is not None and m.head.i in taken and m.head.i >= m.end):
                continue
            taken.update(range(m.start, m.end))
            if m.head is not None:
                taken.add(m.head.i)
            found.append(m)
    for m in _named_mentions(sent, lex):
        root = m.head
        if any(i in taken for i in range(m.start, m.end)) or (root.dep_ == "appos" and root.head.i in taken) or \
                any(c.dep_ == "appos" and c.i in taken for c in root.children):
            continue  # "a British survivor, Ann Lee": the person is counted once, by the words that count
        taken.update(range(m.start, m.end))
        found.append(m)
    found.extend(m for m in _pronoun_mentions(sent, lex) if m.start not in taken)
    return sorted(found, key=lambda m: m.start)


def _pronoun_mentions(sent: Span, lex: Lexicon):
    """"The gunman ... before he was shot dead": a personal pronoun that is the subject of its clause is
    one person, the one the nearest singular people noun or named person before it in the sentence
    names (``extra["antecedent"]``); with none, it is no mention."""
    for tok in sent:
        if tok.lower_ not in lex.groups["person_pronouns"] or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        antecedent = next((t for t in reversed(sent.doc[sent.start:tok.i]) if _one_person(t, lex)), None)
        if antecedent is not None:
            antecedent = person_of(antecedent)
            yield Mention(Count(1, 1, "exact", tok.text), tok.i, tok.i + 1, tok, extra={"antecedent": antecedent})


def person_of(tok: Token) -> Token:
    """The word a person is named by: "a local student" in "the gunman, a local student" is the gunman."""
    return tok.head if tok.dep_ == "appos" else tok


def _one_person(tok: Token, lex: Lexicon) -> bool:
    """A word that names one person: a singular people noun, or a named person."""
    if tok.ent_type_ in lex.groups["person_entities"] and tok.pos_ == "PROPN":
        return True
    if any(c.dep_ == "poss" for c in tok.children) and tok.lemma_.lower() not in lex.groups["compatriot_words"]:
        return False  # "my husband", "her son": a relation, which the counts leave out, as _singular_mentions does
    return tok.pos_ == "NOUN" and tok.morph.get("Number") == ["Sing"] and is_people_noun(tok, lex)


def _named_mentions(sent: Span, lex: Lexicon):
    """People named (the tagger's PERSON entities): each is one person, "Ana Ruiz" exactly 1."""
    for ent in sentence_ents(sent):
        if ent.label_ in lex.groups["person_entities"] and ent.root.pos_ == "PROPN" and not is_people_noun(ent.root, lex) \
                and not lex.country(ent.text):  # "Africans", "a fourth Briton", "Burkina Faso" tagged as persons
            yield Mention(Count(1, 1, "exact", ent.text), ent.start, ent.end, ent.root, named=True)


def is_people_noun(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    text = tok.text.lower()
    if lemma in lex.groups["not_people"] or text in lex.groups["not_people"]:
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].dep_ == "compound" and lex.nationality(f"{tok.doc[tok.i - 1].text} {tok.text}"):
        return True  # "Sri Lankans", "New Zealanders"
    return bool(lex.role_of(lemma) or lex.role_of(text) or lex.nationality(tok.text)
                or lemma in lex.groups["foreign_words"] or text in lex.groups["foreign_words"]
                or (tok.pos_ == "PROPN" and text.endswith("s") and text[:-1] in lex.groups["foreign_words"])
                or lex.status_of_group_noun(lemma))


def _number_token(tok: Token, lex: Lexicon, people_follow: bool = False) -> int | None:
    """people_follow: the tagger's DATE on a small number is overruled, people being counted right after
    ("between 35 and 40 people")."""
    if tok.ent_type_ in NOT_COUNT_ENTS and tok.ent_type_ != "CARDINAL" and \
            not (people_follow and tok.ent_type_ == "DATE" and (number_value(tok.text, lex) or 10_000) < 1000):
        return None
    if tok.lower_ in lex.counts["ordinals"]:
        return None
    return number_value(tok.text, lex)


def _number_run(sent: Span, i: int, lex: Lexicon, people_follow: bool = False) -> tuple[int, int, int] | None:
    """The number words starting at token i: (start, end, value)."""
    doc = sent.doc
    c = lex.counts
    j = i

    def number(t: Token) -> int | None:
        return _number_token(t, lex, people_follow)

    while j < sent.end and (number(doc[j]) is not None or doc[j].lower_ in c["run_scales"]
                            or (doc[j].lower_ in c["number_joiners"] and j + 1 < sent.end and number(doc[j + 1]) is not None
                                and j > i and doc[j - 1].lower_ in c["joined_scales"])
                            or (doc[j].text == "-" and j > i and j + 1 < sent.end
                                and number_value(f"{doc[j - 1].text}-{doc[j + 1].text}", lex) is not None)):
        j += 1  # ("fifty - five": the tokenizer splits a number word at its hyphen)
    if j == i:
        return None
    start = i
    if i > sent.start and doc[i - 1].lower_ in c["one_articles"] and doc[i].lower_ in c["article_scales"]:
        start = i - 1
    value = words_value(" ".join(t.text for t in doc[start:j]).replace(" - ", "-").split(), lex)
    return (start, j, value) if value is not None else None


def _phrase_before(sent: Span, i: int, phrases: list[str]) -> str | None:
    """The longest of these phrases that ends just before token i."""
    if i <= sent.start:
        return None
    doc = sent.doc
    best = None
    for p, words in _split(tuple(phrases)).get(doc[i - 1].lower_, ()):  # only those ending in that word
        k = i - len(words)
        if k >= sent.start and (best is None or len(words) > len(best.split())) and \
                all(doc[k + n].lower_ == w for n, w in enumerate(words)):
            best = p
    return best


@cache
def _split(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """The phrases by their last word, each with its words."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for p in phrases:
        words = tuple(p.split())
        index.setdefault(words[-1], []).append((p, words))
    return index


def _qualify(sent: Span, start: int, end: int, value: int, lex: Lexicon) -> tuple[Count, int]:
    """The count with its qualifier, and where its words start."""
    doc = sent.doc
    c = lex.counts
    text_start = start
    # ranges: "three or four", "20 to 30", "between 20 and 30", "20-30"
    if end + 1 < sent.end and doc[end].lower_ in c["range_connectors"]:
        run = _number_run(sent, end + 1, lex, _people_right_after(sent, end, lex))
        opened = _phrase_before(sent, start, c["range_openers"])
        if run and (doc[end].lower_ not in c["opened_range_connectors"] or opened):
            high = run[2]
            if high > value:
                first = start - len(opened.split()) if opened else start
                return Count(value, high, "range", doc[first:run[1]].text), first
    for kind in ("at_least", "more_than", "about", "at_most", "fewer_than", "exact_markers"):
        p = _phrase_before(sent, start, c[kind])
        if p is None:
            continue
        if p in c["verb_particle_caps"] and doc[start - len(p.split())].head.pos_ == "VERB":
            continue  # "revised the toll up to 16": the toll went up to 16; "up to 16 people" is a cap
        text_start = start - len(p.split())
        words = doc[text_start:end].text
        if kind == "at_least":
            return Count(value, None, "at_least", words), text_start
        if kind == "more_than":
            return Count(value + 1, None, "at_least", words), text_start
        if kind == "about":
            return Count(value, value, "about", words), text_start
        if kind == "at_most":
            return Count(None, value, "at_most", words), text_start
        if kind == "fewer_than":
            return Count(None, value - 1, "at_most", words), text_start
        return Count(value, value, "exact", words), text_start
    if any(_words_at(sent, end, suffix) for suffix in c["at_least_suffixes"]):
        return Count(value, None, "at_least", doc[start:end + 1].text), start
    if any(t.lower_ in c["approximate_groupings"] for t in doc[start:end]):
        return Count(value, value, "about", doc[start:end].text), start
    return Count(value, value, "exact", doc[start:end].text), start


def _words_at(sent: Span, i: int, phrase: str) -> bool:
    """The phrase's words are the sentence's tokens from token i on (lower case)."""
    words = phrase.split()
    return i + len(words) <= sent.end and all(sent.doc[i + n].lower_ == w for n, w in enumerate(words))


def _counted_noun(sent: Span, start: int, end: int, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """The noun a number counts, and the partitive "of" if it is "N of X"."""
    doc = sent.doc
    last = doc[end - 1]
    if end < sent.end and doc[end].lower_ in lex.cues["partitive_words"]:
        of = doc[end]
        objs = [t for t in of.children if t.dep_ == "pobj"]
        obj = objs[0] if objs else (doc[end + 1] if end + 1 < sent.end else None)
        if obj is not None and (obj.lower_ in lex.cues["definite_articles"] or obj.lower_ in lex.cues["possessives"]) \
                and obj.i + 1 < sent.end:
            obj = doc[obj.i + 1]
        return obj, of
    head = last.head
    if head.i >= end and (head.pos_ in NOUN_POS | {"ADJ"} or lex.nationality(head.text)) and head.i - end <= 4 \
            and head.sent == sent:
        return head, None  # (a demonym the tagger took for something else is still the people counted)
    # the parse is often unsure after numbers: look a few words right for a people noun
    for j in range(end, min(end + 4, sent.end)):
        t = doc[j]
        if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "CCONJ", "SCONJ", "PRON") and t.lower_ not in ("-",):
            break
        if is_people_noun(t, lex) and (j + 1 >= sent.end or not is_people_noun(doc[j + 1], lex) or doc[j + 1].pos_ not in NOUN_POS):
            return t, None
    return None, None


def _numeric_mentions(sent: Span, lex: Lexicon):
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        people_follow = doc[i].ent_type_ == "DATE" and _people_right_after(sent, i, lex)
        run = _number_run(sent, i, lex, people_follow)
        if run is None:
            i += 1
            continue
        start, end, value = run
        i = end
        if not people_follow and _is_not_a_count(sent, start, end, lex):
            continue
        count, text_start = _qualify(sent, start, end, value, lex)
        if max(value, count.high or 0) > MAX_PEOPLE:
            continue  # more than live on Earth: not a count of people
        if count.qualifier == "range":
            while end < sent.end and (number_value(doc[end].text, lex) is not None or doc[end].lower_ in lex.counts["range_connectors"]):
                end += 1
            i = end
        noun, of = _counted_noun(sent, start, end, lex)
        if noun is not None and noun.pos_ == "PRON" and of is None and not lex.nationality(noun.text):
            noun = None
        if noun is not None and noun.pos_ == "NOUN" and lex.status_of_participle(noun.text):
            noun = None  # "126 freed": a participle tagged as a noun counts no one; the number stands alone
        if noun is not None and not is_people_noun(noun, lex) and not (of is not None and noun.pos_ == "PRON"):
            if noun.lemma_.lower() in lex.groups["not_people"] or noun.pos_ in NOUN_POS:
                continue
            noun = None
        # a bare number refers back to the group just named ("Of the 17, 3 were freed"), unless it is what
        # a verb acts on: "the attack which killed 38" counts people, not more of the gunmen
        acted_on = noun is None and doc[end - 1].dep_ == "dobj" and doc[end - 1].head.pos_ == "VERB"
        anaphoric = (noun is None and not acted_on) or (of is not None and noun is not None and noun.pos_ == "PRON") or any(
            t.lower_ in lex.counts["anaphoric_words"] for t in doc[max(sent.start, text_start - 2):end + 1])
        yield Mention(count, text_start, end, noun, anaphoric=anaphoric, partitive=of)


def _people_right_after(sent: Span, i: int, lex: Lexicon) -> bool:
    """A people noun within four tokens after token i, with only number words and range connectors ("and",
    "to", "or") between."""
    doc = sent.doc
    for j in range(i + 1, min(i + 5, sent.end)):
        if is_people_noun(doc[j], lex):
            return True
        if not (doc[j].like_num or doc[j].lower_ in lex.counts["range_connectors"]):
            return False
    return False


def _is_not_a_count(sent: Span, start: int, end: int, lex: Lexicon) -> bool:
    """Dates, ages, times, distances, money and ordinals are not counts of people."""
    doc = sent.doc
    if any(t.ent_type_ in NOT_COUNT_ENTS for t in doc[start:end]):
        nxt = doc[end] if end < sent.end else None
        if not (nxt is not None and is_people_noun(nxt, lex)):
            return True
    c = lex.counts
    prev = doc[start - 1] if start > sent.start else None
    nxt = doc[end] if end < sent.end else None
    if prev is not None and (prev.text in c["not_count_marks_before"] or prev.lower_ in c["not_count_words_before"]):
        return True
    if nxt is not None and (nxt.text in c["not_count_marks_after"] or nxt.lower_ in c["not_count_words_after"]
                            or nxt.lower_ in c["age_words"] or any(nxt.lower_.startswith("-" + w) for w in c["age_words"])):
        return True  # "12%", "9 pm", "12 years", "a 12-year-old"
    if nxt is not None and nxt.text == "-" and end + 1 < sent.end and doc[end + 1].lower_ in c["age_words"]:
        return True
    if doc[start].like_num and prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ == "DATE":
        return True
    return False


def _vague_mentions(sent: Span, lex: Lexicon):
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        hit = next((words for words in lex.vague_by_first_word.get(doc[i].lower_, ())
                    if tuple(t.lower_ for t in doc[i:i + len(words)]) == words), None)
        if hit is None:
            i += 1
            continue
        end = i + len(hit)
        noun, of = None, None
        if end < sent.end and doc[end].lower_ in lex.cues["partitive_words"]:
            noun, of = _counted_noun(sent, end - 1, end, lex)
        else:
            for j in range(end, min(end + 4, sent.end)):
                t = doc[j]
                if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "CCONJ", "SCONJ") and t.tag_ not in ("VBN", "JJ"):
                    break
                if is_people_noun(t, lex) and (j + 1 >= sent.end or not (is_people_noun(doc[j + 1], lex) and doc[j + 1].pos_ in NOUN_POS)):
                    noun = t
                    break
        if noun is not None and (is_people_noun(noun, lex) or (of is not None and noun.pos_ == "PRON")):
            yield Mention(Count(None, None, "vague", doc[i:end].text), i, end, noun, partitive=of,
                          anaphoric=noun.pos_ == "PRON")
            i = max(end, noun.i + 1) if noun.i < end + 4 else end
        else:
            i = end


def _singular_mentions(sent: Span, lex: Lexicon):
    """"a Kenyan", "A British man", "their compatriot", "one Belgian": exactly one person."""
    doc = sent.doc
    c = lex.counts
    dets = c["singular_determiners"]
    for tok in sent:
        if tok.tag_ not in ("NN", "NNP", "JJ") or not is_people_noun(tok, lex):
            continue
        if tok.tag_ == "JJ" and not lex.nationality(tok.text):
            continue
        if tok.tag_ == "JJ" and tok.head.pos_ in NOUN_POS and tok.head.i > tok.i:
            continue  # "a French company": the demonym modifies another noun
        j = tok.i - 1
        while j >= sent.start and (doc[j].pos_ in ("ADJ", "PROPN", "NOUN", "VERB") and doc[j].dep_ in ("amod", "compound", "nmod")
                                   or doc[j].text in ("-",)):
            j -= 1
        if j < sent.start:
            continue
        det = doc[j]
        if det.lower_ not in dets:
            continue
        if det.lower_ in c["compatriot_determiners"] and tok.lemma_.lower() not in lex.groups["compatriot_words"]:
            continue
        if det.lower_ in c["one_articles"] and j > sent.start and doc[j - 1].lower_ in lex.cues["partitive_words"] \
                and doc[j - 2].lower_ in c["quantity_nouns"]:
            continue  # "a number of a ...": no single person
        rank = c["ordinals"].get(doc[j + 1].lower_) if j + 1 < tok.i else None
        if rank and det.lower_ in c["ordinal_determiners"]:
            # "a fourth Briton has died": the fourth of them, so four in all
            yield Mention(Count(rank, rank, "exact", doc[j:j + 2].text), j, j + 2, tok)
            continue
        yield Mention(Count(1, 1, "exact", det.text), j, j + 1, tok)
