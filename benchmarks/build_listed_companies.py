"""Build patterns/listed_companies.jsonl: the names of the companies in the major
stock indices (S&P 500, Nasdaq 100, Dow Jones, FTSE 100, DAX, CAC 40, Nikkei 225 and
others), as the `pytickersymbols` package (MIT) on PyPI ships them, with the short
forms news uses: the legal form dropped by `cleanco` (MIT) ("Adobe Inc." → "Adobe"),
a leading "The" dropped, the project's own short forms ("BT Group" → "BT") and a
founder's surname after a given name ("Charles Schwab" → "Schwab").

    pip install pytickersymbols==1.17.10 cleanco==2.3
    python benchmarks/build_listed_companies.py [--write]

The list is evidence, not a gazetteer: a name the statistical model reads as an
organisation weighs more when a listed company bears it
(pipeline/normalize/org_mention.py). Words news writes lower-case and the names of
countries are left out, so "Target" or "Block" alone count for nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "patterns" / "listed_companies.jsonl"


def surfaces(name: str) -> set[str]:
    from cleanco import basename

    from pipeline.normalize.org_evidence import given_names
    from pipeline.normalize.org_score import _name_words
    from pipeline.normalize.orgs import short_forms

    out = {name.strip()}
    base = basename(name).strip().rstrip(",")
    if base.startswith("The "):
        base = base[4:]
    if base:
        out.add(base)
        out.update(short_forms(base))
    words = base.split()
    if len(words) == 2 and words[0] in given_names() and words[1][:1].isupper():
        out.add(words[1])
    # "Ford Motor", "BT Group": the first word alone where the rest are words
    # organisations' names end in
    elif len(words) >= 2 and words[0] not in given_names() and all(w in _name_words() for w in words[1:]):
        out.add(words[0])
    return {s.rstrip(" &,") for s in out}


def keep(surface: str) -> bool:
    from pipeline.normalize.dateline import is_country, territory_of
    from pipeline.normalize.org_score import common_words

    from pipeline.normalize.org_evidence import given_names

    from pipeline.normalize.orgs import org_filters

    if len(surface) < 2 or surface.lower() in common_words() or surface in given_names():
        return False
    if surface.lower() in org_filters()["nationalities"]:
        return False
    return not (is_country(surface) or territory_of(surface))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="write patterns/listed_companies.jsonl")
    args = ap.parse_args(argv)
    from importlib.metadata import version

    from pytickersymbols import PyTickerSymbols

    stocks = list(PyTickerSymbols().get_all_stocks())
    names = sorted({s for stock in stocks for s in surfaces(stock["name"]) if keep(s)})
    entry = {
        "id": "index-constituents",
        "comment": f"names of the {len(stocks)} companies of major stock indices in pytickersymbols "
        f"{version('pytickersymbols')} (MIT), with their short forms (benchmarks/build_listed_companies.py)",
        "names": names,
    }
    print(f"{len(stocks)} companies, {len(names)} names")
    if args.write:
        OUT.write_text(json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
