import pytest

from headcount.errors import StoreError
from headcount.model import Claim, Count, Group, Report, Source, claim_id
from headcount.store import Store, VersionTaken


def _claim(report_id, start=0, status="freed", low=3, version=1):
    count = Count(low, low, "exact", str(low))
    group = Group("Norwegians", "NO", None, "hostage")
    return Claim(report=report_id, span=(start, start + 10), text="x" * 10, status=status, count=count, group=group,
                 source=Source("Oslo", "government", "NO", None), modality="asserted",
                 id=claim_id(report_id, (start, start + 10), status, count, group, version),
                 published="2024-01-01")


def test_store_roundtrips_reports_and_claims(store_url):
    report = Report(id="r1", text="Oslo says three Norwegians are free.", published="2024-01-01",
                    outlet="Test Wire", incident="inc-1")
    claims = [_claim("r1"), _claim("r1", start=20, status="missing", low=2)]
    with Store.open(store_url) as store:
        assert store.add(report, claims) is True
        (stored,) = store.reports()
        assert stored.report.incident == "inc-1" and stored.claim_count == 2
        assert store.claims() == claims


def test_store_same_report_twice_changes_nothing(store_url):
    report = Report(id="r1", text="Two Britons are safe.")
    with Store.open(store_url) as store:
        assert store.add(report, [_claim("r1")]) is True
        assert store.add(report, [_claim("r1")]) is False
        assert len(store.reports()) == 1 and len(store.claims()) == 1


def test_store_failed_write_leaves_no_half_report(store_url):
    report = Report(id="r2", text="Four guards were hurt.")
    broken = [_claim("r2"), _claim("r2")]  # the same claim id twice: the claims insert fails
    with Store.open(store_url) as store:
        with pytest.raises(StoreError, match="r2"):
            store.add(report, broken)
        assert store.reports() == [] and store.claims() == []


def test_store_bad_url_is_a_clear_error():
    with pytest.raises(StoreError, match="--db"):
        Store.open("nosuchdialect://x/y")


def test_store_changed_text_under_a_known_id_is_a_new_version_beside_the_old(store_url):
    first = Report(id="wire-7", text="Two Britons are safe.", published="2024-01-01")
    second = Report(id="wire-7", text="Three Britons are safe.", published="2024-01-02")
    with Store.open(store_url) as store:
        v1 = store.prepare(first)
        assert (v1.id, v1.version) == ("wire-7", 1)
        assert store.add(v1, [_claim(v1.id)])
        assert store.prepare(Report(id="wire-7", text="  Two Britons\nare safe. ")) is None  # same words
        v2 = store.prepare(second)
        assert (v2.id, v2.version) == ("wire-7", 2)
        assert store.add(v2, [_claim(v2.id, low=4, version=2)])
        assert [(s.report.id, s.report.version) for s in store.reports()] == [("wire-7", 2)]
        assert [(s.report.id, s.report.version, s.claim_count) for s in store.reports(all_versions=True)] == [
            ("wire-7", 1, 1), ("wire-7", 2, 1)]
        assert [(c.report, c.count.low) for c in store.claims()] == [("wire-7", 4)]
        assert [c.count.low for c in store.claims(report_id="wire-7", version=1)] == [3]
        assert len(store.claims(all_versions=True)) == 2
        assert store.report("wire-7").text == second.text and store.report("wire-7", 1).text == first.text


def test_store_an_id_that_looks_like_a_version_is_only_an_id(store_url):
    """Identity and version are two columns: a report whose own id is 'a@v2' and the second version of
    'a' are two reports, whichever is stored first."""
    with Store.open(store_url) as store:
        for report in (Report(id="a@v2", text="Two guards died."), Report(id="a", text="Three guards died."),
                       Report(id="a", text="Four guards died.")):
            ready = store.prepare(report)
            assert store.add(ready, [_claim(ready.id, version=ready.version)])
        assert [(s.report.id, s.report.version) for s in store.reports(all_versions=True)] == [
            ("a", 1), ("a", 2), ("a@v2", 1)]
        assert store.report("a@v2").text == "Two guards died." and store.report("a").text == "Four guards died."


def test_store_a_version_taken_by_another_writer_is_said_so(store_url):
    with Store.open(store_url) as store:
        a = store.prepare(Report(id="r9", text="Five guards died."))
        b = store.prepare(Report(id="r9", text="Six guards died."))
        assert a.version == b.version == 1
        assert store.add(a, [])
        with pytest.raises(VersionTaken):
            store.add(b, [])
        assert store.prepare(Report(id="r9", text="Six guards died.")).version == 2


LEGACY_REPORTS = """CREATE TABLE reports (id VARCHAR(512) NOT NULL PRIMARY KEY, text TEXT NOT NULL,
 text_sha1 VARCHAR(40) NOT NULL, published VARCHAR(64), outlet VARCHAR(512), url TEXT,
 language VARCHAR(16) NOT NULL, incident VARCHAR(512), origin TEXT)"""
LEGACY_CLAIMS = """CREATE TABLE claims (id VARCHAR(64) NOT NULL PRIMARY KEY,
 report_id VARCHAR(512) NOT NULL REFERENCES reports (id) ON DELETE CASCADE, span_start INTEGER NOT NULL,
 span_end INTEGER NOT NULL, text TEXT NOT NULL, status VARCHAR(16) NOT NULL, count_low INTEGER,
 count_high INTEGER, qualifier VARCHAR(16) NOT NULL, count_text TEXT, group_text TEXT, nationality VARCHAR(2),
 "foreign" BOOLEAN, role VARCHAR(16) NOT NULL, source_text TEXT, source_kind VARCHAR(16) NOT NULL,
 source_country VARCHAR(2), source_via TEXT, modality VARCHAR(16) NOT NULL, published VARCHAR(64))"""


def _legacy_store(url: str) -> None:
    """A store as headcount 0.1 wrote it, before migrations: no alembic_version, no claim time, no versions."""
    from sqlalchemy import create_engine, text
    from headcount.settings import database_url
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text(LEGACY_REPORTS))
        conn.execute(text(LEGACY_CLAIMS))
        conn.execute(text("INSERT INTO reports VALUES ('old-1', 'Four  Danes were freed.', 'x', '2023-05-01', "
                          "'Old Wire', NULL, 'en', 'inc-old', 'old.txt')"))
        conn.execute(text("INSERT INTO claims VALUES ('c1', 'old-1', 0, 22, 'Four Danes were freed.', 'freed', "
                          "4, 4, 'exact', 'Four', 'Danes', 'DK', NULL, 'hostage', NULL, 'reporter', NULL, NULL, "
                          "'asserted', '2023-05-01')"))
    engine.dispose()


def test_store_written_by_0_1_is_upgraded_in_place(store_url):
    from sqlalchemy import text
    from headcount.store import migrate
    _legacy_store(store_url)
    with Store.open(store_url) as store:
        (old,) = store.reports()
        assert (old.report.id, old.report.version, old.claim_count) == ("old-1", 1, 1)
        (claim,) = store.claims()
        assert claim.time is None and claim.count.low == 4
        assert store.prepare(Report(id="old-1", text="Four Danes were freed.")) is None  # hash recomputed
        v2 = store.prepare(Report(id="old-1", text="Five Danes were freed."))
        assert store.add(v2, []) and (v2.id, v2.version) == ("old-1", 2)
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head()
            assert conn.execute(text("SELECT count(*) FROM claims")).scalar() == 1  # nothing lost in the copy


def _store_at_0003_with_two_versions(url: str) -> None:
    """A store as revision 0003 kept versions: the second one's id was its identity with '@v2' after it."""
    from alembic import command
    from sqlalchemy import create_engine, text
    from headcount.settings import database_url
    from headcount.store import migrate
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), "0003")
        for rid, version, words in (("w5", 1, "Two Danes were freed."), ("w5@v2", 2, "Three Danes were freed.")):
            conn.execute(text("INSERT INTO reports (id, identity, version, text, text_sha1, language) "
                              "VALUES (:id, 'w5', :v, :t, :h, 'en')"), {"id": rid, "v": version, "t": words,
                                                                        "h": f"h{version}"})
            conn.execute(text("INSERT INTO claims (id, report_id, span_start, span_end, text, status, count_low, "
                              "count_high, qualifier, role, source_kind, modality) VALUES (:c, :id, 0, 5, 'x', "
                              "'freed', :n, :n, 'exact', 'hostage', 'reporter', 'asserted')"),
                         {"c": f"c{version}", "id": rid, "n": version + 1})
    engine.dispose()


def test_store_of_revision_0003_keeps_its_versions_as_identity_and_version(store_url):
    _store_at_0003_with_two_versions(store_url)
    with Store.open(store_url) as store:
        assert [(s.report.id, s.report.version, s.claim_count) for s in store.reports(all_versions=True)] == [
            ("w5", 1, 1), ("w5", 2, 1)]
        assert [(c.report, c.count.low) for c in store.claims()] == [("w5", 3)]
        assert store.report("w5", 1).text == "Two Danes were freed."


def test_store_keeps_counts_beyond_32_bits_on_every_database(store_url):
    """Five billion is a count extraction accepts (below settings.MAX_PEOPLE): both stores keep it."""
    with Store.open(store_url) as store:
        ready = store.prepare(Report(id="big", text="Five billion people were affected."))
        assert store.add(ready, [_claim("big", low=5_000_000_000)])
        assert store.claims()[0].count.low == 5_000_000_000


def test_store_schema_module_matches_the_migrations(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from headcount.store.schema import metadata
    with Store.open(store_url) as store, store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diffs == []


def test_store_opened_by_many_processes_at_once_is_created_once(store_url):
    import subprocess
    import sys
    url = store_url
    code = f"from headcount.store import Store; Store.open({url!r}).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
