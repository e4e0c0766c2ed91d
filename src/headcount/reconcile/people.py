"""People: the named people of an incident's reports, merged into one record per person (issue 18).

A mention is one report's ``Person``. Two mentions are one person when their names agree and nothing they
say contradicts it. Names agree (``people_names.json`` holds the words):

- case, accents and apostrophes aside, titles ("Mr", "Mrs", "Dr", "Rabbi"...) left out, each word
  spelled alike or as one of its known transliterations (Mohammed, Mohamed, Muhammad);
- the same surname, and given names that agree word for word, where one may lack middle names ("Michael
  Riddering" ~ "Michael James Riddering") and a word may be an initial ("A. Evans" ~ "Adrian Evans");
- a name of one word ("Doyle", "Mr Doyle") joins the one person of that surname, or, failing that, the one
  of that given name in the same report ("his son Adrian"); where two could be meant (Adrian and Patrick
  Evans), it joins neither and the record says so. Two different given names never agree, so Adrian and
  Patrick Evans stay two.

What contradicts: a different sex (stated, or implied by a title: Mr, Mrs); and, unless the two give the
same full name (given name and surname, word for word), a different nationality, ages more than a year
apart, or an attacker against one of the people attacked. The same full name is strong evidence of its
own: reports give a person's age or nationality differently (Joel Richards is 22 in one report and 19 in
another; a dual national is "British" here and "Australian" there), so a full-name match keeps them one
person and says how they differ, unless the ages are more than ``FULL_NAME_AGE_GAP`` years apart (a father
and a son may share a name) or the suffixes differ (Jr, Sr).

Mentions are read strongest name first (full given names, then initials, then one-word names), each in
order of publication, and a mention joins the record whose every mention it agrees with; where it agrees
as well with two, it joins neither. The result does not depend on the order of the input.

A user's decisions (``headcount people --split/--join``, kept in the store) come first: mentions joined are
one record whatever their names say, mentions split are never merged; the later of two decisions on the
same two mentions holds. Each decision is written in the records it shaped (``notes``).

A record's id is stable: a hash of its incident and its first mention (report and name), so a record keeps
its id when reports are added after it, and the first mention of a record split keeps it. Its final status
follows the account's policy (policies.py), over each mention's statuses as claims of one person:

- ``latest``: the latest word of the most authoritative source (source kind times modality, weights.toml);
- ``weighted``: the status with the most weight, counting each source's latest word;
- ``conservative``: of the words at the latest moment, the least final (missing before held, injured,
  freed, killed): no one is shown dead or free on a disputed word;
- ``range``: as ``latest`` (a status has no middle).
Denied statuses ("X was not among the dead") give none.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from ..model import Claim, Person, PersonRecord, PersonStatus
from .intervals import claim_moment, parse_moment
from .policies import Weights, check_policy, load_weights

if TYPE_CHECKING:
    from ..store import PersonDecision

FULL_NAME_AGE_GAP = 5  # years: two ages of the same full name further apart than this are two people
AGE_GAP = 1            # years: otherwise
# conservative: of the statuses given at the latest moment, the first of these
LEAST_FINAL = ("missing", "taken", "held", "captured", "injured", "escaped", "freed", "killed")

# How strongly two names agree, strongest first.
EXACT, MIDDLE, INITIAL, SURNAME, GIVEN, SAME_WORD = range(6)
_WHY = {EXACT: "the same full name", MIDDLE: "the same name, one without a middle name",
        INITIAL: "the same surname, and an initial of the given name", SURNAME: "the one person of that surname",
        GIVEN: "the one person of that given name in the same report", SAME_WORD: "the same one-word name"}


# -- names ------------------------------------------------------------------------------------------------

@cache
def _names_data() -> dict:
    return json.loads(resources.files(__package__).joinpath("people_names.json").read_text("utf-8"))


@cache
def _variant_of() -> dict[str, str]:
    return {_skeleton(v): _skeleton(group[0]) for group in _names_data()["given_variants"] for v in group}


# Letters that Unicode does not decompose into a base letter and an accent, as they are transliterated.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i", "'": None, "\u2019": None, "\u02bc": None})


def fold(text: str | None) -> str:
    """Lower case, without accents or apostrophes (Kjær as Kjaer): what two spellings of a name are compared
    as."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)


def _skeleton(word: str) -> str:
    """A word as compared: folded, letters and hyphens only, doubled letters once, ph as f."""
    w = "".join(c for c in fold(word) if c.isalpha() or c == "-").replace("ph", "f")
    out = []
    for c in w:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@dataclass(frozen=True)
class Name:
    """A person's name as compared: given names (initials as one letter) and surname, folded; a name of one
    word has it as ``word`` (a surname or a given name: which is not known)."""

    given: tuple[str, ...] = ()
    surname: str | None = None
    word: str | None = None
    suffix: str | None = None
    title_sex: str | None = None

    @property
    def full(self) -> bool:
        return self.surname is not None

    @property
    def tier(self) -> int:
        """0: full given names; 1: an initial first; 2: one word."""
        if not self.full:
            return 2
        return 1 if len(self.given[0]) == 1 else 0


def parse_name(name: str) -> Name:
    data = _names_data()
    titles, suffixes = data["titles"], set(data["suffixes"])
    words: list[str] = []
    for raw in fold(name).replace(",", " ").split():
        parts = [p for p in raw.split(".") if p] if "." in raw.strip(".") else [raw.strip(".")]
        words += [p for p in parts if p]
    sex = None
    while words and words[0] in titles:
        sex = sex or titles[words[0]]
        words = words[1:]
    suffix = None
    while words and words[-1] in suffixes:
        suffix = words[-1][:2] if words[-1][:2] in ("jr", "sr") else words[-1]
        suffix = {"jn": "jr", "sn": "sr", "ju": "jr", "se": "sr"}.get(suffix, suffix)
        words = words[:-1]
    words = [_skeleton(w) for w in words if _skeleton(w)]
    if not words:
        return Name(word=_skeleton(name) or fold(name), title_sex=sex)
    if len(words) == 1:
        return Name(word=words[0], suffix=suffix, title_sex=sex)
    return Name(given=tuple(words[:-1]), surname=words[-1], suffix=suffix, title_sex=sex)


def _same_word(a: str, b: str) -> bool:
    variant = _variant_of()
    return a == b or variant.get(a, a) == variant.get(b, b)


def _word_match(a: str, b: str) -> str | None:
    """'same', 'initial' (one is the other's first letter) or None."""
    if len(a) == 1 or len(b) == 1:
        return "initial" if a[0] == b[0] else None
    return "same" if _same_word(a, b) else None


def _given_match(a: tuple[str, ...], b: tuple[str, ...]) -> int | None:
    """How two lists of given names agree: the first names must, and the shorter list's other names must
    agree, in order, with some of the longer's."""
    first = _word_match(a[0], b[0])
    if first is None:
        return None
    short, long_ = (a[1:], b[1:]) if len(a) <= len(b) else (b[1:], a[1:])
    kinds = [first]
    i = 0
    for w in short:
        while i < len(long_) and _word_match(w, long_[i]) is None:
            i += 1
        if i == len(long_):
            return None
        kinds.append(_word_match(w, long_[i]))
        i += 1
    if "initial" in kinds:
        return INITIAL
    return EXACT if len(a) == len(b) else MIDDLE


def name_agreement(a: Name, b: Name) -> int | None:
    """How two names agree (EXACT ... SAME_WORD), or None when they cannot be one person's. A one-word
    name against a full one agrees as its surname (SURNAME) or its first given name (GIVEN)."""
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return None
    if a.full and b.full:
        return _given_match(a.given, b.given) if _same_word(a.surname, b.surname) else None
    if not a.full and not b.full:
        return SAME_WORD if _same_word(a.word, b.word) else None
    one, full = (a, b) if not a.full else (b, a)
    if _same_word(one.word, full.surname):
        return SURNAME
    if len(full.given[0]) > 1 and _same_word(one.word, full.given[0]):
        return GIVEN
    return None


# -- mentions ---------------------------------------------------------------------------------------------

def mention_key(person: Person) -> str:
    """A mention's key, as decisions keep it: its report's id and the name it gives."""
    return f"{person.report}|{person.name}"


@dataclass
class _Mention:
    person: Person
    key: str
    name: Name
    order: tuple

    @property
    def sex(self) -> str | None:
        return self.person.sex or self.name.title_sex


def _order(p: Person) -> tuple:
    """Mentions in order of publication, then report and place in it."""
    return (parse_moment(p.published), p.report, min(p.mentions, default=(0, 0)), p.name)


def _differences(m: _Mention, other: _Mention, agreement: int) -> tuple[bool, list[str]]:
    """(contradicts, what differs but is kept together on the same full name)."""
    a, b = m.person, other.person
    if m.sex and other.sex and m.sex != other.sex:
        return True, []
    tolerated: list[str] = []
    full_name = agreement == EXACT
    if a.nationality and b.nationality and a.nationality != b.nationality:
        if not full_name:
            return True, []
        tolerated.append(f"nationality {b.nationality} and {a.nationality}")
    if a.age is not None and b.age is not None and abs(a.age - b.age) > AGE_GAP:
        if not full_name or abs(a.age - b.age) > FULL_NAME_AGE_GAP:
            return True, []
        tolerated.append(f"ages {b.age} and {a.age}")
    sides = {a.role == "attacker", b.role == "attacker"}
    if len(sides) == 2 and "unspecified" not in (a.role, b.role):
        if not full_name:
            return True, []
        tolerated.append(f"roles {b.role} and {a.role}")
    return False, tolerated


@dataclass
class _Cluster:
    members: list[_Mention]
    because: list[str] = field(default_factory=list)
    could_be: list[_Cluster] = field(default_factory=list)  # records a mention of it could as well be

    def first(self) -> _Mention:
        return min(self.members, key=lambda m: m.order)

    def reports(self) -> set[str]:
        return {m.person.report for m in self.members}


def _label(m: _Mention) -> str:
    return f"'{m.person.name}' ({m.person.report})"


# -- decisions --------------------------------------------------------------------------------------------

def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _decided_pairs(decisions: Iterable[PersonDecision], keys: set[str]) -> dict[tuple[str, str], tuple[str, int]]:
    """Each two mentions a decision binds: (kind, decision number) of the latest decision on them."""
    pairs: dict[tuple[str, str], tuple[str, int]] = {}
    for d in sorted(decisions, key=lambda d: d.id):
        ms = [k for k in dict.fromkeys(d.mentions) if k in keys]
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                pairs[_pair(a, b)] = (d.kind, d.id)
    return pairs


# -- merging ----------------------------------------------------------------------------------------------

def merge_people(incident_id: str, people: Sequence[Person], policy: str = "latest", *,
                 decisions: Iterable[PersonDecision] = (), texts: Mapping[str, str] | None = None,
                 weights: Weights | None = None) -> list[PersonRecord]:
    """One record per person of the incident's mentions (see the module's docstring).

    incident_id (str): the incident, part of each record's id.
    people (Sequence[Person]): the mentions, one per report that names the person (a report may name the
        same person twice: such mentions merge too).
    policy (str): how the final status is chosen (model.POLICIES).
    decisions (Iterable[PersonDecision]): a user's splits and joins (Store.person_decisions).
    texts (Mapping[str, str]): report texts by id; with them a record's variants are the distinct words of
        its mentions' spans, else the distinct names its mentions give.
    RETURNS (list[PersonRecord]): in order of each record's first mention.
    """
    check_policy(policy)
    weights = weights or load_weights()
    mentions = sorted((_Mention(p, mention_key(p), parse_name(p.name), _order(p)) for p in people),
                      key=lambda m: m.order)
    keys = {m.key for m in mentions}
    decided = _decided_pairs(decisions, keys)
    apart = {pair: n for pair, (kind, n) in decided.items() if kind == "apart"}
    clusters = _joined_by_decisions(mentions, decided, apart)
    placed = {id(m) for c in clusters for m in c.members}
    for m in sorted((m for m in mentions if id(m) not in placed), key=lambda m: (m.name.tier, m.order)):
        _place(m, clusters, apart)
    ids = {id(c): _record_id(incident_id, c.first()) for c in clusters}
    records = [_record(incident_id, ids[id(c)], c, _notes(c, clusters, ids, apart), policy, weights, texts)
               for c in clusters]
    return sorted(records, key=lambda r: _order(r.mentions[0]))


def _record_id(incident_id: str, first: _Mention) -> str:
    return "p" + hashlib.sha1(f"{incident_id}\n{first.key}".encode("utf-8")).hexdigest()[:12]


def _notes(c: _Cluster, clusters: list[_Cluster], ids: dict[int, str], apart: dict) -> tuple[str, ...]:
    """What the record says of the decisions that kept its mentions apart from others, and of a mention that
    could be another person too."""
    notes = []
    if c.could_be:
        could = " or ".join(f"{_fullest(o).person.name} ({ids[id(o)]})" for o in c.could_be)
        notes.append(f"{_label(c.members[0])} could be {could}: kept on its own (`headcount people --join` "
                     "joins it)")
    for other in clusters:
        if other is c:
            continue
        numbers = sorted({apart[p] for m in c.members for o in other.members if (p := _pair(m.key, o.key)) in apart})
        if numbers:
            said = ", ".join(map(str, numbers))
            notes.append(f"kept apart from {_fullest(other).person.name} ({ids[id(other)]}) by decision "
                         f"{said} (`headcount people --join {ids[id(c)]} {ids[id(other)]}` joins them)")
    return tuple(notes)


def _joined_by_decisions(mentions: list[_Mention], decided: dict, apart: dict) -> list[_Cluster]:
    """The records that joins make, in decision order; a join that would put together two mentions a later
    split keeps apart is not made."""
    by_key: dict[str, list[_Mention]] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    group_of: dict[str, _Cluster] = {}
    clusters: list[_Cluster] = []
    for (a, b), (kind, n) in sorted(decided.items(), key=lambda item: item[1][1]):
        if kind != "together":
            continue
        ca, cb = group_of.get(a), group_of.get(b)
        if ca is not None and ca is cb:
            continue
        ma = ca.members if ca else by_key[a]
        mb = cb.members if cb else by_key[b]
        if any(_pair(x.key, y.key) in apart for x in ma for y in mb):
            continue
        if ca is None:
            ca = _Cluster(list(by_key[a]))
            clusters.append(ca)
        if cb is not None:
            clusters.remove(cb)
        ca.members.extend(y for y in mb if y not in ca.members)
        ca.because.append(f"{_label(mb[0])} joined {_label(ma[0])} by decision {n}")
        for y in mb:
            group_of[y.key] = ca
        for x in ca.members:
            group_of[x.key] = ca
    for c in clusters:
        c.members.sort(key=lambda m: m.order)
    return clusters


def _agreement(m: _Mention, c: _Cluster) -> tuple[int, _Mention] | None:
    """How a mention's name agrees with a record's: (strength, the mention it agrees with best), or None.
    A full name must agree with every full name of the record; a name of one word with one of them (they
    share their surname), as a given name only in that one's report; a record of one-word names only, with
    each of them."""
    full = [o for o in c.members if o.name.full] or c.members
    found = []
    for o in full:
        agreement = name_agreement(m.name, o.name)
        if agreement == GIVEN and o.person.report != m.person.report:
            agreement = None  # a given name alone names a person only beside the full name
        found.append((agreement, o))
    agreeing = [(a, o) for a, o in found if a is not None]
    if not agreeing or (len(agreeing) < len(found) and (m.name.full or not full[0].name.full)):
        return None
    return min(agreeing, key=lambda ao: (ao[0], ao[1].order))


def _place(m: _Mention, clusters: list[_Cluster], apart: dict) -> None:
    """Put a mention in the one record it agrees with best, or in a record of its own."""
    fits: list[tuple[int, _Cluster, list[str], _Mention]] = []
    for c in clusters:
        if any(_pair(m.key, o.key) in apart for o in c.members):
            continue
        agreed = _agreement(m, c)
        if agreed is None:
            continue
        best, closest = agreed
        tolerated: list[str] = []
        for o in c.members:
            contradicts, differs = _differences(m, o, best)
            if contradicts:
                break
            tolerated += differs
        else:
            fits.append((best, c, list(dict.fromkeys(tolerated)), closest))
    if not fits:
        clusters.append(_Cluster([m]))
        return
    strongest = min(f[0] for f in fits)
    best_fits = [f for f in fits if f[0] == strongest]
    if len(best_fits) > 1:  # a name of one word, or an initial, that two people answer to
        same_report = [f for f in best_fits if m.person.report in f[1].reports()]
        best_fits = same_report if len(same_report) == 1 else best_fits
    if len(best_fits) > 1:
        clusters.append(_Cluster([m], could_be=[f[1] for f in best_fits]))
        return
    agreement, c, tolerated, closest = best_fits[0]
    why = f"{_label(m)} joined {_label(closest)}: {_WHY[agreement]}"
    if tolerated:
        why += f" ({', '.join(tolerated)} differ: kept one person on the same full name)"
    c.members.append(m)
    c.because.append(why)


def _fullest(c: _Cluster) -> _Mention:
    """The mention whose name says most: full given names, then more words, then the earliest."""
    def says(m: _Mention) -> tuple:
        n = m.name
        words = len(n.given) + 1 if n.full else 1
        full_words = sum(len(g) > 1 for g in n.given) + (1 if n.full else 0)
        return (-n.full, -full_words, -words, m.order)
    return min(c.members, key=says)


def _record(incident_id: str, record_id: str, c: _Cluster, notes: tuple[str, ...], policy: str,
            weights: Weights, texts: Mapping[str, str] | None) -> PersonRecord:
    members = sorted(c.members, key=lambda m: m.order)
    persons = tuple(m.person for m in members)
    final = final_status(persons, policy, weights)
    return PersonRecord(
        id=record_id, incident=incident_id, name=_fullest(c).person.name, variants=_variants(persons, texts),
        mentions=persons, nationality=_most_said(p.nationality for p in persons),
        age=next((p.age for p in reversed(persons) if p.age is not None), None),
        sex=_most_said(m.sex for m in members), final_status=final[1].status if final else None,
        merged_because=tuple(c.because), role=_most_said(p.role for p in persons if p.role != "unspecified")
        or "unspecified", final_report=final[0] if final else None, final_statement=final[1] if final else None,
        notes=notes)


def _most_said(values: Iterable[str | None]) -> str | None:
    """The value most mentions give; of two as often given, the later."""
    said = [v for v in values if v is not None]
    if not said:
        return None
    counts = Counter(said)
    top = max(counts.values())
    return next(v for v in reversed(said) if counts[v] == top)


def _variants(persons: Sequence[Person], texts: Mapping[str, str] | None) -> tuple[str, ...]:
    found: list[str] = []
    for p in persons:
        text = texts.get(p.report) if texts else None
        if text is None:
            found.append(" ".join(p.name.split()))
            continue
        found += [" ".join(text[s:e].split()) for s, e in sorted(p.mentions) if 0 <= s < e <= len(text)]
    return tuple(v for v in dict.fromkeys(found) if v)


def final_status(persons: Sequence[Person], policy: str = "latest",
                 weights: Weights | None = None) -> tuple[str, PersonStatus] | None:
    """(report, statement) of the status ``policy`` gives the person, from every mention's statuses; None
    when no mention gives one (denied statuses give none)."""
    statement = {c.id: (p.report, s) for p in persons for c, s in zip(p.claims(), p.statuses)}
    chosen = final_claim([c for p in persons for c in p.claims()], policy, weights)
    return None if chosen is None else statement[chosen.id]


def final_claim(claims: Sequence[Claim], policy: str = "latest", weights: Weights | None = None) -> Claim | None:
    """Of one person's status claims, the one whose status ``policy`` gives them (None: none but denied).
    The account counts the person in that status (system.py), and their record shows it.

    A later report is the latest word on a person, whatever moment its words speak of: "killed on Monday",
    published after "missing" on Tuesday, tells of the death later, and is what is known now (``_known``)."""
    weights = weights or load_weights()
    said = [c for c in claims if c.modality != "denied"]
    if not said:
        return None
    if policy == "weighted":
        latest: dict[tuple, Claim] = {}
        for c in sorted(said, key=_known):
            latest[(c.source.kind, c.source.text)] = c  # each source's latest word
        weight: Counter = Counter()
        for c in latest.values():
            weight[c.status] += weights.of(c)
        top = max(weight.values())
        return max((c for c in latest.values() if weight[c.status] == top), key=_known)
    if policy == "conservative":
        last = max(_known(c)[0] for c in said)
        now = [c for c in said if _known(c)[0] == last]
        rank = {s: n for n, s in enumerate(LEAST_FINAL)}
        return min(now, key=lambda c: (rank.get(c.status, len(rank)), [-x for x in c.span]))
    top = max(weights.of(c) for c in said)  # latest, range
    return max((c for c in said if weights.of(c) == top), key=_known)


def _known(c: Claim) -> tuple:
    """When a claim about a person became known: its report's publication, then the moment it speaks of."""
    return (parse_moment(c.published), claim_moment(c), c.report, c.span)


# -- an incident's people, and searching them -------------------------------------------------------------

def people_by_incident(incidents: Iterable, people: Iterable[Person]) -> dict[str, list[Person]]:
    """The people of each incident (reconcile.Incident, in order; every incident listed), by the report
    that names them."""
    incidents = list(incidents)
    of_report = {rid: inc.id for inc in incidents for rid in inc.reports}
    grouped: dict[str, list[Person]] = {inc.id: [] for inc in incidents}
    for p in people:
        if p.report in of_report:
            grouped[of_report[p.report]].append(p)
    return grouped


def merge_incidents(incidents: Iterable, people: Iterable[Person], policy: str = "latest", *,
                    decisions: Iterable[PersonDecision] = (), texts: Mapping[str, str] | None = None,
                    weights: Weights | None = None) -> dict[str, list[PersonRecord]]:
    """The records of each incident, by incident id, in the incidents' order."""
    decisions = list(decisions)
    return {inc: merge_people(inc, ps, policy, decisions=[d for d in decisions if d.incident == inc],
                              texts=texts, weights=weights)
            for inc, ps in people_by_incident(incidents, people).items()}


def matches_name(record: PersonRecord, query: str) -> bool:
    """Whether each word of ``query`` begins a word of the record's name or variants, case and accents
    aside ("evans", "adri", "Sato Kenji" for Kenji Sato)."""
    words = {w for text in (record.name, *record.variants) for w in _search_words(text)}
    wanted = _search_words(query)
    return bool(wanted) and all(any(w.startswith(q) for w in words) for q in wanted)


def _search_words(text: str) -> list[str]:
    folded = "".join(c if c.isalnum() else " " for c in fold(text))
    return folded.split()


# -- the store's people, and a user's decisions ----------------------------------------------------------

def people_in_store(store, incident: str | None = None, policy: str = "latest",
                    weights: Weights | None = None) -> list[tuple]:
    """The incidents of the store (reconcile.Incident, in order), each with its person records (the newest
    report versions, a user's decisions applied); only ``incident`` if given. RAISES HeadcountError: E030,
    the store holds no reports; E013, no incident of that id."""
    from ..errors import Errors, HeadcountError
    from .incidents import cluster
    stored = store.reports()
    if not stored:
        raise HeadcountError(Errors.E030.format(db=store.engine.url))
    reports = [s.report for s in stored]
    incidents = cluster(reports)
    if incident is not None:
        incidents = [inc for inc in incidents if inc.id == incident]
        if not incidents:
            raise HeadcountError(Errors.E013.format(incident=incident))
    merged = merge_incidents(incidents, store.people(), policy, decisions=store.person_decisions(),
                             texts={r.id: r.text for r in reports}, weights=weights)
    return [(inc, merged[inc.id]) for inc in incidents]


def _find(found: list[tuple], record_id: str, incident: str | None) -> PersonRecord:
    from ..errors import Errors, HeadcountError
    for _, rs in found:
        for r in rs:
            if r.id == record_id:
                return r
    where = f" in incident {incident}" if incident else ""
    raise HeadcountError(Errors.E060.format(record=record_id, where=where))


def split_record(store, record_id: str, incident: str | None = None) -> PersonDecision:
    """Keep the mentions of a record apart from one another from now on (``headcount people --split``):
    each becomes a record of its own, the first keeping the id. RETURNS the decision kept in the store."""
    from ..errors import Errors, HeadcountError
    record = _find(people_in_store(store, incident), record_id, incident)
    keys = list(dict.fromkeys(mention_key(p) for p in record.mentions))
    if len(keys) < 2:
        raise HeadcountError(Errors.E063.format(record=record_id))
    return store.add_person_decision(record.incident, "apart", keys, record=record_id)


def join_records(store, first: str, second: str, incident: str | None = None) -> PersonDecision:
    """Make two records of an incident one from now on, whatever their names say (``headcount people
    --join``); the one of the earlier first mention keeps its id. RETURNS the decision kept in the store."""
    from ..errors import Errors, HeadcountError
    if first == second:
        raise HeadcountError(Errors.E062.format(record=first))
    found = people_in_store(store, incident)
    a, b = _find(found, first, incident), _find(found, second, incident)
    if a.incident != b.incident:
        raise HeadcountError(Errors.E061.format(first=first, second=second, incidents=f"{a.incident}, {b.incident}"))
    keys = list(dict.fromkeys(mention_key(p) for p in (*a.mentions, *b.mentions)))
    return store.add_person_decision(a.incident, "together", keys, record=f"{first} {second}")
