"""The API's request and response bodies, as Pydantic models: they validate what comes in and give the
OpenAPI schema at ``/openapi.json``.

Each JSON object is described here once, for the API and the CLI's ``--format json`` alike (views.py shapes
each, and a test holds the CLI's JSON to these models): a claim (``GuidelinesClaim``, the claim format of
GUIDELINES.md, what ``headcount extract`` prints), a stored report (``ReportOut``), an incident
(``IncidentSummary``), an account (``Account``), a timeline (``Timeline``). Where the API gives more, its
model adds only that: ``ClaimOut`` a claim's moment, group label and incident, ``IncidentOut`` everyone's
figures, ``AccountOut`` and ``TimelineOut`` whether the answer is stale. An alert rule (``AlertRuleOut``), an
alert (``Alert``, a webhook's body) and its delivery (``AlertDelivery``) likewise; a person across an incident's
reports (``PersonRecord``: ``headcount people --format json``, GET /api/incidents/{id}/people, /api/people)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..ingest.readers import MAX_TEXT_CHARS, unstorable
from ..model import REPORT_FIELD_CHARS as CHARS
from ..model import Policy
NO_NUL = "^[^\\u0000]*$"
TEXT_PATTERN = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


def _storable(value: str | None) -> str | None:
    """Text a database keeps as given (the readers' own check, ingest.readers.unstorable)."""
    problem = unstorable(value)
    if problem:
        raise ValueError(f"holds {problem}, which no store keeps")
    return value


class ReportIn(BaseModel):
    """One report in the Reports format of GUIDELINES.md; ``incident`` optionally names its incident."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "id": "harbour-desk-0412", "published": "2024-05-02T09:30:00Z", "outlet": "Harbour Desk",
        "url": None, "language": "en",
        "text": "The interior ministry said 12 workers were freed on Thursday."}]})

    # The patterns document what the validators below enforce (with clearer messages than a pattern's):
    # no NUL character anywhere, and a text with words in it.
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The full text of the report.",
                      json_schema_extra={"pattern": TEXT_PATTERN})
    id: str | None = Field(None, max_length=CHARS["id"], description="Its identity; default: its URL, else a "
                           "hash of its text.", json_schema_extra={"pattern": NO_NUL})
    published: str | None = Field(None, max_length=CHARS["published"], description="ISO 8601 date or date-time; "
                                  "one that is no real moment is dropped, with a warning in the answer.",
                                  json_schema_extra={"pattern": NO_NUL})
    outlet: str | None = Field(None, max_length=CHARS["outlet"], json_schema_extra={"pattern": NO_NUL})
    url: str | None = Field(None, max_length=CHARS["url"], json_schema_extra={"pattern": NO_NUL})
    language: str | None = Field("en", max_length=CHARS["language"], json_schema_extra={"pattern": NO_NUL})
    incident: str | None = Field(None, max_length=CHARS["incident"], description="The incident it is about, if known.",
                                 json_schema_extra={"pattern": NO_NUL})

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is only white space; a report needs its text")
        return _storable(value)

    @field_validator("id", "published", "outlet", "url", "language", "incident")
    @classmethod
    def _storable_field(cls, value: str | None) -> str | None:
        return _storable(value)


class Count(BaseModel):
    low: int | None
    high: int | None
    qualifier: str
    text: str | None = None


class Group(BaseModel):
    text: str | None
    nationality: str | None
    foreign: bool | None
    role: str


class Source(BaseModel):
    text: str | None
    kind: str
    country: str | None = None
    via: str | None = None


class GuidelinesClaim(BaseModel):
    """A claim in the format of GUIDELINES.md, with its id: a line of ``headcount extract``."""

    id: str
    report: str
    span: tuple[int, int]
    text: str
    status: str
    count: Count
    group: Group
    source: Source
    modality: str
    published: str | None = None
    time: str | None = None


class ClaimOut(GuidelinesClaim):
    """A claim as the API gives it: with its moment, its group's label and the incident of its report."""

    moment: str | None = Field(None, description="When its figure held, as reconciliation takes it "
                               "(its time, else its report's publication); null: undated.")
    group_label: str = Field(description='The group as the board names its row: "Japan", "foreigners".')
    incident: str | None = None


class ReportOut(BaseModel):
    """A stored report without its text: ``headcount reports --format json`` and GET /api/reports."""

    id: str = Field(description="The report's identity, the same for all its versions.")
    version: int = Field(description="1 for the first text stored under its id, then 2, 3...")
    published: str | None
    outlet: str | None
    url: str | None
    language: str
    incident: str | None = Field(None, description="The incident the report was grouped into.")
    claim_count: int = Field(description="How many claims were extracted from it.")
    stored_at: str | None = None


class ReportDetail(ReportOut):
    text: str
    claims: list[ClaimOut] = Field(description="Its claims, each with its span (character offsets "
                                   "into text).")


class ReportStored(BaseModel):
    """The answer to POST /api/reports."""

    report: ReportOut
    stored: bool = Field(description="False when the same text was already stored under this identity.")
    claims: list[ClaimOut]
    warnings: list[str] = Field(default_factory=list, description="What was set right in the report before it "
                                "was stored (a 'published' that is no date is dropped).")


class HeadlineFigure(BaseModel):
    status: str
    low: int | None
    high: int | None
    best: int | None


class IncidentSummary(BaseModel):
    """An incident of ``headcount incidents --format json``."""

    id: str
    title: str
    host: str | None
    site: str | None
    place: str | None = Field(None, description='Its site and host country as a person reads them: '
                              '"Tigantourine Plants, Algeria"; null: neither is known.')
    reports: list[str]
    claims: int
    first: str | None = Field(description="Publication of its first report.")
    latest: str | None = Field(description="Publication of its latest report.")


class IncidentOut(IncidentSummary):
    """An incident of GET /api/incidents: with everyone's figures, an account per incident."""

    headline: list[HeadlineFigure] = Field(description="Everyone's figures by status, latest policy.")


class CellGroup(BaseModel):
    nationality: str | None
    foreign: bool | None
    role: str = Field(description='The side: "all", "other", "attacker" or "security".')
    label: str


class Cell(BaseModel):
    group: CellGroup
    status: str
    low: int | None
    high: int | None = Field(description="null: unbounded.")
    best: int | None
    claims: list[str]
    derived_from: list[str]
    rule: str
    named: int = Field(description="How many named people the cell holds; a figure above it counts people "
                                   "not named.")


class ConflictOut(BaseModel):
    claims: list[str]
    reason: str
    explanation: str
    dropped: list[str]


class Account(BaseModel):
    """One incident of ``headcount account --format json``."""

    id: str
    title: str
    reports: list[str]
    policy: str
    as_of: str | None
    cells: list[Cell]
    conflicts: list[ConflictOut]
    exact: bool = Field(True, description="False when the work was bounded (a hostile or huge feed): the claims "
                        "set aside, or a conflict's claims, are a good set, not proven the best.")


class AccountOut(Account):
    """GET /api/incidents/{id}/account: the account, as the server keeps it."""

    stale: bool = Field(False, description="True: the store has changed since this account was computed; the "
                        "new one is being computed and a later request gets it.")


class TimelinePoint(BaseModel):
    as_of: str | None
    group: CellGroup
    status: str
    low: int | None
    high: int | None
    best: int | None
    claims: list[str]


class Timeline(BaseModel):
    """One incident of ``headcount timeline --format json``."""

    incident: str
    policy: str
    moments: list[str] = Field(description="The dated moments claims speak of, in order: the stops of an "
                               "as-of replay.")
    points: list[TimelinePoint]


class TimelineOut(Timeline):
    """GET /api/incidents/{id}/timeline: the timeline, as the server keeps it."""

    stale: bool = Field(False, description="True: the store has changed since this timeline was computed.")


class Problem(BaseModel):
    detail: str


class StoreEvent(BaseModel):
    """The data of an event of GET /api/events."""

    revision: int = Field(description="The store's revision (how many report versions it holds), also the "
                          "event's id: it only grows.")
    incidents: list[str] | None = Field(description="The incidents whose reports changed since the event before "
                                        "(added, regrouped or gone), sorted; [] in a `revision` event; null "
                                        "when which is not known (events were missed): read everything again.")


# -- alerts (issue 19) -------------------------------------------------------------------------------------

class AlertRuleIn(BaseModel):
    """A new alert rule: what to watch and where to say it (``headcount alerts add``)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "incident": None, "cell": "JP killed", "conflicts": True, "channel": "webhook",
        "to": "https://desk.example.org/hook", "secret": "a long random string"}]})

    incident: str | None = Field(None, max_length=CHARS["incident"], description="The incident watched; null: "
                                 "every incident.", json_schema_extra={"pattern": NO_NUL})
    cell: str | None = Field(None, max_length=200, description='The cells watched: a country\'s ISO code, a side '
                             '(everyone, other, attackers, security) and a status, each optional: "JP killed", '
                             '"attackers", "any".', json_schema_extra={"pattern": NO_NUL})
    conflicts: bool = Field(False, description="Alert when a conflict appears or is resolved.")
    new_incidents: bool = Field(False, description="Alert when a new incident forms (a rule on every incident).")
    person: str | None = Field(None, max_length=200, description="A named person whose final status is watched: "
                               "each person record of the watched incidents whose name or variants match it, "
                               "case and accents aside (as GET /api/people?name= finds them): \"Jane Colter\".",
                               json_schema_extra={"pattern": NO_NUL})
    policy: Policy = "latest"
    channel: Literal["webhook", "email", "terminal"]
    to: str | None = Field(None, max_length=2000, description="The webhook's URL or the e-mail address.",
                           json_schema_extra={"pattern": NO_NUL})
    secret: str | None = Field(None, max_length=500, description="A webhook's HMAC key (X-Headcount-Signature).",
                               json_schema_extra={"pattern": NO_NUL})

    @field_validator("incident", "cell", "person", "to", "secret")
    @classmethod
    def _storable_field(cls, value: str | None) -> str | None:
        return _storable(value)

    @model_validator(mode="after")
    def _a_rule(self) -> AlertRuleIn:
        self.rule()  # the CLI's own check, so a bad cell, URL or address is a 422 like any invalid field
        return self

    def rule(self):
        """The rule it asks for (alerts.Rule), checked by alerts.make_rule."""
        from ..alerts import make_rule
        from ..errors import HeadcountError
        try:
            return make_rule(incident=self.incident, cell=self.cell, conflicts=self.conflicts,
                             new_incidents=self.new_incidents, policy=self.policy, channel=self.channel,
                             target=self.to, secret=self.secret, person=self.person)
        except HeadcountError as e:
            raise ValueError(str(e)) from None


class AlertCounts(BaseModel):
    pending: int
    delivered: int
    failed: int


class AlertRuleOut(BaseModel):
    """An alert rule: ``headcount alerts list --format json`` and GET /api/alerts. Its secret is never shown."""

    id: int
    incident: str | None = Field(description="null: every incident.")
    cell: str | None = Field(description='The cells watched ("JP killed", "any"), as --cell takes them; null: none.')
    conflicts: bool
    new_incidents: bool
    person: str | None = Field(description="The name of the person whose status is watched; null: none.")
    policy: str
    channel: str
    to: str | None = Field(description="The webhook's URL or the e-mail address; null for the terminal.")
    signed: bool = Field(description="Whether its alerts are signed (a webhook's secret is set).")
    created_at: str
    alerts: AlertCounts


class AlertCell(BaseModel):
    group: CellGroup
    status: str


class AlertFigure(BaseModel):
    low: int | None
    high: int | None = Field(description="null: unbounded.")
    best: int | None


class AlertConflict(BaseModel):
    claims: list[str]
    reason: str


class AlertPerson(BaseModel):
    id: str = Field(description="The person record's id (`headcount people`); the one seen before if it is gone.")
    name: str
    before: str | None = Field(description="The final status the rule saw last; null: none, or not seen.")
    after: str | None = Field(description="The final status now; null: none, or the record is gone.")


class AlertClaim(BaseModel):
    id: str
    report: str
    speaker: str = Field(description="Who said it: the source's words, else its kind.")
    source_kind: str
    text: str = Field(description="The claim's words in its report.")


class Alert(BaseModel):
    """An alert: the body of a webhook's POST (signed, X-Headcount-Signature), the JSON an e-mail's words come
    from, and what the store keeps."""

    id: str = Field(description="The alert's id, also sent as X-Headcount-Delivery: the same on every try, so "
                    "a receiver drops a repeat by it.")
    rule: int
    incident: str
    title: str
    policy: str
    change: Literal["incident", "figure", "conflict", "resolved", "person"] = Field(
        description="incident: a new incident formed; figure: a watched cell's best, low or high figure moved; "
                    "conflict: a conflict appeared; resolved: one is gone; person: a watched person's final "
                    "status changed (they appeared with one, it changed, or it went).")
    cell: AlertCell | None
    before: AlertFigure | None = Field(description="The cell's figures the rule saw last; null: none.")
    after: AlertFigure | None = Field(description="The cell's figures now; null: the cell is gone.")
    conflict: AlertConflict | None
    # A default: alerts kept from before people were watched have no "person".
    person: AlertPerson | None = None
    claims: list[AlertClaim] = Field(description="The claims behind the change: for a figure, those added "
                                     "behind it (else all behind it now); for a conflict, its claims; for a "
                                     "person, the status claims added (else all now), the one their status "
                                     "now comes from first, each with its words in its report.")
    message: str = Field(description="What changed, from what to what, and the claims behind it, in words.")


class AlertDelivery(BaseModel):
    """An alert and how its delivery went: ``headcount alerts log --format json`` and GET /api/alerts/log."""

    id: int
    rule: int
    channel: str
    to: str | None
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_error: str | None
    created_at: str
    delivered_at: str | None
    alert: Alert


# -- people (issue 18) -------------------------------------------------------------------------------------

class PersonStatusOut(BaseModel):
    """What one clause of a report says became of a named person."""

    status: str
    span: tuple[int, int] = Field(description="The clause: character offsets into its report's text.")
    source_kind: str
    source_text: str | None
    source_country: str | None = None
    source_via: str | None = None
    modality: str = "asserted"
    time: str | None = None


class PersonMention(BaseModel):
    """A named person as one report gives them: a line of ``headcount extract --people --format jsonl``."""

    report: str
    name: str = Field(description="The fullest form the report gives, in its spelling.")
    mentions: list[tuple[int, int]] = Field(description="Every span naming the person: character offsets into "
                                            "the report's text.")
    nationality: str | None
    age: int | None
    sex: str | None
    home_town: str | None
    employer: str | None
    role: str
    statuses: list[PersonStatusOut]
    published: str | None


class FinalStatus(BaseModel):
    """The statement a record's final status comes from, as the policy chose it."""

    report: str
    status: str
    span: tuple[int, int]
    source_kind: str
    source_text: str | None
    modality: str
    time: str | None


class PersonRecord(BaseModel):
    """One person across an incident's reports: ``headcount people --format json`` (``{incident: [records]}``,
    as ../shared/data/dev/people/people.json), GET /api/incidents/{id}/people and GET /api/people."""

    id: str = Field(description="Stable: a hash of the incident and the record's first mention.")
    incident: str
    name: str = Field(description="The fullest name its mentions give.")
    variants: list[str] = Field(description="Every distinct string naming the person in its reports.")
    nationality: str | None
    age: int | None = Field(description="The latest age a report states.")
    sex: str | None
    role: str
    final_status: str | None = Field(description="The status the latest policy gives (latest word of the most "
                                     "authoritative source); null: no report says what became of the person.")
    final: FinalStatus | None
    reports: list[str]
    mentions: list[PersonMention]
    merged_because: list[str] = Field(description="Why each mention after the first joined the record.")
    notes: list[str] = Field(description="A user's decisions that shaped the record (`headcount people --split/"
                             "--join`), a mention that could be this person or another.")
