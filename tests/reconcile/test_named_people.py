"""Named people are lower bounds on their cells (issue 18): each person counts once, in the status of their
latest claim; a count below the names is a conflict; a count above them counts people not named.
Claims written for the tests (invented people)."""
from __future__ import annotations

import time

from headcount.reconcile import POLICIES, account_incident

from claim_factory import claim

NAMES = ["Aiko Tanabe", "Ren Ishida", "Sora Kume", "Yui Hamada", "Kaito Mori"]


def cells(claims, **kw):
    acc = account_incident("i", "t", sorted({c.report for c in claims}), claims, **kw)
    return {(c.key.side, c.key.nationality, c.key.foreign, c.key.status): c for c in acc.cells}, acc


def named(status, name, **kw):
    return claim(status, 1, nationality="JP", role="civilian", person=name, count_text=name, **kw)


def test_named_people_add_up_to_a_lower_bound():
    got, _ = cells([named("killed", n, report=f"r{i}") for i, n in enumerate(NAMES)])
    cell = got[("other", "JP", None, "killed")]
    assert (cell.low, cell.best, cell.named) == (5, 5, 5)
    assert got[("all", None, None, "killed")].low == 5


def test_a_person_named_in_two_reports_counts_once():
    claims = [named("killed", "Aiko Tanabe", report="r1"), named("killed", "Aiko Tanabe", report="r2"),
              named("killed", "Ren Ishida", report="r2")]
    cell = cells(claims)[0][("other", "JP", None, "killed")]
    assert (cell.low, cell.named) == (2, 2)


def test_a_person_counts_in_the_status_of_their_latest_claim():
    claims = [named("missing", "Aiko Tanabe", published="2024-03-01"),
              named("killed", "Aiko Tanabe", published="2024-03-03", report="r2"),
              named("missing", "Ren Ishida", published="2024-03-02")]
    got, _ = cells(claims)
    assert got[("other", "JP", None, "killed")].named == 1
    assert got[("other", "JP", None, "missing")].named == 1
    assert got[("other", "JP", None, "missing")].low == 1
    as_of, _ = cells(claims, as_of="2024-03-02")
    assert as_of[("other", "JP", None, "missing")].named == 2
    assert ("other", "JP", None, "killed") not in as_of


def test_a_count_above_the_names_counts_people_not_named():
    claims = [named("killed", n) for n in NAMES[:3]] + [claim("killed", 7, nationality="JP", role="civilian")]
    for policy in POLICIES:
        cell = cells(claims, policy=policy)[0][("other", "JP", None, "killed")]
        assert (cell.best, cell.named) == (7, 3), policy


def test_a_count_below_the_names_is_a_conflict_with_them():
    claims = [named("killed", n) for n in NAMES] + [claim("killed", 2, nationality="JP", role="civilian",
                                                          kind="media", cid="two")]
    got, acc = cells(claims)
    assert got[("other", "JP", None, "killed")].best == 5
    assert any("two" in c.claims and any(i.startswith("k") and i != "two" for i in c.claims)
               for c in acc.conflicts)
    assert any("two" in c.dropped for c in acc.conflicts)


def test_denied_names_bound_nothing():
    got, _ = cells([named("killed", "Aiko Tanabe", modality="denied"), named("freed", "Ren Ishida")])
    assert ("other", "JP", None, "killed") not in got or got[("other", "JP", None, "killed")].low == 0


# Written for this test: a hotel attack whose victims are named in one report and counted in another.
NAMED_REPORTS = [
    {"id": "tarsay-1", "published": "2031-05-02", "incident": "tarsay",
     "text": "Police said a British teacher, Jane Colter, was killed at the Marlow hotel in Tarsay on Monday. "
             "Two other Britons, Tom Avery and Ellen Hask, were also killed."},
    {"id": "tarsay-2", "published": "2031-05-02", "incident": "tarsay",
     "text": "A local newspaper said one Briton may have been killed at the Marlow hotel in Tarsay."},
]


def test_people_stored_at_ingest_bound_the_account_of_their_incident(tmp_path):
    import json
    from typer.testing import CliRunner
    from headcount.cli import app
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in NAMED_REPORTS))
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--silent"]).exit_code == 0
    account = json.loads(CliRunner().invoke(app, ["account", "--db", db, "--format", "json"]).stdout)
    gb = next(c for c in account["incidents"][0]["cells"]
              if c["group"]["nationality"] == "GB" and c["status"] == "killed")
    assert (gb["named"], gb["low"], gb["best"]) == (3, 3, 3)
    assert sum(i.startswith("p") for i in gb["claims"]) == 3   # each name's claim is listed on the cell
    conflicts = account["incidents"][0]["conflicts"]
    assert any(any(i.startswith("p") for i in c["claims"]) for c in conflicts)  # "one Briton" against the names


def test_names_weigh_as_their_weakest_claim_against_a_count():
    """Three names, one of them only a witness's word, against the government's count of two: the count holds."""
    claims = [named("killed", NAMES[0]), named("killed", NAMES[1]), named("killed", NAMES[2], kind="witness"),
              claim("killed", 2, nationality="JP", role="civilian", cid="two")]
    got, acc = cells(claims)
    assert got[("other", "JP", None, "killed")].best == 2
    assert not any("two" in c.dropped for c in acc.conflicts)


def test_a_split_of_a_person_changes_the_account_a_server_keeps(tmp_path):
    """A decision on merging people changes no report, but the account's named people: a server's snapshot
    is of the store's reports and of its decisions."""
    from headcount.api.snapshot import Snapshots
    from headcount.model import Person, PersonStatus, Report, Source
    from headcount.reconcile import load_weights
    from headcount.reconcile.people import people_in_store, split_record
    from headcount.store import Store
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    for rid, name in (("tarsay-1", "Jane Colter"), ("tarsay-2", "Ms Colter")):
        report = store.prepare(Report(id=rid, text=f"{name} was killed.", published="2031-05-02", incident="tarsay"))
        person = Person(report=rid, name=name, mentions=((0, len(name)),), nationality="GB", role="civilian",
                        statuses=(PersonStatus("killed", (0, len(name) + 11), Source("police", "government")),),
                        published="2031-05-02")
        store.add(report, [], [person])
    snapshots = Snapshots(store, load_weights())

    def named_gb() -> tuple[int, bool]:
        kept = snapshots.account("tarsay")
        return next(c.named for c in kept.result.cells if c.key.nationality == "GB"), kept.stale

    assert named_gb() == (1, False)
    (_, records), = people_in_store(store)
    split_record(store, records[0].id)
    for _ in range(200):  # computed again in the background, answered stale meanwhile
        named, stale = named_gb()
        if not stale:
            break
        time.sleep(0.02)
    assert (named, stale) == (2, False)


def test_a_later_report_is_the_latest_word_on_a_person_whatever_moment_it_speaks_of():
    # "missing" published on the 3rd; "killed on Monday the 1st" published on the 4th: she is counted killed
    claims = [named("missing", "Aiko Tanabe", published="2024-03-03"),
              named("killed", "Aiko Tanabe", published="2024-03-04", time="2024-03-01", report="r2")]
    got, _ = cells(claims)
    assert got[("other", "JP", None, "killed")].named == 1
    assert got.get(("other", "JP", None, "missing")) is None or got[("other", "JP", None, "missing")].named == 0
