"""Named people a report says were affected: victims, hostages, survivors, attackers killed or captured.

``headcount_people`` (added after ``headcount_claims``) reads the Doc the claims component has read: the
tagger's person entities, the parse, and every claim that component found, each with the token of the
person or group it counts (``components.STATUS_PARTS``). A name is one person of the report; its other
mentions (surname only, title and surname, a first name after a relation: "his son Adrian") are resolved
to it. A person is affected when a status is said of them: a claim about their name, about the noun in
apposition to it ("an injured survivor, Ana Ruiz"), a clause of their own, a group they are named as part
of ("those killed, including Ana Ruiz") or named as ("the first victim was named as Ana Ruiz"). People who
only speak (officials, spokespeople, journalists) have no status and are left out.

The people go to ``doc._.people`` (plain ``PersonParts``) and their mentions to ``doc.spans["people"]``;
``to_model.people_from_doc`` makes them ``model.Person``. Word lists are in ``patterns/people.json`` and
``patterns/fr/people.json``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..model import Count, Group, Source
from . import attribution, groups, lexicon, statuses
from .components import STATUS_PARTS, ClaimParts, _hostage_story, _time_words
from .facts import report_facts
from .mentions import Mention, is_people_noun

VICTIM_STATUSES = ("killed", "injured", "taken", "held", "freed", "escaped", "missing")
CAPTIVITY = ("taken", "held", "freed")


@dataclass
class StatusParts:
    """A status of a named person as the component finds it, before it is tied to a report."""

    status: str
    start_char: int
    end_char: int
    source: Source | None       # None: the report's own voice
    modality: str
    when: str | None = None     # the clause's time words, resolved in to_model


@dataclass
class PersonParts:
    """A named person of one Doc: the fullest name, every mention, and what the text says of them."""

    name: str
    mentions: list[tuple[int, int]]
    nationality: str | None = None
    age: int | None = None
    sex: str | None = None
    home_town: str | None = None
    employer: str | None = None
    role: str = "unspecified"
    statuses: list[StatusParts] = field(default_factory=list)


@dataclass
class _Name:
    """One mention of a name: its tokens (title included), its words without title."""

    start: int
    end: int
    root: Token
    words: list[str]
    title: str | None = None
    kin: Token | None = None        # the relation noun it is the first name after ("his son Adrian")
    first_only: bool = False        # a first name whose surname comes from elsewhere (kin, coordination)
    surname: str | None = None      # that surname


@dataclass
class _Person:
    first: str | None
    last: str
    names: list[_Name] = field(default_factory=list)
    relative: _Person | None = None

    @property
    def full(self) -> str:
        full = max((n.words for n in self.names if not n.first_only), key=len, default=[])
        if len(full) >= 2:
            return " ".join(full)
        return " ".join(w for w in (self.first, self.last) if w)


def _proper_nouns(doc: Doc) -> list[Token]:
    """The Doc's proper nouns, found from its array of tags rather than by making every token."""
    tags = doc.to_array([POS])
    return [doc[int(i)] for i in (tags == PROPN).nonzero()[0]]


@cache
def words(language: str) -> dict:
    """The people lexicon of a language (patterns/people.json, patterns/<language>/people.json)."""
    return lexicon._load_json("people.json", as_sets=True, language=language)


if not Doc.has_extension("people"):
    Doc.set_extension("people", default=None)


@Language.factory(
    "headcount_people",
    assigns=["doc.spans", "doc._.people"],
    requires=["doc.ents", "token.dep", "doc._.claim_parts"],
    default_config={"spans_key": "people", "language": "en", "context_share": 0.5, "context_claims": 2},
)
def make_people_component(nlp: Language, name: str, spans_key: str, language: str, context_share: float,
                          context_claims: int):
    return PeopleComponent(nlp, name, spans_key=spans_key, language=language, context_share=context_share,
                           context_claims=context_claims)


class PeopleComponent:
    """Finds the named people a Doc says were affected, with their statuses and what is said of them.

    spans_key (str): the key of ``doc.spans`` the mentions go to (labelled with the person's name).
    context_share (float), context_claims (int): a named victim of no stated nationality takes the
        nationality of the report's counted victims when more than this share of the victim claims that give
        a nationality give that one, and at least this many do.
    """

    def __init__(self, nlp: Language, name: str = "headcount_people", *, spans_key: str = "people",
                 language: str = "en", context_share: float = 0.5, context_claims: int = 2):
        self.name = name
        self.spans_key = spans_key
        self.lex = lexicon.load(language)
        self.words = words(language)
        self.context_share = context_share
        self.context_claims = context_claims

    def __call__(self, doc: Doc) -> Doc:
        people = self.match(doc)
        spans = []
        for p in people:
            for s, e in p.mentions:
                span = doc.char_span(s, e, label=p.name, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.people = people
        return doc

    # -- finding names -------------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[PersonParts]:
        names = self._names(doc)
        if not names:
            return []
        people = self._resolve(names)
        self._said_again(doc, people)
        parts = doc.user_data.get(STATUS_PARTS) or []
        by_head: dict[int, list[ClaimParts]] = {}
        for p, head in parts:
            if head is not None:
                by_head.setdefault(head, []).append(p)
        context = self._context_nationality(parts)
        hostage_story = None
        found = []
        for person in people:
            out = self._person(doc, person, by_head, parts)
            if out is None:
                continue
            if out.nationality is None and person.relative is not None:
                out.nationality = self._stated_nationality(person.relative)
            if out.nationality is None and out.role not in ("attacker", "security"):
                out.nationality = context
            if out.role == "unspecified":
                if hostage_story is None:
                    hostage_story = _hostage_story(doc, self.lex)
                out.role = "hostage" if hostage_story else "civilian"
            found.append(out)
        return found

    def _names(self, doc: Doc) -> list[_Name]:
        """Every name of a person in the Doc, in order: the tagger's person entities, names it labelled
        otherwise that a people noun stands in apposition to, first names after a relation noun, and
        later any token or entity that repeats a name found."""
        lex, w = self.lex, self.words
        people_labels = lex.groups["person_entities"]
        found: list[_Name] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in people_labels:
                if not any(t.pos_ == "PROPN" for t in ent) or (ent.root.pos_ == "PROPN" and is_people_noun(ent.root, lex)) \
                        or lex.country(ent.text) \
                        or lex.nationality(ent.text):
                    continue
            elif ent.label_ in w["name_labels"]:
                if not (len(ent) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent)
                        and self._described_as_person(ent.root)) or lex.country(ent.text):
                    continue
            else:
                continue
            name = self._name(doc, ent.start, ent.end)
            if name is not None:
                if len(name.words) == 1 and name.title is None and (kin := self._kin_of(name.root)) is not None:
                    name.kin, name.first_only = kin, True  # "Murphy's husband, Michael"
                found.append(name)
                taken.update(range(name.start, name.end))
        datelines: list[tuple[int, int]] = []  # computed at the first name that is not a known place
        found = [n for n in found if not self._is_place(doc, n, datelines)]
        taken = {i for n in found for i in range(n.start, n.end)}
        proper = _proper_nouns(doc)
        for tok in proper:  # a name the tagger left out, which a people noun in apposition describes
            if tok.i in taken or tok.ent_type_ or tok.pos_ != "PROPN" or tok.dep_ == "compound" or \
                    not tok.text[:1].isupper() or not self._described_as_person(tok):
                continue
            start = tok.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" and \
                    doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_:
                start -= 1
            if start < tok.i and not lex.country(doc[start:tok.i + 1].text) and \
                    (name := self._name(doc, start, tok.i + 1)) is not None and \
                    not self._is_place(doc, name, datelines):
                found.append(name)
                taken.update(range(name.start, name.end))
        for tok in proper:  # "his son Adrian", "Murphy's husband, Michael"
            if tok.i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or lex.nationality(tok.text):
                continue
            kin = self._kin_of(tok)
            if kin is not None:
                found.append(_Name(tok.i, tok.i + 1, tok, [tok.text], kin=kin, first_only=True))
                taken.add(tok.i)
        found.sort(key=lambda n: n.start)
        self._coordinated_surnames(found)
        return found

    def _is_place(self, doc: Doc, n: _Name, datelines: list[tuple[int, int]]) -> bool:
        """Places are not people: a name that is a place of the report (``facts.report_facts``: a place after
        "in", "at"..., a dateline's first words), a known city, region or country (cities.tsv, places.tsv), or
        any word of the report's dateline ("PORT ALDER, Velmora (Coastline Wire) -", where the tagger may take
        "Velmora" for a person)."""
        text = " ".join(n.words).lower()
        if text in self.lex.cities or self.lex.country(text) or text in report_facts(doc.text).places:
            return True
        start, end = doc[n.start].idx, doc[n.end - 1].idx + len(doc[n.end - 1])
        if not datelines:
            datelines.extend(self._datelines(doc) or [(-1, -1)])
        return any(s <= start and end <= e for s, e in datelines)

    def _datelines(self, doc: Doc) -> list[tuple[int, int]]:
        """The character spans of the report's datelines: a paragraph's opening of a few words, the first in
        capitals or a known place, ended by an outlet's bracket or a dash (people.json: dateline_marks,
        dateline_words)."""
        w, text = self.words, doc.text
        most = max(w["dateline_words"])
        out = []
        for start in [0] + [m.end() for m in re.finditer("\n", text[:4000])]:
            line = text[start:start + 120]
            cut = min((k for k in (line.find(m) for m in w["dateline_marks"]) if k > 0), default=-1)
            if cut < 0:
                continue
            head = line[:cut]
            if "\n" in head or not head.strip():
                continue
            words = head.replace(",", " ").split()
            first = words[0].strip(".")
            if len(words) <= most and (first.isupper() and len(first) > 1 or self.lex.country(first)
                                       or first.lower() in self.lex.cities):
                out.append((start, start + cut))
        return out

    def _said_again(self, doc: Doc, people: list[_Person]) -> None:
        """A person's full name, or the given name they were first named by alone, said again where the
        tagger made something else of it ("the council where Adrian Evans worked", "Adrian's family")."""
        taken = {i for p in people for n in p.names for i in range(n.start, n.end)}
        full = {p.full: p for p in people if len(p.full.split()) >= 2}
        # a given name alone: of a relative named by it ("his son Adrian"), or of the one person named in full
        # with it ("Amara Okafor ... said Amara, 19, was ...")
        given = Counter(p.first for p in people if p.first)
        firsts = {p.first: p for p in people if p.first and (any(n.first_only and n.kin is not None for n in p.names)
                                                              or given[p.first] == 1 and len(p.full.split()) >= 2)}
        surnames = {p.last: p for p in people if p.first and p.last}
        for ent in doc.ents:
            if ent.start not in taken and len(ent) == 1 and ent.label_ in self.words["name_labels"] and \
                    ent.text in surnames and ent.root.pos_ == "PROPN":
                surnames[ent.text].names.append(_Name(ent.start, ent.end, ent.root, [ent.text]))
                taken.add(ent.start)
                continue
            if ent.start not in taken and ent.text in full:
                full[ent.text].names.append(_Name(ent.start, ent.end, ent.root, ent.text.split()))
                taken.update(range(ent.start, ent.end))
        for tok in (_proper_nouns(doc) if firsts else ()):
            if tok.i not in taken and tok.pos_ == "PROPN" and tok.text in firsts and \
                    not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
                firsts[tok.text].names.append(_Name(tok.i, tok.i + 1, tok, [tok.text]))
                taken.add(tok.i)
        for p in people:
            p.names.sort(key=lambda n: n.start)

    def _name(self, doc: Doc, start: int, end: int) -> _Name | None:
        """The name of an entity's tokens: a title inside it or just before it is kept in the mention and
        left out of the name; a possessive ending is no part of it."""
        w = self.words
        titles = w["titles"] | w["female_titles"] | w["male_titles"]
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in self.lex.cues["possessive_clitics"]):
            end -= 1
        title = None
        words = [t.text for t in doc[start:end]]
        if words and words[0].lower().rstrip(".") in titles and len(words) >= 2:
            title, words = words[0], words[1:]
        elif start > 0 and doc[start - 1].lower_.rstrip(".") in titles and doc[start - 1].text[:1].isupper():
            title, start = doc[start - 1].text, start - 1
        if not words:
            return None
        return _Name(start, end, doc[start:end].root, words, title=title)

    def _described_as_person(self, root: Token) -> bool:
        """A people noun or a relation stands in apposition to the name ("Ana Ruiz, an employee of ...")."""
        for t in [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else []):
            if t.pos_ == "NOUN" and (is_people_noun(t, self.lex) or t.lemma_.lower() in self.words["kin_nouns"]):
                return True
        return False

    def _kin_of(self, tok: Token) -> Token | None:
        """The relation noun a lone given name follows or stands in apposition to: "his son Adrian"."""
        kin = self.words["kin_nouns"]
        if tok.dep_ in ("appos", "compound", "nmod", "flat") and tok.head.lemma_.lower() in kin and \
                tok.head.i < tok.i and not any(c.pos_ == "PROPN" and c.dep_ == "compound" for c in tok.children):
            return tok.head
        return None

    def _coordinated_surnames(self, names: list[_Name]) -> None:
        """"Gavriel and Rivka Holtzberg": a lone given name coordinated with a full name shares its surname."""
        for a, b in zip(names, names[1:]):
            if len(a.words) == 1 and len(b.words) >= 2 and a.kin is None and \
                    (b.root.dep_ == "conj" and b.root.head.i == a.root.i or
                     a.root.dep_ == "conj" and a.root.head.i == b.root.i) and \
                    b.start - a.end == 1 and a.root.doc[a.end].pos_ == "CCONJ":
                a.first_only, a.surname = True, b.words[-1]

    def _resolve(self, names: list[_Name]) -> list[_Person]:
        """The people the names are: a full name is a person; a surname alone, or a title and surname, is
        the last person before it of that surname; a given name alone is the person of that given name
        (after a relation noun: the relative's given name and surname)."""
        people: list[_Person] = []

        def find(first: str | None, last: str | None) -> _Person | None:
            for p in reversed(people):
                if last is not None and p.last == last and (first is None or p.first in (None, first)):
                    return p
                if last is None and first is not None and p.first == first:
                    return p
            return None

        for n in names:
            person = None
            if n.first_only:
                last = n.surname or self._relative_surname(n, people)
                person = find(n.words[0], last) if last else find(n.words[0], None)
                if person is None:
                    person = _Person(n.words[0], last or "")
                    if n.kin is not None:
                        person.relative = self._relative(n, people)
                    people.append(person)
            elif len(n.words) == 1:
                person = self._by_title_sex(n, people) or find(None, n.words[0]) or find(n.words[0], None)
                if person is None:
                    person = _Person(None, n.words[0])
                    people.append(person)
            else:
                first, last = n.words[0], n.words[-1]
                person = find(first, last)
                if person is None:
                    person = _Person(first, last)
                    people.append(person)
                elif person.first is None:
                    person.first = first
            person.names.append(n)
        return people

    def _by_title_sex(self, n: _Name, people: list[_Person]) -> _Person | None:
        """A title's sex picks between people of one surname: "Ms Halvorsen" after "Ingrid Halvorsen and Lars
        Halvorsen" is the last of them who is not a man (by title or given name, ``_person_sex``)."""
        sex = self._title_sex(n.title)
        same = [p for p in people if p.last == n.words[0]]
        if sex is None or len(same) < 2:
            return None
        agree = [p for p in same if self._person_sex(p) in (sex, None)]
        known = [p for p in agree if self._person_sex(p) == sex]
        return (known or agree or [None])[-1]

    def _title_sex(self, title: str | None) -> str | None:
        if not title:
            return None
        t = title.lower().rstrip(".")
        return "female" if t in self.words["female_titles"] else "male" if t in self.words["male_titles"] else None

    def _person_sex(self, person: _Person) -> str | None:
        """The sex a person's names tell: a title of theirs, else their given name (people.json
        female_given_names, male_given_names: the English file's for every language, with the language's own)."""
        for n in person.names:
            if (sex := self._title_sex(n.title)) is not None:
                return sex
        first = (person.first or "").lower()
        for key, sex in (("female_given_names", "female"), ("male_given_names", "male")):
            if first in self.words[key] or first in words("en")[key]:
                return sex
        return None

    def _relative(self, n: _Name, people: list[_Person]) -> _Person | None:
        """The person a relation noun is of: its possessor's name ("Murphy's husband"), or for "his", "her",
        the last person named before it."""
        poss = next((c for c in n.kin.children if c.dep_ == "poss" or c.i < n.kin.i and
                     c.lower_ in self.words["possessive_determiners"]), None)
        if poss is None:
            return None
        if poss.pos_ == "PROPN":
            for p in reversed(people):
                if any(m.start <= poss.i < m.end for m in p.names):
                    return p
            return None
        before = [p for p in people if p.names and p.names[0].start < n.start]
        return before[-1] if before else None

    def _relative_surname(self, n: _Name, people: list[_Person]) -> str | None:
        rel = self._relative(n, people) if n.kin is not None else None
        return rel.last or None if rel is not None else None

    # -- what is said of a person --------------------------------------------------------------------

    def _person(self, doc: Doc, person: _Person, by_head, parts) -> PersonParts | None:
        found: list[StatusParts] = []
        seen: set[tuple[str, int, int]] = set()
        groups_said: list[Group] = []
        for n in person.names:
            for st, group in self._statuses(doc, n, by_head, parts):
                key = (st.status, st.start_char, st.end_char)
                if key not in seen and st.status not in {s.status for s in found}:
                    seen.add(key)
                    found.append(st)
                if group is not None:
                    groups_said.append(group)
        if not found:
            return None
        out = PersonParts(name=person.full, mentions=[(doc[n.start].idx, doc[n.end - 1].idx + len(doc[n.end - 1]))
                                                       for n in person.names], statuses=found)
        out.nationality = self._stated_nationality(person) or \
            next((g.nationality for g in groups_said if g.nationality), None)
        roles = [g.role for g in groups_said if g.role != "unspecified"] + \
            [r for n in person.names if (r := self._title_role(n))]
        out.role = next((r for r in roles if r in ("attacker", "security")), roles[0] if roles else "unspecified")
        if out.role not in ("attacker", "security") and any(s.status in CAPTIVITY for s in found):
            out.role = "hostage"  # taken, held or freed: a captive, whatever noun the text gives them
        for n in person.names:
            near = self._near(n)
            out.age = out.age or self._age(n, near)
            out.sex = out.sex or self._sex(n, near)
            out.home_town = out.home_town or self._home_town(near)
            out.employer = out.employer or self._employer(near)
        return out

    def _near(self, n: _Name) -> list[Token]:
        """The words that describe the named person: the name, the nouns in apposition to it (or it to),
        and, for a name coordinated with another, the other's apposition ("Ana and Luis Pardo, the
        directors of ...")."""
        root = n.root
        # (a noun in apposition that has a name of its own is another person: "Ana Ruiz, her husband Luis")
        near = [root] + [c for c in root.children if c.dep_ == "appos" and
                         not any(x.pos_ == "PROPN" and x.dep_ in ("appos", "compound") for x in c.children)]
        if root.dep_ == "appos":
            near.append(root.head)
        if n.kin is not None:
            near.append(n.kin)
        if root.dep_ == "conj":
            near.extend(c for c in root.head.children if c.dep_ == "appos")
            # "two Polish hikers, Anna Nowak and Tomasz Nowak": the later conjunct is in apposition to the noun
            # too, which the parser may also make a conjunct ("two Norwegian hostages, Ingrid ... and Lars ...")
            first = root
            while first.dep_ in ("conj", "compound", "flat") and first.head.pos_ == "PROPN" and first.head.i != first.i:
                first = first.head
            noun = first.head
            if noun.pos_ == "NOUN" and is_people_noun(noun, self.lex) and noun.i < first.i and noun not in near and \
                    (first.dep_ == "appos" or first.dep_ == "conj" and first.doc[first.left_edge.i - 1].is_punct):
                near.append(noun)
        for c in root.children:
            if c.dep_ == "conj" and c.pos_ == "PROPN":
                near.extend(x for x in c.children if x.dep_ == "appos")
        return near

    def _statuses(self, doc: Doc, n: _Name, by_head, parts) -> list[tuple[StatusParts, Group | None]]:
        """The statuses said of one mention: claims about its words (or the noun in apposition), its own
        clause, a group it is named part of, a person described before that it names."""
        lex = self.lex
        near = self._near(n)
        heads = dict.fromkeys([t.i for t in near] + list(range(n.start, n.end)))
        hits = [p for h in heads for p in by_head.get(h, ())]
        if hits:
            return [(StatusParts(p.status, p.start_char, p.end_char, p.source, p.modality, p.when), p.group)
                    for p in hits]
        sent = self._sentence(n.root)
        mention = Mention(Count(1, 1, "exact", n.root.text), n.start, n.end, n.root, named=True)
        own = self._speaker_phrase(n)
        hit = statuses.find_status(sent, mention, lex)
        group = None
        if hit is None or not self._own_status(own, hit.cue):
            hit, group = self._part_of(n.root, by_head)
        if hit is None:
            named, group = self._named_as(n.root, by_head, parts)
            if isinstance(named, StatusParts):
                return [(named, group)]
            hit = named
        if hit is None and own is None:
            hit = self._in_care(n.root)
        if hit is None and own is None:
            hit = self._subjectless_predicate(n)
        if hit is None and own is None:
            hit = self._reported_as(n)
        if hit is None and n.kin is not None:  # "son fils Karim avait été blessé": the relation noun's clause
            kin = Mention(Count(1, 1, "exact", n.kin.text), n.kin.i, n.kin.i + 1, n.kin, named=True)
            hit = statuses.find_status(sent, kin, lex)
        if hit is None or not self._own_status(own, hit.cue):
            hit = self._listed_with(n)
        if hit is None or not self._own_status(own, hit.cue):
            return []
        start, end = self._clause(sent, n, hit.cue)
        return [(StatusParts(hit.status, start, end, self._source(sent, hit.cue, n.root, parts), hit.modality,
                             _time_words(sent, hit.cue)), group)]

    def _speaker_phrase(self, n: _Name) -> Token | None:
        """A speaker is no person affected: when the name (or the noun it is in apposition to: "Their father,
        Dr Emeka Okafor, said ...") is the subject of a reporting verb, the subject it is; else None."""
        t = n.root.head if n.root.dep_ == "appos" else n.root
        if n.kin is not None and t is n.root and n.root.head.i == n.kin.i:
            t = n.kin
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in self.lex.cues["reporting_verbs"]:
            return t
        return None

    def _own_status(self, speaker: Token | None, cue: Token) -> bool:
        """A status is a speaker's own only when their own phrase says it ("X, who was injured, said"); one in
        what they say (the reporting verb's clauses: people.json speaker_dependents) or the saying itself
        is of others."""
        if speaker is None:
            return True
        verb = speaker.head
        if cue.i == verb.i:
            return False
        for c in verb.children:
            if c.dep_ in self.words["speaker_dependents"] and c.left_edge.i <= cue.i <= c.right_edge.i:
                return False
        return True

    def _part_of(self, root: Token, by_head) -> tuple[statuses.StatusHit | None, Group | None]:
        """"those killed in the attack, including Ana Ruiz": a name after a part preposition is in the
        status of the nearest people word before the preposition that has one."""
        lex = self.lex
        t = root
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        prep = t.head
        if not (t.dep_ == "pobj" and prep.lower_ in lex.cues["part_prepositions"]):
            return None, None
        sent = root.sent
        for cand in reversed(sent.doc[sent.start:prep.i]):
            if cand.pos_ not in ("NOUN", "PRON", "PROPN"):
                continue
            if cand.i in by_head:
                p = by_head[cand.i][0]
                return statuses.StatusHit(p.status, cand, p.modality), p.group
            for c in cand.children:
                if c.dep_ in ("acl", "relcl", "amod") and (s := statuses.status_word(c, lex)):
                    return statuses.StatusHit(s, c, statuses.modality_of(c, cand, lex)), None
        return None, None

    def _named_as(self, root: Token, by_head, parts):
        """"The first victim has been named as Ana Ruiz": the name is the naming verb's subject, in its
        status; a subject that only counts ("one has been named as ...") is one of the group of the claim
        before it, in that claim's status."""
        w, lex = self.words, self.lex
        prep = root.head
        if not (root.dep_ == "pobj" and prep.lower_ in w["naming_prepositions"]):
            return None, None
        # "named as X", "named in reports as X": the verb the preposition (or the phrase it hangs on) is of
        verb = next((t for t in [prep.head, prep.head.head.head][:1 + (prep.head.dep_ == "pobj")]
                     if t.lemma_.lower() in w["naming_verbs"]), None)
        if verb is None:
            return None, None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None, None
        if subject.i in by_head:
            p = by_head[subject.i][0]
            return StatusParts(p.status, p.start_char, p.end_char, p.source, p.modality, p.when), p.group
        sent = root.sent
        if subject.pos_ in ("NOUN", "PROPN"):
            described = Mention(Count(1, 1, "exact", subject.text), subject.i, subject.i + 1, subject)
            return statuses.find_status(sent, described, lex), groups.classify(described, None, None, lex, False)
        before = [p for p, _ in parts if p.end_char <= subject.idx and p.group.side == "other"
                  and (p.count.low or 0) > 1 and p.status in VICTIM_STATUSES]
        if subject.pos_ in ("NUM", "PRON") and before:
            p = before[-1]
            return StatusParts(p.status, p.start_char, p.end_char, p.source, p.modality, p.when), p.group
        return None, None

    def _listed_with(self, n: _Name) -> statuses.StatusHit | None:
        """A name listed with another whose clause gives it a status shares that status: a conjunct ("Ana
        Ruiz, her son Luis and ..."), an item the parser hung on the predicate beside the named subject, or
        a companion ("Ana Ruiz, along with her nephew Luis Pardo, is among the dead")."""
        lex = self.lex
        t = n.kin if n.kin is not None else (n.root.head if n.root.dep_ == "appos" else n.root)
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        others: list[Token] = []
        if t is not n.root and t.i not in range(n.start, n.end) and t.pos_ == "PROPN":
            others.append(t)
        if t.dep_ in ("dep", "appos", "npadvmod"):
            others.extend(c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass", "attr") and c.i < t.i
                          and c.pos_ == "PROPN")
        if t.dep_ == "pobj" and t.head.lower_ in self.words["company_prepositions"]:
            owner = t.head
            while owner.dep_ == "prep" and owner.head.i != owner.i:
                owner = owner.head
            if owner.dep_ == "appos":
                owner = owner.head
            if owner.pos_ == "PROPN":
                others.append(owner)
        sent = n.root.sent
        for other in others:
            hit = statuses.find_status(sent, Mention(Count(1, 1, "exact", other.text), other.i, other.i + 1, other,
                                                     named=True), lex)
            if hit is not None:
                return hit
        return None

    @staticmethod
    def _sentence(tok: Token) -> Span:
        """The token's sentence, with the next when the parser cut one in two: a sentence that begins with a
        comma goes on the one before ("Le ressortissant danois Søren Kjaer, 48 ans | , a été retrouvé mort")."""
        sent = tok.sent
        doc, end = sent.doc, sent.end
        while end < len(doc) and doc[end].text == ",":
            end = doc[end].sent.end
        return sent if end == sent.end else doc[sent.start:end]

    def _subjectless_predicate(self, n: _Name) -> statuses.StatusHit | None:
        """A name the parser left out of the clause it is the subject of ("Le ressortissant danois Søren
        Kjaer, 48 ans, a été retrouvé mort", where "danois" is taken for a verb): the first verb after the
        name, past its apposition, that has no subject of its own and no other noun before it, with its
        status (or that of its complement: "retrouvé mort"). The verb may be the one the parser hung the name
        on by another label ("Deux randonneurs, Julie et Luc Martens, ont été secourus": an "obl")."""
        doc, sent = n.root.doc, self._sentence(n.root)
        start = n.end
        if start < sent.end and doc[start].text == ",":  # past the apposition: ", 61 ans,"
            start = next((j + 1 for j in range(start + 1, min(start + 8, sent.end)) if doc[j].text == ","), start)
        for j in range(start, sent.end):
            x = doc[j]
            if x.pos_ in ("NOUN", "PROPN", "PRON") and not (x.head.i in range(n.start, j) or x.i in range(n.start, n.end)):
                return None  # someone else's clause
            if x.pos_ != "VERB":
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children) or \
                    x.lemma_.lower() in self.lex.cues["reporting_verbs"]:
                return None
            for cue in [x] + [c for c in x.children if c.dep_ in ("xcomp", "acomp", "oprd", "attr")]:
                if (status := statuses.status_word(cue, self.lex)):
                    return statuses.StatusHit(status, cue, statuses.modality_of(cue, n.root, self.lex))
            return None
        return None

    def _reported_as(self, n: _Name) -> statuses.StatusHit | None:
        """"Giulia Ferri a été portée disparue", "Ana Ruiz was reported missing": a reporting verb in the
        passive, whose subject is the name (or the noun it is in apposition to), says the status of its
        complement of the subject."""
        t = n.root
        while t.dep_ in ("appos", "conj", "compound", "flat") and t.head.i != t.i:
            t = t.head
        verb = t.head
        if t.dep_ not in ("nsubjpass", "nsubj") or verb.lemma_.lower() not in self.lex.cues["reporting_verbs"] or \
                not any(c.dep_ == "auxpass" for c in verb.children):
            return None
        for c in verb.children:
            if c.dep_ in ("xcomp", "oprd", "acomp") and (status := statuses.status_word(c, self.lex)):
                return statuses.StatusHit(status, c, statuses.modality_of(c, n.root, self.lex))
        return None

    def _in_care(self, root: Token) -> statuses.StatusHit | None:
        """"Ana Ruiz remains in intensive care": the predicate of the name (or of the noun it is in
        apposition to) holds a phrase of hospital care: injured."""
        t = root.head if root.dep_ == "appos" else root
        if t.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = t.head
        text = " " + " ".join(x.lower_ for x in verb.subtree if x.i > t.i) + " "
        for phrase in self.words["hospital_phrases"]:
            if f" {phrase} " in text:
                return statuses.StatusHit("injured", verb, statuses.modality_of(verb, root, self.lex))
        return None

    def _clause(self, sent: Span, n: _Name, cue: Token) -> tuple[int, int]:
        """The clause that says the status: from the first to the last of the name, the status word and
        the subject of the status word's verb, within the sentence, no final punctuation."""
        doc = sent.doc
        verb = cue
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.head.i in range(sent.start, sent.end):
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        ends = [n.start, n.end - 1, cue.i] + [x for s in subjects for x in (s.left_edge.i, s.right_edge.i)]
        start, end = max(min(ends), sent.start), min(max(ends), sent.end - 1)
        while end > start and doc[end].is_punct:
            end -= 1
        return doc[start].idx, doc[end].idx + len(doc[end])

    def _source(self, sent: Span, cue: Token, anchor: Token, parts) -> Source | None:
        """The source of a status the claims did not give: the sentence's own speaker, else the source of
        the sentence's claims, else the report's voice (None)."""
        memory = attribution.SpeakerMemory(host=report_facts(sent.doc.text).country)
        source = attribution.find_source(sent, cue, anchor, self.lex, memory)
        if source is not None:
            return source
        return next((p.source for p, _ in parts if sent.start_char <= p.start_char < sent.end_char), None)

    # -- attributes ---------------------------------------------------------------------------------

    def _stated_nationality(self, person: _Person) -> str | None:
        """A demonym on the name or on the noun in apposition ("Irish national Ana Ruiz", "Ana Ruiz, an
        American citizen", "a British tourist, Ana Ruiz")."""
        lex = self.lex
        for n in person.names:
            if (code := self._descriptor_nationality(n)) is not None:
                return code
            for t in self._near(n):
                if t.pos_ in ("ADJ", "NOUN", "PROPN") and t.text[:1].isupper() and (code := lex.nationality(t.text)):
                    if t.i not in range(n.start, n.end):
                        return code
                for c in t.children:  # a demonym of two words: "a South African aid worker"
                    if c.dep_ in ("amod", "compound") and c.left_edge.i < c.i and \
                            (code := lex.nationality(t.doc[c.left_edge.i:c.i + 1].text)):
                        return code
                g = groups.classify(Mention(Count(1, 1, "exact", t.text), t.i, t.i + 1, t, named=t.pos_ == "PROPN"),
                                    None, None, lex, False)
                if g.nationality:
                    return g.nationality
        return None

    def _descriptor_nationality(self, n: _Name) -> str | None:
        """A demonym in the words that open the name's phrase, read in order whatever the parse ("le
        ressortissant danois Søren Kjaer", "Irish national Ana Ruiz"): back from the name to its article,
        a preposition or a punctuation mark, a few words that hold a people noun and the demonym."""
        doc, lex = n.root.doc, self.lex
        run = []
        for j in range(n.start - 1, max(n.start - 5, -1), -1):
            x = doc[j]
            if x.is_punct or x.pos_ in ("DET", "ADP", "CCONJ", "SCONJ", "PRON", "NUM", "AUX") or x.ent_type_ in \
                    self.lex.groups["person_entities"]:
                break
            run.append(x)
        if not any(x.pos_ == "NOUN" and is_people_noun(x, lex) for x in run):
            return None
        for x in run:
            if x.pos_ != "NOUN" and (code := lex.nationality(x.text)):
                return code
        return None

    def _title_role(self, n: _Name) -> str | None:
        for t in self._near(n)[1:] + [c for c in n.root.children if c.dep_ in ("compound", "amod")]:
            if role := self.lex.role_of(t.lemma_.lower()):
                return role
        return None

    def _age(self, n: _Name, near: list[Token]) -> int | None:
        """"a 36-year-old", "Ana Ruiz, 58,", "aged 78" in the words about the person."""
        w = self.words
        low, high = min(w["age_range"]), max(w["age_range"])
        after = {p.replace(" ", "").replace("-", "") for p in w["age_after"]}
        before = {p.replace(" ", "") for p in w["age_before"]}
        doc = n.root.doc
        if n.end + 2 <= len(doc) and doc[n.end].is_punct and doc[n.end + 1].like_num and \
                (n.end + 2 == len(doc) or doc[n.end + 2].is_punct or doc[n.end + 2].lower_ in after):
            value = lexicon.number_value(doc[n.end + 1].text, self.lex)
            if value is not None and low <= value <= high:
                return value  # "Ana Ruiz, 58, ..."
        for t in near:
            for x in self._own_words(t):
                if not x.like_num:
                    continue
                value = lexicon.number_value(x.text, self.lex)
                if value is None or not low <= value <= high:
                    continue
                nxt = "".join(y.text for y in doc[x.i + 1:x.i + 5]).lower().replace("-", "")
                prv = "".join(y.text for y in doc[max(0, x.i - 2):x.i]).lower()
                if any(nxt.startswith(a) for a in after) or any(prv.endswith(b) for b in before):
                    return value
        return None

    def _own_words(self, t: Token) -> list[Token]:
        """The words of ``t``'s phrase that describe it, not another person or body inside it: its subtree
        without the phrases of other proper nouns and people nouns ("an employee ... with his nephew Joel
        Richards, 22": 22 is the nephew's)."""
        out, todo = [], [t]
        while todo:
            x = todo.pop()
            out.append(x)
            for c in x.children:
                if c.pos_ == "PROPN" or (c.pos_ == "NOUN" and (is_people_noun(c, self.lex)
                                                               or c.lemma_.lower() in self.words["kin_nouns"])):
                    continue
                todo.append(c)
        return out

    def _sex(self, n: _Name, near: list[Token]) -> str | None:
        """A title (Mr, Mrs), a noun for a man or a woman about the person, or a pronoun later in the
        sentence that can only refer to them."""
        w = self.words
        if n.title:
            title = n.title.lower().rstrip(".")
            if title in w["female_titles"]:
                return "female"
            if title in w["male_titles"]:
                return "male"
        for t in near[1:]:
            lemma = t.lemma_.lower()
            if lemma in w["female_words"] or t.lower_ in w["female_words"]:
                return "female"
            if lemma in w["male_words"] or t.lower_ in w["male_words"]:
                return "male"
        sent = n.root.sent
        for t in sent.doc[n.end:sent.end]:
            if t.ent_type_ in self.lex.groups["person_entities"] or (t.pos_ == "NOUN" and is_people_noun(t, self.lex)):
                break
            if t.lower_ in w["pronouns"] and t.dep_ in ("nsubj", "nsubjpass"):
                return "female" if t.lower_ in w["female_words"] else "male" if t.lower_ in w["male_words"] else None
        return None

    def _home_town(self, near: list[Token]) -> str | None:
        """"Ana Ruiz from Hexham", "Ana Ruiz, a native of Leeds", "originaire de Lyon"."""
        w = self.words
        for t in near:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in w["home_prepositions"]:
                    place = next((p for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
                    if place is not None:
                        return place.doc[place.left_edge.i:place.right_edge.i + 1].text
                if c.lemma_.lower() in w["home_words"] or (t.lemma_.lower() in w["home_words"] and c.dep_ == "prep"):
                    head = t if t.lemma_.lower() in w["home_words"] else c
                    # (the parser may hang the preposition on the person: "Ana Ruiz, originaire de Lyon")
                    beside = [x for x in t.children if x.dep_ == "prep" and x.i == c.i + 1]
                    for prep in [x for x in head.children if x.dep_ == "prep"] + beside:
                        place = next((p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
                        if place is not None:
                            return place.doc[place.left_edge.i:place.right_edge.i + 1].text
        return None

    def _employer(self, near: list[Token]) -> str | None:
        """A named body the person's job noun is of ("an employee of Sandwell Council", "the directors of
        X"), or one whose clause has the person working ("the council where Ana Ruiz worked")."""
        w = self.words
        labels = w["employer_labels"]
        for t in near[1:]:
            for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in w["employer_prepositions"]):
                for body in (p for p in prep.children if p.dep_ == "pobj"):
                    if body.ent_type_ in labels:
                        ent = next((e for e in body.doc.ents if e.start <= body.i < e.end), None)
                        if ent is not None:
                            return self._whole_body(ent)
        root = near[0]
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in w["work_verbs"]:
            for t in root.head.ancestors:
                if t.ent_type_ in labels:
                    ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                    if ent is not None:
                        return self._whole_body(ent)
        return None

    def _whole_body(self, ent: Span) -> str:
        """A body's name with a place it is "of" ("Chabad-Lubavitch of Mumbai" when the tagger splits it)."""
        doc = ent.doc
        end = ent.end
        if end + 1 < len(doc) and doc[end].lower_ in self.words["employer_prepositions"] and \
                doc[end].head.i == ent.root.i and doc[end + 1].pos_ == "PROPN":
            nxt = next((e for e in doc.ents if e.start == end + 1), None)
            if nxt is not None:
                end = nxt.end
        return doc[ent.start:end].text

    def _context_nationality(self, parts) -> str | None:
        """The nationality of the report's counted victims, when most of those claims give one."""
        said = Counter(p.group.nationality for p, _ in parts if p.group.side == "other" and p.group.nationality
                       and p.status in VICTIM_STATUSES and not p.named)
        total = sum(said.values())
        if not said:
            return None
        top, n = said.most_common(1)[0]
        return top if n >= self.context_claims and n / total > self.context_share else None
