"""report.html and newsfacts.sqlite: self-contained, every record at its exact
characters, text escaped, filters present; the export holds every record."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.report import (
    Mark,
    load_output,
    readable_value,
    render_page,
    render_text,
    safe_url,
    table_rows,
    write_report,
)
from pipeline.sqlite_export import export_sqlite
from tests.browser.driver import in_viewport, save_screenshot, skip_without_browser
from tests.browser.sample import D1, make_output



@pytest.fixture()
def records(out: Path) -> dict:
    return {
        kind: [json.loads(line) for line in (out / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()]
        for kind in ("mentions", "claims", "documents")
    }


class Spans(HTMLParser):
    """Collects, per data-id, the elements' attributes and the text inside them
    (fragments of a crossing span are joined), plus the inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: dict[str, str] = {}
        self.attrs: dict[str, list[dict[str, str | None]]] = {}
        self.scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self._script = []
        if tag == "span":
            rid = a.get("data-id")
            self.stack.append(rid)
            if rid:
                self.attrs.setdefault(rid, []).append(a)
                self.text.setdefault(rid, "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self.stack.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
            return
        for rid in set(filter(None, self.stack)):
            self.text[rid] += data


def parse(page: str) -> Spans:
    p = Spans()
    p.feed(page)
    p.close()
    return p


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="nf-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


# --------------------------------------------------------------------------- the page


def test_report_is_written_atomically(out: Path) -> None:
    path = write_report(out)
    assert path == out / "report.html" and path.stat().st_size > 0
    assert not list(out.glob(".*tmp*"))
    other = write_report(out, out / "elsewhere.html")
    assert other.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_report_is_self_contained(out: Path) -> None:
    page = write_report(out).read_text(encoding="utf-8")
    assert not re.search(r"""\bsrc\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<(?:link|img|iframe)\b", page, re.I)
    # the only address in the page is the article's, a link the reader may follow
    assert re.findall(r'<a\b[^>]*\bhref="([^"]*)"', page) == ["https://news.example/acme-results?a=1&amp;b=2"]
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp  # the browser itself refuses any fetch


def test_every_mention_is_a_data_id_around_its_exact_text(out: Path, records: dict) -> None:
    spans = parse(write_report(out).read_text(encoding="utf-8"))
    for m in records["mentions"]:
        assert spans.text.get(m["id"]) == m["text"], m["id"]
        for a in spans.attrs[m["id"]]:
            assert (a["data-start"], a["data-end"]) == (str(m["start"]), str(m["end"]))
            assert f"t-{m['type']}" in a["class"]


def test_overlaps_nest_and_a_crossing_span_is_split(out: Path, records: dict) -> None:
    spans = parse(write_report(out).read_text(encoding="utf-8"))
    ms = records["mentions"]

    def crossed(m: dict) -> bool:  # another span starts before it and ends inside it
        return any(o["start"] < m["start"] < o["end"] < m["end"] for o in ms if o["doc_id"] == m["doc_id"])

    split = {m["text"] for m in ms if crossed(m)}
    assert split == {"V3 </script>", "</script><!-- &"}
    for m in ms:
        frags = [a.get("data-frag") for a in spans.attrs[m["id"]]]
        assert frags[0] is None and frags[1:] == [str(i) for i in range(2, len(frags) + 1)]
        assert (len(frags) > 1) == (m["text"] in split), m["id"]


def test_overlapping_types_get_every_colour() -> None:
    text = "DeepSeek rose"
    marks = [Mark(0, 8, 1, "o", "org", ""), Mark(0, 8, 1, "m", "model", ""), Mark(4, 8, 1, "n", "money", "")]
    html = render_text(text, marks)
    segments = {
        tuple(sorted(c.split())): body for c, body in re.findall(r'<span class="(seg [^"]*)"[^>]*>([^<]*)</span>', html)
    }
    assert segments == {
        ("multi", "seg", "t-model", "t-org"): "Deep",
        ("multi", "seg", "t-model", "t-money", "t-org"): "Seek",
    }
    assert html.endswith(" rose") and parse(html).text == {"o": "DeepSeek", "m": "DeepSeek", "n": "Seek"}


def test_claim_sentence_wraps_its_mentions(out: Path, records: dict) -> None:
    page = write_report(out).read_text(encoding="utf-8")
    spans = parse(page)
    for c in records["claims"]:
        assert spans.text[c["id"]] == c["sentence"]["text"]
        assert 'class="snt"' in page
    rows = {r["id"]: r for r in embedded_data(page)["rows"]}
    first = records["claims"][0]
    assert rows[first["id"]]["type"] == "claim"
    assert set(rows[first["id"]]["mids"]) == {
        first["subjects"][0]["mention_id"],
        first["amount"]["mention_id"],
        first["change"]["mention_id"],
        first["period"]["mention_id"],
    }
    assert rows[first["id"]]["value"] == "Acme Corp revenue (global): rose 12% to $5.6 billion, 2023"
    second = records["claims"][1]  # parts without a cited mention
    assert rows[second["id"]]["value"] == "profit: fell 3%, according to the council (hedged: may)"


def test_script_in_a_text_is_escaped(out: Path) -> None:
    page = write_report(out).read_text(encoding="utf-8")
    spans = parse(page)
    assert len(spans.scripts) == 2  # the data and the code: the text's </script> closed nothing
    assert page.count("</script>") == 2
    assert "&lt;/script&gt;&lt;!-- &amp;" in page
    data = embedded_data(page)
    assert any(r["text"] == "</script><!-- &" for r in data["rows"])
    assert "<!--" not in page.split("<body", 1)[1]


def test_filters_and_flags_are_present(out: Path) -> None:
    page = write_report(out).read_text(encoding="utf-8")
    for fid in ("filter-type", "filter-doc", "filter-flag", "filter-text"):
        assert f'id="{fid}"' in page
    data = embedded_data(page)
    flags = {f for r in data["rows"] for f in r["flags"]}
    assert flags == {"corroborated", "conflict", "hedged"}
    assert data["docs"] == [
        {"id": "d1", "title": "Story d1", "url": "https://news.example/acme-results?a=1&b=2", "published": "2024-02-19"},
        {"id": "d2", "title": "Story d2", "url": None, "published": "2024-02-19"},
    ]
    assert data["types"] == ["money", "percent", "date", "org", "model"]
    assert "d3" in page and "not UTF-8" in page  # the failed document is listed


def test_furniture_is_dimmed_when_it_matches_set_aside(out: Path) -> None:
    page = write_report(out).read_text(encoding="utf-8")
    assert '<span class="seg furn">Home\nWorld\nBusiness\nShare on Facebook</span>' in page


def test_no_claims_file_means_no_claims(tmp_path: Path) -> None:
    make_output(tmp_path, with_claims=False)
    page = write_report(tmp_path).read_text(encoding="utf-8")
    data = embedded_data(page)
    assert data["rows"] and all(r["kind"] == "mention" for r in data["rows"])


def test_big_outputs_are_capped(out: Path) -> None:
    capped = load_output(out, max_docs=1)
    assert [d["doc_id"] for d in capped.docs] == ["d1"] and capped.capped
    assert {m["doc_id"] for m in capped.mentions} == {"d1"} and capped.total_mentions == 11
    assert "embeds only the first 1 documents" in render_page(capped)
    assert [d["doc_id"] for d in load_output(out, max_chars=10).docs] == ["d1"]  # the first always shows


def test_not_an_output_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a newsfacts output folder"):
        write_report(tmp_path)


@pytest.mark.parametrize(
    ("mtype", "value", "expected"),
    [
        pytest.param(
            "money",
            {"amount": 1.2e9, "currency": "USD", "qualifier": None, "vague": False},
            "1.2 billion USD",
            id="money",
        ),
        pytest.param(
            "money",
            {"amount": None, "low": 6.8e8, "high": 7.2e8, "currency": "CNY", "qualifier": "approx", "vague": False},
            "~680 million–720 million CNY",
            id="money-range",
        ),
        pytest.param(
            "money",
            {"amount": None, "low": 1e9, "currency": "CNY", "vague": True},
            "≥1 billion CNY (vague)",
            id="money-vague",
        ),
        pytest.param("money", {"amount": 5600, "currency": "EUR"}, "5,600 EUR", id="money-small"),
        pytest.param(
            "percent",
            {"value": 30.0, "direction": "decrease", "basis": "yoy", "unit": "percent"},
            "−30% yoy",
            id="percent",
        ),
        pytest.param("percent", {"value": 0.25, "direction": "increase", "unit": "points"}, "+0.25 pts", id="points"),
        pytest.param("date", {"value": "2023-03", "modifier": None, "relative": False}, "2023-03", id="date"),
        pytest.param(
            "date",
            {"value": None, "start": None, "end": None, "relative": True},
            "(unresolved) (relative)",
            id="date-unresolved",
        ),
        pytest.param("org", {"name": "Alphabet", "ticker": "GOOGL"}, "Alphabet [GOOGL]", id="org"),
        pytest.param("model", {"name": "GPT-4", "developer": "OpenAI"}, "GPT-4 (OpenAI)", id="model"),
        pytest.param("money", {"amount": "n/a"}, "n/a ?", id="odd-value"),
        pytest.param("money", None, "", id="no-value"),
        pytest.param("money", {"amount": float("inf"), "currency": "USD"}, "inf USD", id="infinite"),
        pytest.param("thing", {"a": 1, "b": None}, "a=1", id="unknown-type"),
    ],
)
def test_readable_value(mtype: str, value: dict | None, expected: str) -> None:
    assert readable_value(mtype, value) == expected


# --------------------------------------------------------------------------- SQLite


def test_sqlite_export_holds_every_record(out: Path, records: dict) -> None:
    path = export_sqlite(out)
    assert path == out / "newsfacts.sqlite" and not list(out.glob(".*tmp*"))
    conn = sqlite3.connect(path)
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("mentions", "documents", "claims", "texts")
    }
    assert counts == {"mentions": 11, "documents": 3, "claims": 2, "texts": 2}
    money = conn.execute("SELECT amount, currency, value, normalized FROM mentions WHERE type = 'money'").fetchone()
    assert money[:2] == (5.6e9, "USD") and json.loads(money[2])["amount"] == 5.6e9 and money[3] == "5.6 billion USD"
    assert conn.execute(
        "SELECT amount, direction FROM mentions WHERE type = 'percent' AND doc_id = 'd2'"
    ).fetchone() == (3.0, "decrease")
    assert conn.execute("SELECT date_value, date_start FROM mentions WHERE type = 'date'").fetchone() == (
        "2023",
        "2023-01-01",
    )
    assert conn.execute("SELECT developer FROM mentions WHERE text = 'DeepSeek-V3'").fetchone() == ("DeepSeek",)
    assert conn.execute("SELECT \"end\" - start FROM mentions WHERE type = 'money'").fetchone() == (
        len("$5.6 billion"),
    )
    claim = conn.execute(
        "SELECT metric, amount_value, json_extract(flags, '$[0].flag'), flag_names, hedged FROM claims ORDER BY id"
    ).fetchall()
    assert claim == [("revenue", 5.6e9, "corroborated", "corroborated", 0), ("profit", None, "conflict", "conflict", 1)]
    text = conn.execute("SELECT text FROM texts WHERE doc_id = 'd1'").fetchone()[0]
    assert text == D1
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"mentions_doc_id", "mentions_type", "claims_doc_id", "documents_doc_id", "texts_doc_id"} <= indexes
    conn.close()


def test_sqlite_export_without_claims(tmp_path: Path) -> None:
    make_output(tmp_path, with_claims=False)
    conn = sqlite3.connect(export_sqlite(tmp_path))
    assert conn.execute("SELECT count(*) FROM claims").fetchone() == (0,)
    conn.close()


def test_articles_go_by_their_title_linked_to_their_address(out: Path) -> None:
    page = write_report(out).read_text(encoding="utf-8")
    assert '<h2><a href="https://news.example/acme-results?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">Story d1</a></h2>' in page
    assert "<h2>Story d2</h2>" in page
    docs = [dict(d, title=None, url=None) for d in load_output(out).docs]
    assert "<h2>d1</h2>" in render_page(load_output(out).__class__(docs=docs))  # no title: the id


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.com/a", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//example.com/a", False),
        ("/local/path", False),
        ("http://[::1", False),  # urlsplit raises on it
        (None, False),
    ],
)
def test_only_web_addresses_are_linked(url: str | None, linked: bool) -> None:
    assert (safe_url(url) is not None) == linked


@pytest.mark.parametrize(("published", "reason"), [("2024-02-19", False), (None, True)])
def test_an_unresolved_date_says_the_article_is_undated_only_when_it_is(out: Path, published: str | None, reason: bool) -> None:
    loaded = load_output(out)
    loaded.docs = [dict(d, published=published, ref_date=published) for d in loaded.docs]
    loaded.mentions = [dict(m, value={"value": None, "relative": True}) if m["type"] == "date" else m for m in loaded.mentions]
    loaded.claims = [dict(c, period=dict(c["period"], value={"value": None, "relative": True})) if c.get("period") else c
                     for c in loaded.claims]
    row = next(r for r in table_rows(loaded) if r["type"] == "date")
    assert row["value"].startswith("not resolved to a date") and ("article is undated" in row["value"]) == reason
    claim = next(r for r in table_rows(loaded) if r["kind"] == "claim" and r["doc"] == 0)
    assert 'period "2023" not resolved' in claim["value"] and ("article is undated" in claim["value"]) == reason
    assert ("article is undated" in render_page(loaded)) == reason  # the span's title too


def test_templates_escape_what_they_are_given(out: Path) -> None:
    docs = [dict(d, title='<img src=x onerror="alert(1)">') for d in load_output(out).docs]
    page = render_page(load_output(out).__class__(docs=docs), title="<b>run</b>")
    assert "<img" not in page and "&lt;img src=x" in page and "<title>&lt;b&gt;run&lt;/b&gt;</title>" in page


# --------------------------------------------------------------------------- in a browser


SIZES = {390: 844, 800: 900, 1440: 900}


def shown(driver: object, element: object) -> bool:
    """Laid out with a size (not collapsed to nothing) and inside the window."""
    return in_viewport(driver, element) and element.size["height"] > 0 and element.size["width"] > 0


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
@pytest.mark.parametrize("width", list(SIZES))
def test_every_width_shows_the_records_and_the_text(out: Path, records: dict, browser: object, width: int) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.set_window_size(width, SIZES[width])
    driver.get(write_report(out).resolve().as_uri())
    first_card = driver.find_element(By.CSS_SELECTOR, "#records li.rec")
    assert shown(driver, first_card)
    text = driver.find_element(By.CSS_SELECTOR, ".documents .doctext")
    assert text.size["height"] > 100 and text.size["width"] > min(300, width / 3)
    if width >= 800:  # two panes: both in view at once
        assert shown(driver, text)
        assert first_card.location["x"] < text.location["x"]
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width  # no sideways scrolling
    assert "Story d1" in first_card.text and "$5.6 billion" in first_card.text
    assert first_card.find_element(By.CSS_SELECTOR, ".src a").get_attribute("href").startswith("https://news.example/")
    details = first_card.find_element(By.CSS_SELECTOR, "details.ids")
    assert not details.find_element(By.CSS_SELECTOR, "dd").is_displayed()  # ids only on demand
    details.find_element(By.TAG_NAME, "summary").click()
    assert first_card.get_attribute("data-id") in details.text
    save_screenshot(driver, f"report-{width}.png")


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
@pytest.mark.parametrize("width", list(SIZES))
def test_a_record_leads_to_its_span(out: Path, records: dict, browser: object, width: int) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    driver.set_window_size(width, SIZES[width])
    target = next(m for m in records["mentions"] if m["doc_id"] == "d2")  # far down: needs a scroll
    claim = records["claims"][0]
    driver.get(write_report(out).resolve().as_uri())
    Select(driver.find_element(By.ID, "filter-type")).select_by_value("percent")
    cards = driver.find_elements(By.CSS_SELECTOR, "#records li.rec")
    assert {c.get_attribute("data-id") for c in cards} == {m["id"] for m in records["mentions"] if m["type"] == "percent"}
    card = driver.find_element(By.CSS_SELECTOR, f'#records li[data-id="{target["id"]}"]')
    card.find_element(By.CSS_SELECTOR, "button.jump").click()
    span = driver.find_element(By.CSS_SELECTOR, f'.documents [data-id="{target["id"]}"]')
    assert "active" in span.get_attribute("class").split()
    assert span.text == target["text"] and shown(driver, span)
    back = driver.find_element(By.ID, "back")
    back.click()
    assert shown(driver, card) and driver.switch_to.active_element == card

    Select(driver.find_element(By.ID, "filter-type")).select_by_value("claim")
    driver.find_element(By.CSS_SELECTOR, f'#records li[data-id="{claim["id"]}"] .quote').click()
    sentence = driver.find_element(By.CSS_SELECTOR, f'.documents [data-id="{claim["id"]}"]')
    assert "active" in sentence.get_attribute("class").split()
    if width >= 800:
        assert shown(driver, sentence)
    linked = driver.find_elements(By.CSS_SELECTOR, ".documents .m.linked")
    assert {e.get_attribute("data-id") for e in linked} >= {claim["amount"]["mention_id"]}
    assert not driver.find_elements(By.CSS_SELECTOR, f'.documents .active[data-id="{target["id"]}"]')


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
def test_the_keyboard_reaches_every_record(out: Path, records: dict, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.set_window_size(1440, 900)
    driver.get(write_report(out).resolve().as_uri())
    driver.find_element(By.ID, "filter-text").send_keys(Keys.TAB)
    first = driver.switch_to.active_element
    assert first.get_attribute("class").split()[0] == "rec"
    first.send_keys(Keys.ARROW_DOWN)
    second = driver.switch_to.active_element
    assert second.get_attribute("data-id") != first.get_attribute("data-id")
    second.send_keys(Keys.ENTER)
    spans = driver.find_elements(By.CSS_SELECTOR, f'.documents .active[data-id="{second.get_attribute("data-id")}"]')
    assert spans and shown(driver, spans[0])
    assert "selected" in second.get_attribute("class").split()


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
def test_a_phone_gets_back_to_the_filters(out: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.set_window_size(390, 844)
    driver.get(write_report(out).resolve().as_uri())
    to_filters = driver.find_element(By.ID, "to-filters")
    assert not to_filters.is_displayed()  # the filters are in view
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    WebDriverWait(driver, 5).until(lambda d: to_filters.is_displayed())
    to_filters.click()
    select = driver.find_element(By.ID, "filter-type")
    assert shown(driver, select) and driver.switch_to.active_element == select
    driver.set_window_size(1440, 900)  # two panes: the filters stay at the top of theirs
    driver.get(write_report(out).resolve().as_uri())
    driver.execute_script("document.querySelector('.records').scrollTop = 1e6; window.scrollTo(0, 1e6)")
    time.sleep(0.3)
    assert not driver.find_element(By.ID, "to-filters").is_displayed()
    assert shown(driver, driver.find_element(By.ID, "filter-type"))
