"""Scoring extracted claims against gold claims, as GUIDELINES.md (``../shared/eval``) defines it.

A predicted claim matches a gold claim when they are of the same report, their spans overlap, and
status, count and group agree (nationality; foreignness when gold names no nationality; and the side:
attackers, security forces or everyone else). Each gold claim matches at most one predicted claim. The
pairing is an assignment problem, solved by SciPy: as many required gold claims matched as possible,
then as many matches in all (a predicted claim that matches an optional gold claim is no error), then as
many right sources. The figures are those of the guidelines' ``score.py``: claim precision, recall and
F1; attribution accuracy; full F1 (a match counts only with the right source); qualifier and modality
accuracy.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from .errors import Errors, InputError

# Words a source's text may differ in and still name the same source (English and French).
STOP_WORDS = {"the", "a", "an", "of", "its", "their", "his", "her", "and", "in", "on", "for", "to", "by", "said",
              "says", "le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "et", "à", "au", "aux", "selon",
              "en", "son", "sa", "ses", "leur", "leurs"}
# The assignment's preferences, in order: required matches, then any match, then a right source.
REQUIRED, MATCHED, RIGHT_SOURCE = 1_000_000, 1_000, 1


@dataclass
class Score:
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    attribution: float
    full_precision: float
    full_recall: float
    full_f1: float
    qualifier: float
    modality: float
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    misattributed: list[tuple[dict, dict]] = field(default_factory=list)

    def figures(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if not isinstance(v, list)}


def load_claims(path: str | Path) -> list[dict]:
    """Claims from a JSON Lines file; a file that cannot be read, or a line that is not a JSON object, is an
    error naming it (and the line)."""
    try:
        with open(path, "rb") as fh:
            return [claim for n, raw in enumerate(fh, 1) if (claim := _claim_line(raw, path, n)) is not None]
    except OSError as e:
        raise InputError(Errors.E001.format(path=path, reason=e.strerror or e), origin=str(path)) from e


def _claim_line(raw: bytes, path: str | Path, n: int) -> dict | None:
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise InputError(Errors.E002.format(path=path, line=n, reason=f"not UTF-8: {e.reason}")) from e
    except (json.JSONDecodeError, RecursionError) as e:
        reason = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
        raise InputError(Errors.E002.format(path=path, line=n, reason=reason), origin=f"{path}:{n}") from e
    if not isinstance(obj, dict):
        raise InputError(Errors.E002.format(path=path, line=n, reason=type(obj).__name__))
    return obj


def _side(group: dict | None) -> str:
    role = (group or {}).get("role")
    return role if role in ("attacker", "security") else "other"


def _status(claim: dict, lenient: bool) -> str | None:
    status = claim.get("status")
    return "freed" if lenient and status == "escaped" else status


def _same_count(g: dict, p: dict) -> bool:
    gc, pc = g.get("count") or {}, p.get("count") or {}
    if "vague" in (gc.get("qualifier"), pc.get("qualifier")):
        return gc.get("qualifier") == pc.get("qualifier")
    return (gc.get("low"), gc.get("high")) == (pc.get("low"), pc.get("high"))


def _same_group(g: dict, p: dict) -> bool:
    gg, pg = g.get("group") or {}, p.get("group") or {}
    if gg.get("nationality") != pg.get("nationality"):
        return False
    if gg.get("nationality") is None and gg.get("foreign") != pg.get("foreign"):
        return False
    return _side(gg) == _side(pg)


def _overlap(g: dict, p: dict) -> bool:
    (a, b), (c, d) = g["span"], p.get("span") or (-1, -1)
    return a < d and c < b


def claims_match(g: dict, p: dict, lenient: bool = False) -> bool:
    return (g.get("report") == p.get("report") and _overlap(g, p) and _status(g, lenient) == _status(p, lenient)
            and _same_count(g, p) and _same_group(g, p))


def _content_words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if w not in STOP_WORDS}


def source_right(g: dict, p: dict) -> bool:
    """Same kind, same country where gold gives one, and a content word in common (or both the report)."""
    gs, ps = g.get("source") or {}, p.get("source") or {}
    if gs.get("kind") != ps.get("kind"):
        return False
    if gs.get("country") and gs.get("country") != ps.get("country"):
        return False
    return gs.get("kind") == "reporter" or bool(_content_words(gs.get("text")) & _content_words(ps.get("text")))


def pair_claims(gold: list[dict], pred: list[dict], lenient: bool = False) -> dict[int, int]:
    """gold index -> pred index, one to one, by the preferences above."""
    if not gold or not pred:
        return {}
    value = np.zeros((len(gold), len(pred)))
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if claims_match(g, p, lenient):
                value[i, j] = (0 if g.get("optional") else REQUIRED) + MATCHED + RIGHT_SOURCE * source_right(g, p)
    rows, cols = linear_sum_assignment(value, maximize=True)
    return {int(i): int(j) for i, j in zip(rows, cols) if value[i, j] > 0}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: list[dict], pred: list[dict], lenient: bool = False) -> Score:
    pairs = pair_claims(gold, pred, lenient)
    required = [i for i, g in enumerate(gold) if not g.get("optional")]
    hits = [i for i in required if i in pairs]
    counted = len(pred) - (len(pairs) - len(hits))   # a match of an optional gold claim is no error
    right = [i for i in hits if source_right(gold[i], pred[pairs[i]])]
    qualifier = [i for i in hits if (gold[i].get("count") or {}).get("qualifier")
                 == (pred[pairs[i]].get("count") or {}).get("qualifier")]
    modality = [i for i in hits if gold[i].get("modality", "asserted") == pred[pairs[i]].get("modality", "asserted")]
    p, r = _ratio(len(hits), counted), _ratio(len(hits), len(required))
    fp, fr = _ratio(len(right), counted), _ratio(len(right), len(required))
    used = set(pairs.values())
    return Score(gold=len(required), predicted=counted, matched=len(hits), precision=p, recall=r, f1=_f1(p, r),
                 attribution=_ratio(len(right), len(hits)), full_precision=fp, full_recall=fr, full_f1=_f1(fp, fr),
                 qualifier=_ratio(len(qualifier), len(hits)), modality=_ratio(len(modality), len(hits)),
                 missed=[gold[i] for i in required if i not in pairs],
                 spurious=[c for j, c in enumerate(pred) if j not in used],
                 misattributed=[(gold[i], pred[pairs[i]]) for i in hits if i not in right])


def source_difference(gold: dict, found: dict) -> str:
    """What differs between two claims' sources, as a person reads it: "kind government -> media;
    country DZ -> none; words 'the ministry' -> 'a witness'"."""
    g, f = gold.get("source") or {}, found.get("source") or {}
    parts = []
    for field_name, label in (("kind", "kind"), ("country", "country"), ("text", "words")):
        if g.get(field_name) != f.get(field_name):
            parts.append(f"{label} {_shown(g.get(field_name))} -> {_shown(f.get(field_name))}")
    return "; ".join(parts) or "the same source"


def _shown(value) -> str:
    return "none" if value is None else f"'{value}'" if " " in str(value) else str(value)


def brief(claim: dict) -> str:
    """One line a person reads: report, span, status, count, group <- source."""
    n, g, s = claim.get("count") or {}, claim.get("group") or {}, claim.get("source") or {}
    count = "vague" if n.get("qualifier") == "vague" else f"{n.get('qualifier')} {n.get('low')}-{n.get('high')}"
    who = g.get("nationality") or ("foreign" if g.get("foreign") else g.get("role"))
    return (f"{claim.get('report')} {claim.get('span')} {claim.get('status')} {count} {who} "
            f"<- {s.get('kind')}:{s.get('text')}  \u201c{claim.get('text', '')}\u201d")
