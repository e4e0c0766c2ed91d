"""People as PFIF 1.4 XML, and PFIF published by others read back as the people of a report.

PFIF, the People Finder Interchange Format (DOCS: http://zesty.ca/pfif/1.4), is what person-finder
repositories exchange: a ``pfif:person`` per person, and ``pfif:note`` records, each one author's word on
the person, with a status. ``to_pfif`` writes a person per ``PersonRecord`` and, inside it, a note per
status claim of each of its mentions; ``read_pfif`` parses a document (1.4, and the 1.2 and 1.3 it grew
from) and ``people_from_pfif`` turns it into ``Report`` and ``Person`` objects, a report per source, so
that the store keeps them as it keeps the people of a news report and the account weighs their statuses
as claims of that source. The XML goes through ``xml.etree``; no string is built by hand.

Statuses. A PFIF note says what its author believes: ``believed_dead``, ``believed_alive`` or
``believed_missing`` (its two other values, ``information_sought`` and ``is_note_author``, are about the
author, not the person). headcount's statuses map onto them as follows:

    killed                              -> believed_dead
    freed, escaped, injured, captured   -> believed_alive   (injured: hurt, and said to be alive;
                                                             captured: an attacker taken alive)
    taken, held, missing                -> believed_missing (a hostage still held is not where those who
                                                             look for them can reach them)
    a denied claim ("was not among the dead")  -> a note without status, its words as its text

Read back from others: ``believed_dead`` -> killed, ``believed_missing`` -> missing, ``believed_alive``
-> freed (to the account, someone once missing or held who is now known to be alive), and a note of
another or no status is kept as words, with no status claim.

What PFIF has no field for travels in fields whose form PFIF leaves to the repository that writes
them, and is read back only from records of the same domain: a note's ``note_record_id`` is
``DOMAIN/note.CLAIM.STATUS.KIND.MODALITY`` (so freed and injured, both ``believed_alive``, stay apart,
and the source keeps its kind), and a person's ``description`` has a ``role: ...`` and an
``employer: ...`` line. A source's country and ``via``, a status's time of day and a mention's place in
its report are not carried: a re-imported person is a person of the PFIF report, not of the news report.
"""
from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import get_args
from urllib.parse import quote, unquote

from ..errors import Errors, InputError
from ..model import STATUSES, Modality, Person, PersonRecord, PersonStatus, Report, Source, SourceKind

PFIF_NS = "http://zesty.ca/pfif/1.4"
# Read as well: the versions 1.4 grew from. 1.2 and 1.3 name the given and family names first_name and
# last_name, and 1.3 has no alternate_names.
READ_NAMESPACES = ("http://zesty.ca/pfif/1.4", "http://zesty.ca/pfif/1.3", "http://zesty.ca/pfif/1.2")
DOMAIN = "headcount.invalid"  # the record ids' domain unless one is given (.invalid: RFC 2606, no real site)
SOURCE_NAME = "headcount"
IMPORTED_KIND = "organisation"  # the source kind of a note read from another repository

# The fields of a person and of a note, in PFIF 1.4's order; those written are marked in the writers.
PERSON_FIELDS = ("person_record_id", "entry_date", "expiry_date", "author_name", "author_email", "author_phone",
                 "source_name", "source_date", "source_url", "full_name", "given_name", "family_name",
                 "alternate_names", "description", "sex", "date_of_birth", "age", "home_street",
                 "home_neighborhood", "home_city", "home_state", "home_postal_code", "home_country", "photo_url",
                 "profile_urls")
NOTE_FIELDS = ("note_record_id", "person_record_id", "linked_person_record_id", "entry_date", "author_name",
               "author_email", "author_phone", "source_date", "author_made_contact", "status",
               "email_of_found_person", "phone_of_found_person", "last_known_location", "text", "photo_url")
REQUIRED_PERSON_FIELDS = ("person_record_id", "source_date", "full_name")
REQUIRED_NOTE_FIELDS = ("note_record_id", "person_record_id", "author_name", "source_date")
NOTE_STATUSES = ("information_sought", "is_note_author", "believed_alive", "believed_missing", "believed_dead")
# PFIF 1.2 and 1.3 names of fields 1.4 renamed
_RENAMED = {"first_name": "given_name", "last_name": "family_name"}

# fmt: off
PFIF_STATUS: dict[str, str] = {
    "killed": "believed_dead",
    "freed": "believed_alive", "escaped": "believed_alive", "injured": "believed_alive", "captured": "believed_alive",
    "taken": "believed_missing", "held": "believed_missing", "missing": "believed_missing",
}
FROM_PFIF_STATUS: dict[str, str] = {"believed_dead": "killed", "believed_missing": "missing", "believed_alive": "freed"}
# fmt: on
assert set(PFIF_STATUS) == set(STATUSES)

_NOTE_ID = re.compile(r"^note\.(?P<claim>[0-9a-z]+)\.(?P<status>[a-z]+)\.(?P<kind>[a-z_]+)\.(?P<modality>[a-z]+)$")
_DESCRIPTION_LINE = re.compile(r"^(role|employer): (.+)$")


@dataclass(frozen=True)
class PfifPerson:
    """A ``pfif:person`` as read: its fields (PFIF 1.4 names, text values) and its notes' fields."""

    fields: dict[str, str]
    notes: tuple[dict[str, str], ...] = field(default=())

    @property
    def record_id(self) -> str:
        return self.fields.get("person_record_id", "")

    @property
    def name(self) -> str:
        """Its full name, else its given and family names."""
        full = self.fields.get("full_name", "").strip()
        return full or " ".join(self.fields.get(f, "").strip() for f in ("given_name", "family_name")).strip()


# -- writing -------------------------------------------------------------------------------------------


def to_pfif(records: Iterable[PersonRecord], *, reports: Mapping[str, Report] | None = None,
            domain: str = DOMAIN, source_name: str = SOURCE_NAME, entry_date: str | None = None) -> bytes:
    """The records as a PFIF 1.4 document: a person per record, a note per status claim of its mentions.

    reports (Mapping[str, Report]): the reports the mentions are of, by id: a note's text is then the
        words of its claim, and the person's author the outlets that named them. Without it, a note's
        text says the status and its source in a line of headcount's.
    domain (str): the domain of the record ids (``DOMAIN/person.ID``); a repository's own domain.
    entry_date (str): when the records were written out (UTC, ``YYYY-MM-DDThh:mm:ssZ``); default now.
    RETURNS (bytes): the document, UTF-8, with its XML declaration.
    """
    reports = reports or {}
    entry = entry_date or _now()
    ET.register_namespace("pfif", PFIF_NS)
    root = ET.Element(_tag("pfif"))
    for record in records:
        _person_element(root, record, reports, domain, source_name, entry)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def person_record_id(record: PersonRecord, domain: str = DOMAIN) -> str:
    return f"{domain}/person.{quote(record.id, safe='')}"


def _person_element(root: ET.Element, record: PersonRecord, reports: Mapping[str, Report], domain: str,
                    source_name: str, entry: str) -> None:
    dates = sorted(d for d in (_pfif_date(p.published) for p in record.mentions) if d)
    outlets = list(dict.fromkeys(r.outlet for r in (reports.get(p.report) for p in record.mentions)
                                 if r is not None and r.outlet))
    urls = [r.url for r in (reports.get(p.report) for p in record.mentions) if r is not None and r.url]
    given, family = _split_name(record.name)
    home_town = next((p.home_town for p in record.mentions if p.home_town), None)
    employer = next((p.employer for p in record.mentions if p.employer), None)
    role = next((p.role for p in record.mentions if p.role != "unspecified"), "unspecified")
    description = "\n".join(line for line in (f"role: {role}" if role != "unspecified" else None,
                                              f"employer: {employer}" if employer else None) if line)
    nationality = record.nationality if record.nationality and re.fullmatch(r"[A-Z]{2}", record.nationality) else None
    pid = person_record_id(record, domain)
    person = ET.SubElement(root, _tag("person"))
    _fields(person, PERSON_FIELDS, {
        "person_record_id": pid, "entry_date": entry, "author_name": "; ".join(outlets) or source_name,
        "source_name": source_name, "source_date": dates[0] if dates else entry,
        "source_url": urls[0] if urls else None, "full_name": record.name, "given_name": given,
        "family_name": family,
        "alternate_names": "\n".join(v for v in record.variants if v != record.name) or None,
        "description": description or None, "sex": record.sex,
        "age": str(record.age) if record.age is not None else None, "home_city": home_town,
        "home_country": nationality,
    })
    for mention in record.mentions:
        report = reports.get(mention.report)
        for status, claim in zip(mention.statuses, mention.claims(), strict=True):
            _note_element(person, pid, mention, status, claim.id, report, domain, entry)


def _note_element(person: ET.Element, pid: str, mention: Person, status: PersonStatus, claim_id: str,
                  report: Report | None, domain: str, entry: str) -> None:
    source = status.source
    words = report.text[status.span[0]:status.span[1]].strip() if report is not None else ""
    if not words:
        words = (f"{mention.name}: {status.status}" + (" (denied)" if status.modality == "denied" else "")
                 + f", according to {source.text or source.kind}")
    note = ET.SubElement(person, _tag("note"))
    _fields(note, NOTE_FIELDS, {
        "note_record_id": f"{domain}/note.{claim_id}.{status.status}.{source.kind}.{status.modality}",
        "person_record_id": pid, "entry_date": entry, "author_name": source.text or source.kind,
        "source_date": _pfif_date(status.time) or _pfif_date(mention.published) or entry,
        "status": None if status.modality == "denied" else PFIF_STATUS[status.status], "text": words,
    })


def _fields(parent: ET.Element, order: tuple[str, ...], values: Mapping[str, str | None]) -> None:
    unknown = set(values) - set(order)
    assert not unknown, unknown
    for name in order:
        value = values.get(name)
        if value is not None and value != "":
            ET.SubElement(parent, _tag(name)).text = _xml_chars(str(value))


def _split_name(name: str) -> tuple[str | None, str | None]:
    """Given and family names of a name in given-first order ("Stephen Doyle"); none for a single word.
    A guess: news text in English and French writes names given name first, even for cultures that put
    the family name first in their own order; full_name is what a reader of the record should trust."""
    words = name.split()
    if len(words) < 2:
        return None, None
    return " ".join(words[:-1]), words[-1]


def _pfif_date(value: str | None) -> str | None:
    """An ISO 8601 date or moment as PFIF's UTC ``YYYY-MM-DDThh:mm:ssZ`` (a bare date: the end of its day,
    as the account reads it); None for no date or words ("in the afternoon")."""
    from ..moments import is_moment
    from ..reconcile.intervals import parse_moment
    if not value or not is_moment(value.strip()):
        return None
    return parse_moment(value).replace(microsecond=0).isoformat() + "Z"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _tag(name: str, ns: str = PFIF_NS) -> str:
    return f"{{{ns}}}{name}"


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_chars(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (control characters), which etree would write."""
    return _NOT_XML.sub("", text)


# -- reading -------------------------------------------------------------------------------------------


def read_pfif(data: bytes, origin: str = "PFIF") -> list[PfifPerson]:
    """The persons of a PFIF document with their notes: those inside each ``pfif:person`` and those at the
    top level, joined to their person by ``person_record_id``. Fields of PFIF 1.2 and 1.3 get their 1.4
    names.

    origin (str): the file, for messages.
    RAISES InputError: not XML, not PFIF, or a note of no person in the document.
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(Errors.E070.format(path=origin, reason=e), origin) from e
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if ns not in READ_NAMESPACES or root.tag != _tag("pfif", ns):
        raise InputError(Errors.E071.format(path=origin, tag=root.tag, ns=PFIF_NS), origin)
    persons: dict[str, tuple[dict[str, str], list[dict[str, str]]]] = {}
    loose: list[dict[str, str]] = []
    for i, element in enumerate(root):
        if element.tag == _tag("person", ns):
            fields = _record_fields(element, ns)
            notes = [_record_fields(n, ns) for n in element.findall(_tag("note", ns))]
            for n in notes:
                n.setdefault("person_record_id", fields.get("person_record_id", ""))
            persons[fields.get("person_record_id") or f"#{i}"] = (fields, notes)
        elif element.tag == _tag("note", ns):
            loose.append(_record_fields(element, ns))
    for n in loose:
        owner = persons.get(n.get("person_record_id", ""))
        if owner is None:
            raise InputError(Errors.E072.format(path=origin, note=n.get("note_record_id", "?"),
                                                person=n.get("person_record_id", "")), origin)
        owner[1].append(n)
    return [PfifPerson(fields, tuple(notes)) for fields, notes in persons.values()]


def _record_fields(element: ET.Element, ns: str) -> dict[str, str]:
    fields = {}
    for child in element:
        if child.tag.startswith(f"{{{ns}}}") and child.tag != _tag("note", ns):
            name = child.tag.split("}", 1)[1]
            fields[_RENAMED.get(name, name)] = (child.text or "").strip()
    return fields


def people_from_pfif(persons: list[PfifPerson], *, digest: str, incident: str | None = None,
                     domain: str = DOMAIN, origin: str = "PFIF") -> list[tuple[Report, list[Person]]]:
    """PFIF persons as the people of a report per source (their ``source_name``, else ``author_name``).

    Each report's text is its people's names and their notes' words, a paragraph a person, so that a
    person's mention and each status's span are words of it. A note's status is a claim of its author
    (kind organisation), via the source when the two differ; see the module's docstring for the statuses.

    digest (str): what tells this file from another (a hash of its bytes): part of the reports' ids, so
        the same file read twice is stored once.
    incident (str): the incident the people are of (PFIF has no field for it).
    domain (str): records of this domain are headcount's own: their exact statuses, kinds and roles are
        read back from the fields they were written in.
    RAISES InputError: a person with no name.
    """
    by_source: dict[str, list[PfifPerson]] = {}
    for p in persons:
        if not p.name:
            raise InputError(Errors.E073.format(path=origin, person=p.record_id or "?"), origin)
        source = p.fields.get("source_name") or p.fields.get("author_name") or "PFIF"
        by_source.setdefault(source, []).append(p)
    return [_report_of(source, group, digest, incident, domain) for source, group in by_source.items()]


def _report_of(source: str, group: list[PfifPerson], digest: str, incident: str | None,
               domain: str) -> tuple[Report, list[Person]]:
    text, spans = _report_text(group)
    report_id = f"pfif:{source}:{digest}"
    people = [_person_of(p, report_id, name_spans, note_spans, domain)
              for p, (name_spans, note_spans) in zip(group, spans, strict=True)]
    dates = sorted(d for d in (p.fields.get("source_date") for p in group) if d)
    return (Report(id=report_id, text=text, published=dates[-1] if dates else None, outlet=source,
                   origin=f"PFIF {source}", incident=incident), people)


Span = tuple[int, int]


def _report_text(group: list[PfifPerson]) -> tuple[str, list[tuple[tuple[Span, ...], list[Span]]]]:
    """A paragraph a person: its name, its alternate names and its notes' words, a line each; and the spans
    of its names and of each note's words."""
    parts: list[str] = []
    spans = []
    at = 0

    def put(words: str) -> tuple[int, int]:
        nonlocal at
        span = (at, at + len(words))
        parts.append(words + "\n")
        at += len(words) + 1
        return span

    for p in group:
        others = [n.strip() for n in p.fields.get("alternate_names", "").splitlines() if n.strip() and n.strip() != p.name]
        name_span = (put(p.name), *(put(n) for n in others))
        note_spans = [put(" ".join(n.get("text", "").split()) or p.name) for n in p.notes]
        parts.append("\n")
        at += 1
        spans.append((name_span, note_spans))
    return "".join(parts), spans


def _person_of(p: PfifPerson, report_id: str, name_spans: tuple[Span, ...], note_spans: list[Span],
               domain: str) -> Person:
    f = p.fields
    own = p.record_id.startswith(f"{domain}/")
    source_name = f.get("source_name") or f.get("author_name") or None
    statuses = []
    for note, span in zip(p.notes, note_spans, strict=True):
        status = _status_of(note, span, source_name, domain)
        if status is not None:
            statuses.append(status)
    described = dict(m.groups() for m in map(_DESCRIPTION_LINE.match, f.get("description", "").splitlines()) if m)
    role = described.get("role", "unspecified") if own else "unspecified"
    age = f.get("age", "")
    country = f.get("home_country", "").upper()
    return Person(report=report_id, name=p.name, mentions=name_spans,
                  nationality=country if re.fullmatch(r"[A-Z]{2}", country) else None,
                  age=int(age) if age.isdigit() else None,
                  sex=f.get("sex") if f.get("sex") in ("female", "male") else None,
                  home_town=f.get("home_city") or None, employer=described.get("employer") if own else None,
                  role=role if role in ("hostage", "attacker", "security", "civilian") else "unspecified",
                  statuses=tuple(statuses), published=f.get("source_date") or None)


def _status_of(note: Mapping[str, str], span: tuple[int, int], source_name: str | None,
               domain: str) -> PersonStatus | None:
    """A note as a status claim of its author: exact when the note is headcount's own, else by its PFIF status."""
    author = note.get("author_name") or source_name or "PFIF"
    when = note.get("source_date") or None
    note_id = note.get("note_record_id", "")
    own = _NOTE_ID.match(note_id[len(domain) + 1:]) if note_id.startswith(f"{domain}/") else None
    if own and own["status"] in STATUSES and own["kind"] in get_args(SourceKind) \
            and own["modality"] in get_args(Modality):
        kind = own["kind"]
        return PersonStatus(own["status"], span, Source(None if author == kind else author, kind),
                            own["modality"], when)
    status = FROM_PFIF_STATUS.get(note.get("status", ""))
    if status is None:
        return None
    via = source_name if source_name and source_name != author else None
    return PersonStatus(status, span, Source(author, IMPORTED_KIND, via=via), "asserted", when)


def file_digest(data: bytes) -> str:
    """16 hex digits of the SHA-1 of a file's bytes: what tells one PFIF file from another."""
    return hashlib.sha1(data).hexdigest()[:16]


def record_id_local(person_record_id: str) -> str:
    """The local part of a person record id (after its domain), unquoted."""
    local = person_record_id.split("/", 1)[-1]
    return unquote(local[len("person."):] if local.startswith("person.") else local)
