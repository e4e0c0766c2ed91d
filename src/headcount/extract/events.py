"""The events a report tells of: the act (its type), when, where, by whom, against whom or what, with what.

``headcount_events`` (after the other components) reads the Doc the pipeline already built and writes
``doc._.event_parts`` (plain ``EventParts``); ``to_model.events_from_doc`` makes ``model.Event`` of them.
Three mechanisms, each a function below:

- acts: a word of ``patterns/events.json`` ``types`` (a lemma: "kidnap", "bomb", "set fire" by "fire")
  tells of an act of that kind; a kind is scored as its MUC-4 type (shooting -> ATTACK, hostage-taking
  -> KIDNAPPING);
- role fillers: each noun phrase of a sentence that tells of an act, in a few cuts (the phrase, without
  its determiners and numbers, its name, its head), is given a role by its relation to the act (the doer
  of the act or "by": a perpetrator, an organisation when it is one by its name's entity or its head
  word; what the act is done to: a victim when a person, else a target; "with": a weapon) and by its own
  head word (``roles``). This is the rule (``rule_role``);
- learned: where a model for the language is shipped (``patterns/events_model.json``, trained by
  train_events.py on MUC-4's dev reports only), a logistic regression over the document's words decides
  which MUC-4 types the report tells of (none: it tells of no act, and has no event), and a softmax over
  each cut's features (its words, its head, its entity type, its relation to the nearest act, the rule's
  answer) decides its role. Scoring is a sum of weights: deterministic, and cheap next to the parse.

A report may tell of several events: one per type found, each holding the fillers nearest its own acts.
The date is the date words of the first sentence telling of the act, else the dateline's ("SAN SALVADOR,
3 JAN 90 --"); the place is a place named in that sentence, else the dateline's.

DOCS: ../shared/eval/muc4.py (--events: the answer format)
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .facts import report_facts

ROLES = ("perp_individuals", "perp_organizations", "physical_targets", "victims", "weapons")
NONE = "none"
CLASSES = (NONE,) + ROLES
MODEL_FILE = "patterns/events_model.json"
NEAR = 1  # sentences on either side of one that tells of an act whose phrases are read too
HEAD_DEPTH = 4  # how far up its tree a phrase looks for the act it depends on


@dataclass(frozen=True)
class Filler:
    """A phrase in a role: its words and where they are."""

    text: str
    start_char: int
    end_char: int


@dataclass(frozen=True)
class EventParts:
    """An event as the component finds it, before it is tied to a report."""

    type: str                       # attack, bombing, shooting, kidnapping, hostage-taking, arson, robbery
    muc_type: str                   # ATTACK, BOMBING, KIDNAPPING, ARSON, ROBBERY...
    act: Filler | None              # the first word that tells of it
    date: Filler | None = None
    location: Filler | None = None
    roles: dict[str, tuple[Filler, ...]] = field(default_factory=dict)


if not Doc.has_extension("event_parts"):
    Doc.set_extension("event_parts", default=None)


@dataclass(frozen=True)
class EventWords:
    """patterns/events.json of one language, as lookups."""

    kinds: dict[str, str]           # lemma -> kind of act
    muc: dict[str, str]             # kind -> MUC-4 type
    role_words: dict[str, str]      # lemma -> role it names by itself
    doer: frozenset[str]
    done_to: frozenset[str]
    by: frozenset[str]
    with_: frozenset[str]
    separators: tuple[str, ...]
    person_labels: frozenset[str]
    organization_labels: frozenset[str]
    place_labels: frozenset[str]
    date_labels: frozenset[str]


@cache
def load_words(language: str = "en") -> EventWords:
    """RETURNS (EventWords): the language's events.json (patterns/LANG/events.json, else the English)."""
    base = resources.files(__package__).joinpath("patterns")
    own = base.joinpath(language, "events.json")
    data = json.loads((own if language != "en" and own.is_file() else base.joinpath("events.json")).read_text("utf-8"))
    kinds, muc = {}, {}
    for kind, spec in data["types"].items():
        muc[kind] = spec["muc"]
        for w in spec["words"]:
            kinds.setdefault(w, kind)
    role_words = {}
    for role in ROLES:
        for w in data["roles"][role]:
            role_words.setdefault(w, role)
    deps = data["act_deps"]
    return EventWords(kinds, muc, role_words, frozenset(deps["doer"]), frozenset(deps["done_to"]),
                      frozenset(deps["by"]), frozenset(deps["with"]), tuple(data["dateline_separators"]),
                      frozenset(data["person_labels"]), frozenset(data["organization_labels"]),
                      frozenset(data["place_labels"]), frozenset(data["date_labels"]))


@dataclass(frozen=True)
class EventModel:
    """The learned weights (events_model.json): features -> rows of a matrix, per role and per type."""

    role_index: dict[str, int]
    role_w: np.ndarray              # (features, classes)
    role_bias: np.ndarray
    role_threshold: dict[str, float]
    types: tuple[str, ...]
    type_index: dict[str, int]
    type_w: np.ndarray              # (features, types)
    type_bias: np.ndarray
    type_threshold: float
    meta: dict


@cache
def load_model(language: str = "en") -> EventModel | None:
    """RETURNS (EventModel | None): the shipped model, when it was trained for ``language``."""
    path = resources.files(__package__).joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    d = json.loads(path.read_text("utf-8"))
    if d["language"] != language:
        return None
    rf = sorted(d["role_weights"])
    tf = sorted(d["type_weights"])
    return EventModel({f: n for n, f in enumerate(rf)}, np.array([d["role_weights"][f] for f in rf]).reshape(-1, len(CLASSES)),
                      np.array(d["role_bias"]), d["role_threshold"], tuple(d["types"]),
                      {f: n for n, f in enumerate(tf)}, np.array([d["type_weights"][f] for f in tf]).reshape(-1, len(d["types"])),
                      np.array(d["type_bias"]), d["type_threshold"], {k: d[k] for k in ("seed", "trained_on")})


# ---- acts -------------------------------------------------------------------------------------------

def _lemma(t: Token) -> str:
    return t.lemma_.lower()


_ACT_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN"})


def find_acts(doc: Doc, words: EventWords, tw: Words | None = None) -> list[Token]:
    """The words that tell of an act (a lemma of ``types``), in text order."""
    tw = tw or Words.of(doc)
    kinds = words.kinds
    return [doc[i] for i, (lemma, pos) in enumerate(zip(tw.lemma, tw.pos)) if lemma in kinds and pos in _ACT_POS]


# ---- candidate phrases and their cuts ---------------------------------------------------------------

_LEADING = frozenset({"DET", "NUM", "PRON", "PUNCT", "ADV", "SYM", "X"})
_LEADING_DEPS = frozenset({"det", "nummod", "quantmod", "poss", "predet", "advmod", "case", "punct", "nmod:poss"})


# a word inside a noun phrase (of its head), and the words a phrase begins or ends with
_INNER_DEPS = ("compound", "flat", "nmod", "nn")
_LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "flat", "advmod", "predet",
                        "nmod:poss", "punct"})
_RIGHT_DEPS = frozenset({"compound", "flat", "amod", "nummod"})
_OF = frozenset({"of", "de", "du", "des"})


def _extent(root: Token) -> tuple[int, int]:
    """The tokens of a noun phrase: its head with the modifiers on its left (determiners, numbers,
    adjectives, nouns) and the names and adjectives right after it ("groupe armé"), as far as they are
    contiguous."""
    start, end = root.i, root.i + 1
    for c in reversed(list(root.lefts)):
        if c.dep_ not in _LEFT_DEPS or c.right_edge.i != start - 1:
            break
        start = c.left_edge.i
    for c in root.rights:
        if c.dep_ not in _RIGHT_DEPS or c.left_edge.i != end:
            break
        end = c.right_edge.i + 1
    while start < root.i and root.doc[start].is_punct:
        start += 1
    return start, end


@dataclass
class Phrase:
    """A noun phrase near an act, and the cuts of it that could be its filler ((start, end) tokens, kind)."""

    root: Token
    cuts: list[tuple[int, int, str]]


def _phrases(sent: Span) -> list[Phrase]:
    """Each noun phrase of the sentence (a noun or name with its modifiers: ``_extent``; and the names
    inside it or outside any phrase), with
    its cuts: the phrase; without leading determiners, numbers and quantifiers; its name; its head with
    the words modifying it ("salvadoran army"); its head; a noun modifying the head; the phrase with its "of" complement
    ("members of the camilist union")."""
    doc = sent.doc
    found: list[Phrase] = []
    covered = set()
    ents = [e for e in sent.ents]
    for root in sent:
        if root.pos_ not in ("NOUN", "PROPN") or (root.dep_ in _INNER_DEPS and root.head.pos_ in ("NOUN", "PROPN")):
            continue
        c_start, c_end = _extent(root)
        cuts = {(c_start, c_end, "whole")}
        s = c_start
        while s < root.i and (doc[s].pos_ in _LEADING or doc[s].dep_ in _LEADING_DEPS):
            s += 1
        cuts.add((s, c_end, "bare"))
        core = root.i
        while core - 1 >= s and doc[core - 1].dep_ in _INNER_DEPS + ("amod",) and doc[core - 1].head.i >= core - 1:
            core -= 1
        cuts.add((core, root.i + 1, "core"))
        cuts.add((root.i, root.i + 1, "head"))
        for mod in root.lefts:  # a word modifying the head may be the filler ("dynamite sticks", tagged either way)
            if mod.i >= s and mod.dep_ in _INNER_DEPS + ("amod",) and mod.is_alpha:
                cuts.add((mod.i, mod.i + 1, "mod"))
        for prep in root.rights:
            if prep.dep_ == "prep" and prep.lower_ in _OF:
                obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.i - prep.i <= 6:
                    cuts.add((s, _extent(obj)[1], "of"))
                break
        for e in ents:
            if e.start >= c_start and e.end <= c_end:
                cuts.add((e.start, e.end, "name"))
                covered.add(e.start)
        covered.update(range(c_start, c_end))
        found.append(Phrase(root, sorted(cuts)))
    for e in ents:
        if e.start not in covered and e.label_ not in ("CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "TIME"):
            found.append(Phrase(e.root, [(e.start, e.end, "name")]))
    return found


# ---- the rule ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    """How a phrase's head hangs from the nearest act above it."""

    act: Token | None
    dep: str            # the relation of the step just under the act ("nsubj", "dobj", "prep")
    prep: str           # the preposition on the way, if any ("by", "with")
    steps: int


def link_to_act(root: Token, acts: set[int], kinds: dict[str, str]) -> Link:
    """The nearest act among the phrase head's ancestors (at most HEAD_DEPTH steps up), or its own clause's
    verb when that tells of no act (act None)."""
    tok, dep, prep = root, root.dep_, ""
    for steps in range(1, HEAD_DEPTH + 1):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ in ("prep", "agent") or tok.pos_ == "ADP":
            prep = tok.lower_
        if head.i in acts:
            return Link(head, "agent" if tok.dep_ == "agent" else tok.dep_ if tok.pos_ != "ADP" else dep, prep, steps)
        dep = tok.dep_ if tok.pos_ != "ADP" else dep
        tok = head
    return Link(None, root.dep_, prep, 0)


def rule_role(root: Token, link: Link, words: EventWords, name_label: str | None) -> str | None:
    """The role the rules give a phrase: "by" or the doer of an act: a perpetrator (an organisation when its
    name is one or its head word says so); what an act is done to: a victim when a person, else a target;
    "with": a weapon; else the role its head word names, when it hangs from an act."""
    own = words.role_words.get(_lemma(root))
    organization = name_label in words.organization_labels or own == "perp_organizations"
    person = name_label in words.person_labels or own in ("victims", "perp_individuals")
    if own == "weapons" or (link.act is not None and link.prep in words.with_):
        return "weapons" if own in ("weapons", None) else None
    if link.act is None:
        return None
    if link.prep in words.by or (link.dep in words.doer and not link.prep):
        return "perp_organizations" if organization else "perp_individuals"
    if link.dep in words.done_to or link.dep == "pobj":
        if person and own != "perp_individuals":
            return "victims"
        if own == "physical_targets" or (not person and not organization and link.dep in words.done_to):
            return "physical_targets"
    return own if own in ("perp_individuals", "perp_organizations") else None


# ---- features (the learned part reads these; train_events.py writes its examples with them) ---------

def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n <= 3 else "3" if n <= 6 else "4"


@dataclass(frozen=True)
class Words:
    """A Doc's token attributes read once (a Token object costs more than the lookups done with it)."""

    text: str
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    ent: list[str]
    start: list[int]
    end: list[int]
    content: list[bool]   # a word, not a stop word

    @classmethod
    def of(cls, doc: Doc) -> Words:
        toks = list(doc)
        return cls(doc.text, [t.lower_ for t in toks], [t.lemma_.lower() for t in toks], [t.pos_ for t in toks],
                   [t.tag_ for t in toks], [t.ent_type_ for t in toks], [t.idx for t in toks],
                   [t.idx + len(t) for t in toks], [t.is_alpha and not t.is_stop for t in toks])

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.start[start]:self.end[end - 1]]

    def label(self, start: int, end: int) -> str | None:
        return next((e for e in self.ent[start:end] if e), None)


def cut_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def phrase_features(phrase: Phrase, link: Link, rule: str | None, sent_index: int, sent_kinds: set[str],
                    words: EventWords) -> list[str]:
    """The features a phrase's cuts share: its head's relation to the act, the act, the rule's answer."""
    root = phrase.root
    kind = words.kinds.get(_lemma(link.act)) if link.act is not None else None
    f = [f"dep={root.dep_}", f"hl={_lemma(root.head)}", f"hdep={root.dep_}>{_lemma(root.head)}",
         f"rule={rule}", f"sent={_bucket(sent_index)}", f"prep={link.prep}"]
    if link.act is not None:
        f += [f"act={kind}", f"actdep={kind}:{link.dep}:{link.prep}", f"actl={_lemma(link.act)}:{link.dep}:{link.prep}",
              f"actsteps={link.steps}", f"rootact={_lemma(root)}:{kind}"]
    else:
        f += [f"sk={k}" for k in sent_kinds] or ["sk=none"]
    return f


def cut_features(tw: Words, start: int, end: int, how: str, root: int, words: EventWords,
                 name_label: str | None) -> list[str]:
    """A cut's own features: its words, first word, length, kind of cut, entity type, head's role word."""
    low = tw.span_text(start, end).lower()
    head = root if start <= root < end else end - 1
    lemma = tw.lemma[head]
    own = words.role_words.get(lemma)
    return [f"w={low}", f"cut={how}", f"first={tw.lower[start]}", f"firstpos={tw.pos[start]}",
            f"n={_bucket(end - start)}", f"ent={name_label}", f"own={own}", f"lemma={lemma}", f"tag={tw.tag[head]}",
            f"cutown={how}:{own}", f"cutent={how}:{name_label}"]


@dataclass
class Candidate:
    """One cut of one phrase, with its features (what the role model scores)."""

    phrase: int
    start: int
    end: int
    features: list[str]
    rule: str | None
    sent: int
    text: str = ""


def candidates(doc: Doc, acts: list[Token], words: EventWords, tw: Words | None = None) -> list[Candidate]:
    """Every cut of every phrase in the sentences that tell of an act and the sentences beside them, with
    its features."""
    tw = tw or Words.of(doc)
    act_ids = {t.i for t in acts}
    kinds_by_sent: dict[int, set[str]] = {}
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    for t in acts:
        kinds_by_sent.setdefault(_sent_index(starts, t.i), set()).add(words.kinds[_lemma(t)])
    out: list[Candidate] = []
    n = 0
    near = sorted({j for si in kinds_by_sent for j in range(si - NEAR, si + NEAR + 1) if 0 <= j < len(sents)})
    for si in near:
        sent = sents[si]
        for ph in _phrases(sent):
            link = link_to_act(ph.root, act_ids, words.kinds)
            r = ph.root.i
            label = tw.ent[r] or None
            rule = rule_role(ph.root, link, words, label)
            shared = phrase_features(ph, link, rule, si, kinds_by_sent.get(si, set()), words)
            for start, end, how in ph.cuts:
                own = cut_features(tw, start, end, how, r, words, tw.label(start, end))
                out.append(Candidate(n, start, end, shared + own, rule if how in ("bare", "name") else None, si,
                                     tw.span_text(start, end)))
            n += 1
    return out


def _sent_index(starts: list[int], i: int) -> int:
    return bisect.bisect_right(starts, i) - 1


def doc_features(doc: Doc, acts: list[Token], words: EventWords, tw: Words | None = None) -> list[str]:
    """The document's features for its types: its content words' lemmas and the kinds of act it names."""
    tw = tw or Words.of(doc)
    lemmas = {f"l={lemma}" for lemma, c in zip(tw.lemma, tw.content) if c}
    kinds = {}
    for t in acts:
        k = words.kinds[_lemma(t)]
        kinds[k] = kinds.get(k, 0) + 1
    return sorted(lemmas) + [f"k={k}:{_bucket(n)}" for k, n in kinds.items()]


# ---- scoring ----------------------------------------------------------------------------------------

def _scores(feats: list[list[str]], index: dict[str, int], w: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """The rows' sums of their features' weights, plus the bias (one gather and one segment sum)."""
    get = index.get
    ids = np.fromiter((get(f, -1) for fs in feats for f in fs), dtype=np.int64)
    rows = np.repeat(np.arange(len(feats)), [len(fs) for fs in feats])
    known = ids >= 0
    ids, rows = ids[known], rows[known]
    out = np.tile(bias, (len(feats), 1))
    if len(ids):
        picked = w[ids]
        for k in range(w.shape[1]):
            out[:, k] += np.bincount(rows, weights=picked[:, k], minlength=len(feats))
    return out


def type_probabilities(model: EventModel, feats: list[str]) -> dict[str, float]:
    s = _scores([feats], model.type_index, model.type_w, model.type_bias)[0]
    return dict(zip(model.types, (1 / (1 + np.exp(-s))).tolist()))


def role_probabilities(model: EventModel, cands: list[Candidate]) -> np.ndarray:
    if not cands:
        return np.zeros((0, len(CLASSES)))
    s = _scores([c.features for c in cands], model.role_index, model.role_w, model.role_bias)
    s -= s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


# ---- the events -------------------------------------------------------------------------------------

def choose_fillers(doc: Doc, cands: list[Candidate], probs: np.ndarray | None,
                   thresholds: dict[str, float] | None) -> list[tuple[str, Candidate]]:
    """One filler at most per phrase: the cut and role the model rates highest over its role's threshold
    (without a model: the rule's role for the phrase's bare cut); each role's words once per report."""
    best: dict[int, tuple[float, str, Candidate]] = {}
    if probs is not None and len(cands):
        top = np.argmax(probs[:, 1:], axis=1) + 1
        top_p = probs[np.arange(len(cands)), top].tolist()
        top = top.tolist()
    for k, c in enumerate(cands):
        if probs is None:
            if c.rule is not None and (c.phrase not in best or best[c.phrase][2].end - best[c.phrase][2].start
                                       > c.end - c.start):
                best[c.phrase] = (1.0, c.rule, c)
            continue
        role, p = CLASSES[top[k]], top_p[k]
        if p >= thresholds[role] and (c.phrase not in best or p > best[c.phrase][0]):
            best[c.phrase] = (p, role, c)
    seen, out = set(), []
    for _, role, c in sorted(best.values(), key=lambda x: x[2].start):
        key = (role, c.text.lower())
        if key not in seen:
            seen.add(key)
            out.append((role, c))
    return out


_DATELINE = re.compile(r"^\s*([A-Z][^,\n]{1,40}),\s*(\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4})\s*")


def dateline(doc: Doc, words: EventWords) -> tuple[Filler | None, Filler | None]:
    """The place and date of a dateline: "SAN SALVADOR, 3 JAN 90 --" (before one of the separators)."""
    head = doc[:60].text
    m = _DATELINE.match(head)
    if not m or not any(head[m.end():].startswith(s) for s in words.separators):
        return None, None
    return Filler(m.group(1).strip(), m.start(1), m.end(1)), Filler(m.group(2), m.start(2), m.end(2))


def _nearest(doc: Doc, act: Token, labels: frozenset[str]) -> Filler | None:
    ents = [e for e in act.sent.ents if e.label_ in labels]
    if not ents:
        return None
    e = min(ents, key=lambda e: abs(e.root.i - act.i))
    return Filler(e.text, e.start_char, e.end_char)


def find_events(doc: Doc, words: EventWords, model: EventModel | None) -> list[EventParts]:
    """The events of a Doc: the types it tells of, each with its act, date, place and fillers."""
    tw = Words.of(doc)
    acts = find_acts(doc, words, tw)
    if not acts:  # an event is told by a word of an act; a report of none tells of no event
        return []
    if model is not None:
        probs = type_probabilities(model, doc_features(doc, acts, words, tw))
        types = [t for t, p in probs.items() if p >= model.type_threshold]
    else:
        types = []
        for t in acts:
            if words.muc[words.kinds[_lemma(t)]] not in types:
                types.append(words.muc[words.kinds[_lemma(t)]])
    if not types:
        return []
    cands = candidates(doc, acts, words, tw)
    probs_r = role_probabilities(model, cands) if model is not None else None
    fillers = choose_fillers(doc, cands, probs_r, model.role_threshold if model else None)
    # each type's acts; a type no act word names (the model read it from the whole text) gets them all
    own = {ty: [t for t in acts if words.muc[words.kinds[_lemma(t)]] == ty] for ty in types}
    own = {ty: a or acts for ty, a in own.items()}
    place0, date0 = dateline(doc, words)
    events = []
    placed: dict[str, dict[str, list[Filler]]] = {ty: {r: [] for r in ROLES} for ty in types}
    for role, c in fillers:
        ty = min(types, key=lambda ty: min((abs(a.i - c.start) for a in own[ty]), default=len(doc)))
        placed[ty][role].append(Filler(c.text, doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])))
    for ty in types:
        first = own[ty][0] if own[ty] else None
        kinds = [words.kinds[_lemma(a)] for a in own[ty] if words.muc[words.kinds[_lemma(a)]] == ty]
        kind = max(set(kinds), key=kinds.count) if kinds else ty.lower()
        act = Filler(first.text, first.idx, first.idx + len(first)) if first is not None else None
        date = (_nearest(doc, first, words.date_labels) if first is not None else None) or date0
        place = (_nearest(doc, first, words.place_labels) if first is not None else None) or place0
        events.append(EventParts(kind, ty, act, date, place, {r: tuple(v) for r, v in placed[ty].items()}))
    return events


@Language.factory(
    "headcount_events",
    assigns=["doc._.event_parts"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config={"language": "en"},
)
def make_events_component(nlp: Language, name: str, language: str):
    return EventsComponent(nlp, name, language=language)


class EventsComponent:
    """Finds the events of a Doc (``find_events``) and writes them to ``doc._.event_parts``."""

    def __init__(self, nlp: Language, name: str = "headcount_events", *, language: str = "en"):
        self.name = name
        self.words = load_words(language)
        self.model = load_model(language)

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_parts = find_events(doc, self.words, self.model)
        return doc


def country_of(text: str) -> str | None:
    """The country the events happen in (facts.py)."""
    return report_facts(text).country
