"""The only fixtures file: paths, the loaded pipeline, fresh stores, and servers on loopback ports."""
from __future__ import annotations

import importlib.util
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "reports"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, beside the project: the seed, dev and public sets and their scorers. A user's clone has
    none, so the tests that read it are skipped there; under .ci/run (HEADCOUNT_REQUIRE_SHARED) they must run."""
    if not SHARED.exists():
        message = f"{SHARED} is missing: the seed, dev and public sets live there, beside the project"
        if os.environ.get("HEADCOUNT_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    return SHARED


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def nlp():
    from headcount.extract import load_pipeline
    return load_pipeline("en")


@pytest.fixture(scope="session")
def scorer(shared):
    """The project's scorer, ../shared/eval/score.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _store_urls() -> list:
    urls = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get("HEADCOUNT_TEST_POSTGRES"):
        urls.append(pytest.param("postgres", id="postgres"))
    return urls


@pytest.fixture(params=_store_urls())
def store_url(request, tmp_path) -> str:
    """A fresh, empty store: an SQLite file, or (with HEADCOUNT_TEST_POSTGRES) a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = os.environ["HEADCOUNT_TEST_POSTGRES"]
    empty_postgres(url)
    return url


def empty_postgres(url: str) -> None:
    """Drop headcount's tables, and Alembic's, from a PostgreSQL test database."""
    from sqlalchemy import create_engine, text
    from headcount.settings import database_url
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS person_decisions, people, alert_deliveries, alert_seen, "
                          "alert_rules, claims, reports, alembic_version CASCADE"))
    engine.dispose()


def free_port() -> int:
    """A loopback port no one listens on now."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    url: str                    # the base URL, http://127.0.0.1:PORT
    thread: threading.Thread    # uvicorn's; ended once the block is left, unless something held it open


@contextmanager
def served_on_loopback(app, timeout_s: float = 30) -> Iterator[Served]:
    """The ASGI app served by uvicorn in a thread on a free loopback port, until the block is left."""
    import uvicorn
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", thread)
    finally:
        server.should_exit = True
        thread.join(10)


class Site:
    """A local web server for feed and page tests: ``site.pages[path] = (content_type, body)``.

    Answers 304 to a request whose If-None-Match matches the page's ETag (a hash of
    its body), and counts the requests per path in ``site.hits``.
    """

    def __init__(self):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        site = self
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.hits: dict[str, int] = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                import hashlib
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                if self.path not in site.pages:
                    self.send_error(404)
                    return
                kind, body = site.pages[self.path]
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    served = Site()
    yield served
    served.close()


class WebhookReceiver:
    """A webhook receiver on a loopback port (``receiver.url``), as a desk would write one: it checks each
    POST's X-Headcount-Signature, the HMAC-SHA256 of the raw body under ``secret``, answers 401 to a bad
    one, and takes each alert once by its X-Headcount-Delivery id (``taken``: id -> the alert), counting
    the repeats it drops. ``fail_next``: how many requests to answer 500 first; ``release``: cleared, a
    request waits until it is set (to kill a sender mid-request); ``arrived``: set at each request."""

    def __init__(self, secret: str):
        import asyncio
        import hashlib
        import hmac
        import json
        from starlette.applications import Starlette
        from starlette.responses import Response
        from starlette.routing import Route

        self.secret, self.taken, self.arrivals, self.repeats, self.bad, self.fail_next = secret, {}, [], 0, 0, 0
        self.release, self.arrived = threading.Event(), threading.Event()
        self.release.set()

        async def hook(request):
            body = await request.body()
            expected = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(request.headers.get("x-headcount-signature", ""), expected):
                self.bad += 1
                return Response(status_code=401)
            key = request.headers["x-headcount-delivery"]
            self.arrivals.append(key)
            self.arrived.set()
            await asyncio.to_thread(self.release.wait)
            if self.fail_next:
                self.fail_next -= 1
                return Response(status_code=500)
            if key in self.taken:
                self.repeats += 1
            self.taken.setdefault(key, json.loads(body))
            return Response(status_code=200)

        self.app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])


@pytest.fixture
def receiver():
    hook = WebhookReceiver("a secret shared with the desk")
    with served_on_loopback(hook.app) as served:
        hook.url = served.url + "/hook"
        yield hook
        hook.release.set()


@pytest.fixture
def smtp_server():
    """An SMTP server on a loopback port (aiosmtpd): ``smtp_server.address`` (HOST:PORT) and the messages
    it took (``smtp_server.messages``, email.message.EmailMessage)."""
    from email import message_from_bytes
    from email.policy import default
    from types import SimpleNamespace
    from aiosmtpd.controller import Controller

    sink = SimpleNamespace(messages=[])

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (the name aiosmtpd calls)
            sink.messages.append(message_from_bytes(envelope.content, policy=default))
            return "250 Message accepted for delivery"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    sink.address = f"127.0.0.1:{port}"
    yield sink
    controller.stop()
