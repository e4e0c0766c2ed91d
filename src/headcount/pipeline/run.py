"""The pipeline: read -> skip what the store has -> extract -> store, one report at a time.

Reports stream through: a batch of any size holds one spaCy batch in memory,
and each report is committed with its claims and named people before the next, so a killed run
leaves only whole reports and a second run picks up where it stopped.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..errors import HeadcountError, InputError
from ..model import Report
from ..ingest.readers import ReadResult, SkippedFile, checked

# A report whose version another writer took meanwhile is prepared again; more retries than this is a bug.
_VERSION_RETRIES = 5


@dataclass
class IngestResult:
    """What a batch did: reports stored, reports the store already had, the items that failed, and what
    was set right in the others (``Report.warnings``)."""

    stored: list[str] = field(default_factory=list)
    known: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ingest(items: Iterable[ReadResult], store, incident: str | None = None,
           on_error: Callable[[str], None] | None = None, on_warning: Callable[[str], None] | None = None,
           on_stored: Callable[[Report], None] | None = None, on_known: Callable[[], None] | None = None,
           jobs: int = 1) -> IngestResult:
    """Store every readable report of ``items`` with its claims and named people; errors are collected (and passed to
    ``on_error`` as they come), never raised, so the rest of the batch goes on; warnings likewise, to
    ``on_warning``. ``on_stored`` is told of each report stored, ``on_known`` of each the store already had,
    as they come (a progress bar counts both).

    incident: the incident of reports that do not name one.
    jobs: extract in this many processes (the store is written by this one).
    """
    from ..extract import read_reports

    result = IngestResult()

    def fail(message: str) -> None:
        result.errors.append(message)
        if on_error:
            on_error(message)

    def warn(message: str) -> None:
        result.warnings.append(message)
        if on_warning:
            on_warning(message)

    def known() -> None:
        result.known += 1
        if on_known:
            on_known()

    new = _new_reports(items, store, incident, known, fail, warn)
    for reading in read_reports(new, jobs=jobs):
        stored = _or_failed(fail, store_report, store, reading.report, reading.claims, reading.people)
        if stored is None:
            known()
        elif stored is not FAILED:
            result.stored.append(stored.id)
            if on_stored:
                on_stored(stored)
    return result


FAILED = object()  # what _or_failed gives for a step that raised


def _or_failed(fail: Callable[[str], None], step: Callable, *args):
    """``step(*args)``, or FAILED when it raises a HeadcountError, which goes to ``fail``: one report's
    failure never stops the batch."""
    try:
        return step(*args)
    except HeadcountError as e:
        fail(str(e))
        return FAILED


def _new_reports(items: Iterable[ReadResult], store, incident: str | None, known: Callable[[], None],
                 fail: Callable[[str], None], warn: Callable[[str], None]) -> Iterator[Report]:
    for item in map(checked, items):  # the readers' check, for Reports made by a program too
        if isinstance(item, InputError):
            fail(str(item))
            continue
        if isinstance(item, SkippedFile):  # a file of a folder that is no report: said, not failed
            warn(item.warning)
            continue
        for warning in item.warnings:
            warn(warning)
        if incident and not item.incident:
            item = replace(item, incident=incident)
        ready = _or_failed(fail, store.prepare, item)
        if ready is None:
            known()
        elif ready is not FAILED:
            yield ready


def store_report(store, report: Report, claims, people=()) -> Report | None:
    """Add the report with its claims and people; if another writer took its version number, prepare and
    read it again."""
    from ..extract import read_report
    from ..store import VersionTaken

    for _ in range(_VERSION_RETRIES):
        try:
            return report if store.add(report, claims, people=people) else None
        except VersionTaken:
            report = store.prepare(report)
            if report is None:
                return None
            reading = read_report(report)
            claims, people = reading.claims, reading.people
    raise HeadcountError(f"{report.origin or report.id}: could not get a version number after "
                         f"{_VERSION_RETRIES} tries")
