"""Who may read and write, and from where.

Writing (POST) needs the server's token as ``Authorization: Bearer TOKEN`` when it has one; a server
without a token accepts writes only because it listens on the loopback interface, where only this
machine reaches it (``serve`` refuses any other address without a token).

The loopback interface is not enough on its own: by DNS rebinding, a web page of another site can point
its own name at 127.0.0.1, and the browser then sends the page's requests to this server, and lets it
read the answers, as if they were of one site. Those requests still name the page's site in their
``Host`` header, and a write names it in ``Origin`` (or ``Referer``). So every request is checked
(``SameServer``):

- **Host** must be a name this server answers to (``serves``): a loopback name (``localhost``,
  127.0.0.1, ``[::1]``, any 127.x address) or the address or name it was bound to (``serve --host``),
  with any port: a rebinding page comes in through the very port the server listens on, so the port
  tells nothing. Any other Host gets 400, for reads as well as writes, since a rebinding page could
  read the store too. The token does not relax this: a server with a token on a private network still
  has data a page should not read through a visitor's browser. Only a server bound to every interface
  (0.0.0.0, ::) takes any Host, since it cannot know the names it is reached by; it must have a token,
  which keeps writes safe, and its reads are open to its network anyway. Bind the address clients use
  (``--host 192.0.2.10``) to have Host checked there too.
- **A write** (any method but GET, HEAD and OPTIONS) whose ``Origin``, or ``Referer`` when it has no
  Origin, is not this server's own origin (its scheme and Host) gets 403. A request with neither comes
  from no web page (curl, scripts) and goes on to the token check: browsers send Origin with every POST.

Refusals are JSON ``{"detail": message}``, like every error of the API.
"""
from __future__ import annotations

import hmac
import ipaddress
import re
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, Security, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import Errors, HeadcountError

EVERY_INTERFACE = frozenset({"0.0.0.0", "::", ""})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "https": 443}
# A Host header: a name or an IPv4 address, or an IPv6 address in brackets, then an optional port.
HOST_HEADER = re.compile(r"(?:\[(?P<ip6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::[0-9]*)?", re.IGNORECASE)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve writes without a token on an address other machines reach."""
    if not token and not is_loopback(host):
        raise HeadcountError(Errors.E019.format(host=host))


def _bare(name: str) -> str:
    """A host name or address as Host headers are compared: lowercased, without brackets or a final dot."""
    return name.strip("[]").lower().rstrip(".")


def serves(host: str | None, bind: str) -> bool:
    """Whether a request whose Host header names ``host`` (without its port; None: not a host name) is
    for a server bound to ``bind``. The one place that says which names a server answers to."""
    if host is None:
        return False
    bound = _bare(bind)
    return bound in EVERY_INTERFACE or is_loopback(_bare(host)) or _bare(host) == bound


def _answers_to(bind: str) -> str:
    """The names ``serves`` takes, for a refusal's message."""
    names = "a loopback name (localhost, 127.0.0.1, [::1])"
    return names if is_loopback(_bare(bind)) else f"{names} or {bind}"


def _host_name(header: str) -> str | None:
    found = HOST_HEADER.fullmatch(header)
    return None if found is None else found["ip6"] or found["name"]


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of a URL or an Origin header; None for "null" or anything not a URL."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None
    return (parts.scheme.lower(), _bare(parts.hostname), port) if parts.hostname else None


def refusal(scope: Scope, bind: str) -> JSONResponse | None:
    """The answer to a request for another server, or to a write from another site's page; None: go on."""
    headers = Headers(scope=scope)
    host = headers.get("host")
    # A request without Host (HTTP/1.0) comes from no browser: rebinding cannot make one.
    if host is not None and not serves(_host_name(host), bind):
        return JSONResponse({"detail": Errors.E032.format(host=host, names=_answers_to(bind))}, status_code=400)
    page = headers.get("origin") or headers.get("referer")
    if scope["method"] in SAFE_METHODS or page is None:
        return None
    own = f"{scope['scheme']}://{host}" if host else None
    if own is None or _origin(page) != _origin(own):
        return JSONResponse({"detail": Errors.E033.format(page=page, own=own or "this server")}, status_code=403)
    return None


class SameServer:
    """ASGI middleware: ``refusal`` for every HTTP request to a server bound to ``bind``."""

    def __init__(self, app: ASGIApp, bind: str):
        self.app = app
        self.bind = bind

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = refusal(scope, self.bind) if scope["type"] == "http" else None
        await (refused or self.app)(scope, receive, send)


bearer = HTTPBearer(auto_error=False, description="The server's write token (serve --token), when it has one.")


def require_token(request: Request,
                  credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    """FastAPI dependency of the writing routes: the bearer token, when the server has one."""
    token = request.app.state.token
    if not token:
        return
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "writing needs the server's token: "
                            "Authorization: Bearer TOKEN", headers={"WWW-Authenticate": "Bearer"})
