"""RSS and Atom feeds, URLs and stdin, served by a local web server. Every text is written for these tests."""
import io

from headcount.errors import InputError
from headcount.ingest import FeedOptions, read_paths
from headcount.ingest.readers import read_stdin
from headcount.model import Report

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Wire</title><language>en-gb</language>
<item><guid>hw-101</guid><title>Ferry siege: nine crew freed</title><link>{base}/ferry-101</link>
<pubDate>Tue, 07 May 2024 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Port officials said nine crew members were freed on Tuesday.</p><p>Two remain aboard.</p>]]>
</content:encoded></item>
<item><guid>hw-102</guid><title>Gunmen release cook</title><link>{base}/ferry-102</link>
<pubDate>Tue, 07 May 2024 11:00:00 GMT</pubDate><description>A cook was released.</description></item>
</channel></rss>"""

ARTICLE = """<html><head><title>Gunmen release cook</title></head><body><nav>Home</nav><article>
<h1>Gunmen release cook</h1><p>The gunmen holding the ferry released the ship's cook at noon, port officials said.</p>
<p>A harbour police spokesman said two crew members were still being held on the lower deck.</p>
</article><footer>All rights reserved</footer></body></html>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Meridian Post</title>
<entry><id>urn:mp:55</id><title>Six workers escape</title><updated>2024-05-08T06:00:00Z</updated>
<link href="https://meridian.example/55"/>
<content type="html">&lt;p&gt;Six workers escaped through a service tunnel, their employer said.&lt;/p&gt;</content></entry>
</feed>"""


def test_feeds_rss_items_are_reports_with_full_text_fetched_when_only_a_summary(tmp_path, site):
    site.pages["/ferry-102"] = ("text/html; charset=utf-8", ARTICLE.encode())
    p = tmp_path / "wire.rss"
    p.write_text(RSS.format(base=site.url("")), encoding="utf-8")
    first, second = list(read_paths([p]))
    assert (first.id, first.outlet, first.language, first.url) == ("hw-101", "Harbour Wire", "en",
                                                                  site.url("/ferry-101"))
    assert first.published == "2024-05-07T09:30:00+00:00"
    assert first.text.startswith("Ferry siege: nine crew freed\n") and "Two remain aboard." in first.text
    assert "still being held on the lower deck" in second.text and "All rights reserved" not in second.text
    assert site.hits == {"/ferry-102": 1}  # the item with content was not fetched


def test_feeds_no_fetch_keeps_the_summary_and_known_items_are_not_fetched_again(tmp_path, site):
    p = tmp_path / "wire.rss"
    p.write_text(RSS.format(base=site.url("")), encoding="utf-8")
    (_, summary) = list(read_paths([p], FeedOptions(fetch_articles=False)))
    assert summary.text == "Gunmen release cook\nA cook was released."
    items = list(read_paths([p], FeedOptions(known=lambda identity: identity == "hw-102")))
    assert [i.id for i in items] == ["hw-101"] and site.hits == {}


def test_feeds_an_article_that_cannot_be_fetched_is_an_error_naming_the_item(tmp_path, site):
    p = tmp_path / "wire.rss"
    p.write_text(RSS.format(base=site.url("")), encoding="utf-8")
    first, second = list(read_paths([p]))
    assert isinstance(first, Report) and isinstance(second, InputError)
    assert f"{p}#item2" in str(second) and "404" in str(second)


def test_feeds_atom_from_a_url(site):
    site.pages["/world.atom"] = ("application/atom+xml", ATOM.encode())
    (report,) = list(read_paths([site.url("/world.atom")]))
    assert (report.id, report.outlet, report.url) == ("urn:mp:55", "Meridian Post", "https://meridian.example/55")
    assert report.text == "Six workers escape\nSix workers escaped through a service tunnel, their employer said."


def test_feeds_a_page_url_is_one_article_identified_by_its_url(site):
    site.pages["/story"] = ("text/html", ARTICLE.encode())
    (report,) = list(read_paths([site.url("/story")]))
    assert report.id == site.url("/story") and "released the ship's cook" in report.text


def test_feeds_unreachable_url_and_broken_feed_are_errors(tmp_path, site):
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><item><title>half", encoding="utf-8")
    results = list(read_paths([site.url("/gone.rss"), broken]))
    assert all(isinstance(r, InputError) for r in results)
    assert "[E015]" in str(results[0]) and "404" in str(results[0])
    assert "[E016]" in str(results[-1]) and "broken.xml" in str(results[-1]) and "recovered" in str(results[-1])
    (junk,) = list(read_paths([tmp_path / "none.rss"] if (tmp_path / "none.rss").write_text("hello") else []))
    assert "[E016]" in str(junk)


def test_stdin_is_told_apart_by_how_it_begins():
    jsonl = b'{"id": "s1", "text": "Four drivers were freed."}\n{"id": "s2", "text": "One guard died."}\n'
    assert [r.id for r in read_stdin(io.BytesIO(jsonl))] == ["s1", "s2"]
    (text,) = list(read_stdin(io.BytesIO("Three nurses were hurt.\n".encode("utf-16"))))
    assert text.text == "Three nurses were hurt.\n" and text.origin == "<stdin>"
    (feed,) = list(read_stdin(io.BytesIO(ATOM.encode())))
    assert feed.id == "urn:mp:55"
    (empty,) = list(read_stdin(io.BytesIO(b"  \n")))
    assert isinstance(empty, InputError) and "<stdin>" in str(empty)
