from headcount.model import CellKey
from headcount.reconcile import account_incident
from headcount.render import conflict_explanation

from claim_factory import claim


def cells(claims, **kw):
    acc = account_incident("inc", "Incident", ["r1"], claims, **kw)
    return {c.key: c for c in acc.cells}, acc


def key(status, nationality=None, foreign=None, side="other"):
    return CellKey(nationality, foreign, side, status)


def test_exact_claims_that_agree_give_one_figure():
    got, acc = cells([claim("freed", 3, nationality="JP", cid="a"), claim("freed", 3, nationality="JP", cid="b",
                                                                         kind="media")])
    c = got[key("freed", "JP")]
    assert (c.low, c.high, c.best, set(c.claims)) == (3, 3, 3, {"a", "b"})
    assert acc.conflicts == ()


def test_at_least_leaves_the_high_side_open():
    got, _ = cells([claim("killed", 30, None, "at_least", role="unspecified")])
    assert (got[key("killed")].low, got[key("killed")].high) == (30, None)


def test_vague_means_more_than_one_and_hundreds_at_least_200():
    got, _ = cells([claim("freed", None, None, "vague", count_text="many"),
                    claim("injured", None, None, "vague", count_text="hundreds", role="unspecified")])
    assert got[key("freed")].low == 2
    assert got[key("injured")].low == 200


def test_about_is_a_tolerance_of_ten_percent():
    got, _ = cells([claim("held", 60, 60, "about", foreign=True)])
    assert (got[key("held", foreign=True)].low, got[key("held", foreign=True)].high) == (54, 66)


def test_denied_claims_are_listed_but_bound_nothing():
    got, _ = cells([claim("killed", 4, modality="denied", cid="d"), claim("killed", 1, None, "at_least")])
    c = got[key("killed")]
    assert "d" in c.claims and (c.low, c.high) == (1, None)


def test_a_whole_is_at_least_the_sum_of_its_parts():
    got, _ = cells([claim("freed", 2, nationality="GB"), claim("freed", 5, nationality="US")])
    # no host country known: nationalities are parts of the side's total
    assert got[key("freed")].low == 7 and got[key("freed", side="all")].low == 7
    assert len(got[key("freed")].derived_from) == 2 and got[key("freed")].claims == ()


def test_outcomes_add_up_to_at_least_the_taken():
    got, _ = cells([claim("freed", 3, nationality="JP"), claim("missing", 14, nationality="JP")])
    taken = got[key("taken", "JP")]
    assert (taken.low, taken.high, taken.best) == (17, None, 17)
    assert len(taken.derived_from) == 2 and taken.claims == ()


def test_host_nationals_are_not_foreigners():
    claims = [claim("freed", 600, nationality="DZ"), claim("freed", 5, nationality="US"),
              claim("freed", 2, nationality="GB"), claim("freed", 4, foreign=True, cid="four", kind="media")]
    got, acc = cells(claims, host="DZ")
    assert got[key("freed", foreign=True)].low == 7
    assert [c.reason for c in acc.conflicts] == ["scope"]
    assert "four" in acc.conflicts[0].claims and acc.conflicts[0].dropped == ("four",)
    # with no host known, nationalities are not placed among the foreigners: nothing to contradict
    got, acc = cells(claims)
    assert acc.conflicts == () and got[key("freed")].low == 607


def test_a_lower_later_death_toll_is_a_time_conflict():
    claims = [claim("killed", 30, published="2024-03-01", cid="early", role="unspecified"),
              claim("killed", 17, published="2024-03-03", cid="late", role="unspecified", kind="unnamed")]
    got, acc = cells(claims)
    assert [c.reason for c in acc.conflicts] == ["time"]
    assert set(acc.conflicts[0].claims) == {"early", "late"} and acc.conflicts[0].dropped == ("late",)
    assert got[key("killed")].low == 30


def test_growing_counts_are_not_conflicts():
    got, acc = cells([claim("killed", 12, published="2024-03-01", role="unspecified"),
                      claim("killed", 30, published="2024-03-03", role="unspecified")])
    assert acc.conflicts == () and (got[key("killed")].low, got[key("killed")].high) == (30, 30)


def test_about_60_against_70_is_rounding():
    _, acc = cells([claim("held", 60, 60, "about", foreign=True, kind="state_media"),
                    claim("held", 70, foreign=True, kind="media", source="a paper")])
    assert [c.reason for c in acc.conflicts] == ["rounding"]


def test_two_sources_with_different_exact_figures_disagree_as_speakers():
    _, acc = cells([claim("freed", 3, nationality="JP", source="Tokyo", country="JP"),
                    claim("freed", 7, nationality="JP", kind="media", source="a paper")])
    assert [c.reason for c in acc.conflicts] == ["speaker"]
    assert "a paper" in conflict_explanation(acc.conflicts[0])


def test_one_source_contradicting_itself():
    _, acc = cells([claim("injured", 3, role="unspecified"), claim("injured", 7, role="unspecified")])
    assert [c.reason for c in acc.conflicts] == ["contradiction"]


def test_the_weaker_word_gives_way():
    got, acc = cells([claim("killed", 9, kind="perpetrator", source="the militants", cid="boast",
                            role="unspecified"),
                      claim("killed", 3, kind="government", cid="ministry", role="unspecified")])
    assert acc.conflicts[0].dropped == ("boast",)
    assert got[key("killed")].best == 3


def test_as_of_replays_what_was_known_then():
    claims = [claim("killed", 12, published="2024-03-01", role="unspecified"),
              claim("killed", 30, published="2024-03-03", role="unspecified")]
    got, acc = cells(claims, as_of="2024-03-02T12:00")
    assert (got[key("killed")].low, got[key("killed")].high) == (12, 12) and acc.as_of == "2024-03-02T12:00"
    got, _ = cells(claims, as_of="2024-02-01")
    assert got == {}


def test_a_time_in_the_text_refines_the_report_date():
    claims = [claim("held", 40, foreign=True, time="2024-03-02T09:00"),
              claim("held", 25, foreign=True, time="2024-03-02T15:00")]
    got, acc = cells(claims)
    assert acc.conflicts == () and got[key("held", foreign=True)].low == 25


def test_policies_pick_best_within_the_bounds():
    claims = [claim("killed", 20, 40, "range", kind="government", role="unspecified"),
              claim("killed", 26, 26, "about", kind="media", source="a paper", role="unspecified"),
              claim("killed", 22, 35, "range", kind="witness", source="a survivor", role="unspecified")]
    got = {p: cells(claims, policy=p)[0][key("killed")] for p in ("conservative", "range", "latest", "weighted")}
    assert {(c.low, c.high) for c in got.values()} == {(23, 29)}  # 26 +- 3, within both ranges
    assert {p: c.best for p, c in got.items()} == {
        "conservative": 26,               # the lowest figure given
        "range": 28,                      # middle of 26 and 30
        "latest": 29,                     # the government's 30, held within the bounds
        "weighted": 29,                   # (3 * 30 + 1.5 * 26 + 1 * 28.5) / 5.5 = 28.6
    }
