"""The store: reports, their claims and named people in SQLite or PostgreSQL through SQLAlchemy.

Claims are never edited. A report is stored with all its claims and people in one
transaction: a crash leaves whole reports or none. Storing the same text under
the same identity again changes nothing; a new text under a known identity
(the same id or URL) is stored as the next version, beside the old ones.
Reading gives the newest version of each report unless asked for all.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from sqlalchemy import and_, create_engine, event, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import Errors, StoreError
from ..model import CLAIM_ROW, Claim, Person, Report, text_hash
from ..settings import database_url
from . import migrate, schema


@dataclass(frozen=True)
class StoredReport:
    report: Report
    claim_count: int
    stored_at: str | None = None


@dataclass(frozen=True)
class PersonDecision:
    """A user's decision on merging people (``headcount people --split/--join``): every two of ``mentions``
    (reconcile.people.mention_key) are kept ``apart`` or ``together``; a later decision on the same two
    overrules it. ``record``: the record it was asked of."""

    id: int
    incident: str
    kind: str  # apart | together
    mentions: tuple[str, ...]
    record: str | None = None
    made_at: str | None = None


class VersionTaken(StoreError):
    """Another writer stored a different text as this version first: prepare the report again."""


class Store:
    """Reports and their claims. Open with ``Store.open(url)`` and use as a context manager."""

    def __init__(self, engine: Engine):
        self.engine = engine
        # Writes take the store's write lock when they begin, so a check-then-insert cannot interleave.
        self._writer = engine.execution_options(headcount_write=True)

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open the store at an SQLAlchemy URL (default ``$HEADCOUNT_DB``), creating or upgrading it."""
        url = database_url(url)
        try:
            migrate.upgrade(url)
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_connect)
                event.listen(engine, "begin", _sqlite_begin)
        except (SQLAlchemyError, ImportError, ValueError, OSError) as e:
            raise StoreError(Errors.E008.format(url=url, reason=str(e).splitlines()[0])) from e
        return cls(engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------------------

    def writing(self):
        """A transaction that holds the store's write lock from its start (``with store.writing() as conn``),
        for the store's other tables (alerts/), whose reads and writes must be one step."""
        return self._writer.begin()

    def prepare(self, report: Report) -> Report | None:
        """The report as it would be stored: None if its text is already stored under its identity, else
        with the version it would get (1, or one more than the newest stored). Extract claims from what
        this returns, so that their ids are those of the stored version."""
        sha = text_hash(report.text)
        r = schema.reports
        with self.engine.connect() as conn:
            rows = conn.execute(select(r.c.version, r.c.text_sha1).where(r.c.id == report.id)).all()
        if any(row.text_sha1 == sha for row in rows):
            return None
        return replace(report, version=max((row.version for row in rows), default=0) + 1)

    def add(self, report: Report, claims: list[Claim], people: Iterable[Person] = ()) -> bool:
        """Store a prepared report with its claims and named people in one transaction.

        RETURNS (bool): True if stored, False if the same text was already stored under its identity.
        RAISES VersionTaken: another writer took this version number with another text meanwhile.
        """
        row = _report_row(report)
        try:
            with self._writer.begin() as conn:
                if self._stored(conn, report.id, row["text_sha1"]):
                    return False
                conn.execute(insert(schema.reports), [row])
                if claims:
                    conn.execute(insert(schema.claims), [_claim_row(c, report.version) for c in claims])
                rows = [_person_row(p, report, i) for i, p in enumerate(people)]
                if rows:
                    conn.execute(insert(schema.people), rows)
        except IntegrityError as e:
            with self.engine.connect() as conn:
                if self._stored(conn, report.id, row["text_sha1"]):
                    return False  # another process stored the same text first
                if self._version_exists(conn, report.id, report.version):
                    raise VersionTaken(f"{report.origin or report.id}: version {report.version} was taken") from e
            raise _write_error(report, e) from e
        except SQLAlchemyError as e:
            raise _write_error(report, e) from e
        return True

    @staticmethod
    def _stored(conn, report_id: str, sha: str) -> bool:
        r = schema.reports
        return conn.execute(select(r.c.id).where(and_(r.c.id == report_id, r.c.text_sha1 == sha))).first() \
            is not None

    @staticmethod
    def _version_exists(conn, report_id: str, version: int) -> bool:
        r = schema.reports
        return conn.execute(select(r.c.id).where(and_(r.c.id == report_id, r.c.version == version))).first() \
            is not None

    # -- reading ---------------------------------------------------------------------------------------

    def stored_version(self, report: Report) -> int | None:
        """The version of the stored report of this id that has this report's text, if any."""
        r = schema.reports
        with self.engine.connect() as conn:
            return conn.execute(select(r.c.version).where(and_(r.c.id == report.id,
                                                               r.c.text_sha1 == text_hash(report.text)))).scalar()

    def knows(self, report_id: str) -> bool:
        """Whether any version of the report of this id (its identity) is stored."""
        r = schema.reports
        with self.engine.connect() as conn:
            return conn.execute(select(r.c.id).where(r.c.id == report_id).limit(1)).first() is not None

    def revision(self) -> int:
        """How many report versions the store holds. Reports are only ever added, so a reader can keep
        what it computed until this number changes."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.reports)).scalar_one()

    def reports(self, all_versions: bool = False) -> list[StoredReport]:
        """Stored reports with their claim counts, by publication date: the newest version of each, or all."""
        r, c = schema.reports, schema.claims
        own = and_(c.c.report_id == r.c.id, c.c.report_version == r.c.version)
        q = (select(r, func.count(c.c.id).label("n")).select_from(r.outerjoin(c, own))
             .group_by(*r.c).order_by(r.c.published, r.c.id, r.c.version))
        if not all_versions:
            q = q.where(_is_newest(r.c.id, r.c.version))
        with self.engine.connect() as conn:
            return [StoredReport(_report_from_row(row), row.n, row.stored_at) for row in conn.execute(q)]

    def report(self, report_id: str, version: int | None = None) -> Report | None:
        """A stored report: the given version, or the newest."""
        r = schema.reports
        q = select(r).where(r.c.id == report_id)
        q = q.where(r.c.version == version) if version is not None else q.order_by(r.c.version.desc()).limit(1)
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        return _report_from_row(row) if row else None

    def claims(self, report_id: str | None = None, version: int | None = None,
               all_versions: bool = False) -> list[Claim]:
        """Stored claims in report and text order: of one report (the given version, or its newest), of
        the newest version of every report, or of all versions."""
        c = schema.claims
        q = select(*(c.c[name] for name in _CLAIM_FIELDS)).order_by(c.c.report_id, c.c.report_version,
                                                                     c.c.span_start, c.c.id)
        if report_id is not None:
            q = q.where(c.c.report_id == report_id)
        if version is not None:
            q = q.where(c.c.report_version == version)
        elif not all_versions:
            q = q.where(_is_newest(c.c.report_id, c.c.report_version))
        with self.engine.connect() as conn:
            return [_claim_from_row(row) for row in conn.execute(q)]


    def people(self, report_id: str | None = None) -> list[Person]:
        """The named people of the newest version of each report (or of one report), in report order and
        then as extraction gave them."""
        p = schema.people
        q = (select(p).where(_is_newest(p.c.report_id, p.c.report_version))
             .order_by(p.c.report_id, p.c.report_version, p.c.position))
        if report_id is not None:
            q = q.where(p.c.report_id == report_id)
        with self.engine.connect() as conn:
            return [_person_from_row(row) for row in conn.execute(q)]

    # -- decisions on merging people ---------------------------------------------------------------------

    def add_person_decision(self, incident: str, kind: str, mentions: Iterable[str],
                            record: str | None = None) -> PersonDecision:
        """Keep a decision on merging people (``PersonDecision``); RETURNS it with its number."""
        if kind not in ("apart", "together"):
            raise ValueError(f"unknown decision kind {kind!r}")
        mentions = tuple(mentions)
        row = {"incident": incident, "kind": kind, "mentions": json.dumps(list(mentions), ensure_ascii=False),
               "record": record, "made_at": _now()}
        try:
            with self._writer.begin() as conn:
                number = conn.execute(insert(schema.person_decisions).values(**row)).inserted_primary_key[0]
        except SQLAlchemyError as e:
            raise StoreError(Errors.E008.format(url=self.engine.url, reason=str(e).splitlines()[0])) from e
        return PersonDecision(number, incident, kind, mentions, record, row["made_at"])

    def person_decisions(self, incident: str | None = None) -> list[PersonDecision]:
        """The decisions on merging people, oldest first; of one incident if given."""
        d = schema.person_decisions
        q = select(d).order_by(d.c.id)
        if incident is not None:
            q = q.where(d.c.incident == incident)
        with self.engine.connect() as conn:
            return [PersonDecision(row.id, row.incident, row.kind, tuple(json.loads(row.mentions)), row.record,
                                   row.made_at) for row in conn.execute(q)]

    def person_decisions_revision(self) -> int:
        """The number of the latest decision on merging people (0: none): what a reader keeping merged
        people checks, as ``revision`` for reports."""
        d = schema.person_decisions
        with self.engine.connect() as conn:
            return conn.execute(select(func.coalesce(func.max(d.c.id), 0))).scalar_one()


def _is_newest(report_id, version):
    """The condition that (report_id, version) is the newest stored version of that report."""
    r = schema.reports
    newest = select(func.max(r.c.version)).where(r.c.id == report_id).scalar_subquery()
    return version == newest


def _write_error(report: Report, e: Exception) -> StoreError:
    return StoreError(f"{report.origin or report.id}: cannot store the report ({str(e).splitlines()[0]})")


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # we BEGIN ourselves, below
    dbapi_conn.execute("PRAGMA foreign_keys=ON")
    dbapi_conn.execute("PRAGMA busy_timeout=60000")
    # WAL: readers (an account, the web page) never wait for a batch that is being written.
    dbapi_conn.execute("PRAGMA journal_mode=WAL")


def _sqlite_begin(conn) -> None:
    # A write takes the lock up front; a deferred one could deadlock with another writer and fail at once.
    mode = "IMMEDIATE" if conn.get_execution_options().get("headcount_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _report_row(report: Report) -> dict:
    return {"id": report.id, "version": report.version, "text": report.text,
            "text_sha1": text_hash(report.text), "published": report.published, "outlet": report.outlet,
            "url": report.url, "language": report.language, "incident": report.incident, "origin": report.origin,
            "stored_at": _now()}


def _report_from_row(row) -> Report:
    return Report(id=row.id, text=row.text, published=row.published, outlet=row.outlet, url=row.url,
                  language=row.language, origin=row.origin, incident=row.incident, version=row.version)


# The store's claim columns are the flat row's (model.CLAIM_ROW), the report's id as report_id.
_CLAIM_FIELDS = tuple("report_id" if name == "report" else name for name, _ in CLAIM_ROW)
_ROW_NAMES = tuple(name for name, _ in CLAIM_ROW)


def _claim_row(c: Claim, version: int) -> dict:
    row = c.to_row()
    row["report_id"] = row.pop("report")
    row["report_version"] = version
    return row


def _claim_from_row(row) -> Claim:
    """A row selected in the order of _CLAIM_FIELDS: by position, since reading a Row's attributes by name
    cost more than the query itself (10 000 claims: 0.4 s -> 0.1 s)."""
    return Claim.from_row(dict(zip(_ROW_NAMES, row)))


def _person_row(p: Person, report: Report, position: int) -> dict:
    d = p.to_dict()
    return {"report_id": report.id, "report_version": report.version, "position": position, "name": p.name,
            "mentions": json.dumps(d["mentions"]), "nationality": p.nationality, "age": p.age, "sex": p.sex,
            "home_town": p.home_town, "employer": p.employer, "role": p.role,
            "statuses": json.dumps(d["statuses"], ensure_ascii=False), "published": p.published}


def _person_from_row(row) -> Person:
    return Person.from_dict({"report": row.report_id, "name": row.name, "mentions": json.loads(row.mentions),
                             "nationality": row.nationality, "age": row.age, "sex": row.sex,
                             "home_town": row.home_town, "employer": row.employer, "role": row.role,
                             "statuses": json.loads(row.statuses), "published": row.published})
