"""Train the source ranker (source_ranker.py) on PolNeAR's training split, with NumPy only.

    python -m headcount.extract.train_sources TRAIN.jsonl [--docs parsed.spacy] [--out weights.json]

Each attribution is one choice among its candidates (and "no one"); the gold choice is the head word of
the gold source span. Each sentence no attribution touches is one more choice, whose answer is "no
one". The model is a conditional logit fitted by full-batch Adam with an L2 penalty, from zeros
(deterministic: the seed only fixes NumPy's state for anyone extending this).
"""
from __future__ import annotations

import argparse
import json

import numpy as np

from . import lexicon, source_ranker, sources

SEED = 13
MIN_COUNT = 3
STEPS = 400
L2 = 1e-4
RATE = 0.05


def _gold_head(doc, pieces):
    words = sources.content_tokens(doc, pieces)
    ids = {t.i for t in words}
    heads = [t for t in words if t.head.i not in ids or t.head.i == t.i]
    return heads[0] if heads else None


def examples(articles, docs, lex):
    """Per attribution: the feature lists of its options and the index of the gold one (skipped when the
    gold head is not among the options)."""
    for article, doc in zip(articles, docs):
        for a in article["attributions"]:
            content = sources.content_tokens(doc, a["content"])
            if not content:
                continue
            rule = sources.rule_token(doc, content, lex)
            ctx, options = source_ranker.Context.of(content, rule), source_ranker.options_of(content, rule)
            gold = _gold_head(doc, a["source"]) if a["source"] else None
            index = [n for n, c in enumerate(options) if (c is None and gold is None) or
                     (c is not None and gold is not None and c.i == gold.i)]
            if index:
                yield [source_ranker.features(c, ctx, lex) for c in options], index[0]
        yield from unattributed(article, doc, lex)


def unattributed(article, doc, lex):
    """Each sentence no attribution touches is one choice whose answer is "no one" (option 0)."""
    for words in sources.unattributed_sentences(doc, article["attributions"]):
        ctx = source_ranker.Context.of(words, sources.rule_token(doc, words, lex))
        yield [source_ranker.features(c, ctx, lex) for c in source_ranker.options_of(words, ctx.rule)], 0


def fit(data):
    counts: dict[str, int] = {}
    for options, _ in data:
        for feats in options:
            for f in feats:
                counts[f] = counts.get(f, 0) + 1
    vocab = {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    rows, fids, group, gold_rows = [], [], [], []
    r = 0
    for g, (options, gold) in enumerate(data):
        for k, feats in enumerate(options):
            for f in feats:
                if f in vocab:
                    rows.append(r)
                    fids.append(vocab[f])
            group.append(g)
            if k == gold:
                gold_rows.append(r)
            r += 1
    rows, fids, group = np.array(rows), np.array(fids), np.array(group)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    y = np.zeros(r)
    y[gold_rows] = 1.0
    w = np.zeros(len(vocab))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, STEPS + 1):
        score = np.bincount(rows, weights=w[fids], minlength=r)
        score -= np.repeat(np.maximum.reduceat(score, starts), np.diff(np.r_[starts, r]))
        e = np.exp(score)
        p = e / np.repeat(np.add.reduceat(e, starts), np.diff(np.r_[starts, r]))
        grad = np.bincount(fids, weights=(p - y)[rows], minlength=len(w)) / len(starts) + L2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        if step % 100 == 0:
            print(f"step {step}: loss {-np.log(p[gold_rows] + 1e-12).mean():.4f}")
    return {f: round(float(w[n]), 4) for f, n in vocab.items() if abs(w[n]) >= 1e-3}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train")
    ap.add_argument("--docs", help="the training texts already parsed (a DocBin of the same articles)")
    ap.add_argument("--out", default=str(source_ranker.WEIGHTS))
    args = ap.parse_args(argv)
    np.random.seed(SEED)
    from .pipeline import load_pipeline
    nlp, lex = load_pipeline("en"), lexicon.load("en")
    articles = [json.loads(line) for line in open(args.train, encoding="utf-8") if line.strip()]
    if args.docs:
        from spacy.tokens import DocBin
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
    else:
        docs = nlp.pipe((a["text"] for a in articles), batch_size=16, disable=sources.NOT_NEEDED)
    data = list(examples(articles, docs, lex))
    print(f"{len(data)} choices (attributions and unattributed sentences)")
    weights = fit(data)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"_doc": "Source ranker weights (headcount.extract.train_sources on PolNeAR train; seed "
                           f"{SEED}, {STEPS} steps, L2 {L2}).", "weights": weights}, f, indent=0, sort_keys=True)
    print(f"{len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
