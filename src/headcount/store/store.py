"""The store: reports and claims in SQLite or PostgreSQL through SQLAlchemy.

Claims are never edited: a report is stored once with all its claims, in one
transaction, and storing the same report again changes nothing.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import create_engine, event, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import Errors, StoreError
from ..model import Claim, Count, Group, Report, Source
from ..settings import database_url
from . import schema


@dataclass(frozen=True)
class StoredReport:
    report: Report
    claim_count: int


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Store:
    """Reports and their claims. Open with ``Store.open(url)`` and use as a context manager."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        url = database_url(url)
        try:
            engine = create_engine(url, future=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            schema.metadata.create_all(engine)
            _add_missing_columns(engine)
        except (SQLAlchemyError, ImportError, ValueError) as e:
            raise StoreError(Errors.E008.format(url=url, reason=str(e).splitlines()[0])) from e
        return cls(engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def add(self, report: Report, claims: list[Claim]) -> bool:
        """Store a report with its claims in one transaction.

        RETURNS (bool): True if stored, False if the same report was already there.
        """
        sha = text_sha1(report.text)
        try:
            with self.engine.begin() as conn:
                existing = conn.execute(select(schema.reports.c.text_sha1).where(schema.reports.c.id == report.id)).first()
                if existing is not None:
                    return False
                conn.execute(insert(schema.reports), [_report_row(report, sha)])
                if claims:
                    conn.execute(insert(schema.claims), [_claim_row(c) for c in claims])
        except IntegrityError as e:
            if self.has_report(report.id):
                return False  # another process stored the same report first
            raise _write_error(report, e) from e
        except SQLAlchemyError as e:
            raise _write_error(report, e) from e
        return True

    def has_report(self, report_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.reports.c.id).where(schema.reports.c.id == report_id)).first() is not None

    def reports(self) -> list[StoredReport]:
        from sqlalchemy import func
        r, c = schema.reports, schema.claims
        q = (select(r, func.count(c.c.id).label("n")).select_from(r.outerjoin(c, c.c.report_id == r.c.id))
             .group_by(*r.c).order_by(r.c.published, r.c.id))
        with self.engine.connect() as conn:
            return [StoredReport(Report(id=row.id, text=row.text, published=row.published, outlet=row.outlet,
                                        url=row.url, language=row.language, origin=row.origin,
                                        incident=row.incident),
                                 row.n) for row in conn.execute(q)]

    def claims(self, report_id: str | None = None) -> list[Claim]:
        q = select(schema.claims).order_by(schema.claims.c.report_id, schema.claims.c.span_start, schema.claims.c.id)
        if report_id is not None:
            q = q.where(schema.claims.c.report_id == report_id)
        with self.engine.connect() as conn:
            return [_claim_from_row(row) for row in conn.execute(q)]


def _add_missing_columns(engine: Engine) -> None:
    """Bring a store made by an earlier version up to date: add the claim ``time`` column it lacks.
    (A stopgap until the store has Alembic migrations.)"""
    from sqlalchemy import inspect, text
    have = {c["name"] for c in inspect(engine).get_columns("claims")}
    if "time" not in have:
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE claims ADD COLUMN time VARCHAR(64)"))


def _write_error(report: Report, e: Exception) -> StoreError:
    return StoreError(f"{report.origin or report.id}: cannot store the report ({str(e).splitlines()[0]})")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _report_row(report: Report, sha: str) -> dict:
    return {"id": report.id, "text": report.text, "text_sha1": sha, "published": report.published,
            "outlet": report.outlet, "url": report.url, "language": report.language,
            "incident": report.incident, "origin": report.origin}


def _claim_row(c: Claim) -> dict:
    return {"id": c.id, "report_id": c.report, "span_start": c.span[0], "span_end": c.span[1], "text": c.text,
            "status": c.status, "count_low": c.count.low, "count_high": c.count.high,
            "qualifier": c.count.qualifier, "count_text": c.count.text, "group_text": c.group.text,
            "nationality": c.group.nationality, "foreign": c.group.foreign, "role": c.group.role,
            "source_text": c.source.text, "source_kind": c.source.kind, "source_country": c.source.country,
            "source_via": c.source.via, "modality": c.modality, "published": c.published, "time": c.time}


def _claim_from_row(row) -> Claim:
    return Claim(
        report=row.report_id, span=(row.span_start, row.span_end), text=row.text, status=row.status,
        count=Count(row.count_low, row.count_high, row.qualifier, row.count_text),
        group=Group(row.group_text, row.nationality, row.foreign, row.role),
        source=Source(row.source_text, row.source_kind, row.source_country, row.source_via),
        modality=row.modality, id=row.id, published=row.published, time=row.time,
    )
