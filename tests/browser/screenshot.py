"""Make docs/screenshot-report.png: the report of an output folder with one
record selected. Usage: python -m tests.browser.screenshot OUT_DIR [PNG] [RECORD_ID]"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.report import read_jsonl, write_report
from tests.browser.driver import chromium

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PNG = ROOT / "docs" / "screenshot-report.png"


def pick_record(out_dir: Path) -> str:
    """The first claim with an amount and a source, else the first money mention:
    the kind of figure a reporter checks."""
    claims = [c for c in read_jsonl(out_dir / "claims.jsonl") if c.get("amount") and c.get("attribution")]
    if claims:
        return claims[0]["id"]
    mentions = list(read_jsonl(out_dir / "mentions.jsonl"))
    money = [m for m in mentions if m.get("type") == "money"]
    return (money or mentions)[0]["id"]


def take(out_dir: Path, png: Path = DEFAULT_PNG, record_id: str | None = None) -> Path:
    from selenium.webdriver.common.by import By

    report = write_report(out_dir)
    record_id = record_id or pick_record(out_dir)
    png.parent.mkdir(parents=True, exist_ok=True)
    with chromium(1400, 860) as driver:
        driver.get(report.resolve().as_uri())
        row = driver.find_element(By.CSS_SELECTOR, f'#records tr[data-id="{record_id}"]')
        row.click()
        driver.save_screenshot(str(png))
    return png


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    png = Path(argv[1]) if len(argv) > 1 else DEFAULT_PNG
    print(take(Path(argv[0]), png, argv[2] if len(argv) > 2 else None))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
