"""Train the event model (events.py) on MUC-4's dev reports and their answer keys, with NumPy only.

    python -m headcount.extract.train_events DEV_DIR [--docs parsed.spacy] [--out events_model.json]

DEV_DIR holds reports.jsonl and templates.jsonl (../shared/data/public/muc4/dev; never a test split).

- types: one logistic regression per MUC-4 type over the document's features (events.doc_features); a
  report of no template is a negative of every type;
- roles: a softmax over "none" and the five roles for every cut of every phrase near an act
  (events.candidates) of the keyed reports; a cut is of a role when its words are one of the strings of
  an entity of that role in the report's templates (case, white space and a leading article aside, as
  muc4.py compares them).

The thresholds (of the types, of each role) are chosen on the last HOLDOUT reports of the split, with the
models fitted on the others; then both are fitted again on every report, and shipped with those
thresholds. Fitting is full-batch Adam from zeros with an L2 penalty: deterministic on CPU (the seed only
fixes NumPy's state for anyone extending this).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from scipy import sparse

from . import events

SEED = 17
MIN_COUNT = 2
STEPS = 300
L2 = 1e-4        # the roles' penalty
L2_TYPES = 1e-3  # the types': a report's words are many, its labels few
RATE = 0.05
HOLDOUT = 300
GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def norm(x: str) -> str:
    """A string as muc4.py compares it."""
    x = " ".join(str(x).lower().replace('"', " ").split())
    for art in ("the ", "a ", "an "):
        if x.startswith(art):
            x = x[len(art):]
    return x


def gold_of(templates: list[dict]) -> dict:
    g = {r: [] for r in events.ROLES}
    g["type"] = set()
    for t in templates:
        for r in events.ROLES:
            ents = t.get(r, []) if r != "victims" else t.get("victim_names", []) + t.get("victim_descriptions", [])
            for alts in ents:
                alts = {norm(a) for a in alts} - {""}
                if alts and alts not in g[r]:
                    g[r].append(alts)
        g["type"] |= {norm(x).split(":")[0].strip().upper() for x in t.get("type", [])}
    return g


def label_of(text: str, gold: dict) -> int:
    x = norm(text)
    for j, role in enumerate(events.ROLES, start=1):
        if any(x in alts for alts in gold[role]):
            return j
    return 0


def vocabulary(rows: list[list[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for fs in rows:
        for f in set(fs):
            counts[f] = counts.get(f, 0) + 1
    return {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}


def _matrix(rows, vocab):
    """The rows as a sparse 0/1 matrix (reports or cuts x features)."""
    r_ids, f_ids = [], []
    for r, fs in enumerate(rows):
        for f in sorted(set(fs)):
            if f in vocab:
                r_ids.append(r)
                f_ids.append(vocab[f])
    return sparse.csr_matrix((np.ones(len(r_ids)), (r_ids, f_ids)), shape=(len(rows), len(vocab)))


def _adam(grad_fn, shape, steps=STEPS):
    w = np.zeros(shape)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, steps + 1):
        g = grad_fn(w)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g ** 2
        w -= RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


def fit_softmax(rows: list[list[str]], y: np.ndarray, k: int):
    """RETURNS (vocab, weights (features, k), bias (k))."""
    vocab = vocabulary(rows)
    x = _matrix(rows, vocab)
    xt = x.T.tocsr()
    n, nf = len(rows), len(vocab)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0

    def grad(wb):
        w, b = wb[:nf], wb[nf]
        s = x @ w + b
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        d = (p - onehot) / n
        return np.vstack([xt @ d + L2 * w, d.sum(axis=0, keepdims=True)])

    wb = _adam(grad, (nf + 1, k))
    return vocab, wb[:nf], wb[nf]


def fit_logistic(rows: list[list[str]], y: np.ndarray):
    """Independent logistic regressions, one per column of ``y`` (multi-label)."""
    vocab = vocabulary(rows)
    x = _matrix(rows, vocab)
    xt = x.T.tocsr()
    n, nf, k = len(rows), len(vocab), y.shape[1]

    def grad(wb):
        w, b = wb[:nf], wb[nf]
        d = (1 / (1 + np.exp(-(x @ w + b))) - y) / n
        return np.vstack([xt @ d + L2_TYPES * w, d.sum(axis=0, keepdims=True)])

    wb = _adam(grad, (nf + 1, k))
    return vocab, wb[:nf], wb[nf]


def as_model(role_fit, type_fit, types, role_threshold, type_threshold) -> events.EventModel:
    rv, rw, rb = role_fit
    tv, tw, tb = type_fit
    return events.EventModel(rv, rw, rb, role_threshold, tuple(types), tv, tw, tb, type_threshold,
                             {"seed": SEED, "trained_on": "muc4/dev"})


def predict(model, doc, acts, words, cands):
    """A report's predicted types and role strings, under the model's thresholds."""
    probs = events.type_probabilities(model, events.doc_features(doc, acts, words))
    types = {t for t, p in probs.items() if p >= model.type_threshold}
    roles = {r: set() for r in events.ROLES}
    if types:
        pr = events.role_probabilities(model, cands)
        for role, c in events.choose_fillers(doc, cands, pr, model.role_threshold):
            roles[role].add(norm(c.text))
    return types, roles


def score(preds, golds) -> tuple[float, float]:
    """(role-filler F1, type F1) as muc4.py --events computes them (exact)."""
    m = f = g = tm = tf = tg = 0
    for (types, roles), gold in zip(preds, golds):
        for r in events.ROLES:
            left = list(gold[r])
            for x in sorted(roles[r]):
                for i, alts in enumerate(left):
                    if x in alts:
                        m += 1
                        left.pop(i)
                        break
            f += len(roles[r])
            g += len(gold[r])
        tm += len(types & gold["type"])
        tf += len(types)
        tg += len(gold["type"])

    def f1(a, b, c):
        p, r = (a / b if b else 0.0), (a / c if c else 0.0)
        return 2 * p * r / (p + r) if p + r else 0.0
    return f1(m, f, g), f1(tm, tf, tg)


def examples(docs, golds, words):
    """Per report: (acts, candidates, doc features); and the role rows and labels of the keyed reports."""
    per_doc, role_rows, role_y, role_doc = [], [], [], []
    for d, (doc, gold) in enumerate(zip(docs, golds)):
        acts = events.find_acts(doc, words)
        cands = events.candidates(doc, acts, words)
        per_doc.append((acts, cands, events.doc_features(doc, acts, words)))
        if gold["type"]:
            for c in cands:
                role_rows.append(c.features)
                role_y.append(label_of(c.text, gold))
                role_doc.append(d)
    return per_doc, role_rows, np.array(role_y), np.array(role_doc)


def train(docs, golds, types, words, holdout=HOLDOUT):
    per_doc, role_rows, role_y, role_doc = examples(docs, golds, words)
    ty = np.array([[t in g["type"] for t in types] for g in golds], dtype=float)
    n = len(docs)
    cut = n - holdout
    print(f"{n} reports, {len(role_rows)} cuts ({int((role_y > 0).sum())} of a role); tuning on the last {holdout}")
    fit_r = fit_softmax([r for r, d in zip(role_rows, role_doc) if d < cut], role_y[role_doc < cut], len(events.CLASSES))
    fit_t = fit_logistic([p[2] for p in per_doc[:cut]], ty[:cut])
    best = (-1.0, None, None)
    for tt in GRID:  # the type threshold first (every role at one threshold), then each role's
        model = as_model(fit_r, fit_t, types, {r: 0.5 for r in events.ROLES}, tt)
        preds = [predict(model, docs[i], per_doc[i][0], words, per_doc[i][1]) for i in range(cut, n)]
        rf, tf = score(preds, golds[cut:])
        if tf > best[0]:
            best = (tf, tt, rf)
    type_threshold = best[1]
    print(f"type threshold {type_threshold}: type F1 {best[0]:.3f} (held out)")
    thresholds = {r: 0.5 for r in events.ROLES}
    for role in events.ROLES:
        scores = []
        for th in GRID:
            trial = {**thresholds, role: th}
            model = as_model(fit_r, fit_t, types, trial, type_threshold)
            preds = [predict(model, docs[i], per_doc[i][0], words, per_doc[i][1]) for i in range(cut, n)]
            scores.append((score(preds, golds[cut:])[0], th))
        thresholds[role] = max(scores)[1]
    model = as_model(fit_r, fit_t, types, thresholds, type_threshold)
    preds = [predict(model, docs[i], per_doc[i][0], words, per_doc[i][1]) for i in range(cut, n)]
    held = score(preds, golds[cut:])
    print(f"role thresholds {thresholds}: role F1 {held[0]:.3f}, type F1 {held[1]:.3f} (held out)")
    fit_r = fit_softmax(role_rows, role_y, len(events.CLASSES))
    fit_t = fit_logistic([p[2] for p in per_doc], ty)
    return fit_r, fit_t, thresholds, type_threshold, held


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev", help="the MUC-4 dev split's folder (reports.jsonl, templates.jsonl)")
    ap.add_argument("--docs", help="its reports already parsed (a DocBin, in the order of reports.jsonl)")
    ap.add_argument("--out", default=str(Path(__file__).parent / events.MODEL_FILE))
    args = ap.parse_args(argv)
    np.random.seed(SEED)
    from .pipeline import load_pipeline
    from .truecase import restore_case
    nlp = load_pipeline("en")
    folder = Path(args.dev)
    reports = [json.loads(x) for x in open(folder / "reports.jsonl", encoding="utf-8") if x.strip()]
    keys = {d["id"]: d["templates"] for d in map(json.loads, open(folder / "templates.jsonl", encoding="utf-8"))}
    if args.docs:
        from spacy.tokens import DocBin
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((restore_case(r["text"]) for r in reports), batch_size=16,
                             disable=["headcount_claims", "headcount_people", "headcount_events"]))
    golds = [gold_of(keys.get(r["id"], [])) for r in reports]
    types = sorted({t for g in golds for t in g["type"]})
    words = events.load_words("en")
    fit_r, fit_t, thresholds, type_threshold, held = train(docs, golds, types, words)
    rv, rw, rb = fit_r
    tv, tw, tb = fit_t

    def rows(vocab, w):
        return {f: [round(float(x), 3) for x in w[n]] for f, n in vocab.items() if np.abs(w[n]).max() >= 5e-3}
    out = {"_doc": f"Event model (headcount.extract.train_events on muc4/dev; seed {SEED}, {STEPS} steps, L2 {L2} "
                   f"(types {L2_TYPES}), "
                   f"thresholds on the last {HOLDOUT} reports: role F1 {held[0]:.3f}, type F1 {held[1]:.3f}).",
           "language": "en", "seed": SEED, "trained_on": "muc4/dev", "classes": list(events.CLASSES),
           "role_weights": rows(rv, rw), "role_bias": [round(float(x), 4) for x in rb], "role_threshold": thresholds,
           "types": types, "type_weights": rows(tv, tw), "type_bias": [round(float(x), 4) for x in tb],
           "type_threshold": type_threshold}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
    print(f"{len(out['role_weights'])} role and {len(out['type_weights'])} type features -> {args.out}")


if __name__ == "__main__":
    main()
