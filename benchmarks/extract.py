"""Benchmark: extraction throughput against the bare spaCy pipeline on the same texts.

Generates a corpus of invented wire reports (sentences written for this
project, combined at random with a fixed seed), then times, in the same run and
alternately, (a) the pinned spaCy model alone, ``nlp.pipe`` over the texts, and
(b) headcount's extraction (the same model plus headcount's components and the
conversion to claims). Each is timed ``--repeat`` times and the fastest run
counts. Run:

    .venv/bin/python benchmarks/extract.py [--reports 1000] [--repeat 2] [--jobs 2] [--out extract.json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import time

import spacy

from headcount.extract import extract_reports
from headcount.extract.pipeline import MODELS
from headcount.model import Report

PEOPLE = ["Britons", "Japanese", "Norwegians", "Filipinos", "French nationals", "Malaysians", "Americans",
          "foreign workers", "local staff", "hostages", "engineers", "drivers", "guards", "nurses"]
SPEAKERS = ["the interior ministry", "a company spokesman", "the state news agency", "a police official",
            "the prime minister", "a local hospital", "the kidnappers", "a survivor", "the army"]
SENTENCES = [
    "{Speaker} said {n} {people} were freed on {day}.",
    "At least {n} {people} were killed when security forces stormed the {site}, {speaker} said.",
    "{Speaker} told reporters that {n} {people} were still being held inside the {site}.",
    "About {n} {people} escaped through a service tunnel, according to {speaker}.",
    "{n} {people} remain unaccounted for, {speaker} added.",
    "The death toll rose to {n} on {day}, {speaker} said, including {m} {people}.",
    "{Speaker} denied that any {people} had been harmed.",
    "Talks with the gunmen continued into the night at the {site} near the border.",
    "Relatives gathered outside the {site} waiting for news, some of them since {day}.",
    "Up to {n} {people} may have been taken, {speaker} said, without giving details.",
    "{m} of them were injured and taken to a local hospital on {day}.",
    "The attack began before dawn on {day}, when {n} gunmen drove into the {site} in four vehicles.",
]
SITES = ["gas plant", "hotel", "ferry terminal", "fuel depot", "mine", "embassy compound", "market"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def corpus(n_reports: int, seed: int = 7) -> list[Report]:
    rng = random.Random(seed)
    reports = []
    for i in range(n_reports):
        sentences = []
        for _ in range(rng.randint(8, 16)):
            speaker = rng.choice(SPEAKERS)
            sentences.append(rng.choice(SENTENCES).format(
                Speaker=speaker[0].upper() + speaker[1:], speaker=speaker, n=rng.choice(
                    [str(rng.randint(2, 60)), rng.choice(["three", "seven", "twelve", "dozens of", "scores of"])]),
                m=rng.choice(["two", "four", "nine", str(rng.randint(2, 9))]), people=rng.choice(PEOPLE),
                day=rng.choice(DAYS), site=rng.choice(SITES)))
        reports.append(Report(id=f"bench-{i}", text=" ".join(sentences), published="2030-06-01"))
    return reports


def time_bare(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def time_headcount(reports: list[Report], jobs: int = 1) -> tuple[float, int]:
    """Seconds to extract every report's claims (with ``jobs`` > 1: starting the processes included)."""
    start = time.perf_counter()
    n_claims = sum(len(claims) for _, claims in extract_reports(reports, jobs=jobs))
    return time.perf_counter() - start, n_claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jobs", type=int, nargs="*", default=[2], help="also time --jobs N for these N "
                        "(against --jobs 1)")
    parser.add_argument("--out", default=None, help="write the results as JSON here")
    args = parser.parse_args()

    reports = corpus(args.reports)
    texts = [r.text for r in reports]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(MODELS["en"])
    time_bare(bare, texts[:20])             # warm both up: first calls load vectors and caches
    time_headcount(reports[:20])
    bare_s, ours_s, n_claims = [], [], 0
    for _ in range(args.repeat):
        bare_s.append(time_bare(bare, texts))
        seconds, n_claims = time_headcount(reports)
        ours_s.append(seconds)
    jobs_s = {n: min(time_headcount(reports, jobs=n)[0] for _ in range(args.repeat)) for n in args.jobs}
    results = {"cores": os.cpu_count(), "reports": len(reports), "words": words, "claims": n_claims,
               "bare_spacy_s": min(bare_s), "headcount_s": min(ours_s),
               "bare_words_per_s": words / min(bare_s), "headcount_words_per_s": words / min(ours_s),
               "headcount_reports_per_s": len(reports) / min(ours_s), "ratio": min(ours_s) / min(bare_s),
               "jobs": {str(n): {"seconds": s, "speedup_over_jobs_1": min(ours_s) / s} for n, s in jobs_s.items()}}
    print(f"{'':26}{'seconds':>9}{'words/s':>10}{'reports/s':>11}")
    print(f"{'bare spaCy (nlp.pipe)':26}{results['bare_spacy_s']:9.2f}{results['bare_words_per_s']:10.0f}"
          f"{len(reports) / results['bare_spacy_s']:11.1f}")
    print(f"{'headcount extract':26}{results['headcount_s']:9.2f}{results['headcount_words_per_s']:10.0f}"
          f"{results['headcount_reports_per_s']:11.1f}")
    for n, s in jobs_s.items():
        print(f"{f'headcount extract --jobs {n}':26}{s:9.2f}{words / s:10.0f}{len(reports) / s:11.1f}"
              f"   {min(ours_s) / s:.2f}x --jobs 1")
    print(f"ratio headcount / bare: {results['ratio']:.2f}  ({results['cores']} cores, {words} words, "
          f"{n_claims} claims)")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
