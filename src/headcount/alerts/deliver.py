"""Delivering the alerts fire.py recorded: a webhook (a signed JSON POST), an e-mail through an SMTP
server, or a line on the terminal of ``headcount watch``.

Each pending alert is first claimed for a while (a lease, in the store), so that two processes delivering
at once (a server and an ``ingest``) never both send it; then sent, with retries and exponential backoff;
then marked delivered, or left pending with its attempts and last error until its next try is due, or
failed after ``Backoff.max_tries``. A process killed while sending leaves the alert pending; once the lease
has run out, the next deliverer sends it again, under the same id (``X-Headcount-Delivery``, and the body's
``id``), so a receiver that keeps the ids it has taken drops the repeat. A destination that fails costs one
alert's tries per run: its other alerts wait for the next run, in order, and ingest goes on.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

import httpx
from sqlalchemy import and_, or_, select, update

from ..errors import Errors, HeadcountError
from ..settings import (ALERT_BACKOFF_ENV, ALERT_TIMEOUT_ENV, DEFAULT_ALERT_BACKOFF_S, DEFAULT_ALERT_TIMEOUT_S,
                        DEFAULT_MAIL_FROM, DEFAULT_SMTP, MAIL_FROM_ENV, SMTP_ENV)
from ..store import schema

SIGNATURE_HEADER = "X-Headcount-Signature"
DELIVERY_HEADER = "X-Headcount-Delivery"
SUBJECT_CHARS = 150  # an e-mail's subject is the start of the alert's message; the body has all of it


def signature(secret: str, body: bytes) -> str:
    """The value of X-Headcount-Signature: ``sha256=`` and the hex HMAC-SHA256 of the raw body under the
    rule's secret. A receiver computes the same over the bytes it got and compares (hmac.compare_digest)."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Backoff:
    """When to try an alert again: the n-th retry waits ``first_s * factor**(n-1)``, at most ``max_s``. One
    run tries an alert ``tries_per_run`` times, waiting between; after that its next try is due that long
    after, in a later run; after ``max_tries`` in all it is marked failed."""

    first_s: float = DEFAULT_ALERT_BACKOFF_S
    factor: float = 2.0
    max_s: float = 3600.0
    tries_per_run: int = 3
    max_tries: int = 12

    def delay(self, tries: int) -> float:
        """The wait after the ``tries``-th failed try."""
        return min(self.first_s * self.factor ** (tries - 1), self.max_s)


@dataclass(frozen=True)
class Channels:
    """How alerts are sent. ``terminal``: says an alert's line (``headcount watch`` prints it); None: alerts
    for the terminal stay pending until a ``watch`` runs."""

    smtp: tuple[str, int] = ("localhost", 25)
    mail_from: str = DEFAULT_MAIL_FROM
    terminal: Callable[[str], None] | None = None
    backoff: Backoff = field(default_factory=Backoff)
    timeout_s: float = DEFAULT_ALERT_TIMEOUT_S
    sleep: Callable[[float], None] = time.sleep

    @classmethod
    def from_settings(cls, smtp: str | None = None, terminal: Callable[[str], None] | None = None) -> Channels:
        """The channels as the environment sets them (settings.py), with ``smtp`` (HOST:PORT) if given."""
        import os
        return cls(smtp=parse_smtp(smtp or os.environ.get(SMTP_ENV) or DEFAULT_SMTP),
                   mail_from=os.environ.get(MAIL_FROM_ENV) or DEFAULT_MAIL_FROM, terminal=terminal,
                   backoff=Backoff(first_s=_seconds(ALERT_BACKOFF_ENV, DEFAULT_ALERT_BACKOFF_S)),
                   timeout_s=_seconds(ALERT_TIMEOUT_ENV, DEFAULT_ALERT_TIMEOUT_S))

    @property
    def lease_s(self) -> float:
        """How long a claimed alert is another deliverer's to leave alone: twice the longest one run may
        spend on it, so that only a deliverer that died lets it go."""
        tries = self.backoff.tries_per_run
        return 2 * (tries * self.timeout_s + sum(self.backoff.delay(n) for n in range(1, tries)))


def parse_smtp(value: str) -> tuple[str, int]:
    """ "localhost:25" -> ("localhost", 25). RAISES HeadcountError: E049."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise HeadcountError(Errors.E049.format(value=value))
    return host.strip("[]"), int(port)


def _seconds(env: str, default: float) -> float:
    import os
    try:
        value = float(os.environ.get(env) or default)
    except ValueError:
        return default
    return value if value > 0 else default


class DeliveryFailed(Exception):
    """One try to send an alert failed; the message says why (it is kept as the alert's last error)."""


@dataclass
class Delivered:
    """What one run of ``deliver_pending`` did."""

    delivered: int = 0
    retrying: int = 0  # failed this run, due again later
    failed: int = 0    # failed for good (Backoff.max_tries)


def _moment(at: datetime) -> str:
    """As the alert tables keep moments (rules.utc_now)."""
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class DeliveryRecord:
    """An alert as the store keeps it: ``alert`` is its JSON (views.alert), as it was sent."""

    id: int
    rule: int
    channel: str
    target: str | None
    status: str
    attempts: int
    last_error: str | None
    created_at: str
    delivered_at: str | None
    alert: dict


def deliveries(store, rule_id: int | None = None) -> list[DeliveryRecord]:
    """The alerts recorded, oldest first: every rule's, or one's."""
    d, r = schema.alert_deliveries, schema.alert_rules
    q = (select(d.c.id, d.c.rule_id, r.c.channel, r.c.target, d.c.status, d.c.attempts, d.c.last_error,
                d.c.created_at, d.c.delivered_at, d.c.alert)
         .select_from(d.join(r, d.c.rule_id == r.c.id)).order_by(d.c.id))
    if rule_id is not None:
        q = q.where(d.c.rule_id == rule_id)
    with store.engine.connect() as conn:
        return [DeliveryRecord(*row[:-1], json.loads(row[-1])) for row in conn.execute(q)]


def deliver_pending(store, channels: Channels) -> Delivered:
    """Send every pending alert that is due, oldest first, and record how each went."""
    d, r = schema.alert_deliveries, schema.alert_rules
    now = _moment(datetime.now(timezone.utc))
    due = and_(d.c.status == "pending", or_(d.c.next_attempt_at.is_(None), d.c.next_attempt_at <= now))
    with store.engine.connect() as conn:
        rows = conn.execute(select(d.c.id, d.c.key, d.c.alert, d.c.attempts, r.c.id.label("rule"), r.c.channel,
                                   r.c.target, r.c.secret)
                            .select_from(d.join(r, d.c.rule_id == r.c.id)).where(due).order_by(d.c.id)).all()
    done = Delivered()
    failing: set[tuple[str, str | None]] = set()  # destinations that failed in this run
    for row in rows:
        destination = (row.channel, row.target)
        if destination in failing or (row.channel == "terminal" and channels.terminal is None):
            continue
        if not _claim(store, row.id, channels.lease_s):
            continue  # another deliverer has it
        tries, error = _send_with_retries(row, channels)
        status = _record(store, row, tries, error, channels.backoff)
        setattr(done, status, getattr(done, status) + 1)
        if error is not None:
            failing.add(destination)
    return done


def _claim(store, delivery_id: int, lease_s: float) -> bool:
    d = schema.alert_deliveries
    now = datetime.now(timezone.utc)
    free = or_(d.c.lease_until.is_(None), d.c.lease_until < _moment(now))
    with store.writing() as conn:
        claimed = conn.execute(update(d).where(and_(d.c.id == delivery_id, d.c.status == "pending", free))
                               .values(lease_until=_moment(now + timedelta(seconds=lease_s))))
        return claimed.rowcount == 1


def _send_with_retries(row, channels: Channels) -> tuple[int, str | None]:
    """Up to ``tries_per_run`` tries. RETURNS (tries made, the last error or None when delivered)."""
    error = None
    for n in range(1, channels.backoff.tries_per_run + 1):
        try:
            SENDERS[row.channel](row, channels)
            return n, None
        except DeliveryFailed as e:
            error = str(e)
        if n < channels.backoff.tries_per_run:
            channels.sleep(channels.backoff.delay(n))
    return channels.backoff.tries_per_run, error


def _record(store, row, tries: int, error: str | None, backoff: Backoff) -> str:
    """Mark the alert delivered, or failed, or due again later. RETURNS (str): which, as Delivered names it."""
    attempts = row.attempts + tries
    now = datetime.now(timezone.utc)
    values = {"attempts": attempts, "last_error": error, "lease_until": None}
    if error is None:
        values |= {"status": "delivered", "delivered_at": _moment(now)}
        outcome = "delivered"
    elif attempts >= backoff.max_tries:
        values |= {"status": "failed"}
        outcome = "failed"
    else:
        values |= {"next_attempt_at": _moment(now + timedelta(seconds=backoff.delay(attempts)))}
        outcome = "retrying"
    d = schema.alert_deliveries
    with store.writing() as conn:
        conn.execute(update(d).where(d.c.id == row.id).values(**values))
    return outcome


def _webhook(row, channels: Channels) -> None:
    body = row.alert.encode("utf-8")  # sent as stored: the same bytes, and signature, on every try
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature(row.secret, body),
               DELIVERY_HEADER: row.key, "User-Agent": "headcount-alerts"}
    try:
        answer = httpx.post(row.target, content=body, headers=headers, timeout=channels.timeout_s)
    except httpx.HTTPError as e:
        raise DeliveryFailed(f"{type(e).__name__}: {e}") from e
    if not answer.is_success:
        raise DeliveryFailed(f"HTTP {answer.status_code} from {row.target}")


def _email(row, channels: Channels) -> None:
    alert = json.loads(row.alert)
    mail = EmailMessage()
    subject = alert["message"]
    mail["Subject"] = "headcount: " + (subject if len(subject) <= SUBJECT_CHARS else subject[:SUBJECT_CHARS] + "…")
    mail["From"] = channels.mail_from
    mail["To"] = row.target
    mail["Message-ID"] = f"<{row.key}@headcount>"  # a repeat after a crash is the same message
    mail[DELIVERY_HEADER] = row.key
    mail.set_content(_email_text(alert))
    host, port = channels.smtp
    try:
        with smtplib.SMTP(host, port, timeout=channels.timeout_s) as smtp:
            smtp.send_message(mail)
    except (smtplib.SMTPException, OSError) as e:
        raise DeliveryFailed(f"SMTP {host}:{port}: {type(e).__name__}: {e}") from e


def _email_text(alert: dict) -> str:
    claims = [f'- {c["speaker"]} ({c["source_kind"]}), {c["report"]}: "{c["text"]}"' for c in alert["claims"]]
    return "\n".join([alert["message"], "", *(["The claims behind it:", *claims, ""] if claims else []),
                      f"Alert {alert['id']}, rule {alert['rule']}, policy {alert['policy']}."]) + "\n"


def _terminal(row, channels: Channels) -> None:
    channels.terminal(terminal_line(json.loads(row.alert)))


def terminal_line(alert: dict) -> str:
    """The line ``headcount watch`` prints for an alert."""
    return f"alert (rule {alert['rule']}): {alert['message']}"


SENDERS: dict[str, Callable] = {"webhook": _webhook, "email": _email, "terminal": _terminal}
