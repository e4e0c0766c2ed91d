"""Coded messages and the exceptions that carry them.

Every message names what to fix. The CLI prints ``str(error)`` on one line and
exits with status 1; the library raises, it never prints. A warning (``Report.warnings``)
is printed the same way but leaves the exit status alone: what it names was set right and kept.
"""
from __future__ import annotations


class Errors:
    # fmt: off
    E001 = "[E001] {path}: cannot read the file ({reason}). Check that it exists and is readable."
    E002 = "[E002] {path}:{line}: not a JSON object ({reason}). Each line of a .jsonl file must be one report object."
    E003 = "[E003] {path}:{line}: field 'text' is missing or not a string. Each report needs its full text."
    E004 = "[E004] {where}: the report text is empty; nothing to extract."
    E005 = "[E005] {path}: unsupported file type '{suffix}'. Use .txt, .html, .htm, .jsonl, .rss, .atom or .xml."
    E006 = "[E006] {path}: not text in UTF-8, UTF-16, Windows-1252, Windows-1256 or Latin-1 ({reason})."
    E007 = "[E007] {path}:{line}: field '{field}' must be {expected}, not {got}."
    E008 = "[E008] cannot open the store at {url} ({reason}). Pass a working SQLAlchemy URL with --db or HEADCOUNT_DB."
    E009 = "[E009] {path}: no main text could be found in the HTML."
    E010 = "[E010] the spaCy pipeline '{name}' is not installed. Reinstall headcount with its pinned requirements (see README)."
    E011 = "[E011] {path}: no such file or folder."
    E012 = "[E012] --as-of '{value}' is not an ISO 8601 date or date-time, such as 2013-01-19 or 2013-01-19T12:00."
    E013 = "[E013] no incident '{incident}' in the store. `headcount incidents` lists them."
    E014 = "[E014] {where}: the report is {size}, more than the {limit} one report may have. Split it into several reports."
    E015 = "[E015] {url}: cannot fetch ({reason})."
    E016 = "[E016] {where}: not an RSS or Atom feed ({reason})."
    E017 = "[E017] --every '{value}' is not a duration such as 90s, 5m or 1h."
    E018 = "[E018] {where}: not a recognised report; stdin takes plain text, HTML, JSON Lines or a feed."
    E019 = "[E019] serve: binding {host} reaches other machines; give a write token with --token or HEADCOUNT_TOKEN."
    E020 = "[E020] no report '{report}' in the store. GET /api/reports or `headcount reports` lists them."
    E021 = "[E021] {path}: a batch shard must be .jsonl or .parquet, not '{suffix}'."
    E022 = "[E022] partition {index} ({shard}) failed after {tries} tries: {reason}"
    E023 = "[E023] cannot reach the Dask scheduler at {address} ({reason})."
    E024 = "[E024] {where}: field '{field}' {problem}."
    E025 = "[E025] {where}: 'published' {value} is not a real date; the report is kept with its date unknown. Give an ISO 8601 date or date-time, such as 2024-05-02 or 2024-05-02T09:30Z."
    E026 = "[E026] {path}: not a known type (.txt, .html, .htm, .jsonl, .rss, .atom, .xml); skipped. If it is a report, give it one of these suffixes."
    E030 = "[E030] the store at {db} holds no reports yet. Run `headcount ingest PATH --db ...` first."
    E031 = "[E031] parquet is binary and standard output is a terminal: give --out FILE, or redirect the output."
    E032 = "[E032] the request is for host '{host}', but this server answers only to {names}: a page of another site may have pointed its name at this address (DNS rebinding). Use one of those names in the URL."
    E033 = "[E033] a write from the page {page} is refused: this server takes writes only from its own pages ({own}) or from clients that send no Origin (curl, scripts)."
    E040 = "[E040] --cell '{value}': '{word}' is neither a country's ISO code (JP), a side ({sides}) nor a status ({statuses}). Example: --cell 'JP killed'."
    E041 = "[E041] --cell '{value}' gives two {parts}, '{first}' and '{second}'; a cell has one of each."
    E042 = "[E042] --webhook '{url}' is not an http:// or https:// URL with a host, such as https://desk.example.org/hook."
    E043 = "[E043] a webhook needs --secret: the receiver checks each alert's X-Headcount-Signature with it."
    E044 = "[E044] --email '{address}' is not an e-mail address such as desk@example.org."
    E045 = "[E045] say where the alerts go: exactly one of --webhook URL, --email ADDRESS or --terminal."
    E046 = "[E046] the rule watches nothing: give --cell, --conflicts, --new-incidents or --person."
    E047 = "[E047] --new-incidents is for a rule on every incident: leave out --incident, or --new-incidents."
    E048 = "[E048] no alert rule {rule}. `headcount alerts list` lists them."
    E049 = "[E049] --smtp '{value}' is not HOST:PORT, such as localhost:25."
    E050 = "[E050] --secret and --email or --terminal: only a webhook signs its alerts; leave out --secret."
    E051 = "[E051] --person '{value}' names no one: give the name (or part of it) of the person to watch, such as --person 'Jane Colter'."
    E060 = "[E060] no person record {record}{where}. `headcount people` lists the records with their ids."
    E061 = "[E061] --join {first} {second}: the two records are of two incidents ({incidents}); only an incident's people are merged."
    E062 = "[E062] --join {record} {record}: give two different records."
    E063 = "[E063] --split {record}: the record has one mention, nothing to split. `headcount people --join` joins records."
    E064 = "[E064] give --split or --join, not both: one decision at a time."
    E070 = "[E070] {path}: not well-formed XML ({reason}). Give a PFIF document, such as `headcount export --what people --format pfif` writes."
    E071 = "[E071] {path}: the root element is {tag}, not pfif:pfif of {ns} (or of PFIF 1.2 or 1.3). Give a PFIF document."
    E072 = "[E072] {path}: note {note} is of person '{person}', who is not in the file. Give each note with its person (inside its pfif:person, or with its person_record_id)."
    E073 = "[E073] {path}: person {person} has no full_name, given_name or family_name; PFIF requires full_name. Add it to the record."
    E074 = "[E074] --format {format} is not for --what {what}: {allowed}."
    # fmt: on


class HeadcountError(Exception):
    """Base of every error headcount raises on purpose."""


class InputError(HeadcountError):
    """A report that cannot be read or is malformed. Names the file (and line)."""

    def __init__(self, message: str, origin: str | None = None):
        super().__init__(message)
        self.origin = origin


class StoreError(HeadcountError):
    """The store cannot be opened or written."""


class ModelMissing(HeadcountError):
    """A spaCy pipeline that headcount pins is not installed."""
