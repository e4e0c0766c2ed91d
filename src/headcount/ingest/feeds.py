"""RSS and Atom feeds: each item a report, by feedparser.

An item's text is its full content when the feed carries it; when it carries
only a summary, the article page is fetched and its main text extracted (as a
``.html`` file would be), so claims come from the whole article. An item whose
page cannot be fetched is an error, not stored: the next run tries it again.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import datetime, timezone

from ..errors import Errors, InputError
from ..model import Report, report_identity
from .decode import decode
from .fetch import Fetched, fetch
from .readers import FeedOptions, ReadResult, checked, parse_document, parse_html, with_title


def read_url(url: str, feeds: FeedOptions = FeedOptions()) -> Iterator[ReadResult]:
    """A feed URL gives its items; any other page is one article."""
    try:
        fetched = fetch(url)
    except InputError as e:
        yield e
        return
    yield from parse_fetched(fetched, feeds)


def parse_fetched(fetched: Fetched, feeds: FeedOptions = FeedOptions()) -> Iterator[ReadResult]:
    if _looks_like_feed(fetched):
        yield from parse_feed(fetched.body, fetched.url, feeds)
    else:
        yield from parse_document(fetched.body, fetched.url, ".html", url=fetched.url)


def _looks_like_feed(fetched: Fetched) -> bool:
    kind = fetched.content_type.lower()
    if any(k in kind for k in ("rss", "atom", "/xml", "+xml")):
        return True
    start = fetched.body.lstrip()[:512].lower()
    return b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start


def parse_feed(raw: bytes, where: str, feeds: FeedOptions = FeedOptions()) -> Iterator[ReadResult]:
    """The items of a feed document, in feed order."""
    import feedparser  # imported here: only feeds need it

    parsed = feedparser.parse(raw)
    broken = _malformed(parsed)
    if not parsed.entries:
        reason = broken or ("it has no items" if parsed.get("version") else "no feed element")
        if broken or not parsed.get("version"):
            yield InputError(Errors.E016.format(where=where, reason=reason), origin=where)
        return
    outlet = parsed.feed.get("title")
    language = (parsed.feed.get("language") or "en").split("-")[0].lower()
    for n, entry in enumerate(parsed.entries, 1):
        report = _entry_report(entry, f"{where}#item{n}", outlet, language, feeds)
        if report is not None:
            yield checked(report)
    if broken:
        # The items feedparser could recover went through; say that more may have been lost.
        yield InputError(Errors.E016.format(where=where, reason=f"{broken}; {len(parsed.entries)} item(s) "
                                            "recovered"), origin=where)


def _malformed(parsed) -> str | None:
    """Why the feed's XML is broken, or None (a wrong declared encoding or content type is not broken)."""
    from xml.sax import SAXException

    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(problem, SAXException):
        return str(problem).splitlines()[0]
    return None


def _entry_report(entry, where: str, outlet: str | None, language: str, feeds: FeedOptions) -> ReadResult | None:
    """The item as a report; None for a summary-only item already stored (its page is not fetched again)."""
    link = entry.get("link")
    content = entry.get("content")
    if content:
        text = with_title(entry.get("title"), html_text(content[0].get("value", "")))
    elif link and feeds.fetch_articles:
        if feeds.known(entry.get("id") or link):
            return None
        page = _article(link, where)
        if isinstance(page, InputError):
            return page
        text = page.text
    else:
        text = with_title(entry.get("title"), html_text(entry.get("summary", "")))
    return Report(id=report_identity(entry.get("id"), link, text), text=text, published=_published(entry),
                  outlet=outlet, url=link, language=language, origin=where)


def _article(link: str, where: str) -> ReadResult:
    try:
        fetched = fetch(link)
    except InputError as e:
        return InputError(f"{where}: {e}", origin=where)
    try:
        return parse_html(decode(fetched.body, fetched.url, html=True), fetched.url, link)
    except InputError as e:
        return e


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed's content or summary), paragraphs on their own lines."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup: keep the raw text then
        return fragment.strip()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).isoformat()


__all__ = ["read_url", "parse_feed", "parse_fetched", "html_text"]
