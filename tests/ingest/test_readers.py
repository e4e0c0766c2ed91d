import json

import pytest

from headcount.errors import InputError
from headcount.ingest import read_paths
from headcount.model import Report, report_identity


def _split(results):
    reports = [r for r in results if isinstance(r, Report)]
    errors = [r for r in results if isinstance(r, InputError)]
    return reports, errors


def test_readers_text_file_is_one_report_identified_by_its_text(tmp_path):
    p = tmp_path / "wire-01.txt"
    p.write_text("Three workers were freed on Monday.", encoding="utf-8")
    (report,) = list(read_paths([p]))
    assert report.id == report_identity(None, None, "Three  workers were freed\non Monday. ")
    assert report.id.startswith("text-")
    assert report.text == "Three workers were freed on Monday."
    assert report.origin == str(p)


def test_readers_jsonl_keeps_fields_and_ignores_unknown_ones(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"id": "r1", "text": "Two guards were hurt.", "published": "2030-01-02",
                             "outlet": "Test Wire", "language": "en", "mood": "grim"}) + "\n", encoding="utf-8")
    (report,) = list(read_paths([p]))
    assert (report.id, report.published, report.outlet) == ("r1", "2030-01-02", "Test Wire")
    assert report.origin == f"{p}:1"


def test_readers_malformed_line_names_file_and_line_and_keeps_the_rest(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text('{"id": "a", "text": "One man died."}\n{"id": "b", "text": \n{"id": "c", "text": "Four fled."}\n',
                 encoding="utf-8")
    reports, errors = _split(list(read_paths([p])))
    assert [r.id for r in reports] == ["a", "c"]
    assert len(errors) == 1 and f"{p}:2" in str(errors[0])


@pytest.mark.parametrize("line,needle", [
    ('{"id": "x"}', "'text'"),
    ('{"id": "x", "text": 5}', "'text'"),
    ('{"id": 7, "text": "Six hurt."}', "'id'"),
    ('[1, 2]', "not a JSON object"),
    ('{"id": "x", "text": "   "}', "empty"),
])
def test_readers_bad_report_objects_are_errors_with_line(tmp_path, line, needle):
    p = tmp_path / "bad.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    (item,) = list(read_paths([p]))
    assert isinstance(item, InputError)
    assert f"{p}:1" in str(item) and needle in str(item)


def test_readers_missing_file_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere.txt"
    (item,) = list(read_paths([missing]))
    assert isinstance(item, InputError) and str(missing) in str(item)


def test_readers_empty_and_binary_files_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_text("Five hostages were released.", encoding="utf-8")
    reports, errors = _split(list(read_paths([tmp_path])))
    assert [r.text for r in reports] == ["Five hostages were released."]
    assert sorted(e.origin.rsplit("/", 1)[-1] for e in errors) == ["empty.txt", "junk.txt"]


def test_readers_unsupported_suffix_named_when_given_directly(tmp_path):
    p = tmp_path / "notes.docx"
    p.write_bytes(b"PK")
    (item,) = list(read_paths([p]))
    assert isinstance(item, InputError) and ".docx" in str(item)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_readers_decode_common_encodings(tmp_path, encoding):
    text = "Café owner said two résidents were injured."
    p = tmp_path / "enc.txt"
    p.write_bytes(text.encode(encoding))
    (report,) = list(read_paths([p]))
    assert report.text == text


def test_readers_html_main_text_title_and_date(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<html><head><title>Siege ends at depot</title><meta name="date" content="2024-03-04"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Siege ends at depot</h1>
    <p>Police said nine drivers were rescued from the fuel depot after a night of talks with the gunmen.</p>
    <p>Two of the gunmen were arrested as they left the building, officers told reporters.</p></article>
    <footer>Copyright</footer></body></html>""", encoding="utf-8")
    (report,) = list(read_paths([p]))
    assert isinstance(report, Report)
    assert report.text.startswith("Siege ends at depot")
    assert "nine drivers were rescued" in report.text
    assert "Copyright" not in report.text
    assert report.published == "2024-03-04"


def test_readers_html_without_text_is_an_error(tmp_path):
    p = tmp_path / "blank.html"
    p.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    (item,) = list(read_paths([p]))
    assert isinstance(item, InputError) and str(p) in str(item)


def test_a_line_nested_too_deeply_is_named_and_the_lines_around_it_are_read(tmp_path):
    """issue 21: '[[[[...' a hundred thousand deep made the JSON parser raise RecursionError out of the run."""
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "Two guards were freed."}\n' + "[" * 100_000 + "]" * 100_000 + "\n"
                    '{"text": "Three guards were freed."}\n', encoding="utf-8")
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Report", "InputError", "Report"]
    assert "deep.jsonl:2" in str(items[1]) and "nested too deeply" in str(items[1])


@pytest.mark.parametrize("escaped,problem", [("\\ud800", "lone surrogate"), ("\\u0000", "NUL")])
def test_a_text_no_store_keeps_is_named_and_the_rest_is_read(tmp_path, escaped, problem):
    """issue 21: a lone surrogate raised UnicodeEncodeError in hashing and spaCy; NUL failed on PostgreSQL."""
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "Two guards were freed."}\n{"text": "Four ' + escaped + ' guards died."}\n'
                    '{"id": "x' + escaped + '", "text": "Five guards died."}\n{"text": "Six guards died."}\n',
                    encoding="utf-8")
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Report", "InputError", "InputError", "Report"]
    assert "odd.jsonl:2" in str(items[1]) and "'text'" in str(items[1]) and problem in str(items[1])
    assert "odd.jsonl:3" in str(items[2]) and "'id'" in str(items[2])


def test_a_folder_gives_its_files_of_other_types_as_skipped_and_leaves_hidden_ones_out(tmp_path):
    from headcount.ingest.readers import SkippedFile
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a.txt").write_text("Two guards were hurt.", encoding="utf-8")
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf")
    (tmp_path / ".c.txt").write_text("Three guards were hurt.", encoding="utf-8")
    (tmp_path / ".cache" / "d.txt").write_text("Four guards were hurt.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(i) for i in items] == [Report, SkippedFile]
    assert items[1].path == str(tmp_path / "b.doc") and "[E026]" in items[1].warning


def test_ingest_passes_a_skipped_file_to_the_warnings_not_the_errors(tmp_path):
    from headcount.pipeline import ingest
    from headcount.store import Store
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("Two guards were hurt.", encoding="utf-8")
    (folder / "b.doc").write_bytes(b"\xd0\xcf")
    said: list[str] = []
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        result = ingest(read_paths([folder]), store, on_warning=said.append)
    assert len(result.stored) == 1 and not result.errors
    assert said == result.warnings and len(said) == 1 and "b.doc" in said[0]


def test_the_items_to_read_are_counted_without_reading_where_they_can_be(tmp_path):
    from headcount.ingest.readers import items_to_read
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("Two guards were hurt.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "One died."}\n\n{"text": \n{"text": "Two died."}', encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")  # skipped: not an item
    (tmp_path / ".hidden" / "d.txt").write_text("Four guards were hurt.", encoding="utf-8")
    assert items_to_read([tmp_path]) == len(list(read_paths([tmp_path]))) - 1 == 4  # a blank line is none
    assert items_to_read([tmp_path, tmp_path / "missing.txt"]) == 5  # an error is an item too
    (tmp_path / "e.rss").write_text("<rss/>", encoding="utf-8")
    assert items_to_read([tmp_path]) is None  # a feed's items are known only once it is parsed
    assert items_to_read(["-"]) is None and items_to_read(["https://example.org/feed.rss"]) is None


def test_a_name_too_long_to_look_up_is_one_error_naming_it(tmp_path):
    from headcount.ingest.readers import items_to_read
    long_name = tmp_path / ("a" * 5000 + ".txt")
    (item,) = list(read_paths([long_name]))
    assert isinstance(item, InputError) and "[E001]" in str(item) and items_to_read([long_name]) == 1
