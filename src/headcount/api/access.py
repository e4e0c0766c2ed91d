"""Who may write.

Reading is open. Writing (POST) needs the server's token as ``Authorization: Bearer TOKEN`` when it has
one; a server without a token accepts writes only because it listens on the loopback interface, where
only this machine reaches it (``serve`` refuses any other address without a token).
"""
from __future__ import annotations

import hmac
import ipaddress

from fastapi import HTTPException, Request, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..errors import Errors, HeadcountError


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
