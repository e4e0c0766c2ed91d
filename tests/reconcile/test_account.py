from headcount.model import CellKey, Claim, Count, Group, Report, Source
from headcount.reconcile import account_incidents, figure

KEY = CellKey("JP", None, "other", "freed")


def _claim(cid, low, high, qualifier, kind="government", published="2024-01-01", modality="asserted", report="r1"):
    return Claim(report=report, span=(0, 5), text="words", status="freed", count=Count(low, high, qualifier),
                 group=Group("Japanese", "JP", None, "hostage"), source=Source("Tokyo", kind, "JP"),
                 modality=modality, id=cid, published=published)


def test_account_figure_exact_claims_agree():
    cell = figure(KEY, [_claim("a", 3, 3, "exact"), _claim("b", 3, 3, "exact", kind="media")])
    assert (cell.low, cell.high, cell.best) == (3, 3, 3)
    assert set(cell.claims) == {"a", "b"}


def test_account_figure_at_least_leaves_high_open():
    cell = figure(KEY, [_claim("a", 30, None, "at_least"), _claim("b", 12, 12, "exact", kind="media")])
    assert (cell.low, cell.high) == (30, None)


def test_account_figure_vague_means_more_than_one():
    cell = figure(KEY, [_claim("a", None, None, "vague")])
    assert (cell.low, cell.high, cell.best) == (2, None, 2)


def test_account_figure_best_prefers_authority_then_latest():
    claims = [_claim("old", 5, 5, "exact", published="2024-01-01"),
              _claim("new", 7, 7, "exact", published="2024-01-03"),
              _claim("rumour", 40, 40, "exact", kind="unnamed", published="2024-01-04")]
    assert figure(KEY, claims).best == 7


def test_account_figure_denied_claims_listed_but_not_counted():
    cell = figure(KEY, [_claim("d", 4, 4, "exact", modality="denied")])
    assert (cell.low, cell.best) == (None, None) and cell.claims == ("d",)


def test_account_groups_reports_by_incident():
    reports = [Report(id="r1", text="a", incident="x"), Report(id="r2", text="b", incident="y")]
    accounts = account_incidents(reports, [_claim("a", 3, 3, "exact", report="r1"),
                                           _claim("b", 1, 1, "exact", report="r2")])
    assert [(a.id, a.reports, [c.claims for c in a.cells]) for a in accounts] == [
        ("x", ("r1",), [("a",)]), ("y", ("r2",), [("b",)])]
