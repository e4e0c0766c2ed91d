"""Poll feeds and ingest their new items, round after round.

Each round asks every feed with the ETag and Last-Modified it last answered,
so an unchanged feed costs one short request; items already stored are
skipped without fetching their pages again. A feed that fails is named and
retried next round; the others go on.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import Errors, HeadcountError, InputError
from ..ingest.fetch import fetch
from ..ingest.readers import FeedOptions
from .run import IngestResult, ingest

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr)?\s*$", re.IGNORECASE)
_UNIT_S = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600}


def parse_every(value: str) -> float:
    """ "90s", "5m", "1h", or plain seconds, to seconds."""
    found = _DURATION.match(value)
    if not found or float(found.group(1)) <= 0:
        raise HeadcountError(Errors.E017.format(value=value))
    return float(found.group(1)) * _UNIT_S[(found.group(2) or "s").lower()]


@dataclass
class _Validators:
    etag: str | None = None
    modified: str | None = None


def watch_feeds(urls: list[str], store, every_s: float, times: int | None = None, incident: str | None = None,
                fetch_articles: bool = True, on_error: Callable[[str], None] | None = None,
                on_warning: Callable[[str], None] | None = None,
                on_round: Callable[[int, IngestResult], None] | None = None,
                sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll ``urls`` every ``every_s`` seconds, ``times`` rounds (None: for ever), ingesting new items."""
    seen = {url: _Validators() for url in urls}
    options = FeedOptions(fetch_articles, store.knows)
    n = 0
    while times is None or n < times:
        n += 1
        started = time.monotonic()
        result = ingest(_round_items(urls, seen, options), store, incident=incident, on_error=on_error,
                        on_warning=on_warning)
        if on_round:
            on_round(n, result)
        if times is None or n < times:
            sleep(max(0.0, every_s - (time.monotonic() - started)))


def _round_items(urls: list[str], seen: dict[str, _Validators], options: FeedOptions):
    from ..ingest.feeds import parse_fetched

    for url in urls:
        try:
            fetched = fetch(url, seen[url].etag, seen[url].modified)
        except InputError as e:
            yield e
            continue
        if fetched.unchanged:
            continue
        items = list(parse_fetched(fetched, options))
        # Remember the validators only when every item was read: a failed item must be tried again.
        if not any(isinstance(i, InputError) for i in items):
            seen[url] = _Validators(fetched.etag, fetched.modified)
        yield from items
