"""spaCy Doc -> ``model.Claim``: the only place the extractor's output meets the report."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Claim, Person, PersonStatus, Report, Source, claim_id
from .when import resolve


def claims_from_doc(doc: Doc, report: Report | None = None) -> list[Claim]:
    """The claims of a processed Doc, with stable ids.

    report (Report | None): the report the Doc was made from; its id and outlet
        fill the claim's ``report`` and the report's own voice ("reporter").
    """
    report_id = report.id if report else (doc._.report_id or "")
    outlet = report.outlet if report else doc._.outlet
    published = report.published if report else None
    version = report.version if report else 1
    # the report's own words: the Doc may read an upper-case report in its true case (same offsets)
    words = report.text if report else doc.text
    claims, seen = [], {}
    for p in doc._.claim_parts or []:
        source = p.source or Source(text=outlet, kind="reporter", country=None, via=None)
        span = (p.start_char, p.end_char)
        cid = claim_id(report_id, span, p.status, p.count, p.group, version)
        # the same words can hold the same claim twice ("two ... two"): keep ids distinct and stable
        n = seen.get(cid, 0)
        seen[cid] = n + 1
        if n:
            cid = f"{cid}-{n}"
        claims.append(Claim(report=report_id, span=span, text=words[span[0]:span[1]], status=p.status,
                            count=p.count, group=p.group, source=source, modality=p.modality, id=cid,
                            published=published, time=resolve(p.when, published)))
    return claims


def people_from_doc(doc: Doc, report: Report | None = None) -> list[Person]:
    """The named people of a processed Doc (``doc._.people``, the ``headcount_people`` component's).

    report (Report | None): the report the Doc was made from; its id, outlet and publication time fill
        the person's ``report``, the report's own voice ("reporter") and the statuses' times.
    """
    report_id = report.id if report else (doc._.report_id or "")
    outlet = report.outlet if report else doc._.outlet
    published = report.published if report else None
    people = []
    for p in doc._.people or []:
        found = tuple(PersonStatus(s.status, (s.start_char, s.end_char),
                                   s.source or Source(text=outlet, kind="reporter", country=None, via=None),
                                   s.modality, resolve(s.when, published)) for s in p.statuses)
        people.append(Person(report=report_id, name=p.name, mentions=tuple(p.mentions), nationality=p.nationality,
                             age=p.age, sex=p.sex, home_town=p.home_town, employer=p.employer, role=p.role,
                             statuses=found, published=published))
    return people
