"""report.html: one self-contained page (inline CSS, JS and data; no network) in
which every record leads back to its exact characters in the document text.

The page embeds at most MAX_DOCS documents and MAX_CHARS bytes of text (UTF-8)
(the first ones in documents.jsonl order), with their mentions and claims, so a
run over millions of articles still gives a page a browser can open; the page
says when it was cut. newsfacts.sqlite (sqlite_export) holds everything.
"""
from __future__ import annotations

import html
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pipeline.atomic import atomic_write, check_dest
from pipeline.plain import claim_words, value_words

REPORT_NAME = "report.html"
MAX_DOCS = 500
MAX_CHARS = 5_000_000
# Documents that were not processed (failed, skipped, empty) listed by name.
MAX_PROBLEMS = 200
TYPE_ORDER = ("money", "percent", "date", "org", "model")
TYPE_COLOURS = {
    "money": "#ffd166",
    "percent": "#8fd694",
    "date": "#9cc9ff",
    "org": "#f4a7c3",
    "model": "#c9b3ff",
}
OTHER_COLOUR = "#dddddd"
_QUALIFIERS = {"approx": "~", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


# --------------------------------------------------------------------------- reading


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSONL file; a missing file has none (claims.jsonl may not exist)."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if isinstance(row, dict):
                    yield row


@dataclass
class Output:
    """The part of an output folder that one page shows."""

    docs: list[dict[str, Any]] = field(default_factory=list)  # shown documents, each with "text"
    mentions: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)  # documents without text
    statuses: Counter = field(default_factory=Counter)
    total_docs: int = 0
    total_mentions: int = 0
    total_claims: int = 0
    capped: bool = False

    def record_kinds(self) -> dict[str, str]:
        """record id → "mention" or "claim", for the records on the page."""
        kinds = {m["id"]: "mention" for m in self.mentions}
        kinds.update((c["id"], "claim") for c in self.claims)
        return kinds


def load_output(out_dir: Path, max_docs: int = MAX_DOCS, max_chars: int = MAX_CHARS) -> Output:
    """Read the first documents (up to the caps) and their records, streaming every
    file once so memory stays bounded by the caps, not by the size of the run."""
    out = Output()
    texts, out.capped = _first_texts(out_dir / "texts.jsonl", max_docs, max_chars)
    rows: dict[str, dict[str, Any]] = {}
    for doc in read_jsonl(out_dir / "documents.jsonl"):
        out.total_docs += 1
        out.statuses[str(doc.get("status"))] += 1
        doc_id = doc.get("doc_id")
        if doc_id in texts and doc_id not in rows:
            rows[doc_id] = {**doc, "text": texts[doc_id]}
        elif doc.get("status") != "ok" and len(out.problems) < MAX_PROBLEMS:
            out.problems.append(doc)
    out.docs = list(rows.values())
    shown = set(rows)
    for m in read_jsonl(out_dir / "mentions.jsonl"):
        out.total_mentions += 1
        if m.get("doc_id") in shown and isinstance(m.get("id"), str):
            out.mentions.append(m)
    for c in read_jsonl(out_dir / "claims.jsonl"):
        out.total_claims += 1
        if c.get("doc_id") in shown and isinstance(c.get("id"), str):
            out.claims.append(c)
    return out


def _first_texts(path: Path, max_docs: int, max_chars: int) -> tuple[dict[str, str], bool]:
    """doc_id → text for the first documents, and whether the caps left any out.
    The first one is always taken, so one huge article still shows."""
    texts: dict[str, str] = {}
    chars = 0
    for row in read_jsonl(path):
        doc_id, text = row.get("doc_id"), row.get("text")
        if not isinstance(doc_id, str) or not isinstance(text, str) or doc_id in texts:
            continue
        size = len(text.encode("utf-8", "surrogatepass")) + len(doc_id.encode("utf-8", "surrogatepass"))
        if len(texts) >= max_docs or (texts and chars + size > max_chars):  # bytes on the page, not characters
            return texts, True
        texts[doc_id] = text
        chars += size
    return texts, False


# --------------------------------------------------------------------------- readable values


def number(x: Any) -> str:
    """1.2e9 → '1.2 billion', 5600 → '5,600': how a reporter would write it."""
    if not isinstance(x, (int, float)) or isinstance(x, bool) or not math.isfinite(x):
        return str(x)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= size:
            return f"{x / size:,.4g} {word}"
    return f"{x:,.4f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def readable_value(mtype: str, value: Any) -> str:
    """A short form of a mention's value for the table; never raises on odd values."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    try:
        fmt = _FORMATTERS.get(mtype)
        return fmt(value) if fmt else _generic(value)
    except (KeyError, TypeError, ValueError):
        return _generic(value)


def _money(v: dict[str, Any]) -> str:
    q = _QUALIFIERS.get(v.get("qualifier") or "", "")
    cur = v.get("currency") or "?"
    if v.get("vague"):
        return f"≥{number(v.get('low'))} {cur} (vague)"
    if v.get("amount") is not None:
        return f"{q}{number(v['amount'])} {cur}"
    return f"{q}{number(v.get('low'))}–{number(v.get('high'))} {cur}"


def _percent(v: dict[str, Any]) -> str:
    sign = {"increase": "+", "decrease": "−"}.get(v.get("direction") or "", "")
    q = _QUALIFIERS.get(v.get("qualifier") or "", "")
    fig = number(v["value"]) if v.get("value") is not None else f"{number(v.get('low'))}–{number(v.get('high'))}"
    unit = " pts" if v.get("unit") == "points" else "%"
    return f"{q}{sign}{fig}{unit}" + (f" {v['basis']}" if v.get("basis") else "")


def _date(v: dict[str, Any]) -> str:
    if v.get("value"):
        text = str(v["value"])
    elif v.get("start") or v.get("end"):
        text = f"{v.get('start') or '…'} .. {v.get('end') or '…'}"
    else:
        text = "(unresolved)"
    extras = [str(v[k]) for k in ("modifier",) if v.get(k)] + (["relative"] if v.get("relative") else [])
    return text + (f" ({', '.join(extras)})" if extras else "")


def _org(v: dict[str, Any]) -> str:
    return str(v.get("name")) + (f" [{v['ticker']}]" if v.get("ticker") else "")


def _model(v: dict[str, Any]) -> str:
    return str(v.get("name")) + (f" ({v['developer']})" if v.get("developer") else "")


def _generic(v: dict[str, Any]) -> str:
    parts = [f"{k}={number(x) if isinstance(x, (int, float)) else x}" for k, x in v.items() if x not in (None, "", [], {})]
    return ", ".join(parts)


_FORMATTERS = {"money": _money, "percent": _percent, "date": _date, "org": _org, "model": _model}


def claim_mention_ids(obj: Any) -> list[str]:
    """Every mention_id a claim cites, wherever it sits in the record."""
    found: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "mention_id" and isinstance(v, str):
                found.append(v)
            else:
                found.extend(claim_mention_ids(v))
    elif isinstance(obj, list):
        for v in obj:
            found.extend(claim_mention_ids(v))
    return list(dict.fromkeys(found))


def flag_details(claim: dict[str, Any]) -> dict[str, str]:
    """flag name → its details as short text (a tooltip on the flag)."""
    details: dict[str, str] = {}
    for f in claim.get("flags") or []:
        if isinstance(f, dict) and f.get("flag"):
            text = json.dumps({k: v for k, v in f.items() if k != "flag"}, ensure_ascii=False)
            details[str(f["flag"])] = (details.get(str(f["flag"]), "") + "\n" + text).strip()
    if claim.get("hedged"):
        details["hedged"] = ", ".join(str(h) for h in claim.get("hedges") or [])
    return details


def claim_flags(claim: dict[str, Any]) -> list[str]:
    """Flag names of a claim; 'hedged' counts as one so it can be filtered on."""
    names = [str(f.get("flag")) for f in claim.get("flags") or [] if isinstance(f, dict) and f.get("flag")]
    if claim.get("hedged"):
        names.append("hedged")
    return list(dict.fromkeys(names))


# --------------------------------------------------------------------------- document text


@dataclass(frozen=True)
class Mark:
    """A range of the text that becomes an element: a mention or a claim's sentence."""

    start: int
    end: int
    rank: int  # at equal ranges, lower ranks are outer (claim sentences outside mentions)
    id: str
    type: str  # mention type, or "claim"
    title: str

    @property
    def key(self) -> tuple[int, int, int, str]:
        return (self.start, -self.end, self.rank, self.id)


def undated(doc: dict[str, Any]) -> bool:
    """The article has no date to resolve "last year" against."""
    return not (doc.get("published") or doc.get("ref_date"))


def document_marks(
    text: str, mentions: list[dict[str, Any]], claims: list[dict[str, Any]], no_date: bool = False
) -> list[Mark]:
    """Marks for the records of one document; ranges outside the text are left out.
    `no_date`: the document has no publication date (said of unresolved dates)."""
    marks = []
    texts = {str(m["id"]): str(m.get("text") or "") for m in mentions}
    for m in mentions:
        title = f"{m.get('type')}: {value_words(str(m.get('type')), m.get('value'), undated=no_date)}"
        marks.append(Mark(_int(m.get("start")), _int(m.get("end")), 1, str(m["id"]), str(m.get("type")), title))
    for c in claims:
        s = as_dict(c.get("sentence"))
        words = claim_words(c, texts=texts, undated=no_date)
        marks.append(Mark(_int(s.get("start")), _int(s.get("end")), 0, str(c["id"]), "claim", words))
    return sorted((k for k in marks if 0 <= k.start < k.end <= len(text)), key=lambda k: k.key)


def as_dict(x: Any) -> dict[str, Any]:
    """A nested part of a record, or {} when it is missing or not an object."""
    return x if isinstance(x, dict) else {}


def _int(x: Any) -> int:
    return x if isinstance(x, int) and not isinstance(x, bool) else -1


def render_text(text: str, marks: list[Mark], furniture: Iterable[tuple[int, int]] = ()) -> Markup:
    """The text as HTML, escaped, with one element per mark carrying data-id,
    data-start and data-end. Properly nested marks nest; a mark that crosses
    another is closed and reopened (its later parts carry data-frag), so no
    text is ever duplicated. Each run of text is wrapped in a span whose classes
    name every type covering it, so overlaps show every colour."""
    furn = sorted(furniture)
    cuts = sorted({0, len(text)} | {k.start for k in marks} | {k.end for k in marks} | {p for r in furn for p in r})
    starts: dict[int, list[Mark]] = {}
    for k in marks:
        starts.setdefault(k.start, []).append(k)
    active: list[Mark] = []
    stack: list[Mark] = []
    opened: Counter = Counter()
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [k for k in active if k.end > a] + starts.get(a, [])
        want = sorted(active, key=lambda k: k.key)
        keep = _common_prefix(stack, want)
        out.extend("</span>" for _ in stack[keep:])
        for k in want[keep:]:
            opened[k.id] += 1
            out.append(_open_tag(k, opened[k.id]))
        stack = want
        out.append(_segment(text[a:b], [k.type for k in want if k.type != "claim"], _inside(furn, a)))
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))


def _common_prefix(a: list[Mark], b: list[Mark]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] is b[n]:
        n += 1
    return n


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _open_tag(k: Mark, part: int) -> str:
    cls = "snt" if k.type == "claim" else f"m t-{_css_name(k.type)}"
    frag = f' data-frag="{part}"' if part > 1 else ""
    return (
        f'<span class="{cls}" data-id="{_attr(k.id)}" data-start="{k.start}" data-end="{k.end}"{frag}'
        f' title="{_attr(k.title)}">'
    )


def _segment(text: str, types: list[str], furniture: bool) -> str:
    body = html.escape(text, quote=False)
    names = list(dict.fromkeys(types))
    if not names and not furniture:
        return body
    classes = ["seg"] + [f"t-{_css_name(t)}" for t in names]
    classes += (["multi"] if len(names) > 1 else []) + (["furn"] if furniture else [])
    style = ""
    if len(names) > 1:  # one band per type, so stacked types stay visible
        step = 100 / len(names)
        bands = ", ".join(
            f"{TYPE_COLOURS.get(t, OTHER_COLOUR)} {i * step:.0f}% {(i + 1) * step:.0f}%" for i, t in enumerate(names)
        )
        style = f' style="background: linear-gradient({bands})"'
    return f'<span class="{" ".join(classes)}"{style}>{body}</span>'


def _css_name(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def furniture_ranges(text: str, set_aside: Any, title: str | None = None) -> list[tuple[int, int]]:
    """The page-furniture ranges extraction set aside, recomputed from the text;
    used only when they add up to the document's set_aside count (so a report
    of an older run never dims the wrong lines)."""
    if not isinstance(set_aside, int) or set_aside <= 0:
        return []
    try:
        from pipeline.furniture import furniture_spans

        spans = [(int(s), int(e)) for s, e in furniture_spans(text, title)]
    except Exception:  # the heuristics must never cost the report
        return []
    return spans if sum(e - s for s, e in spans) == set_aside else []


# --------------------------------------------------------------------------- the page


def table_rows(out: Output) -> list[dict[str, Any]]:
    """The records list's rows (claims first, then mentions, each in document
    order), their values in plain words."""
    index = {d["doc_id"]: i for i, d in enumerate(out.docs)}
    no_date = {d["doc_id"] for d in out.docs if undated(d)}
    texts = {str(m["id"]): str(m.get("text") or "") for m in out.mentions}
    rows = []
    for c in out.claims:
        sentence = as_dict(c.get("sentence"))
        rows.append(
            {
                "id": c["id"], "doc": index[c["doc_id"]], "kind": "claim", "type": "claim",
                "text": str(sentence.get("text") or ""),
                "value": claim_words(c, texts=texts, undated=c["doc_id"] in no_date),
                "method": str(c.get("metric") or ""), "flags": claim_flags(c), "mids": claim_mention_ids(c),
                "fd": flag_details(c),
            }
        )
    for m in out.mentions:
        rows.append(
            {
                "id": m["id"], "doc": index[m["doc_id"]], "kind": "mention", "type": m.get("type"),
                "text": m.get("text"),
                "value": value_words(str(m.get("type")), m.get("value"), undated=m["doc_id"] in no_date),
                "method": m.get("method"), "flags": [], "mids": [],
            }
        )
    return rows


def script_json(data: Any) -> Markup:
    """JSON safe inside <script>: no '<', '>', '&' or line separators appear raw,
    so a text holding '</script>' or '<!--' cannot end or bend the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


def _asset(name: str) -> Markup:
    """A stylesheet or script inlined verbatim (the page fetches nothing)."""
    text = resources.files("pipeline").joinpath("templates", name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"asset {name} would end its inline element")
    return Markup(text)


def _type_css(types: Iterable[str]) -> Markup:
    return Markup("\n".join(f".t-{_css_name(t)}{{background:{TYPE_COLOURS.get(t, OTHER_COLOUR)}}}" for t in types))


def safe_url(url: Any) -> str | None:
    """An article's address when it is a web address; anything else (javascript:,
    data:, a path) is not linked."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": a broken address is shown unlinked, not a failed page
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def doc_label(doc: dict[str, Any]) -> str:
    """What a reader calls an article: its title, else its id."""
    title = doc.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else str(doc.get("doc_id"))


def _document(i: int, doc: dict[str, Any], mentions: list[dict[str, Any]], claims: list[dict[str, Any]]) -> dict[str, Any]:
    text = doc["text"]
    furniture = furniture_ranges(text, doc.get("set_aside"), doc.get("title"))
    return {
        "index": i, "doc_id": str(doc["doc_id"]), "label": doc_label(doc), "url": safe_url(doc.get("url")),
        "published": doc.get("published"), "source": doc.get("source"), "set_aside": doc.get("set_aside") or 0,
        "body": render_text(text, document_marks(text, mentions, claims, undated(doc)), furniture),
    }


@lru_cache(maxsize=1)
def _templates() -> Environment:
    # Autoescaping on for every template: a value reaches the page escaped unless
    # it is Markup built here (the document text, itself escaped piece by piece).
    env = Environment(
        loader=PackageLoader("pipeline", "templates"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["css"] = _css_name
    return env


def page_csp(review: bool) -> str:
    """The page's Content-Security-Policy: inline code and style only; the review
    page may also talk to its own server."""
    connect = "'self'" if review else "'none'"
    return f"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src {connect}"


def render_page(out: Output, *, review: bool = False, title: str = "newsfacts report") -> str:
    """The whole page from templates/page.html: everything inline, nothing
    fetched (the review page also talks to its own server's /api)."""
    by_doc: dict[str, tuple[list, list]] = {d["doc_id"]: ([], []) for d in out.docs}
    for m in out.mentions:
        by_doc[m["doc_id"]][0].append(m)
    for c in out.claims:
        by_doc[c["doc_id"]][1].append(c)
    types = [t for t in TYPE_ORDER if any(m.get("type") == t for m in out.mentions)]
    types += sorted({str(m.get("type")) for m in out.mentions} - set(types))
    docs_meta = [
        {"id": d["doc_id"], "title": doc_label(d), "url": safe_url(d.get("url")), "published": d.get("published")}
        for d in out.docs
    ]
    data = {"rows": table_rows(out), "docs": docs_meta, "types": types, "review": review}
    scripts = _asset("report.js") + (Markup("\n") + _asset("review.js") if review else Markup(""))
    return _templates().get_template("page.html").render(
        title=title, review=review, csp=page_csp(review), css=_asset("report.css"), type_css=_type_css(types),
        out=out, types=types, max_docs=MAX_DOCS, max_chars=MAX_CHARS,
        statuses=sorted(out.statuses.items()),
        docs=[_document(i, d, *by_doc[d["doc_id"]]) for i, d in enumerate(out.docs)],
        data=script_json(data), scripts=scripts,
    )


def write_report(out_dir: Path, dest: Path | None = None) -> Path:
    """Write OUT_DIR/report.html (or dest) under a temporary name, then rename it."""
    out_dir = Path(out_dir)
    if not (out_dir / "documents.jsonl").is_file():
        raise FileNotFoundError(f"{out_dir} has no documents.jsonl: not a newsfacts output folder")
    dest = check_dest(dest) if dest is not None else out_dir / REPORT_NAME
    page = render_page(load_output(out_dir), title=f"newsfacts report: {out_dir.resolve().name}")
    with atomic_write(dest) as fh:
        fh.write(page)
    return dest
