"""Build the dump-wide context table of patterns/org_contexts.jsonl from the real dumps.

    python benchmarks/build_org_contexts.py [--min 3] [--write]

The statistical model labels "Alexa", "Skype" or "Overwatch" an organisation
nearly everywhere, so its votes (org_votes.jsonl) cannot tell a product, an
event or a term from its maker. The words around a name across many documents
can: companies are the subject of "said", "announced", "acquired", have a chief
executive and shares, come after "shares of" or "CEO of"; products, services,
events and terms come before "app", "users", "game", "engine", "awards",
"festival", a year or a version, after "using", "play", "download", "degrees".
This reads every document of the three dumps (no model: one regex pass over
each text), finds each maximal run of capitalised words (a sentence's opener
such as "The" dropped), and counts, per run, its occurrences and how many of
them stand in an organisation's context and how many in a thing's. The cue
words are the entry "cues" of patterns/org_contexts.jsonl; the run keeps
strings found in at least --min documents with at least one context. No gold file and
no human label is used.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DUMPS = ROOT.parent / "shared" / "dumps"
OUT = ROOT / "patterns" / "org_contexts.jsonl"

# a capitalised word ("BitTorrent", "MS-DOS", "U.S.", "3M" not), runs of them joined by one
# space or "&"; not by "of", so that "CEO of X" and "Shares of X" leave X its own run
_WORD = r"[A-Z][\w&'’.-]*[\w&]|[A-Z]"
RUN = re.compile(rf"(?<![\w&'’.-])(?:{_WORD})(?:[ ](?:&[ ])?(?:{_WORD})){{0,4}}(?![\w&-])")


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def context_res(cues: dict) -> dict[str, re.Pattern[str]]:
    """The regexes of the cue lists: each matches right after (`*_after`) or right before (`*_before`) a name;
    the words before it may open a sentence ("Shares of X", "Using X")."""
    return {
        "org_after": re.compile(
            rf"(?:\s*,?\s+(?:{alternation(cues['org-verbs-after'])})\b"
            rf"|['’]s?\s+(?:{alternation(cues['org-possessions'])})\b"
            rf"|\s+(?:{alternation(cues['org-forms-after'])})(?![\w-]))"
        ),
        "org_before": re.compile(rf"(?:\b(?:{alternation(cues['org-words-before'])}),?\s+(?:the\s+)?)$", re.IGNORECASE),
        "thing_after": re.compile(
            rf"(?:[ \t]+(?:{alternation(cues['thing-words-after'])})\b"
            r"|[ \t]+20\d\d\b(?!\s*(?:%|per|mln|bn|billion|million))"
            # "Overwatch 2 is", "Windows 10,": not a score ("Derby 2 Fulham 1.", "2-1"),
            # a date ("Sun 22 Oct"), a caption's count ("2 of 7") or a quantity ("FCA 10 percent")
            rf"|[ \t]+v?\d{{1,2}}(?:\.\d+)?(?=[,;!?)]|\s+(?!(?:{alternation(cues['not-after-version'])})\b)[a-z]))"
        ),
        "thing_before": re.compile(rf"(?:\b(?:{alternation(cues['thing-words-before'])})\s+(?:the\s+)?)$", re.IGNORECASE),
    }


def runs(text: str, openers: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    """Each maximal run of capitalised words (a sentence's opener dropped): (name, start, end)."""
    for m in RUN.finditer(text):
        s, e = m.span()
        words = m.group().split(" ")
        while words and words[0] in openers:
            s += len(words[0]) + 1
            words = words[1:]
        if words:
            yield " ".join(words), s, e


def count(texts, cues: dict) -> dict[str, list[int]]:
    """string → [documents it occurs in, documents where it stands in an organisation's
    context at least once, documents where in a thing's]: per document, so that a page
    crawled many times or a name repeated in one text counts once."""
    res = context_res(cues)
    openers = frozenset(cues["openers"])
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for text in texts:
        seen: dict[str, list[int]] = {}
        for name, s, e in runs(text, openers):
            row = seen.setdefault(name, [1, 0, 0])
            before = text[max(0, s - 30) : s]
            if not row[1] and (res["org_after"].match(text, e) or res["org_before"].search(before)):
                row[1] = 1
            if not row[2] and (res["thing_after"].match(text, e) or res["thing_before"].search(before)):
                row[2] = 1
        for k, (n, o, t) in seen.items():
            row = table[k]
            row[0] += n
            row[1] += o
            row[2] += t
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min", type=int, default=3, help="documents a string must occur in to be kept")
    ap.add_argument("--write", action="store_true", help="write the table into patterns/org_contexts.jsonl")
    args = ap.parse_args(argv)

    entries = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    cues = next(e for e in entries if e["id"] == "cues")

    def texts():
        for name in ("bbc", "reuters", "web"):
            with gzip.open(DUMPS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line).get("text") or ""

    t0 = time.time()
    table = count(texts(), cues)
    kept = {s: v for s, v in sorted(table.items()) if v[0] >= args.min and (v[1] or v[2])}
    print(f"{len(table)} strings, {len(kept)} kept, {time.time() - t0:.0f}s", file=sys.stderr)
    entry = {
        "id": "table",
        "comment": "per capitalised string across the real dumps: [documents it occurs in, documents where it stands in "
        f"an organisation's context, in a thing's] (benchmarks/build_org_contexts.py; strings in at least {args.min} documents with a context)",
        "counts": kept,
    }
    if args.write:
        out = [e for e in entries if e["id"] != "table"] + [entry]
        OUT.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in out), encoding="utf-8")
    else:
        for s in ("Alexa", "Skype", "Overwatch", "BitTorrent", "Unity", "Apple", "Nvidia", "CES", "Oscars", "HP"):
            print(s, kept.get(s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
