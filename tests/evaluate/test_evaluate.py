"""`headcount eval` scores as ../shared/eval/score.py does, on the project's own predictions for the seed
and dev sets and on claims written for these tests."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from headcount.cli import app
from headcount.evaluate import load_claims, score

FIGURES = ("gold", "predicted", "matched", "precision", "recall", "f1", "attribution", "full_precision",
           "full_recall", "full_f1", "qualifier", "modality")


def _claim(report="r", span=(0, 10), status="killed", low=3, high=3, qualifier="exact", nationality=None,
           foreign=None, role="civilian", kind="government", source="the ministry", country=None, **extra):
    return {"report": report, "span": list(span), "text": "written for the test", "status": status,
            "count": {"low": low, "high": high, "qualifier": qualifier, "text": None},
            "group": {"text": None, "nationality": nationality, "foreign": foreign, "role": role},
            "source": {"text": source, "kind": kind, "country": country, "via": None}, "modality": "asserted",
            **extra}


@pytest.mark.parametrize("dataset", ["seed", "dev"])
def test_eval_agrees_with_the_guidelines_scorer(dataset, shared, scorer, tmp_path):
    gold = shared / "data" / dataset / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    done = CliRunner().invoke(app, ["extract", str(shared / "data" / dataset / "reports.jsonl"), "--silent"])
    pred.write_text(done.stdout)
    ours = score(load_claims(gold), load_claims(pred)).figures()
    theirs = scorer.score(scorer.load(gold), scorer.load(pred))
    assert {k: ours[k] for k in FIGURES} == pytest.approx({k: theirs[k] for k in FIGURES})


def test_matching_rules_written_out():
    gold = [_claim(), _claim(span=(20, 30), status="freed", low=None, high=None, qualifier="vague"),
            _claim(span=(40, 50), nationality="JP", kind="government", country="JP", source="Tokyo"),
            _claim(span=(60, 70), optional=True)]
    pred = [_claim(span=(5, 12), source="ministry officials"),           # match, right source
            _claim(span=(25, 26), status="freed", low=None, high=None, qualifier="vague", kind="media",
                   source="AFP"),                                           # match, wrong source
            _claim(span=(40, 50), nationality="JP", source="Tokyo"),       # country missing: wrong source
            _claim(span=(60, 70)),                                          # optional: no gain, no loss
            _claim(span=(80, 90), role="attacker")]                         # spurious
    s = score(gold, pred)
    assert (s.gold, s.predicted, s.matched) == (3, 4, 3)
    assert s.precision == pytest.approx(0.75) and s.recall == 1.0
    assert s.attribution == pytest.approx(1 / 3) and len(s.misattributed) == 2
    assert [c["span"] for c in s.spurious] == [[80, 90]]


def test_a_gold_claim_pairs_with_the_prediction_that_has_its_source():
    gold = [_claim(source="the army", kind="government")]
    pred = [_claim(source="witnesses", kind="witness"), _claim(source="an army spokesman", kind="government")]
    assert score(gold, pred).attribution == 1.0


def test_eval_command_prints_figures_and_json(tmp_path):
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(json.dumps(_claim()) + "\n" + json.dumps(_claim(span=(20, 30), status="injured")) + "\n")
    pred.write_text(json.dumps(_claim()) + "\n")
    table = CliRunner().invoke(app, ["eval", str(gold), str(pred), "-v"])
    assert "claims      P 1.000  R 0.500  F1 0.667" in table.stdout and "missed" in table.stdout
    figures = json.loads(CliRunner().invoke(app, ["eval", str(gold), str(pred), "--format", "json"]).stdout)
    assert figures["recall"] == 0.5 and figures["full_f1"] == pytest.approx(2 / 3)


def test_a_bad_line_is_named(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(_claim()) + "\n[1]\n")
    done = CliRunner().invoke(app, ["eval", str(bad), str(bad)])
    assert "bad.jsonl:2" in str(done.exception)


def test_a_wrong_source_is_shown_by_what_differs():
    from headcount.evaluate import source_difference
    gold = {"source": {"text": "the interior ministry", "kind": "government", "country": "DZ"}}
    kind = {"source": {"text": "the interior ministry", "kind": "media", "country": "DZ"}}
    where = {"source": {"text": "the interior ministry", "kind": "government", "country": None}}
    assert source_difference(gold, kind) == "kind government -> media"
    assert source_difference(gold, where) == "country DZ -> none"
    assert source_difference(gold, {"source": {"text": "a witness", "kind": "witness"}}) == (
        "kind government -> witness; country DZ -> none; words 'the interior ministry' -> 'a witness'")
