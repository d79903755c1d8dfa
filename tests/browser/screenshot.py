"""Make docs/report-390.png, docs/report-800.png and docs/report-1440.png: the
report of an output folder at a phone's, a small window's and a desktop's width,
with one record selected.

Usage: python -m tests.browser.screenshot OUT_DIR [RECORD_ID]
(the pictures in docs/ come from `newsfacts extract tests/real/corpus`)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.report import read_jsonl, write_report
from tests.browser.driver import chromium

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SIZES = ((390, 844), (800, 900), (1440, 900))


def pick_record(out_dir: Path) -> str:
    """The first claim with an amount and a source, else the first money mention:
    the kind of figure a reporter checks."""
    claims = [c for c in read_jsonl(out_dir / "claims.jsonl") if c.get("amount") and c.get("attribution")]
    if claims:  # one that also has a subject, a change and a period reads best
        return max(claims, key=lambda c: sum(bool(c.get(k)) for k in ("subjects", "change", "period")))["id"]
    mentions = list(read_jsonl(out_dir / "mentions.jsonl"))
    money = [m for m in mentions if m.get("type") == "money"]
    return (money or mentions)[0]["id"]


def take(out_dir: Path, record_id: str | None = None, docs: Path = DOCS) -> list[Path]:
    from selenium.webdriver.common.by import By

    report = write_report(out_dir, out_dir / "report-screenshot.html")
    record_id = record_id or pick_record(out_dir)
    docs.mkdir(parents=True, exist_ok=True)
    made = []
    with chromium() as driver:
        for width, height in SIZES:
            driver.set_window_size(width, height)
            driver.get(report.resolve().as_uri())
            card = driver.find_element(By.CSS_SELECTOR, f'#records li[data-id="{record_id}"]')
            if width < 700:  # a phone: the card in view, chosen (its "show in text" leads on)
                driver.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -10)", card)
            card.find_element(By.CSS_SELECTOR, ".quote").click()
            path = docs / f"report-{width}.png"
            driver.save_screenshot(str(path))
            made.append(path)
    report.unlink()
    return made


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for path in take(Path(argv[0]), argv[1] if len(argv) > 1 else None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
