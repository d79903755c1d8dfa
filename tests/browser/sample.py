"""A small output folder written by hand, as `newsfacts extract` would write it,
plus a claims.jsonl: overlapping spans (identical, nested, crossing), a text
holding '</script><!--', page furniture, a failed document and flagged claims."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.furniture import furniture_spans

D1 = (
    "Acme Corp said revenue rose 12% to $5.6 billion in 2023, beating forecasts.\n"
    "DeepSeek released DeepSeek-V3 </script><!-- & more.\n"
    "Home\nWorld\nBusiness\nShare on Facebook"
)
D2 = (
    "Second story.\n\n"
    + "\n\n".join(f"Paragraph {i}: the council said spending may rise." for i in range(60))
    + ("\n\nAt the end, profit fell 3 percent.")
)
VALUES: dict[str, dict[str, Any]] = {
    "org": {"name": None, "ticker": None},
    "model": {"name": None, "developer": "DeepSeek"},
    "money": {"amount": 5.6e9, "low": None, "high": None, "currency": "USD", "qualifier": None, "vague": False},
    "percent": {
        "value": 12.0,
        "low": None,
        "high": None,
        "qualifier": None,
        "direction": "increase",
        "basis": None,
        "unit": "percent",
    },
    "date": {
        "value": "2023",
        "start": "2023-01-01",
        "end": "2023-12-31",
        "granularity": "year",
        "modifier": None,
        "relative": False,
    },
}


def mention(doc_id: str, text: str, mtype: str, surface: str, nth: int = 0, shift: int = 0) -> dict[str, Any]:
    """The record of the nth occurrence of `surface` in `text` (offset by shift)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    start += shift
    end = start + len(surface)
    value = dict(VALUES[mtype])
    if "name" in value:
        value["name"] = surface
    return {
        "id": f"{doc_id}:{mtype}:{start}-{end}",
        "doc_id": doc_id,
        "source": f"in/{doc_id}.txt",
        "type": mtype,
        "start": start,
        "end": end,
        "text": text[start:end],
        "sentence": "",
        "value": value,
        "method": f"rule:{mtype}-test",
    }


def d1_mentions() -> list[dict[str, Any]]:
    return [
        mention("d1", D1, "org", "Acme Corp"),
        mention("d1", D1, "percent", "12%"),
        mention("d1", D1, "money", "$5.6 billion"),
        mention("d1", D1, "date", "2023"),
        mention("d1", D1, "org", "DeepSeek"),  # org and model on the same characters
        mention("d1", D1, "model", "DeepSeek"),
        mention("d1", D1, "model", "DeepSeek-V3"),
        mention("d1", D1, "org", "DeepSeek", nth=1),  # nested in DeepSeek-V3
        mention("d1", D1, "model", "V3 </script>"),  # crosses the next one
        mention("d1", D1, "org", "</script><!-- &"),
    ]


def d2_mentions() -> list[dict[str, Any]]:
    m = mention("d2", D2, "percent", "3 percent")
    m["value"] = {**m["value"], "value": 3.0, "direction": "decrease"}
    return [m]


def claims(m1: list[dict[str, Any]], m2: list[dict[str, Any]]) -> list[dict[str, Any]]:
    s1 = D1.index(".\n") + 1
    s2 = D2.index("At the end")
    return [
        {
            "id": f"d1:claim:0-{s1}",
            "doc_id": "d1",
            "sentence": {"start": 0, "end": s1, "text": D1[:s1]},
            "subjects": [{"name": "Acme Corp", "mention_id": m1[0]["id"]}],
            "scope": "global",
            "metric": "revenue",
            "metric_cue": "revenue",
            "amount": {"mention_id": m1[2]["id"], "type": "money", "value": m1[2]["value"]},
            "change": {
                "mention_id": m1[1]["id"],
                "type": "percent",
                "value": m1[1]["value"],
                "direction": "increase",
                "basis": None,
            },
            "period": {"mention_id": m1[3]["id"], "type": "date", "value": m1[3]["value"]},
            "attribution": None,
            "hedged": False,
            "hedges": [],
            "flags": [{"flag": "corroborated", "by": ["elsewhere:claim:1-2"]}],
        },
        {
            "id": f"d2:claim:{s2}-{len(D2)}",
            "doc_id": "d2",
            "sentence": {"start": s2, "end": len(D2), "text": D2[s2:]},
            "subjects": [],
            "metric": "profit",
            "amount": None,
            "change": {"mention_id": "elsewhere:percent:1-2", "value": 3.0, "direction": "decrease"},
            "period": None,
            "attribution": {"source": "the council", "mention_id": None, "cue": "said"},
            "hedged": True,
            "hedges": ["may"],
            "flags": [{"flag": "conflict", "with": f"d1:claim:0-{s1}"}],
        },
    ]


def document(doc_id: str, text: str | None, n: int, status: str = "ok", reason: str | None = None) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "source": f"in/{doc_id}.txt",
        "title": f"Story {doc_id}" if text else None,
        "published": "2024-02-19" if text else None,
        "ref_date": "2024-02-19" if text else None,
        "chars": len(text or ""),
        "set_aside": sum(e - s for s, e in furniture_spans(text)) if text else 0,
        "status": status,
        "reason": reason,
        "mentions": n,
    }


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def make_output(out: Path, with_claims: bool = True) -> dict[str, Any]:
    """Write the sample output folder; returns its records."""
    out.mkdir(parents=True, exist_ok=True)
    m1, m2 = d1_mentions(), d2_mentions()
    docs = [document("d1", D1, len(m1)), document("d2", D2, len(m2)), document("d3", None, 0, "failed", "not UTF-8")]
    docs[0]["url"] = "https://news.example/acme-results?a=1&b=2"  # d2 has none: its title alone
    write_jsonl(out / "documents.jsonl", docs)
    write_jsonl(out / "texts.jsonl", [{"doc_id": "d1", "text": D1}, {"doc_id": "d2", "text": D2}])
    write_jsonl(out / "mentions.jsonl", m1 + m2)
    cl = claims(m1, m2)
    if with_claims:
        write_jsonl(out / "claims.jsonl", cl)
    return {"documents": docs, "mentions": m1 + m2, "claims": cl if with_claims else [], "texts": {"d1": D1, "d2": D2}}
