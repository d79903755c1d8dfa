"""Readers: input paths → Article records (or Problem rows saying what went wrong).
Nothing else in the package reads input files.

Each file is read as the format its content shows (see readers/sniff.py): text,
HTML, JSON, JSONL, CSV/TSV or WARC, any of them gzip-compressed.

Whatever an input holds, reading it never raises (but for a path that does not
exist, InputError): every file, and every record of a dump, gives an Article or a
Problem row saying why there is none. A file that cannot be opened, is not a regular
file, is a dangling symbolic link, is binary, is over the size limit (MAX_BYTES), or
makes a reader fail unexpectedly gets a failed or skipped row, and the run goes on."""
from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.readers.base import (  # re-exported: the public names of this module
    DEFAULT_FIELDS,
    ID_FIELDS,
    MAX_BYTES,
    MAX_JSON_BYTES,
    METADATA_NAME,
    PUBLISHED_FIELDS,
    TEXT_FIELDS,
    TITLE_FIELDS,
    URL_FIELDS,
    NotedArticle,
    Problem,
    ReadContext,
    article_from_row,
    parse_published,
    repair_c1,
    with_note,
)
from pipeline.readers.html import read_html
from pipeline.readers.sniff import ProbeError, ReadProgress, Source, probe, resolve, shown
from pipeline.readers.tabular import read_csv, read_json, read_jsonl
from pipeline.readers.text import read_text
from pipeline.readers.warc import read_warc
from pipeline.records import Article

__all__ = [
    "InputError", "NotedArticle", "Problem", "article_from_row", "check_paths", "iter_files", "parse_published", "read_articles",
    "ID_FIELDS", "TEXT_FIELDS", "PUBLISHED_FIELDS", "TITLE_FIELDS", "URL_FIELDS", "METADATA_NAME",
    "MAX_BYTES", "MAX_JSON_BYTES",
]

Reader = Callable[[Source, ReadContext], Iterator[Article | Problem]]
READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "warc": read_warc,
}


class InputError(Exception):
    """A user error about the inputs as a whole (e.g. a path that does not exist)."""


def check_paths(paths: Iterable[str | Path]) -> None:
    """InputError for a named path that does not exist (checked before a run starts)."""
    for p in map(Path, paths):
        if not (p.exists() or p.is_symlink()):
            raise InputError(f"no such file or folder: {p}")


def iter_files(paths: Iterable[str | Path], exclude: str | Path | None = None) -> Iterator[Path]:
    """The files named, and those found (recursively, sorted) in folders named.
    Within folders, whatever is not a folder is listed (dangling symbolic links,
    FIFOs... too, so that each gets its row); hidden names and metadata.jsonl are not,
    symbolic links to folders are not followed, and nothing under `exclude` (the
    output folder, when it lies inside an input folder) is read back."""
    for _, item in _inputs(paths, exclude):
        if isinstance(item, Path):
            yield item


def _inputs(
    paths: Iterable[str | Path], exclude: str | Path | None = None, follow_symlinks: bool = False
) -> Iterator[tuple[Path, Path | Problem]]:
    """(the folder or file named, each file under it or the row of a folder that
    cannot be listed / a link that is not followed), in the order of sorted paths."""
    skip = os.path.realpath(exclude) if exclude is not None else None
    for p in map(Path, paths):
        if p.is_dir():
            for item in _walk(p, skip, follow_symlinks):
                yield p, item
        elif p.exists() or p.is_symlink():
            yield p.parent, p
        else:
            raise InputError(f"no such file or folder: {p}")


def _walk(top: Path, skip: str | None, follow: bool) -> Iterator[Path | Problem]:
    """The files under `top`, depth first with names sorted (the order of sorted full
    paths). Iterative, so no depth of folders exhausts the stack; a folder that cannot
    be listed gets a failed row instead of its files; a link out of `top` to a file
    is not followed unless `follow`, nor a link to a folder (with `follow` it is,
    once: a loop of links ends where it comes back)."""
    top_real = os.path.realpath(top)
    stack: list[Iterator[os.DirEntry]] = []
    visited = {_inode(top)}

    def listing(folder: Path) -> Iterator[os.DirEntry] | Problem:
        try:
            with os.scandir(folder) as it:
                return iter(sorted(it, key=lambda e: e.name))
        except OSError as exc:
            reason = f"cannot list folder: {exc.strerror or exc}; the files in it were not read"
            return Problem(shown(folder.name), shown(folder), "failed", reason)

    first = listing(top)
    if isinstance(first, Problem):
        yield first
        return
    stack.append(first)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith(".") or entry.name == METADATA_NAME:
            continue
        path = Path(entry.path)
        if skip is not None and _within(os.path.realpath(path), skip):
            continue
        descend = _is_real_dir(entry) or (follow and entry.is_symlink() and _is_dir(path))
        if descend:
            node = _inode(path)
            if node in visited and entry.is_symlink():
                yield Problem(shown(path.name), shown(path), "skipped", "symbolic link to a folder already read (a loop): not followed")
                continue
            visited.add(node)
            sub = listing(path)
            if isinstance(sub, Problem):
                yield sub
            else:
                stack.append(sub)
            continue
        if entry.is_symlink() and not follow and _is_file(path) and not _within(os.path.realpath(path), top_real):
            target = os.path.realpath(path)
            reason = f"symbolic link to {shown(target)}, outside the input folder: not followed (--follow-symlinks reads it)"
            yield Problem(shown(path.stem), shown(path), "skipped", reason)
            continue
        yield path


def _is_real_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_articles(
    paths: Iterable[str | Path],
    *,
    text_field: str | None = None,
    id_field: str | None = None,
    date_field: str | None = None,
    title_field: str | None = None,
    max_bytes: int = MAX_BYTES,
    exclude: str | Path | None = None,
    follow_symlinks: bool = False,
    progress: ReadProgress | None = None,
) -> Iterator[Article | Problem]:
    """Every article in `paths`, in a stable order; doc_ids are unique (a repeat
    becomes a skipped Problem row, but for files of the same name in different
    folders: the second takes its path as id). The *_field names, when given, are
    tried before the usual aliases in JSON, JSONL, CSV and TSV records. An article
    over `max_bytes` (a text or HTML file, a JSONL line, a WARC record) is skipped
    unread, with a row saying so. Files under `exclude` are not read; symbolic links
    out of an input folder are read only with `follow_symlinks`. `progress`, when
    given, is kept up to date with the bytes of the input files read."""
    fields = DEFAULT_FIELDS.preferring(text_field=text_field, id_field=id_field, date_field=date_field, title_field=title_field)
    ctx = ReadContext(fields=fields, max_bytes=max_bytes, progress=progress)
    seen: dict[str, str] = {}
    for root, f in _inputs(paths, exclude, follow_symlinks):
        if isinstance(f, Problem):
            yield f
            continue
        for item in _read_file(f, ctx):
            if item.doc_id in seen and _whole_file(item, f):
                item = replace(item, doc_id=_path_id(f, root))
            if isinstance(item, Article):
                if item.doc_id in seen:
                    yield Problem(item.doc_id, item.source, "skipped", f"duplicate doc_id, first read from {seen[item.doc_id]}")
                    continue
                seen[item.doc_id] = item.source
            yield item
        if progress is not None:
            progress.finished(_size(f))


def _size(f: Path) -> int:
    try:
        return f.stat().st_size if f.is_file() else 0
    except OSError:
        return 0


def _whole_file(item: Article | Problem, f: Path) -> bool:
    """Whether `item` is the one item of file `f` with the id its name gives."""
    return item.source == shown(f) and item.doc_id == _file_stem(f)


def _file_stem(f: Path) -> str:
    name = f.name
    while name.lower().endswith(".gz"):
        name = name[:-3]
    return shown(Path(name).stem)


def _path_id(f: Path, root: Path) -> str:
    """The id of a file whose name another file already took: its path under the
    folder named (`site2/index` for site2/index.html), without the extension."""
    try:
        rel = f.relative_to(root)
    except ValueError:
        rel = f
    stem = _file_stem(f)
    return (shown(rel.parent if rel.parent != Path(".") else f.parent) + "/" + stem).replace(os.sep, "/")


def _read_file(f: Path, ctx: ReadContext) -> Iterator[Article | Problem]:
    """The items of one file; a reader that fails unexpectedly ends the file with a
    failed row (the items already read stand), never the run."""
    problem = _not_a_file(f)
    if problem is not None:
        yield problem
        return
    note = None if shown(f) == str(f) else "the file's path is not UTF-8: shown with \\xNN escapes"
    try:
        for item in _read_regular(f, ctx):
            yield _repaired(with_note(item, note)) if isinstance(item, Article) else item
    except Exception as exc:  # noqa: BLE001 - a reader bug on one odd file must not stop the run
        yield Problem(shown(f.stem), shown(f), "failed", f"reading stopped: {type(exc).__name__}: {str(exc)[:200]}")


def _repaired(article: Article) -> Article:
    """`article` with C1 controls in its text and title read as what they stand for."""
    text, note = repair_c1(article.text)
    title = repair_c1(article.title)[0] if article.title else article.title
    if note is None and title == article.title:
        return article
    return with_note(replace(article, text=text, title=title), note)


def _not_a_file(f: Path) -> Problem | None:
    """The row for a path that is no readable regular file, else None."""
    stem, name = shown(f.stem), shown(f)
    try:
        st = f.stat()
    except FileNotFoundError:
        if f.is_symlink():
            return Problem(stem, name, "failed", f"dangling symbolic link: its target {_link_target(f)} does not exist")
        return Problem(stem, name, "failed", "file disappeared while the run was reading")
    except OSError as exc:  # a link loop, a name too long, permissions on the way
        return Problem(stem, name, "failed", f"cannot read file: {exc.strerror or exc}")
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISDIR(st.st_mode):
        return Problem(stem, name, "skipped", "symbolic link to a folder: not followed")
    return Problem(stem, name, "skipped", f"not a regular file ({_file_kind(st.st_mode)})")


def _link_target(f: Path) -> str:
    try:
        return shown(f.readlink())
    except OSError:
        return "(unknown)"


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "an unknown kind of file"


def _read_regular(f: Path, ctx: ReadContext) -> Iterator[Article | Problem]:
    try:
        src, head = probe(f)
    except ProbeError as exc:
        yield Problem(exc.src.stem, shown(f), "failed", str(exc))
        return
    if ctx.progress is not None:
        src = replace(src, progress=ctx.progress)
    kind = resolve(src, head, ctx.fields.text)
    if kind is None:
        yield Problem(src.stem, shown(f), "skipped", f"unsupported file type {src.suffix or '(none)'}")
        return
    if kind.name == "csv":
        yield from read_csv(src, ctx, kind.delimiter)
    else:
        yield from READERS[kind.name](src, ctx)
