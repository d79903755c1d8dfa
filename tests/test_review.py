"""The review app: verdicts stored by record id in review.sqlite, kept across
re-runs while their record exists, orphaned (never deleted) when it is gone;
the HTTP API answers bad requests with 400 and JSON, never a traceback."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pipeline.review import (
    DB_NAME,
    ReviewError,
    make_server,
    reconcile,
    set_verdict,
    verdicts,
)
from tests.browser.driver import (
    chromium,
    require_browser,
    save_screenshot,
    skip_without_browser,
)
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
    set_verdict(out, rid, "wrong")
    assert verdicts(out)[rid]["verdict"] == "wrong" and verdicts(out)[rid]["note"] == ""
    assert (out / "mentions.jsonl").read_bytes() == before  # timestamps live only in review.sqlite


def test_claim_verdicts_have_kind_claim(out: Path) -> None:
    cid = claim_id(out, "d1")
    set_verdict(out, cid, "needs-check", "ask the desk")
    assert verdicts(out)[cid]["kind"] == "claim"


@pytest.mark.parametrize(
    ("record_id", "verdict", "note", "message"),
    [
        pytest.param("d1:org:0-9", "maybe", "", "unknown verdict", id="bad-verdict"),
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
    assert verdicts(out)[rid] | {"updated": None} == {
        "kind": "mention",
        "verdict": "verified",
        "note": "ok",
        "updated": None,
        "status": "current",
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
def running(out: Path) -> Iterator[str]:
    """A review server on 127.0.0.1 and an ephemeral port, in a thread."""
    server = make_server(out, port=0)
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


# --------------------------------------------------------------------------- in a browser


@skip_without_browser()
def test_a_verdict_survives_a_server_restart(out: Path) -> None:
    require_browser()  # a missing browser fails here with what to install
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    rid = first_id(out, "$5.6 billion")
    row = f'#records tr[data-id="{rid}"]'
    with chromium() as driver:
        wait = WebDriverWait(driver, 10)
        with running(out) as url:
            driver.get(url)
            wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-verdicts-loaded") == "1")
            driver.find_element(By.CSS_SELECTOR, f"{row} input.note").send_keys("matches the annual report")
            driver.find_element(By.CSS_SELECTOR, f'{row} button[data-verdict="verified"]').click()
            wait.until(lambda d: d.find_element(By.CSS_SELECTOR, row).get_attribute("data-verdict") == "verified")
        assert verdicts(out)[rid]["note"] == "matches the annual report"
        with running(out) as url:
            driver.get(url)
            wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-verdicts-loaded") == "1")
            tr = driver.find_element(By.CSS_SELECTOR, row)
            assert tr.get_attribute("data-verdict") == "verified"
            assert (
                tr.find_element(By.CSS_SELECTOR, 'button[data-verdict="verified"]').get_attribute("aria-pressed")
                == "true"
            )
            assert (
                tr.find_element(By.CSS_SELECTOR, 'button[data-verdict="wrong"]').get_attribute("aria-pressed")
                == "false"
            )
            assert tr.find_element(By.CSS_SELECTOR, "input.note").get_attribute("value") == "matches the annual report"
            span = driver.find_element(By.CSS_SELECTOR, f'.documents [data-id="{rid}"]')
            assert "v-verified" in span.get_attribute("class").split()
            save_screenshot(driver, "review-after-restart.png")
