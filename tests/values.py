"""Value builders shared by the tests: the full value of each mention type, as the
normalisers return it and the records carry it; documents with hand-made mentions
(`Doc.add` finds the mention's text in the document and sets offsets, sentence and
value, as the extractor would); and the seed stories the claim tests share."""
from __future__ import annotations

from typing import Any

from pipeline.claims import build_claims
from pipeline.normalize.text import sentence_bounds
from pipeline.records import VALUE_KEYS


def _number(x: float | None) -> float | None:
    return None if x is None else float(x)


def money(amount: float | None = None, currency: str | None = "USD", *, low: float | None = None,
          high: float | None = None, qualifier: str | None = None, vague: bool = False) -> dict[str, Any]:
    """A money value, every key set; numbers as floats, as the normaliser returns them."""
    return {"amount": _number(amount), "low": _number(low), "high": _number(high), "currency": currency,
            "qualifier": qualifier, "vague": vague}


def pct(value: float | None = None, direction: str | None = None, basis: str | None = None, *,
        low: float | None = None, high: float | None = None, qualifier: str | None = None,
        unit: str = "percent") -> dict[str, Any]:
    """A percent value, every key set; numbers as floats, as the normaliser returns them."""
    return {"value": _number(value), "low": _number(low), "high": _number(high), "qualifier": qualifier,
            "direction": direction, "basis": basis, "unit": unit}


def date(value: str | None, start: str | None, end: str | None, granularity: str,
         relative: bool = False, modifier: str | None = None) -> dict[str, Any]:
    return {"value": value, "start": start, "end": end, "granularity": granularity, "modifier": modifier,
            "relative": relative}


def org(name: str, ticker: str | None = None) -> dict[str, Any]:
    return {"name": name, "ticker": ticker}


class Doc:
    """A document and its hand-made mentions."""

    def __init__(self, doc_id: str, text: str, published: str | None = None) -> None:
        self.doc_id, self.text, self.published = doc_id, text, published
        self.mentions: list[dict[str, Any]] = []

    def add(self, mtype: str, surface: str, value: dict[str, Any], *, after: str | None = None) -> dict[str, Any]:
        """Mention the first `surface` (after the first `after`, if given)."""
        base = self.text.index(after) if after else 0
        start = self.text.index(surface, base)
        end = start + len(surface)
        assert set(value) == set(VALUE_KEYS[mtype])
        lo, hi = sentence_bounds(self.text, start, end)
        m = {"id": f"{self.doc_id}:{mtype}:{start}-{end}", "doc_id": self.doc_id, "source": f"{self.doc_id}.txt",
             "type": mtype, "start": start, "end": end, "text": surface, "sentence": self.text[lo:hi],
             "value": value, "method": "test"}
        self.mentions.append(m)
        return m

    def claims(self) -> list[dict[str, Any]]:
        return build_claims(self.doc_id, self.text, self.mentions, published=self.published)


def only(claims: list[dict[str, Any]], **where: Any) -> dict[str, Any]:
    found = [c for c in claims if all(c.get(k) == v for k, v in where.items())]
    assert len(found) == 1, [(c["id"], c["metric"]) for c in claims]
    return found[0]


def flags(claim: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [f for f in claim["flags"] if f["flag"] == name]


# ------------------------------------------------------------- seed stories

S000 = ("Data from market research firm PitchBook shows that in the first quarter of 2023, venture capital "
        "funding for AI and machine learning in China fell by 30% year-over-year to $1.2 billion.")
S001 = ("In the first quarter of this year, venture capitalists invested $1.2 billion across 144 deals in Chinese "
        "AI and machine learning, including speech recognition and robotic control, according to PitchBook. "
        "The total deal value fell 30% compared with the same period last year.")


def doc000() -> Doc:
    d = Doc("000_78491d6c5b3a8a4b",
            "Chinese investors are becoming increasingly cautious about backing AI startups focused on building "
            "foundation models, according to industry experts. " + S000
            + " In contrast, other regions around the world saw continued growth in this sector.")
    d.add("org", "PitchBook", org("PitchBook"))
    d.add("date", "the first quarter of 2023", date("2023-Q1", "2023-01-01", "2023-03-31", "quarter"))
    d.add("percent", "30%", pct(30.0, "decrease", "yoy"))
    d.add("money", "$1.2 billion", money(1.2e9))
    return d


def doc001(resolved: bool = True) -> Doc:
    d = Doc("001_ae24ac5a2293de1f",
            "Despite greater state backing and a nationalistic fervor, venture capital funding in the space remains "
            "muted. " + S001 + " This decline in venture capital funding underscores the challenges faced by AI "
            "startups in securing investment.",
            published="2023-05-15" if resolved else None)
    if resolved:  # as the date component resolves it against a 2023 publication date
        q1 = date("2023-Q1", "2023-01-01", "2023-03-31", "quarter", relative=True)
        last = date("2022-Q1", "2022-01-01", "2022-03-31", "quarter", relative=True)
    else:
        q1 = date(None, None, None, "quarter", relative=True)
        last = date(None, None, None, "quarter", relative=True)
    d.add("date", "the first quarter of this year", q1)
    d.add("money", "$1.2 billion", money(1.2e9))
    d.add("org", "PitchBook", org("PitchBook"))
    d.add("percent", "30%", pct(30.0, "decrease", "yoy"))
    d.add("date", "the same period last year", last)
    return d


def funding_doc(doc_id: str, amount_text: str, amount: float, pct_text: str | None = None,
                pct_value: float | None = None) -> Doc:
    tail = f", up {pct_text} from a year earlier." if pct_text else "."
    d = Doc(doc_id, f"In 2024, Zhipu raised {amount_text} in a new funding round{tail}")
    d.add("date", "2024", date("2024", "2024-01-01", "2024-12-31", "year"))
    d.add("org", "Zhipu", org("Zhipu"))
    d.add("money", amount_text, money(amount, "USD" if amount_text.startswith("$") else "CNY"))
    if pct_text:
        d.add("percent", pct_text, pct(pct_value, "increase", "yoy"))
    return d
