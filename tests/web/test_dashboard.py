"""The dashboard in a real browser: Playwright driving Debian's Chromium against `headcount serve`'s app.

Screenshots go to test-artefacts/ at the project's root. Without /usr/bin/chromium these tests are
skipped, unless HEADCOUNT_REQUIRE_BROWSER is set (.ci/run sets it, after installing Chromium), where a
missing browser fails them.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from headcount.api import create_app
from headcount.cli import app as cli

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
SEED = "tigantourine-plants-2013-01-18"
VELMORA = "velmora-terminal-2024"
# Chromium as root, headless, on a machine with no internet: no sandbox, no background connections.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
# Written for this test: markup that must be shown as text and never run.
SCRIPT_REPORT = ("<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> "
                 "Police said 4 people were injured at the Vessa depot on Friday.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, shared, examples):
    """`headcount serve`'s app on a loopback port, over the seed report and the bundled examples."""
    import uvicorn
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.db'}"
    for args in (["ingest", str(shared / "data/seed/reports.jsonl")], ["ingest", str(examples), "--incident", VELMORA]):
        done = CliRunner().invoke(cli, [*args, "--db", url, "--silent"])
        assert done.exit_code == 0, done.output
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("HEADCOUNT_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors


def shot(page, name: str) -> Path:
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def api(server: str, path: str, **params):
    answer = httpx.get(f"{server}{path}", params=params)
    answer.raise_for_status()
    return answer.json()


def board(page) -> dict[tuple[str, str], tuple[str, str]]:
    """(group, status) -> (best, range) as the board shows them."""
    page.wait_for_selector("[data-testid=board] td.cell")
    cells = page.eval_on_selector_all("[data-testid=board] td.cell", """cells => cells.map(td => [
        td.dataset.group, td.dataset.status, td.querySelector('[data-testid=best]').textContent,
        (td.querySelector('[data-testid=range]') || {textContent: ''}).textContent.trim()])""")
    return {(g, s): (best, rng) for g, s, best, rng in cells}


def expected_board(account: dict) -> dict[tuple[str, str], tuple[str, str]]:
    def span(c):
        lo = "?" if c["low"] is None else str(c["low"])
        hi = "∞" if c["high"] is None else str(c["high"])
        return lo if lo == hi else f"{lo}–{hi}"
    out = {}
    for c in account["cells"]:
        best = "?" if c["best"] is None else str(c["best"])
        out[(c["group"]["label"], c["status"])] = (best, "" if best == span(c) else span(c))
    return out


def open_incident(page, incident: str) -> None:
    page.goto("/")
    page.wait_for_selector("[data-testid=incidents]")
    page.click(f"[data-incident='{incident}'] a")
    page.wait_for_selector("[data-testid=board] td.cell")


def test_seed_board_shows_japan_3_freed_and_14_missing(page, server):
    open_incident(page, SEED)
    shown = board(page)
    assert shown[("Japan", "freed")] == ("3", "")
    assert shown[("Japan", "missing")] == ("14", "")
    assert shown == expected_board(api(server, f"/api/incidents/{SEED}/account"))
    japan = page.locator("tr[data-group='Japan']")
    assert japan.locator("th").inner_text() == "Japan"
    assert japan.locator("td[data-status='freed'] abbr.kind").first.get_attribute("title") == "government"
    shot(page, "board-seed")


def test_incident_list_shows_headline_figures(page, server):
    page.goto("/")
    row = page.locator(f"[data-incident='{SEED}']")
    assert row.locator("a").inner_text() == "Tigantourine Plants, Algeria (2013-01-18)"
    assert "30 killed" in row.inner_text()


@pytest.mark.parametrize("policy", ["conservative", "range", "weighted"])
def test_policy_switch_redraws_the_board(page, server, policy):
    open_incident(page, VELMORA)
    page.select_option("[data-testid=policy]", policy)
    page.wait_for_selector(f"[data-testid=board][data-policy={policy}] td.cell")
    assert board(page) == expected_board(api(server, f"/api/incidents/{VELMORA}/account", policy=policy))


def test_as_of_slider_replays_the_board(page, server):
    open_incident(page, VELMORA)
    moments = api(server, f"/api/incidents/{VELMORA}/timeline")["moments"]
    assert len(moments) >= 3
    slider = page.locator("[data-testid=as-of]")
    slider.focus()
    page.keyboard.press("Home")  # the first moment a claim speaks of
    first = moments[0].replace("T", " ")
    page.wait_for_function("t => document.querySelector('[data-testid=as-of-label]').textContent.startsWith(t)",
                           arg=first[:16])
    early = expected_board(api(server, f"/api/incidents/{VELMORA}/account", as_of=moments[0]))
    page.wait_for_selector(f"[data-testid=board][data-as-of='{moments[0]}'] td.cell")
    assert board(page) == early
    shot(page, "board-velmora-first-moment")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('[data-testid=as-of-label]').textContent === 'latest'")
    latest = expected_board(api(server, f"/api/incidents/{VELMORA}/account"))
    page.wait_for_selector("[data-testid=board][data-as-of=latest] td.cell")
    assert board(page) == latest and latest != early


def test_conflict_mark_opens_the_conflicting_claims(page, server):
    open_incident(page, VELMORA)
    account = api(server, f"/api/incidents/{VELMORA}/account")
    assert account["conflicts"]
    page.locator("[data-testid=conflict]").first.click()
    dialog = page.locator("[data-testid=conflict-dialog]")
    dialog.wait_for(state="visible")
    text = dialog.inner_text()
    assert any(x["explanation"] in text for x in account["conflicts"])
    assert "set aside" in text
    shot(page, "conflict-velmora")
    dialog.locator("a").first.click()  # a claim's words lead to its report
    page.wait_for_selector("[data-testid=report-text] mark.selected")


def test_claim_opens_its_report_with_the_evidence_highlighted(page, server):
    open_incident(page, SEED)
    link = page.locator("[data-testid=claim-link]").nth(3)
    words = link.inner_text().strip("“”")
    link.click()
    selected = page.wait_for_selector("[data-testid=report-text] mark.selected")
    assert words in selected.text_content()
    assert page.locator("[data-testid=report-text] mark").count() >= 10
    shot(page, "report-highlighted")


def test_claim_list_filters(page, server):
    open_incident(page, SEED)
    page.select_option("[data-testid=filter-status]", "freed")
    rows = page.locator("[data-testid=claims] tbody tr")
    freed = api(server, "/api/claims", incident=SEED, status="freed")
    assert rows.count() == len(freed)
    page.select_option("[data-testid=filter-group]", "Japan")
    assert rows.count() == len([c for c in freed if c["group_label"] == "Japan"]) == 2
    page.select_option("[data-testid=filter-status]", "")
    page.select_option("[data-testid=filter-group]", "")
    page.select_option("[data-testid=filter-kind]", "state_media")
    assert rows.count() == len(api(server, "/api/claims", incident=SEED, source_kind="state_media"))


def test_timeline_chart_draws_band_and_claims(page, server):
    open_incident(page, VELMORA)
    chart = page.locator("[data-testid=chart] svg")
    chart.wait_for()
    assert chart.locator("rect.band").count() >= 1
    assert chart.locator("circle.claim-point").count() >= 1
    page.locator("[data-testid=best]").first.click()
    assert page.locator("[data-testid=chart-cell]").input_value() != ""


def test_report_markup_is_shown_and_never_run(page, server):
    created = httpx.post(f"{server}/api/reports", json={"id": "markup-test", "text": SCRIPT_REPORT})
    assert created.status_code == 201
    page.goto("/#/report/markup-test")
    page.wait_for_selector("[data-testid=report-text]")
    assert page.locator("[data-testid=report-text]").inner_text().startswith("<script>window.pwned = 1</script>")
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("[data-testid=report-text] img, [data-testid=report-text] script").count() == 0



def test_board_marks_the_cells_on_which_policies_disagree(page, server):
    open_incident(page, VELMORA)
    page.wait_for_selector("[data-testid=board][data-policy=latest] td.cell")
    bests: dict[tuple[str, str], list] = {}
    policies = ("conservative", "range", "latest", "weighted")
    for p in policies:
        for c in api(server, f"/api/incidents/{VELMORA}/account", policy=p)["cells"]:
            bests.setdefault((c["group"]["label"], c["status"]), []).append(c["best"])
    shown = set(board(page))
    disagree = {k for k, v in bests.items() if k in shown and (len(set(v)) > 1 or len(v) < len(policies))}
    marked = set(map(tuple, page.eval_on_selector_all("[data-testid=board] td.cell", """cells => cells
        .filter(td => td.querySelector('[data-testid=disagree]')).map(td => [td.dataset.group, td.dataset.status])""")))
    assert disagree and marked == disagree
