"""Large, truncated and random input: named errors or reports, never a crash, never the whole file in memory."""
import json
import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headcount.errors import InputError
from headcount.ingest import read_paths
from headcount.ingest.decode import decode
from headcount.ingest.readers import parse_jsonl, unstorable
from headcount.model import Report

FIFTY_MB = 50 * 1024 * 1024


def test_limits_a_50_mb_text_file_is_named_and_skipped_without_being_read(tmp_path):
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as fh:
        fh.truncate(FIFTY_MB)  # sparse: 50 MB on paper, nothing to write
    (tmp_path / "ok.txt").write_text("Seven drivers were freed.", encoding="utf-8")
    tracemalloc.start()
    results = list(read_paths([tmp_path]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    error, report = results
    assert isinstance(error, InputError) and "dump.txt" in str(error) and "[E014]" in str(error)
    assert "50.0 MB" in str(error)
    assert isinstance(report, Report) and peak < 5 * 1024 * 1024


def test_limits_a_50_mb_jsonl_file_streams_a_line_at_a_time(tmp_path):
    big = tmp_path / "archive.jsonl"
    line = {"text": "Officials said {} workers were freed from the depot at dawn. " + "Talks went on. " * 60}
    n = 0
    with big.open("w", encoding="utf-8") as fh:
        while fh.tell() < FIFTY_MB:
            n += 1
            fh.write(json.dumps({"id": f"a{n}", "text": line["text"].format(n)}) + "\n")
    tracemalloc.start()
    count = 0
    for item in read_paths([big]):
        assert isinstance(item, Report)
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == n and peak < 10 * 1024 * 1024


def test_limits_a_report_line_over_the_character_limit_is_named(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"id": "long", "text": "word " * 250_000}) + "\n"
                 + json.dumps({"id": "short", "text": "Two men fled."}) + "\n", encoding="utf-8")
    error, report = list(read_paths([p]))
    assert f"{p}:1" in str(error) and "[E014]" in str(error) and report.id == "short"


def test_limits_truncated_html_keeps_what_it_has_or_is_named(tmp_path):
    page = ("<html><head><title>Depot siege</title></head><body><article><p>Police said eleven drivers were "
            "rescued from the fuel depot after a night of talks with the gunmen holding it.</p><p>Two of the ")
    cut = tmp_path / "cut.html"
    cut.write_text(page, encoding="utf-8")
    (tmp_path / "stub.htm").write_text("<html><head><title>x</ti", encoding="utf-8")
    report, error = list(read_paths([tmp_path]))
    assert isinstance(report, Report) and "eleven drivers were rescued" in report.text
    assert isinstance(error, InputError) and "stub.htm" in str(error)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".rss"]))
def test_readers_any_bytes_give_reports_or_named_errors(tmp_path, raw, suffix):
    p = tmp_path / f"any{suffix}"
    p.write_bytes(raw)
    for item in read_paths([p]):
        assert isinstance(item, (Report, InputError))
        if isinstance(item, InputError):
            assert str(p) in str(item)
        else:
            assert item.text.strip() and item.id


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), min_size=1),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_reads_back_any_text_in_a_unicode_encoding(text, encoding):
    assert decode(text.encode(encoding), "t.txt") == text


report_objects = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=200).filter(lambda t: t.strip())},
    optional={"id": st.text(min_size=1, max_size=20), "url": st.text(max_size=30), "outlet": st.none() | st.text(),
              "published": st.none() | st.dates().map(str), "language": st.sampled_from(["en", "fr"])})


@settings(max_examples=100, deadline=None)
@given(objects=st.lists(report_objects | st.just("garbage"), max_size=12))
def test_jsonl_good_lines_round_trip_and_bad_lines_are_named_by_number(objects):
    lines = [(json.dumps(o) if isinstance(o, dict) else "{not json").encode() + b"\n" for o in objects]
    results = list(parse_jsonl(lines, "in.jsonl"))
    assert len(results) == len(objects)
    for n, (obj, item) in enumerate(zip(objects, results), 1):
        if obj == "garbage" or any(unstorable(v) for v in obj.values() if isinstance(v, str)):
            assert isinstance(item, InputError) and f"in.jsonl:{n}" in str(item)
        else:
            assert isinstance(item, Report) and item.text == obj["text"]
            assert item.id == (obj.get("id") or obj.get("url") or item.id) and item.origin == f"in.jsonl:{n}"
