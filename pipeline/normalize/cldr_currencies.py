"""Writes patterns/currency_codes.jsonl from CLDR (through Babel): the ISO 4217 codes
that were legal tender somewhere, each with the last day it was ("until", null while
it still is). Funds and units of account (BOV, CHE, USN...) are never tender; metals
and test codes (X..) are no money. Stored as data so that the records do not change
with the installed Babel; run again after a CLDR update:

    python3 -m pipeline.normalize.cldr_currencies > patterns/currency_codes.jsonl
"""
from __future__ import annotations

import datetime as dt
import json


def currency_codes() -> list[dict[str, object]]:
    from babel.core import get_global

    until: dict[str, dt.date | None] = {}
    for rows in get_global("territory_currencies").values():
        for code, _start, end, tender in rows:
            if not tender or code.startswith("X"):
                continue
            last = dt.date(*end) if end else None
            if code not in until:
                until[code] = last
            elif until[code] is not None:
                until[code] = None if last is None else max(until[code], last)  # type: ignore[type-var]
    return [{"id": c, "code": c, "until": d.isoformat() if d else None} for c, d in sorted(until.items())]


def main() -> None:
    from babel import __version__

    print(f"// ISO 4217 codes of legal tender per CLDR (Babel {__version__}); \"until\": the last day")
    print("// any territory used it (null: still in use). Written by pipeline/normalize/cldr_currencies.py.")
    for entry in currency_codes():
        print(json.dumps(entry))


if __name__ == "__main__":
    main()
