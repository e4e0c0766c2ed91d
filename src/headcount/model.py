"""Plain data types passed between the stages: ingest -> extract -> store -> reconcile.

No spaCy, SQLAlchemy or SciPy type crosses a stage boundary; only these frozen
dataclasses do. Their ``to_dict`` forms are the JSON interchange format of
``../shared/eval/GUIDELINES.md`` (the claim format), plus an ``id`` per claim.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from collections.abc import Mapping
from typing import Any, Literal, get_args

Status = Literal["taken", "held", "freed", "escaped", "killed", "injured", "missing", "captured"]
STATUSES: tuple[str, ...] = ("taken", "held", "freed", "escaped", "killed", "injured", "missing", "captured")
Qualifier = Literal["exact", "about", "at_least", "at_most", "range", "vague"]
Role = Literal["hostage", "attacker", "security", "civilian", "unspecified"]
SourceKind = Literal[
    "government", "state_media", "media", "perpetrator", "witness",
    "company", "organisation", "unnamed", "reporter",
]
Modality = Literal["asserted", "uncertain", "denied"]
# How an account chooses each cell's best figure (reconcile/policies.py); the names are defined here once.
Policy = Literal["conservative", "range", "latest", "weighted"]
POLICIES: tuple[str, ...] = get_args(Policy)

# The most characters each of a report's short fields may hold. The store's columns are this wide
# (store/schema.py), and the readers and the API refuse a longer value before extraction, so that SQLite
# (which would keep it) and PostgreSQL (which would not) take the same reports. A report's id is often
# its URL, so the URL gets the id's room.
REPORT_FIELD_CHARS: dict[str, int] = {"url": 2000, "id": 2000, "published": 64, "outlet": 512,
                                      "language": 16, "incident": 512}


@dataclass(frozen=True)
class Report:
    """One news item, as the Reports format of GUIDELINES.md defines it.

    id (str): the report's identity (its given id, else its URL, else a hash of
        its normalised text: ``report_identity``), the same for all its versions.
    origin (str): where it was read from ("path" or "path:line"), for messages.
    incident (str): the incident the report is about, when the input names it
        (an optional ``incident`` field of a Reports line); else None.
    version (int): 1 for the first text seen under an id, then 2, 3... (set by the store).
    warnings (tuple[str, ...]): what was wrong in the input and set right as said, for the reader to
        print (a ``published`` that is no date is kept as unknown); not stored, not compared.
    """

    id: str
    text: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    origin: str | None = None
    incident: str | None = None
    version: int = 1
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "text": self.text, "published": self.published,
             "outlet": self.outlet, "url": self.url, "language": self.language}
        if self.incident:
            d["incident"] = self.incident
        return d


@dataclass(frozen=True)
class Count:
    low: int | None
    high: int | None
    qualifier: Qualifier
    text: str | None = None


@dataclass(frozen=True)
class Group:
    text: str | None
    nationality: str | None
    foreign: bool | None
    role: Role

    @property
    def side(self) -> str:
        """The side the scorer and the account separate: attackers, security, everyone else."""
        return self.role if self.role in ("attacker", "security") else "other"


@dataclass(frozen=True)
class Source:
    text: str | None
    kind: SourceKind
    country: str | None = None
    via: str | None = None

    @property
    def speaker(self) -> tuple:
        """Who speaks, for telling sources apart: kind, words (any case) and country."""
        return (self.kind, (self.text or "").lower(), self.country)


@dataclass(frozen=True)
class Claim:
    """One statement in one report: *source* says *count* of *group* are in *status*."""

    report: str
    span: tuple[int, int]
    text: str
    status: Status
    count: Count
    group: Group
    source: Source
    modality: Modality = "asserted"
    id: str = ""
    published: str | None = None
    time: str | None = None  # the moment the figure held, when the text says ("in the afternoon")
    # A claim of one named person (Person.claims): the person's record once merged (PersonRecord.id),
    # else their name. Named people bound their cells together, not one claim each (reconcile/system.py).
    person: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        if d["person"] is None:  # the claim format of GUIDELINES.md, for a count claim
            del d["person"]
        out = {"id": d.pop("id")}
        out.update(d)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            report=d["report"], span=tuple(d["span"]), text=d["text"], status=d["status"],
            count=Count(**d["count"]), group=Group(**d["group"]), source=Source(**d["source"]),
            modality=d.get("modality", "asserted"), id=d.get("id", ""),
            published=d.get("published"), time=d.get("time"), person=d.get("person"),
        )

    def to_row(self) -> dict[str, Any]:
        """The claim as one flat row, of the columns ``CLAIM_ROW`` names."""
        count, group, source = self.count, self.group, self.source
        return {"id": self.id, "report": self.report, "span_start": self.span[0], "span_end": self.span[1],
                "text": self.text, "status": self.status, "count_low": count.low, "count_high": count.high,
                "qualifier": count.qualifier, "count_text": count.text, "group_text": group.text,
                "nationality": group.nationality, "foreign": group.foreign, "role": group.role,
                "source_text": source.text, "source_kind": source.kind, "source_country": source.country,
                "source_via": source.via, "modality": self.modality, "published": self.published,
                "time": self.time}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Claim:
        """A flat row (``to_row``: an export, a batch file, the store's columns) as the claim."""
        return cls(report=row["report"], span=(row["span_start"], row["span_end"]), text=row["text"],
                   status=row["status"], count=Count(row["count_low"], row["count_high"], row["qualifier"],
                                                     row["count_text"]),
                   group=Group(row["group_text"], row["nationality"], row["foreign"], row["role"]),
                   source=Source(row["source_text"], row["source_kind"], row["source_country"], row["source_via"]),
                   modality=row["modality"], id=row["id"], published=row["published"], time=row["time"])


# The columns of a claim as one flat row (Claim.to_row), with their types ("str", "int", "bool"; null
# allowed in each): the exported claims table, batch files and the store's claim columns.
CLAIM_ROW: tuple[tuple[str, str], ...] = (
    ("id", "str"), ("report", "str"), ("span_start", "int"), ("span_end", "int"), ("text", "str"),
    ("status", "str"), ("count_low", "int"), ("count_high", "int"), ("qualifier", "str"), ("count_text", "str"),
    ("group_text", "str"), ("nationality", "str"), ("foreign", "bool"), ("role", "str"),
    ("source_text", "str"), ("source_kind", "str"), ("source_country", "str"), ("source_via", "str"),
    ("modality", "str"), ("published", "str"), ("time", "str"),
)


Sex = Literal["female", "male"]  # PFIF 1.4's values; "other" is not said by news text

EventKind = Literal["attack", "bombing", "shooting", "kidnapping", "hostage-taking", "arson", "robbery"]
EVENT_ROLES: tuple[str, ...] = ("perp_individuals", "perp_organizations", "physical_targets", "victims", "weapons")


@dataclass(frozen=True)
class Event:
    """One event a report tells of (issue 17): what happened, when, where, by whom, to whom, with what. Each
    filler is the text's own words; ``spans`` says where each is: (what, start, end), what being "act",
    "date", "location" or a role of EVENT_ROLES. ``to_dict`` is a template of ``muc4.py --events``'s answer
    format (``type``: the MUC-4 type) with the finer kind, the country and the date resolved."""

    report: str
    kind: str                                 # EventKind: "shooting" (scored as MUC-4's ATTACK)
    type: str                                 # the MUC-4 incident type: ATTACK, BOMBING, KIDNAPPING, ARSON, ROBBERY
    date: str | None = None                   # the words that date it ("30 December", "yesterday")
    time: str | None = None                   # that date resolved against the report's publication, ISO
    location: str | None = None               # the words that place it ("San Luis de la Reina")
    country: str | None = None                # ISO alpha-2, of the report's places (facts.py)
    perp_individuals: tuple[str, ...] = ()
    perp_organizations: tuple[str, ...] = ()
    physical_targets: tuple[str, ...] = ()
    victims: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()
    spans: tuple[tuple[str, int, int], ...] = ()
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"type": self.type, "kind": self.kind, "date": self.date, "time": self.time, "location": self.location,
             "country": self.country}
        d.update({r: list(getattr(self, r)) for r in EVENT_ROLES})
        d["spans"] = [list(s) for s in self.spans]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], report: str) -> Event:
        return cls(report=report, kind=d.get("kind") or str(d["type"]).lower(), type=d["type"], date=d.get("date"),
                   time=d.get("time"), location=d.get("location"), country=d.get("country"),
                   **{r: tuple(d.get(r, ())) for r in EVENT_ROLES},
                   spans=tuple(tuple(s) for s in d.get("spans", ())), published=d.get("published"))



@dataclass(frozen=True)
class PersonStatus:
    """What one clause of a report says became of a named person (issue 18)."""

    status: Status
    span: tuple[int, int]          # the clause: its predicate and the subject naming the person
    source: Source
    modality: Modality = "asserted"
    time: str | None = None         # the moment the status held, when the text says


@dataclass(frozen=True)
class Person:
    """A named person one report says was affected (killed, injured, held, freed...; attackers killed or
    captured), with what that report says of them. Its ``to_dict`` is a line of
    ``../shared/data/dev/people/gold.jsonl``; each status is also a claim whose count is one (``claims``)."""

    report: str
    name: str                                   # the fullest form the report gives, in its spelling
    mentions: tuple[tuple[int, int], ...]       # every span naming the person (full name, surname, title...)
    nationality: str | None = None
    age: int | None = None
    sex: Sex | None = None
    home_town: str | None = None
    employer: str | None = None
    role: Role = "unspecified"
    statuses: tuple[PersonStatus, ...] = ()
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"report": self.report, "name": self.name, "mentions": [list(m) for m in self.mentions],
                "nationality": self.nationality, "age": self.age, "sex": self.sex, "home_town": self.home_town,
                "employer": self.employer, "role": self.role,
                "statuses": [{"status": s.status, "span": list(s.span), "source_kind": s.source.kind,
                              "source_text": s.source.text, "source_country": s.source.country,
                              "source_via": s.source.via, "modality": s.modality, "time": s.time}
                             for s in self.statuses],
                "published": self.published}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Person:
        statuses = tuple(PersonStatus(s["status"], tuple(s["span"]),
                                      Source(s.get("source_text"), s.get("source_kind", "reporter"),
                                             s.get("source_country"), s.get("source_via")),
                                      s.get("modality", "asserted"), s.get("time")) for s in d.get("statuses", ()))
        return cls(report=d["report"], name=d["name"], mentions=tuple(tuple(m) for m in d.get("mentions", ())),
                   nationality=d.get("nationality"), age=d.get("age"), sex=d.get("sex"),
                   home_town=d.get("home_town"), employer=d.get("employer"), role=d.get("role", "unspecified"),
                   statuses=statuses, published=d.get("published"))

    def claims(self) -> tuple[Claim, ...]:
        """Each status as a claim of one person of the person's nationality and role (``group.text``: the name)."""
        group = Group(self.name, self.nationality, None, self.role)
        one = Count(1, 1, "exact", self.name)
        return tuple(Claim(report=self.report, span=s.span, text=self.name, status=s.status, count=one, group=group,
                           source=s.source, modality=s.modality, published=self.published, time=s.time,
                           id="p" + claim_id(self.report, s.span, s.status, one, group)[1:], person=self.name)
                     for s in self.statuses)


@dataclass(frozen=True)
class PersonRecord:
    """One person across an incident's reports: the mentions that were merged into it, and why."""

    id: str                                     # stable: the incident and the record's first mention
    incident: str
    name: str
    variants: tuple[str, ...]                   # every distinct name string its mentions give
    mentions: tuple[Person, ...]                # one per report that names the person
    nationality: str | None = None
    age: int | None = None
    sex: Sex | None = None
    final_status: Status | None = None          # the latest status by the account's policy
    merged_because: tuple[str, ...] = ()        # why each mention after the first joined the record
    role: Role = "unspecified"
    # Where final_status comes from: the report and its statement (None: no mention gives a status).
    final_report: str | None = None
    final_statement: PersonStatus | None = None
    # What else a reader should know: a user's decisions that shaped the record, a mention that could be
    # this person or another and was kept apart.
    notes: tuple[str, ...] = ()

    @property
    def reports(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.report for p in self.mentions))


def normalised_text(text: str) -> str:
    """The text as compared for identity: Unicode NFC, runs of white space as one space, no outer space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_hash(text: str) -> str:
    """SHA-1 of the normalised text: the same words re-wrapped or re-encoded hash the same."""
    return hashlib.sha1(normalised_text(text).encode("utf-8")).hexdigest()


def report_identity(given_id: str | None, url: str | None, text: str) -> str:
    """A report's identity: its given id, else its URL, else ``text-`` and 16 hex digits of its text hash."""
    return given_id or url or "text-" + text_hash(text)[:16]


def claim_id(report: str, span: tuple[int, int], status: str, count: Count, group: Group,
             version: int = 1) -> str:
    """A stable id: the same report text always yields the same ids.

    version: the report's version; from the second on it is hashed too, so that the same words in two
        versions are two claims (and the first version's ids are those of a report with no versions).
    RETURNS (str): "c" plus 16 hex digits of a SHA-1 over what identifies the claim.
    """
    identifies = [report, list(span), status, asdict(count), asdict(group)] + ([version] if version > 1 else [])
    key = json.dumps(identifies, sort_keys=True)
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class CellKey:
    """One row x column of the account: a group (by nationality, foreignness and side) and a status.

    side: "all" (everyone at the site), "other" (everyone but attackers and
    security forces: hostages, staff, bystanders, people of no stated role),
    "attacker" or "security".
    """

    nationality: str | None
    foreign: bool | None
    side: str
    status: str


@dataclass(frozen=True)
class CellFigure:
    """The reconciled figure of one cell. ``None`` on a side means unbounded.

    claims: the claims about this cell itself; derived_from: for a figure the
        claims imply without naming the cell (3 freed + 14 missing Japanese ->
        at least 17 taken), the claims it comes from.
    """

    key: CellKey
    low: int | None
    high: int | None
    best: int | None
    claims: tuple[str, ...]
    rule: str
    derived_from: tuple[str, ...] = ()
    named: int = 0  # how many named people the cell holds (a figure above it counts people not named)


@dataclass(frozen=True)
class ConflictFigure:
    """One figure of a conflict as the account weighed it: the cell it bounds, the first of the claims that
    give it (several reports may give the same figure), how many give it, and whether it was set aside."""

    cell: CellKey
    claim: Claim
    claims: int
    reports: tuple[str, ...]
    set_aside: bool


@dataclass(frozen=True)
class Conflict:
    """Claims that cannot all hold. ``dropped`` are those set aside to compute the figures; ``figures``
    what each says, for the words a person reads (render.conflict_explanation)."""

    claims: tuple[str, ...]
    reason: str   # revision | time | scope | speaker | rounding | contradiction
    figures: tuple[ConflictFigure, ...] = ()
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class IncidentAccount:
    id: str
    title: str
    reports: tuple[str, ...]
    cells: tuple[CellFigure, ...] = field(default_factory=tuple)
    conflicts: tuple[Conflict, ...] = field(default_factory=tuple)
    policy: str = "latest"
    as_of: str | None = None
    exact: bool = True  # False: work was bounded, and the claims set aside are a good set, not the lightest
