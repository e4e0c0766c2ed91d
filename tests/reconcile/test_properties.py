"""Property tests: for random true states and truthful claims about them, the bounds hold the truth
and no conflict is reported; a planted contradiction is always found."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headcount.model import CellKey
from headcount.reconcile import account_incident
from headcount.reconcile.intervals import about_tolerance

from claim_factory import claim

MOMENTS = ("2024-05-01", "2024-05-02", "2024-05-04")
STATUSES = ("taken", "freed", "held", "missing", "killed")


@st.composite
def block(draw, moments: int):
    """The fate of one group of hostages over time, true to the rules: freed and killed only grow,
    held only falls, and freed + held + missing never outnumber the taken."""
    freed = sorted(draw(st.lists(st.integers(0, 40), min_size=moments, max_size=moments)))
    held = sorted(draw(st.lists(st.integers(0, 40), min_size=moments, max_size=moments)), reverse=True)
    missing = draw(st.lists(st.integers(0, 20), min_size=moments, max_size=moments))
    killed = sorted(draw(st.lists(st.integers(0, 30), min_size=moments, max_size=moments)))
    taken = max(f + h + m for f, h, m in zip(freed, held, missing)) + draw(st.integers(0, 5))
    return [{"taken": taken, "freed": f, "held": h, "missing": m, "killed": k}
            for f, h, m, k in zip(freed, held, missing, killed)]


def add(*blocks):
    return [{s: sum(b[t][s] for b in blocks) for s in STATUSES} for t in range(len(blocks[0]))]


@st.composite
def world(draw):
    """A true state: a host country, some nationalities, unnamed foreigners and locals; its cells' values."""
    n = draw(st.integers(1, len(MOMENTS)))
    host = draw(st.sampled_from(["DZ", None]))
    nations = draw(st.lists(st.sampled_from(["JP", "GB", "US", "DZ"]), unique=True, min_size=1, max_size=4))
    blocks = {x: draw(block(n)) for x in nations}
    hidden_abroad, hidden_home = draw(block(n)), draw(block(n))
    truth = {}
    for x in nations:
        truth[(x, None)] = blocks[x]
    abroad = [blocks[x] for x in nations if x != host] + [hidden_abroad]
    home = [blocks[x] for x in nations if x == host] + [hidden_home]
    if host:
        truth[(None, True)] = add(*abroad)
        truth[(None, False)] = add(*home)
    truth[(None, None)] = add(*abroad, *home)
    return host, n, truth


@st.composite
def truthful_claims(draw, host, n, truth):
    """Claims that are all true of ``truth``, with every qualifier."""
    claims = []
    for (nat, foreign), series in sorted(truth.items(), key=str):
        for t in range(n):
            for status in STATUSES:
                if not draw(st.booleans()):
                    continue
                v = series[t][status]
                claims.append(claim(status, *draw(_true_count(v)), nationality=nat, foreign=foreign,
                                    published=MOMENTS[t], kind=draw(st.sampled_from(["government", "media"]))))
    return claims


@st.composite
def _true_count(draw, v):
    q = draw(st.sampled_from(["exact", "at_least", "at_most", "range", "about", "vague"]))
    if q == "vague" and v < 2:
        q = "exact"
    if q == "exact":
        return v, v, q
    if q == "at_least":
        return draw(st.integers(0, v)), None, q
    if q == "at_most":
        return None, draw(st.integers(v, v + 10)), q
    if q == "range":
        return draw(st.integers(0, v)), draw(st.integers(v, v + 10)), q
    if q == "about":
        n = draw(st.integers(max(0, v - 3), v + 3))
        return (n, n, q) if abs(n - v) <= about_tolerance(n) else (v, v, q)
    return None, None, q


def _cell_truth(key: CellKey, truth, n):
    if key.side == "all":
        series = truth[(None, None)]
    else:
        series = truth.get((key.nationality, key.foreign))
    return None if series is None else series[n - 1][key.status]


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_bounds_hold_the_truth_and_truthful_claims_never_conflict(data):
    host, n, truth = data.draw(world())
    claims = data.draw(truthful_claims(host, n, truth))
    acc = account_incident("w", "world", ["r1"], claims, host=host)
    assert acc.conflicts == ()
    for cell in acc.cells:
        value = _cell_truth(cell.key, truth, n)
        assert value is not None
        assert cell.low <= value and (cell.high is None or value <= cell.high), cell
        assert cell.low <= cell.best and (cell.high is None or cell.best <= cell.high)


@SETTINGS
@given(st.data(), st.integers(1, 9))
def test_a_planted_contradiction_is_found(data, offset):
    host, n, truth = data.draw(world())
    claims = data.draw(truthful_claims(host, n, truth))
    nat = data.draw(st.sampled_from(sorted(k[0] for k in truth if k[0])))
    status = data.draw(st.sampled_from(STATUSES))
    v = truth[(nat, None)][n - 1][status]
    honest = claim(status, v, nationality=nat, published=MOMENTS[n - 1], cid="honest")
    planted = claim(status, v + offset, nationality=nat, published=MOMENTS[n - 1], cid="planted", kind="unnamed")
    acc = account_incident("w", "world", ["r1"], claims + [honest, planted], host=host)
    assert acc.conflicts, "a contradiction went unreported"
    assert any("planted" in c.claims for c in acc.conflicts)
    assert all(c.reason in ("time", "scope", "speaker", "rounding", "contradiction") for c in acc.conflicts)


@SETTINGS
@given(st.data(), st.integers(1, 5))
def test_parts_larger_than_their_whole_are_a_scope_conflict(data, excess):
    host, n, truth = data.draw(world())
    nations = sorted(k[0] for k in truth if k[0])
    parts = [claim("freed", truth[(x, None)][n - 1]["freed"], nationality=x, published=MOMENTS[n - 1])
             for x in nations]
    total = sum(truth[(x, None)][n - 1]["freed"] for x in nations)
    if total < excess:
        return
    whole = claim("freed", total - excess, published=MOMENTS[n - 1], cid="whole", kind="unnamed")
    acc = account_incident("w", "world", ["r1"], parts + [whole], host=host)
    assert [c.reason for c in acc.conflicts if "whole" in c.claims] in (["scope"], ["rounding"])


@SETTINGS
@given(st.data(), st.lists(st.integers(-9, 9).filter(bool), min_size=1, max_size=3))
def test_each_conflict_is_a_smallest_set_of_claims_that_cannot_hold(data, offsets):
    """The claims of a reported conflict cannot all hold, and without any one of them the others can.
    (Wrong figures are told apart: the same figure said twice is one constraint, and its claims go
    together.)"""
    host, n, truth = data.draw(world())
    claims = data.draw(truthful_claims(host, n, truth))
    nations = sorted(k[0] for k in truth if k[0])
    said = set()
    for i, offset in enumerate(offsets):
        nat, status = data.draw(st.sampled_from(nations)), data.draw(st.sampled_from(STATUSES))
        t = data.draw(st.integers(0, n - 1))
        wrong = max(0, truth[(nat, None)][t][status] + offset)
        if (nat, status, t, wrong) in said:
            continue
        said.add((nat, status, t, wrong))
        claims.append(claim(status, wrong, nationality=nat, published=MOMENTS[t], cid=f"wrong{i}", kind="unnamed"))
    acc = account_incident("w", "world", ["r1"], claims, host=host)
    by_id = {c.id: c for c in claims}
    for conflict in acc.conflicts:
        core = [by_id[cid] for cid in conflict.claims]
        assert account_incident("w", "core", ["r1"], core, host=host).conflicts, conflict
        for left_out in core:
            rest = [c for c in core if c is not left_out]
            assert not account_incident("w", "rest", ["r1"], rest, host=host).conflicts, (conflict, left_out.id)
