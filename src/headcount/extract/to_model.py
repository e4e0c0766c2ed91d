"""spaCy Doc -> ``model.Claim``: the only place the extractor's output meets the report."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import EVENT_ROLES, Claim, Event, Person, PersonStatus, Report, Source, claim_id
from .facts import report_facts
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


def events_from_doc(doc: Doc, report: Report | None = None) -> list[Event]:
    """The events of a processed Doc (``doc._.event_parts``, the ``headcount_events`` component's), in the
    report's own words (the Doc may read an upper-case report in its true case, with the same offsets).

    report (Report | None): the report the Doc was made from; its id and publication time date the events.
    """
    report_id = report.id if report else (doc._.report_id or "")
    published = report.published if report else None
    words = report.text if report else doc.text
    parts = doc._.event_parts or []
    country = report_facts(words).country if parts else None
    out = []
    for p in parts:
        spans = [("act", p.act.start_char, p.act.end_char)] if p.act else []
        for what, f in (("date", p.date), ("location", p.location)):
            if f is not None:
                spans.append((what, f.start_char, f.end_char))
        roles = {}
        for role in EVENT_ROLES:
            fillers = p.roles.get(role, ())
            roles[role] = tuple(words[f.start_char:f.end_char] for f in fillers)
            spans += [(role, f.start_char, f.end_char) for f in fillers]
        date = words[p.date.start_char:p.date.end_char] if p.date else None
        out.append(Event(report=report_id, kind=p.type, type=p.muc_type, date=date, time=resolve(date, published),
                         location=words[p.location.start_char:p.location.end_char] if p.location else None,
                         country=country, spans=tuple(spans), published=published, **roles))
    return out
