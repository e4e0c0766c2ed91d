"""`headcount serve`: the real command answers on its port, and refuses to expose writes without a token."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest
from typer.testing import CliRunner

from conftest import free_port
from headcount.cli import app
from headcount.errors import HeadcountError


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10"])
def test_serve_refuses_a_reachable_address_without_a_token(tmp_path, host, monkeypatch):
    monkeypatch.delenv("HEADCOUNT_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", host, "--db", str(tmp_path / "s.db")])
    assert isinstance(result.exception, HeadcountError)
    assert "E019" in str(result.exception) and host in str(result.exception)
    assert not (tmp_path / "s.db").exists()  # refused before anything was opened


def test_serve_answers_and_takes_its_token_from_the_environment(tmp_path):
    port = free_port()
    command = [sys.executable, "-c", "from headcount.cli import main; main()", "serve", "--port", str(port),
               "--db", str(tmp_path / "s.db")]
    proc = subprocess.Popen(command, env={**os.environ, "HEADCOUNT_TOKEN": "from-env"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert httpx.get(f"{base}/api/incidents").json() == []
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "serve did not answer within 60 s"
                time.sleep(0.2)
        body = {"text": "Officials said 3 guards were injured."}
        assert httpx.post(f"{base}/api/reports", json=body).status_code == 401
        ok = httpx.post(f"{base}/api/reports", json=body, headers={"Authorization": "Bearer from-env"})
        assert ok.status_code == 201
        assert '<script src="/static/app.js"' in httpx.get(base).text
        head = httpx.head(base)
        assert head.status_code == 200 and head.content == b"" and head.headers["content-type"].startswith("text/html")
        # A page of another site, through a name pointed at 127.0.0.1 (DNS rebinding), gets nothing.
        assert httpx.get(f"{base}/api/incidents", headers={"Host": f"rebound.example:{port}"}).status_code == 400
        signed = {"Authorization": "Bearer from-env", "Origin": "http://rebound.example"}
        assert httpx.post(f"{base}/api/reports", json=body, headers=signed).status_code == 403
    finally:
        proc.terminate()
        proc.wait(10)
