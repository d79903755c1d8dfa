"""The review app: verdicts stored by record id in review.sqlite, kept across
re-runs while their record exists, orphaned (never deleted) when it is gone;
the HTTP API answers bad requests with 400 and JSON, never a traceback."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pipeline.review import (
    DB_NAME,
    KEEP,
    ReviewError,
    history,
    make_server,
    reconcile,
    set_verdict,
    verdicts,
)
from tests.browser.driver import save_screenshot, skip_without_browser
from tests.browser.sample import make_output, write_jsonl



def mentions(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]


def first_id(out: Path, text: str) -> str:
    return next(m["id"] for m in mentions(out) if m["text"] == text)


def claim_id(out: Path, doc_id: str) -> str:
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    return next(c["id"] for c in claims if c["doc_id"] == doc_id)


# --------------------------------------------------------------------------- helpers without a server


def test_set_verdict_and_read_back(out: Path) -> None:
    rid = first_id(out, "$5.6 billion")
    before = (out / "mentions.jsonl").read_bytes()
    stored = set_verdict(out, rid, "verified", "checked against the filing")
    assert stored["kind"] == "mention" and stored["status"] == "current" and stored["updated"]
    got = verdicts(out)
    assert list(got) == [rid]
    assert got[rid]["verdict"] == "verified" and got[rid]["note"] == "checked against the filing"
    set_verdict(out, rid, "wrong")  # a new verdict keeps the note
    assert verdicts(out)[rid]["verdict"] == "wrong" and verdicts(out)[rid]["note"] == "checked against the filing"
    set_verdict(out, rid, "wrong", "")
    assert verdicts(out)[rid]["note"] == ""
    assert (out / "mentions.jsonl").read_bytes() == before  # timestamps live only in review.sqlite


def test_a_verdict_records_when_and_by_whom(out: Path) -> None:
    rid = first_id(out, "$5.6 billion")
    first = set_verdict(out, rid, "verified", reviewer="Ana Ruiz")
    assert first["reviewer"] == "Ana Ruiz" and first["decided"] == first["updated"]
    later = set_verdict(out, rid, KEEP, "see the filing, p. 4", reviewer="Ben")
    assert later["reviewer"] == "Ana Ruiz" and later["decided"] == first["decided"]  # a note is not a verdict
    assert later["updated"] >= first["updated"] and later["verdict"] == "verified"
    assert [(h["verdict"], h["note"], h["reviewer"]) for h in history(out, rid)] == [
        ("verified", "", "Ana Ruiz"),
        ("verified", "see the filing, p. 4", "Ben"),
    ]


def test_a_verdict_can_be_cleared_and_a_note_needs_none(out: Path) -> None:
    rid, other = first_id(out, "$5.6 billion"), first_id(out, "12%")
    set_verdict(out, rid, "wrong", "the figure is in euros", reviewer="Ana")
    cleared = set_verdict(out, rid, None, reviewer="Ben")
    assert cleared["verdict"] == "" and cleared["note"] == "the figure is in euros" and cleared["reviewer"] == "Ben"
    note_only = set_verdict(out, other, KEEP, "ask the desk")
    assert note_only["verdict"] == "" and note_only["note"] == "ask the desk"


def test_a_note_keeps_a_changed_verdict_changed(out: Path) -> None:
    rid = first_id(out, "12%")
    set_verdict(out, rid, "verified")
    edited = [{**m, "value": {**m["value"], "value": 21.0}} if m["id"] == rid else m for m in mentions(out)]
    write_jsonl(out / "mentions.jsonl", edited)
    reconcile(out)
    assert set_verdict(out, rid, KEEP, "now says 21%")["status"] == "changed"  # still to be judged again
    assert set_verdict(out, rid, "wrong")["status"] == "current"


def test_an_older_store_gains_the_new_columns(out: Path) -> None:
    rid = first_id(out, "$5.6 billion")
    conn = sqlite3.connect(out / DB_NAME)
    conn.execute(
        "CREATE TABLE verdicts (record_id TEXT PRIMARY KEY, kind TEXT NOT NULL, verdict TEXT NOT NULL, "
        "note TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'current')"
    )
    conn.execute("INSERT INTO verdicts VALUES (?, 'mention', 'verified', 'old note', '2024-01-01T00:00:00', 'current')", (rid,))
    conn.commit()
    conn.close()
    assert verdicts(out)[rid] == {
        "kind": "mention", "verdict": "verified", "note": "old note", "updated": "2024-01-01T00:00:00",
        "status": "current", "reviewer": "", "decided": "",
    }
    assert set_verdict(out, rid, KEEP, "new note", reviewer="Ana")["verdict"] == "verified"


def test_claim_verdicts_have_kind_claim(out: Path) -> None:
    cid = claim_id(out, "d1")
    set_verdict(out, cid, "needs-check", "ask the desk")
    assert verdicts(out)[cid]["kind"] == "claim"


@pytest.mark.parametrize(
    ("record_id", "verdict", "note", "message"),
    [
        pytest.param("d1:org:0-9", "maybe", "", "unknown verdict", id="bad-verdict"),
        pytest.param("d1:org:0-9", "verified", ["x"], "note must be text", id="note-not-text"),
        pytest.param("d1:org:1-9", "verified", "", "unknown record id", id="unknown-record"),
        pytest.param("", "verified", "", "non-empty", id="empty-id"),
        pytest.param("d1:org:0-9", "verified", 5, "note must be text", id="bad-note"),
    ],
)
def test_bad_verdicts_are_refused(out: Path, record_id: str, verdict: str, note: Any, message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        set_verdict(out, record_id, verdict, note)
    assert verdicts(out) == {}


def test_no_review_no_file(out: Path) -> None:
    assert verdicts(out) == {}
    assert reconcile(out) == {"kept": 0, "orphaned": [], "changed": []}
    assert not (out / DB_NAME).exists()


def test_verdict_kept_across_a_rerun_that_keeps_the_record(out: Path) -> None:
    rid = first_id(out, "$5.6 billion")
    set_verdict(out, rid, "verified", "ok")
    make_output(out)  # the same input again: same ids
    other = [m for m in mentions(out) if m["id"] != first_id(out, "Acme Corp")]
    write_jsonl(out / "mentions.jsonl", other)  # and a record that is gone, without a verdict
    assert reconcile(out) == {"kept": 1, "orphaned": [], "changed": []}
    assert verdicts(out)[rid] | {"updated": None, "decided": None} == {
        "kind": "mention",
        "verdict": "verified",
        "note": "ok",
        "updated": None,
        "status": "current",
        "reviewer": "",
        "decided": None,
    }


def test_verdict_orphaned_when_its_record_is_gone(out: Path) -> None:
    gone, stays, claim = first_id(out, "2023"), first_id(out, "12%"), claim_id(out, "d2")
    set_verdict(out, gone, "wrong", "not a date of the deal")
    set_verdict(out, stays, "verified")
    set_verdict(out, claim, "needs-check")
    all_mentions = mentions(out)
    write_jsonl(out / "mentions.jsonl", [m for m in all_mentions if m["id"] != gone])
    (out / "claims.jsonl").unlink()  # no claims file: no claims
    assert reconcile(out) == {"kept": 1, "orphaned": sorted([gone, claim]), "changed": []}
    v = verdicts(out)
    assert len(v) == 3 and v[gone]["status"] == "orphaned" and v[gone]["note"] == "not a date of the deal"
    assert v[stays]["status"] == "current"
    make_output(out)  # the record comes back: so does its verdict
    assert reconcile(out) == {"kept": 3, "orphaned": [], "changed": []}
    assert verdicts(out)[gone]["status"] == "current"


def test_verdict_marked_changed_when_its_record_says_something_else(out: Path) -> None:
    rid = first_id(out, "12%")
    set_verdict(out, rid, "verified", "checked against the filing")
    edited = [{**m, "value": {**m["value"], "value": 21.0}} if m["id"] == rid else m for m in mentions(out)]
    write_jsonl(out / "mentions.jsonl", edited)  # same characters, another figure
    assert reconcile(out) == {"kept": 0, "orphaned": [], "changed": [rid]}
    v = verdicts(out)[rid]
    assert v["status"] == "changed" and v["note"] == "checked against the filing"


# --------------------------------------------------------------------------- the HTTP API


@contextmanager
def running(out: Path, port: int = 0) -> Iterator[str]:
    """A review server on 127.0.0.1 and an ephemeral port (or the given one), in a thread."""
    server = make_server(out, port=port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def call(
    url: str, body: bytes | None = None, ctype: str = "application/json", headers: dict | None = None
) -> tuple[int, Any]:
    req = urllib.request.Request(
        url, data=body, headers={"Content-Type": ctype, **(headers or {})} if body is not None else headers or {}
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            raw, status, kind = res.read(), res.status, res.headers["Content-Type"]
    except urllib.error.HTTPError as err:
        raw, status, kind = err.read(), err.code, err.headers["Content-Type"]
    return status, json.loads(raw) if kind.startswith("application/json") else raw.decode("utf-8")


def post(url: str, obj: Any) -> tuple[int, Any]:
    return call(url + "api/verdict", json.dumps(obj).encode("utf-8"))


def test_server_listens_on_loopback_only(out: Path) -> None:
    with pytest.raises(ValueError, match="127.0.0.1"):
        make_server(out, host="0.0.0.0", port=0)
    server = make_server(out, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1" and server.server_address[1] > 0
    finally:
        server.server_close()


def test_api_round_trip(out: Path) -> None:
    rid, cid = first_id(out, "DeepSeek-V3"), claim_id(out, "d2")
    with running(out) as url:
        status, page = call(url)
        assert status == 200 and 'id="filter-verdict"' in page and f'data-id="{rid}"' in page
        assert call(url + "api/verdicts") == (200, {})
        status, body = post(url, {"record_id": rid, "verdict": "verified", "note": "model name checked"})
        assert status == 200 and body["record_id"] == rid and body["verdict"]["verdict"] == "verified"
        status, body = post(url, {"record_id": cid, "verdict": "needs-check"})
        assert status == 200 and body["verdict"]["kind"] == "claim"
        status, all_verdicts = call(url + "api/verdicts")
        assert status == 200 and all_verdicts[rid]["note"] == "model name checked"
        assert set(all_verdicts) == {rid, cid}
    assert verdicts(out) == all_verdicts


@pytest.mark.parametrize(
    ("body", "ctype", "message"),
    [
        pytest.param(
            b'{"record_id": "d1:org:0-9", "verdict": "sure"}',
            "application/json",
            "unknown verdict",
            id="unknown-verdict",
        ),
        pytest.param(
            b'{"record_id": "nope", "verdict": "wrong"}', "application/json", "unknown record id", id="unknown-record"
        ),
        pytest.param(b'{"record_id": "d1:org:0-9", ', "application/json", "not valid JSON", id="bad-json"),
        pytest.param(b"[1, 2]", "application/json", "JSON object", id="not-an-object"),
        pytest.param(b'{"record_id": 7, "verdict": "wrong"}', "application/json", "non-empty string", id="id-not-text"),
        pytest.param(
            b'{"record_id": "d1:org:0-9", "verdict": "wrong"}', "text/plain", "application/json", id="not-json-type"
        ),
        pytest.param(b"\xff\xfe", "application/json", "not valid JSON", id="not-utf8"),
    ],
)
def test_bad_requests_get_400_and_json(out: Path, body: bytes, ctype: str, message: str) -> None:
    with running(out) as url:
        status, answer = call(url + "api/verdict", body, ctype)
    assert status == 400 and message in answer["error"] and "Traceback" not in answer["error"]
    assert verdicts(out) == {}


def test_other_sites_and_paths_are_refused(out: Path) -> None:
    body = json.dumps({"record_id": "d1:org:0-9", "verdict": "wrong"}).encode()
    with running(out) as url:
        status, answer = call(url + "api/verdict", body, headers={"Origin": "http://example.org"})
        assert status == 403 and "cross-origin" in answer["error"]
        assert call(url + "nothing")[0] == 404
        assert call(url + "api/nothing", b"{}")[0] == 404
    assert verdicts(out) == {}


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Referer": "http://attacker.example/page"}, id="foreign-referer"),
        pytest.param({"Referer": "http://127.0.0.1:1/page"}, id="other-port-referer"),
        pytest.param({"Sec-Fetch-Site": "cross-site"}, id="cross-site"),
        pytest.param({"Sec-Fetch-Site": "same-site"}, id="same-site"),
        pytest.param({"Origin": "null"}, id="opaque-origin"),
    ],
)
def test_a_change_from_another_page_without_origin_is_refused(out: Path, headers: dict) -> None:
    body = json.dumps({"record_id": first_id(out, "2023"), "verdict": "wrong"}).encode()
    with running(out) as url:
        status, answer = call(url + "api/verdict", body, headers=headers)
        assert status == 403 and "cross-origin" in answer["error"]
        assert call(url + "api/verdicts", headers=headers)[0] == (403 if "Origin" in headers else 200)  # reading is harmless
        ours = {"Referer": url, "Sec-Fetch-Site": "same-origin", "Origin": url.rstrip("/")}
        assert call(url + "api/verdict", body, headers=ours)[0] == 200  # the page's own requests pass
    assert verdicts(out)[first_id(out, "2023")]["verdict"] == "wrong"


def test_a_foreign_host_is_refused(out: Path) -> None:
    body = json.dumps({"record_id": first_id(out, "2023"), "verdict": "wrong"}).encode()
    with running(out) as url:
        port = url.rsplit(":", 1)[1].strip("/")
        status, answer = call(url, headers={"Host": f"attacker.example:{port}"})
        assert status == 400 and "Host" in answer["error"]
        assert call(url + "api/verdict", body, headers={"Host": "attacker.example"})[0] == 400
        assert call(url, headers={"Host": f"localhost:{port}"})[0] == 200
    assert verdicts(out) == {}


def test_pages_may_not_be_framed(out: Path) -> None:
    with running(out) as url:
        for path in ("", "api/verdicts", "nothing"):
            with pytest.raises(urllib.error.HTTPError) if path == "nothing" else _no_error():
                with urllib.request.urlopen(url + path, timeout=10) as res:
                    assert res.headers["X-Frame-Options"] == "DENY"
                    assert "frame-ancestors 'none'" in res.headers["Content-Security-Policy"]
                    assert res.headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(url, timeout=10) as res:
            assert "connect-src 'self'" in res.headers["Content-Security-Policy"]


@contextmanager
def _no_error() -> Iterator[None]:
    yield


@pytest.mark.parametrize(
    "partial",
    [
        pytest.param(b"GET / HTTP/1.1\r\nHost: 127.0.0.1", id="headers"),
        pytest.param(
            b"POST /api/verdict HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            b"Content-Length: 200\r\n\r\n{{\"record_id\": ",
            id="body",
        ),
    ],
)
def test_a_half_sent_request_is_cut_off(out: Path, monkeypatch: pytest.MonkeyPatch, partial: bytes) -> None:
    monkeypatch.setattr("pipeline.review.REQUEST_TIMEOUT", 0.5)
    with running(out) as url:
        host = url.split("//", 1)[1].strip("/")
        port = int(host.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(partial.replace(b"{host}", host.encode()).replace(b"{{", b"{"))
            began = time.monotonic()
            answer = b""
            while chunk := sock.recv(4096):  # the server closes the connection
                answer += chunk
            assert time.monotonic() - began < 5
        assert answer == b"" or answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 408")), answer[:80]
        assert call(url)[0] == 200  # and goes on serving
    assert verdicts(out) == {}


# --------------------------------------------------------------------------- in a browser


def wait_loaded(driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-verdicts-loaded") == "1"
    )


def saved(driver: Any, card: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, f"{card} .state").text == "saved")


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
@pytest.mark.parametrize("width", [390, 800, 1440])
def test_a_note_typed_after_a_verdict_survives_a_restart(out: Path, browser: Any, width: int) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.set_window_size(width, 844 if width == 390 else 900)
    rid = first_id(out, "$5.6 billion")
    card = f'#records li[data-id="{rid}"]'
    with running(out) as url:
        driver.get(url)
        driver.execute_script("localStorage.setItem('newsfacts-reviewer', '')")
        driver.find_element(By.ID, "reviewer").send_keys("Ana Ruiz", Keys.TAB)
        button = driver.find_element(By.CSS_SELECTOR, f'{card} button[data-verdict="verified"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        saved(driver, card)
        note = driver.find_element(By.CSS_SELECTOR, f"{card} textarea.note")
        note.send_keys("matches the annual report")  # typed after the verdict, never sent by a button
        assert driver.find_element(By.CSS_SELECTOR, f"{card} .state").text in ("unsaved changes", "saving…", "saved")
        saved(driver, card)  # saved after a pause in typing, while the field still has the focus
        assert driver.switch_to.active_element == note
    stored = verdicts(out)[rid]
    assert (stored["verdict"], stored["note"], stored["reviewer"]) == ("verified", "matches the annual report", "Ana Ruiz")
    port = int(url.rsplit(":", 1)[1].strip("/"))
    with running(out, port) as url:  # the same address, as `newsfacts serve` has: the same browser storage
        driver.get(url)
        wait_loaded(driver)
        li = driver.find_element(By.CSS_SELECTOR, card)
        assert li.get_attribute("data-verdict") == "verified"
        assert li.find_element(By.CSS_SELECTOR, 'button[data-verdict="verified"]').get_attribute("aria-pressed") == "true"
        assert li.find_element(By.CSS_SELECTOR, 'button[data-verdict="wrong"]').get_attribute("aria-pressed") == "false"
        assert li.find_element(By.CSS_SELECTOR, "textarea.note").get_attribute("value") == "matches the annual report"
        assert "Ana Ruiz" in li.find_element(By.CSS_SELECTOR, ".who").text
        assert driver.find_element(By.ID, "reviewer").get_attribute("value") == "Ana Ruiz"  # set once
        span = driver.find_element(By.CSS_SELECTOR, f'.documents [data-id="{rid}"]')
        assert "v-verified" in span.get_attribute("class").split()
        save_screenshot(driver, f"review-after-restart-{width}.png")


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
def test_leaving_the_note_saves_it_and_a_verdict_can_be_cleared(out: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.set_window_size(1440, 900)
    rid = first_id(out, "12%")
    card = f'#records li[data-id="{rid}"]'
    with running(out) as url:
        driver.get(url)
        wait_loaded(driver)
        note = driver.find_element(By.CSS_SELECTOR, f"{card} textarea.note")
        note.send_keys("no verdict yet")
        driver.find_element(By.ID, "filter-text").click()  # leave the field at once
        saved(driver, card)
        assert verdicts(out)[rid]["note"] == "no verdict yet" and verdicts(out)[rid]["verdict"] == ""
        driver.execute_script("arguments[0].focus()", driver.find_element(By.CSS_SELECTOR, card))
        for _ in range(8):  # from the card, Tab reaches its verdict buttons
            driver.switch_to.active_element.send_keys(Keys.TAB)
            if driver.switch_to.active_element.get_attribute("data-verdict") == "wrong":
                break
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        saved(driver, card)
        assert verdicts(out)[rid]["verdict"] == "wrong"
        driver.find_element(By.CSS_SELECTOR, f"{card} button.clear").click()
        saved(driver, card)
        assert verdicts(out)[rid] | {"updated": ""} == verdicts(out)[rid] | {
            "verdict": "", "note": "no verdict yet", "updated": ""
        }
        assert driver.find_element(By.CSS_SELECTOR, card).get_attribute("data-verdict") == ""


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
def test_a_verdict_on_a_changed_record_shows_as_changed(out: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    rid, kept = first_id(out, "12%"), first_id(out, "$5.6 billion")
    set_verdict(out, rid, "verified", reviewer="Ana")
    set_verdict(out, kept, "verified", reviewer="Ana")
    edited = [{**m, "value": {**m["value"], "value": 21.0}} if m["id"] == rid else m for m in mentions(out)]
    write_jsonl(out / "mentions.jsonl", edited)
    driver = browser
    driver.set_window_size(1440, 900)
    with running(out) as url:  # the server reconciles on start
        driver.get(url)
        wait_loaded(driver)
        li = driver.find_element(By.CSS_SELECTOR, f'#records li[data-id="{rid}"]')
        assert li.get_attribute("data-verdict") == "changed" and "changed" in li.get_attribute("class").split()
        assert "changed since" in li.find_element(By.CSS_SELECTOR, ".changed-badge").text
        span = driver.find_element(By.CSS_SELECTOR, f'.documents [data-id="{rid}"]')
        assert "v-changed" in span.get_attribute("class").split() and "v-verified" not in span.get_attribute("class")
        Select(driver.find_element(By.ID, "filter-verdict")).select_by_value("verified")
        shown = {e.get_attribute("data-id") for e in driver.find_elements(By.CSS_SELECTOR, "#records li.rec")}
        assert shown == {kept}
        badge = driver.find_element(By.CSS_SELECTOR, f'#records li[data-id="{kept}"] .changed-badge')
        width = driver.execute_script("return arguments[0].getBoundingClientRect().width", badge)
        assert width == 0  # an unchanged record shows no badge, not even an empty one
        Select(driver.find_element(By.ID, "filter-verdict")).select_by_value("changed")
        shown = {e.get_attribute("data-id") for e in driver.find_elements(By.CSS_SELECTOR, "#records li.rec")}
        assert shown == {rid}


@pytest.mark.slow
@pytest.mark.browser
@skip_without_browser()
def test_notes_names_and_titles_show_as_text_not_markup(out: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    evil = '<img src=x onerror="document.body.dataset.pwned=1">'
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    write_jsonl(out / "documents.jsonl", [dict(d, title=f"{evil} {d['doc_id']}") if d.get("title") else d for d in docs])
    rid = first_id(out, "12%")
    set_verdict(out, rid, "wrong", evil, reviewer=evil[:90])
    driver = browser
    driver.set_window_size(1440, 900)
    with running(out) as url:
        driver.get(url + "#r=%E0%A4%A")  # a mangled record link must not stop the review scripts
        wait_loaded(driver)
        li = driver.find_element(By.CSS_SELECTOR, f'#records li[data-id="{rid}"]')
        assert li.find_element(By.CSS_SELECTOR, "textarea.note").get_attribute("value") == evil
        assert evil[:90] in li.find_element(By.CSS_SELECTOR, ".who").text
        assert evil in li.find_element(By.CSS_SELECTOR, ".src").text
        assert not driver.find_elements(By.CSS_SELECTOR, "body img")
        assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-pwned") is None
