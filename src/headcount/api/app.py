"""The FastAPI app of ``headcount serve``: the JSON API under /api and the dashboard at /.

Errors are answered as ``{"detail": message}``: 404 for an unknown incident or report, 422 for a request
the API cannot take (FastAPI's validation, a bad as-of), 413 for a body over the limit, 401 for a write
without the token, 400 for a Host that is not this server's and 403 for a write from another site's page
(access.py), 503 when the store cannot be read or written or the solver gives no answer. Nothing a client sends should give 500.
HEAD is answered wherever GET is, as GET without its body.
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..alerts import Channels, FiringThread
from ..errors import HeadcountError, StoreError
from ..reconcile import load_weights
from ..reconcile.solver import SolverError
from ..settings import MAX_BODY_BYTES
from ..store import Store
from ..web import STATIC
from .access import SameServer
from .events import Changes, StoreChange, closed_on_signals
from .routers import alerts, claims, events, incidents, people, reports
from .schemas import Problem
from .snapshot import NotFound, Snapshot, Snapshots, changed_incidents

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")  # those a route of the app may be declared with

# The page runs only its own script and style: a report's text that holds HTML is shown, never run.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def create_app(db: str | None = None, token: str | None = None, max_body: int = MAX_BODY_BYTES,
               weights: str | Path | None = None, refresh_every: float = 2.0, host: str = "127.0.0.1",
               channels: Channels | None = None) -> FastAPI:
    """The app over the store at ``db``. ``token``: needed to write (POST), when given. ``refresh_every``:
    seconds between checks for reports other processes stored (0: only check when asked). ``host``: the
    address ``serve`` binds; requests must name it, or a loopback name, in their Host header (access.py).
    ``channels``: how alerts are sent after a POST (default: as the environment sets them)."""
    store = Store.open(db)
    firing = FiringThread(store, channels or Channels.from_settings(), load_weights(weights))
    changes = Changes()

    def publish(old: Snapshot, new: Snapshot) -> None:
        changes.publish(StoreChange(new.revision, old.revision, tuple(changed_incidents(old, new))))

    snapshots = Snapshots(store, load_weights(weights), on_new_revision=publish)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        stop = threading.Event()
        if refresh_every > 0:
            threading.Thread(target=snapshots.watch, args=(refresh_every, stop), daemon=True,
                             name="headcount-refresh").start()
        firing.kick()  # alerts left pending by a server or an ingest that stopped are sent now
        with closed_on_signals(changes):
            yield
        firing.close()
        changes.close()
        stop.set()
        store.close()

    app = FastAPI(title="headcount", version=__version__, lifespan=lifespan,
                  description="Sourced, reconciled counts of the people affected by an incident, from news "
                              "reports: incidents, accounts, timelines, claims and reports.",
                  max_body_size=max_body,  # larger bodies get 413 before they are read
                  docs_url=None, redoc_url=None,  # the interactive docs load assets from the internet
                  responses={400: {"model": Problem, "description": "The Host header names another server."}})
    app.state.store = store
    app.state.snapshots = snapshots
    app.state.changes = changes
    app.state.token = token
    app.state.write_lock = threading.Lock()
    app.state.alerts = firing
    for router in (incidents.router, people.router, claims.router, reports.router, events.router, alerts.router):
        app.include_router(router)
    _add_error_answers(app)
    _add_dashboard(app)
    # The last added runs first: a refused request never reaches a route, and gets the security headers
    # too (and, to a HEAD, no body).
    app.add_middleware(SameServer, bind=host)
    app.add_middleware(HeadAsGet)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    return app


def _add_error_answers(app: FastAPI) -> None:
    def answer(code: int):
        async def handler(_request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": str(exc)}, status_code=code)
        return handler

    app.add_exception_handler(NotFound, answer(404))
    app.add_exception_handler(StoreError, answer(503))
    app.add_exception_handler(SolverError, answer(503))  # the server's failure, not the request's
    app.add_exception_handler(SQLAlchemyError, answer(503))
    app.add_exception_handler(HeadcountError, answer(422))
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(405, method_not_allowed)


async def method_not_allowed(request: Request, exc: Exception) -> JSONResponse:
    """405 with an Allow header that lists every method the path has: Starlette lists only those of the
    first route that matches it (GET /api/reports, not POST), and none of FastAPI's included routers.
    Each method is tried on each route, through the routes' own matching."""
    routes = [r for r in request.app.routes if not isinstance(r, Mount)]  # a mount takes every method
    allowed = {m for m in METHODS for r in routes if r.matches({**request.scope, "method": m})[0] is Match.FULL}
    allowed = allowed or {"GET"}  # no route: a static file
    if "GET" in allowed:
        allowed.add("HEAD")  # HeadAsGet answers it
    return JSONResponse({"detail": "Method Not Allowed"}, status_code=405,
                        headers={"Allow": ", ".join(sorted(allowed))})


class HeadAsGet:
    """ASGI middleware: HEAD is GET without the body (RFC 9110), wherever GET is answered; FastAPI's routes
    answer only the methods they are declared with, and a HEAD route for each would double the schema."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}  # Content-Length stays: the size GET would send
            await send(message)

        # Marked, so that an event stream answers with its first events and ends, as GET ?once=true.
        await self.app({**scope, "method": "GET", events.HEAD_AS_GET: True}, receive, without_body)


async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422, without echoing the input: a body of bytes that are not UTF-8 would fail to encode
    (a 500), and a 4 MB text need not come back."""
    def readable(error: dict) -> dict:
        msg = error["msg"]
        if isinstance(error.get("input"), bytes):
            msg = "the body must be a JSON object, sent as Content-Type: application/json in UTF-8"
        return {"loc": list(error.get("loc", ())), "msg": msg, "type": error.get("type")}
    return JSONResponse({"detail": [readable(e) for e in exc.errors()]}, status_code=422)


def _add_dashboard(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")
