"""HTTP for feeds and article pages: bounded in time and size, conditional when polling."""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from ..errors import Errors, InputError

USER_AGENT = "headcount/0.1 (news report ingestion; +https://github.com/headcount)"
TIMEOUT_S = 20.0
MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str          # after redirects
    body: bytes
    content_type: str
    etag: str | None = None
    modified: str | None = None
    unchanged: bool = False   # 304: nothing new since the etag / date sent


def fetch(url: str, etag: str | None = None, modified: str | None = None) -> Fetched:
    """GET ``url``; RAISES InputError naming it when it cannot be had."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    try:
        with httpx.stream("GET", url, headers=headers, timeout=TIMEOUT_S, follow_redirects=True) as response:
            if response.status_code == 304:
                return Fetched(url, b"", "", etag, modified, unchanged=True)
            if response.status_code >= 400:
                raise _failed(url, f"HTTP {response.status_code}")
            body = _bounded_body(response, url)
            return Fetched(str(response.url), body, response.headers.get("content-type", ""),
                           response.headers.get("etag"), response.headers.get("last-modified"))
    except httpx.HTTPError as e:
        raise _failed(url, str(e) or type(e).__name__) from e


def _bounded_body(response: httpx.Response, url: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise _failed(url, f"more than {MAX_BYTES // 1024 // 1024} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def _failed(url: str, reason: str) -> InputError:
    return InputError(Errors.E015.format(url=url, reason=reason), origin=url)
