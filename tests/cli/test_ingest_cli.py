"""`headcount ingest`, `reports`, `watch` end to end, on SQLite and (with HEADCOUNT_TEST_POSTGRES) PostgreSQL:
no loss on bad input, crash and resume, two writers at once, versions. Every text is written for these tests."""
import json
import re
import signal
import subprocess
import sys
import time

from typer.testing import CliRunner

from headcount.cli import app
from headcount.model import report_identity
from headcount.store import Store

runner = CliRunner()
HEADCOUNT = [sys.executable, "-c", "from headcount.cli import main; main()"]


def invoke(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def _stored(url: str) -> dict[str, int]:
    """Report id -> number of claims of its newest version."""
    with Store.open(url) as store:
        return {s.report.id: s.claim_count for s in store.reports()}


def _versions(url: str) -> set[tuple[str, int]]:
    with Store.open(url) as store:
        return {(s.report.id, s.report.version) for s in store.reports(all_versions=True)}


def _reports(n: int, start: int = 0) -> str:
    lines = []
    for i in range(start, start + n):
        text = (f"Depot {i} siege. Officials said {i % 7 + 2} drivers were freed from depot {i} on Monday, "
                f"and {i % 3 + 1} guards were injured. A company spokesman said {i % 5 + 1} workers were missing.")
        lines.append(json.dumps({"id": f"depot-{i}", "text": text, "published": "2031-03-03"}))
    return "\n".join(lines) + "\n"


def test_ingest_folder_with_bad_files_stores_every_good_report_names_each_bad_one_and_reruns_clean(
        tmp_path, store_url):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "batch.jsonl").write_text(_reports(2) + "{\"id\": \"broken\", \"text\": \n" + _reports(1, start=2),
                                        encoding="utf-8")
    (folder / "junk.txt").write_bytes(b"\x00\x9f\x12\xff" * 500)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "sub" / "radio.txt").write_text("Four nurses were freed, the radio said.", encoding="cp1252")
    first = invoke("ingest", folder, "--db", store_url)
    assert first.exit_code == 1
    for name in (f"{folder / 'batch.jsonl'}:3", "junk.txt", "empty.txt"):
        assert name in first.stderr
    assert "stored 4 report(s)" in first.stderr
    assert set(_stored(store_url)) == {"depot-0", "depot-1", "depot-2",
                                       report_identity(None, None, "Four nurses were freed, the radio said.")}
    again = invoke("ingest", folder, "--db", store_url)
    assert again.exit_code == 1 and "stored 0 report(s); 4 already in the store" in again.stderr
    assert len(_stored(store_url)) == 4


def test_ingest_killed_mid_batch_leaves_whole_reports_and_resumes_without_duplicates(tmp_path, store_url):
    batch = tmp_path / "archive.jsonl"
    batch.write_text(_reports(400), encoding="utf-8")
    proc = subprocess.Popen(HEADCOUNT + ["ingest", str(batch), "--db", store_url, "--silent"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if len(_stored(store_url)) >= 20:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _stored(store_url)
    assert 20 <= len(partial) < 400, "the batch was not interrupted in the middle"
    from headcount.extract import extract_reports
    from headcount.ingest import read_paths
    expected = {r.id: len(cs) for r, cs in extract_reports(read_paths([batch]))}
    assert all(partial[rid] == expected[rid] for rid in partial)  # every stored report has all its claims
    resumed = invoke("ingest", batch, "--db", store_url, "--silent")
    assert resumed.exit_code == 0, resumed.stderr
    assert f"stored {400 - len(partial)} report(s); {len(partial)} already" in resumed.stderr
    assert _stored(store_url) == expected


def test_ingest_two_processes_on_one_store_store_each_report_once(tmp_path, store_url):
    batch = tmp_path / "shared.jsonl"
    batch.write_text(_reports(40), encoding="utf-8")
    changed = tmp_path / "changed.jsonl"  # the same ids with new texts: versions, raced for by both
    changed.write_text(_reports(40).replace("on Monday", "on Tuesday"), encoding="utf-8")
    procs = [subprocess.Popen(HEADCOUNT + ["ingest", str(batch), str(changed), "--db", store_url, "--silent"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert _versions(store_url) == {(f"depot-{i}", v) for i in range(40) for v in (1, 2)}


def test_ingest_stdin_and_versions_through_the_cli(store_url):
    first = invoke("ingest", "-", "--db", store_url, input='{"id": "w1", "text": "Two pilots were freed."}\n')
    assert first.exit_code == 0, first.stderr
    second = invoke("ingest", "-", "--db", store_url, input='{"id": "w1", "text": "Three pilots were freed."}\n')
    assert second.exit_code == 0 and "stored 1 report(s)" in second.stderr
    listed = json.loads(invoke("reports", "--db", store_url, "--format", "json").stdout)["reports"]
    assert [(r["id"], r["version"], r["claim_count"]) for r in listed] == [("w1", 2, 1)]
    assert set(listed[0]) == {"id", "version", "published", "outlet", "url", "language",
                              "incident", "claim_count", "stored_at"}  # GET /api/reports' fields
    every = json.loads(invoke("reports", "--db", store_url, "--format", "json", "--all-versions").stdout)
    assert [(r["id"], r["version"]) for r in every["reports"]] == [("w1", 1), ("w1", 2)]
    table = invoke("reports", "--db", store_url)
    assert table.exit_code == 0 and "w1" in table.stdout


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>"""
ITEM = "<item><guid>tw-{n}</guid><title>Update {n}</title><description>{text}</description></item>"


def test_watch_polls_a_feed_and_stores_only_new_items(tmp_path, site):
    from headcount.pipeline.watch import watch_feeds
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    site.pages["/feed.rss"] = ("application/rss+xml",
                               FEED.format(items=ITEM.format(n=1, text="Two guards were hurt.")).encode())
    rounds = []

    def between_rounds(_seconds):
        if len(rounds) == 2:  # after the second round, the feed gets a new item
            items = ITEM.format(n=1, text="Two guards were hurt.") + ITEM.format(n=2, text="One guard died.")
            site.pages["/feed.rss"] = ("application/rss+xml", FEED.format(items=items).encode())

    with Store.open(url) as store:
        watch_feeds([site.url("/feed.rss")], store, 0.01, times=3, fetch_articles=False,
                    on_round=lambda n, r: rounds.append((len(r.stored), r.known)), sleep=between_rounds)
    assert rounds == [(1, 0), (0, 0), (1, 1)]  # round 2: the feed answered 304, nothing read
    assert set(_stored(url)) == {"tw-1", "tw-2"}


def test_watch_cli_names_a_failing_feed_and_goes_on(tmp_path, site):
    site.pages["/ok.rss"] = ("application/rss+xml",
                             FEED.format(items=ITEM.format(n=5, text="Nine crew were freed.")).encode())
    db = f"sqlite:///{tmp_path / 'w.db'}"
    result = invoke("watch", site.url("/gone.rss"), site.url("/ok.rss"), "--every", "1s", "--times", "1",
                    "--db", db, "--no-fetch")
    assert result.exit_code == 1 and "gone.rss" in result.stderr and "round 1: stored 1 new report" in result.stderr
    bad = invoke("watch", site.url("/ok.rss"), "--every", "soon", "--db", db)
    assert bad.exit_code != 0 and "[E017]" in str(bad.exception or bad.stderr)


def test_ingest_with_two_jobs_stores_what_one_job_stores(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(_reports(60), encoding="utf-8")
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    assert invoke("ingest", batch, "--db", one, "--silent").exit_code == 0
    assert invoke("ingest", batch, "--db", two, "--silent", "--jobs", "2").exit_code == 0
    with Store.open(one) as a, Store.open(two) as b:
        assert [c.to_dict() for c in a.claims()] == [c.to_dict() for c in b.claims()]
        assert len(a.claims()) >= 180


def _inbox_with_other_files(tmp_path):
    """A folder as a newcomer has one: a report, files of other types, and hidden files (written here)."""
    folder = tmp_path / "inbox"
    (folder / ".git").mkdir(parents=True)
    (folder / "wire.txt").write_text("Officials said two drivers were freed from the depot.", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "NOTES").write_text("to read later", encoding="utf-8")
    (folder / ".draft.txt").write_text("Officials said nine drivers were freed.", encoding="utf-8")
    (folder / ".git" / "description.txt").write_text("Officials said six guards were hurt.", encoding="utf-8")
    return folder


def test_ingest_and_extract_say_which_files_of_a_folder_they_skipped_and_still_succeed(tmp_path):
    folder = _inbox_with_other_files(tmp_path)
    for command in (["ingest", folder, "--db", f"sqlite:///{tmp_path / 's.db'}"], ["extract", folder]):
        done = invoke(*command)
        assert done.exit_code == 0, done.stderr
        warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
        assert warnings == [f"warning: [E026] {folder / name}: not a known type (.txt, .html, .htm, .jsonl, .rss, "
                            f".atom, .xml); skipped. If it is a report, give it one of these suffixes."
                            for name in ("NOTES", "scan.pdf")]
        assert "draft" not in done.stderr and ".git" not in done.stderr  # hidden files are never reports
    assert len(_stored(f"sqlite:///{tmp_path / 's.db'}")) == 1


def test_ingest_shows_a_bar_with_the_total_and_the_time_left_on_a_terminal(tmp_path, monkeypatch):
    import io

    from rich.console import Console

    import headcount.cli as cli
    batch = tmp_path / "batch.jsonl"
    batch.write_text(_reports(3), encoding="utf-8")
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=150))
    db = f"sqlite:///{tmp_path / 's.db'}"
    for run in ("first", "again"):  # again: the reports already stored count as done too
        screen.seek(0), screen.truncate()
        assert invoke("ingest", batch, "--db", db).exit_code == 0
        shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
        assert "ingesting" in shown and "3/3" in shown and "left" in shown, run


def test_ingest_and_extract_piped_print_one_summary_line_and_no_bar(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(_reports(2), encoding="utf-8")
    done = subprocess.run([*HEADCOUNT, "ingest", str(batch), "--db", f"sqlite:///{tmp_path / 's.db'}"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr == "stored 2 report(s); 0 already in the store.\n"
    claims = subprocess.run([*HEADCOUNT, "extract", str(batch)], capture_output=True, text=True, timeout=300)
    assert claims.returncode == 0
    assert claims.stderr == f"extracted {len(claims.stdout.splitlines())} claim(s) from 2 report(s).\n"
