"""Names listed with organisations: "solutions from Luma, Meraki, Ruckus Wireless,
Samsung, TP-Link and D-Link", "Menlo has invested in Anthropic and Pinecone".
A comma or "and" list is a list of things of one kind, so where some of its
names are organisations already, the other capitalised names in it are too.
This finds the lists and their names; which of them may be taken is for the
caller, who knows the document's people, places and products. Pure, no spaCy."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalize.org_evidence import NAME

# ", " / " , ": what joins the names of a list; ", and " / " and " / " or " before the
# last ("moving slowly is OK, Menlo partner Tim Tully" is no list)
_COMMA = r"\s?,\s"
_CONJ = r"(?:\s?,\s|\s)(?:and|or)\s"
# a name list may not run on into a possessive ("Zoom’s Zoom Apps Fund" ends at "Zoom")
_END = r"(?![\w&-])"


@lru_cache(maxsize=None)
def _list_re() -> re.Pattern[str]:
    name = rf"(?:{NAME}){_END}"
    # "A, B and C", or three names or more with commas alone ("A, B, C, and others")
    return re.compile(rf"(?<![\w&'’.-]){name}(?:(?:{_COMMA}{name})*{_CONJ}{name}|(?:{_COMMA}{name}){{2,}})")


_NAME_RE = re.compile(NAME)


def name_lists(text: str) -> list[list[tuple[int, int]]]:
    """The spans of the names of every list of capitalised names: two or more, the
    last after "and" or "or", or three or more."""
    out = []
    for m in _list_re().finditer(text):
        names = [(m.start() + n.start(), m.start() + n.end()) for n in _NAME_RE.finditer(m.group())]
        if len(names) >= 2:
            out.append(names)
    return out
