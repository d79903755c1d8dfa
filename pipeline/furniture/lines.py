"""Page furniture, line by line: the lines of a scraped news page that are not article prose.

``classify(text)`` returns the non-blank lines of ``text`` and, for each,
whether it is furniture as a whole: menus, share bars, link lists, comment
boxes, cookie and newsletter notices, credit lines, legal footers, contact
lines, code-fence remnants and blocks in another script. The text itself is
never changed; the package turns these lines into ranges.

Lines are judged from their own features (length, script, ending, cue words
from ``patterns/furniture.jsonl``) and then from their neighbours, so that a
short line amid prose stays a heading while the same line amid furniture
joins it. The rules lean towards keeping: a mention lost from real prose costs
more than a stray menu item kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.furniture.phrases import PhraseFinder, fold, words_of
from pipeline.normalize.text import alternation
from pipeline.resources import load_jsonl

PATTERNS_FILE = "furniture.jsonl"

# A line this long that ends a sentence is prose; this long is prose anyway.
PROSE_MIN_WORDS = 8
PROSE_ANY_WORDS = 20
# Share bars and account boxes are a few words; longer lines are headlines or prose.
UI_MAX_WORDS = 5
LIST_HEAD_MAX_WORDS = 6
# Menu items are one to three words; titles are usually longer.
MENU_MAX_WORDS = 3
MENU_MIN_RUN = 3
# Items under a "Related" header are headlines, rarely longer than this.
LIST_ITEM_MAX_WORDS = 16
LABEL_MAX_WORDS = 12
CONTACT_MAX_TOKENS = 10
PHONE_MIN_DIGITS = 8
# Short lines joined to furniture by position: at the very top only a
# one-word site name, between furniture lines up to two words, after the last
# prose line up to four.
HEAD_MAX_WORDS = 1
SANDWICH_MAX_WORDS = 2
SANDWICH_MAX_RUN = 3
TAIL_MAX_WORDS = 4
MAX_JOIN_WORDS = max(HEAD_MAX_WORDS, SANDWICH_MAX_WORDS, TAIL_MAX_WORDS, MENU_MAX_WORDS)
# Share of letters outside the Latin script that makes a line foreign.
FOREIGN_SHARE = 0.5
FOREIGN_MIN_LETTERS = 2

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
# Letters that are not Latin (basic, Latin-1, Extended-A/B, Vietnamese block).
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_DIGIT = re.compile(r"\d")
_SENT_PUNCT = frozenset(".!?。！？…")
_CLOSERS = "\"'”’)]»"
_BULLET = re.compile(r"^(?:[-*•·▪–—]|\d{1,2}[.)])\s+")
# "```html" and the same fence mangled by smart quotes ("“`html", "“`").
_CODE_FENCE = re.compile(r"^[\"'“”‘’]*`+[\"'“”‘’`]*[\w+#.\-]{0,20}$")
_URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(
    r"(?<![\w+])(\+)?(?:\d{1,4}[\s.\-]?)?(?:\(\d{1,4}\)[\s.\-]?)?\d{2,4}(?:[\s.\-]\d{2,4}){1,4}(?!\w)"
)
_NAV_SEP = re.compile(r"\s+[|•·»›/]\s+")
_NAV_CHARS = re.compile(r"[|•·»›/]")
_HEAD_TRIM = re.compile(r"^(?:[-*•·▪]\s*)|[\s:：»›>…\-–—|.]+$")
_SPACES = re.compile(r"\s+")
_YEAR_ANY = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_YEAR = re.compile(r"^(?:©\s*)?\d{4}\b")


@dataclass(frozen=True)
class _Vocab:
    ui: frozenset[str]
    filler: frozenset[str]
    contact: frozenset[str]
    dateline: frozenset[str]
    list_heads: frozenset[str]
    # First words of list heads and labels: a cheap test before the regexes.
    openers: frozenset[str]
    lead: re.Pattern[str]
    label: re.Pattern[str]
    strong_phrase: PhraseFinder
    weak_phrase: PhraseFinder
    disclaimer: PhraseFinder


def _alternation(phrases: list[str]) -> str:
    # Longest first so that "photo credit" wins over "photo".
    return "(?:" + alternation({p.lower() for p in phrases}, lambda p: r"\s+".join(map(re.escape, p.split()))) + ")"


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[str]] = {}
    for entry in load_jsonl(PATTERNS_FILE):
        kind = entry["kind"]
        if kind == "phrase":
            kind = "strong_phrase" if entry.get("weight", 1) >= 2 else "weak_phrase"
        words.setdefault(kind, set()).update(w.lower() for w in entry.get("words", ()))
        phrases.setdefault(kind, []).extend(entry.get("phrases", ()))

    def rx(kind: str, template: str) -> re.Pattern[str]:
        return re.compile(template.format(_alternation(phrases.get(kind, []) or ["\0"])), re.IGNORECASE)

    return _Vocab(
        ui=frozenset(words.get("ui", ())),
        filler=frozenset(words.get("filler", ())),
        contact=frozenset(words.get("contact", ())),
        dateline=frozenset(words.get("dateline", ())),
        list_heads=frozenset(_SPACES.sub(" ", p.lower()) for p in phrases.get("list_head", ())),
        openers=frozenset(
            p.split()[0].lower() for k in ("list_head", "label") for p in phrases.get(k, ())
        ),
        lead=rx("lead", r"^[(\[]?\s*(?<!\w){}(?!\w)(?P<after>.*)$"),
        label=rx("label", r"^[(\[]?\s*{}\s*[:：|]\s*(?P<rest>\S.*)$"),
        strong_phrase=PhraseFinder(phrases.get("strong_phrase", [])),
        weak_phrase=PhraseFinder(phrases.get("weak_phrase", [])),
        disclaimer=PhraseFinder(phrases.get("disclaimer", [])),
    )


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    words: int
    prose: bool
    numeric: bool  # no letters at all: times, counters, rules
    sentence: bool  # ends with sentence punctuation
    dated: bool  # names a date or a year: a dateline is kept unless flagged on its own
    menu_like: bool
    ends_colon: bool
    strong: bool  # furniture by its own features
    list_head: bool
    bare_lead: bool  # "Disclaimer:" alone, its text follows
    disclaimer: bool  # reads like the text of a disclaimer
    cued: bool = False  # furniture by its cue phrases only: runs.py may keep the prose around them
    lower: str = ""  # the line in lower case, and its words: runs.py looks for cues in them too
    tokens: frozenset[str] = frozenset()


def classify(text: str) -> tuple[list[_Line], list[bool]]:
    """The non-blank lines of `text` and, for each, whether it is furniture as a whole."""
    if not text or text.isspace():
        return [], []
    vocab = _vocab()
    lines = _split_lines(text, vocab)
    furn = [ln.strong for ln in lines]
    _expand_lists(lines, furn)
    _expand_leads(lines, furn)
    prose = [i for i, ln in enumerate(lines) if ln.prose and not furn[i]]
    # Without any prose there is no context to tell a menu from a list of headings.
    if prose:
        _mark_menus(lines, furn, prose[0], prose[-1])
        _absorb_head(lines, furn, prose[0])
        _absorb_tail(lines, furn, prose[-1])
    _absorb_sandwiched(lines, furn)
    return lines, furn


def _split_lines(text: str, vocab: _Vocab) -> list[_Line]:
    """The non-blank lines of `text` with their features."""
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        s = raw.strip()
        if s:
            out.append(_line_features(s, pos, end - 1 if raw.endswith("\r") else end, vocab))
        pos = end + 1
    return out


def _line_features(s: str, start: int, end: int, vocab: _Vocab) -> _Line:
    tokens = s.split()
    if len(tokens) > 2 * PROSE_ANY_WORDS:
        # Prose whatever its exact word count: spare the word regex.
        words: list[str] = []
        nw = len(tokens)
    else:
        words = _WORD.findall(s)
        nw = len(words)
    ends_sent = s.rstrip(_CLOSERS)[-1:] in _SENT_PUNCT
    foreign = False
    if not s.isascii():
        non_latin = len(_NON_LATIN.findall(s))
        if non_latin >= FOREIGN_MIN_LETTERS:
            foreign = non_latin >= FOREIGN_SHARE * len(_LETTER.findall(s))
    prose = not foreign and (nw >= PROSE_ANY_WORDS or (nw >= PROSE_MIN_WORDS and ends_sent))
    ends_colon = s.endswith((":", "："))
    lower = fold(s)
    token_set = words_of(lower)
    # Only short lines are ever joined to furniture by position; only they need the date test.
    dated = nw <= MAX_JOIN_WORDS and (not token_set.isdisjoint(vocab.dateline) or _YEAR_ANY.search(s) is not None)
    line = _Line(
        lower=lower,
        tokens=token_set,
        start=start,
        end=end,
        words=nw,
        prose=prose,
        numeric=nw == 0,
        sentence=ends_sent,
        dated=dated,
        menu_like=0 < nw <= MENU_MAX_WORDS
        and not dated
        and not ends_sent
        and not ends_colon
        and _DIGIT.search(s) is None
        and _BULLET.match(s) is None,
        ends_colon=ends_colon,
        strong=foreign,
        list_head=False,
        bare_lead=False,
        disclaimer=bool(vocab.disclaimer.hits(lower, token_set)),
    )
    if foreign:
        return line

    lead = vocab.lead.match(s)
    if lead:
        after = lead["after"].strip()
        bare = not _WORD.search(after)
        if bare or after.startswith((":", "：")) or "©" in s or _YEAR.match(after):
            line.strong = True
            line.bare_lead = bare
            return line

    strong = vocab.strong_phrase.hits(lower, token_set)
    # A weak cue inside a strong one ("cookies" in "we use cookies") is not a second cue.
    weak = [w for w in vocab.weak_phrase.hits(lower, token_set) if not any(w in p for p in strong)]
    score = 2 * len(strong) + len(weak)
    if score >= 3 or (score >= 2 and not prose):
        line.strong = line.cued = True
        return line
    if prose:
        return line

    lower_words = [w.lower() for w in words]
    opener = bool(lower_words) and lower_words[0] in vocab.openers
    if opener and nw <= LIST_HEAD_MAX_WORDS:
        head = _SPACES.sub(" ", _HEAD_TRIM.sub("", lower))
        if head in vocab.list_heads:
            line.strong = line.list_head = True
            return line
    line.strong = (
        _is_ui(lower_words, vocab)
        or ("`" in s and _CODE_FENCE.match(s) is not None)
        or _URL_ONLY.match(s) is not None
        or (opener and _is_credit(s, nw, vocab))
        or _is_contact(s, lower_words, vocab)
        or (_NAV_CHARS.search(s) is not None and _is_nav_line(s))
    )
    return line


def _is_ui(words: list[str], vocab: _Vocab) -> bool:
    """A share bar, account or navigation control: only cue words and filler."""
    if not 0 < len(words) <= UI_MAX_WORDS:
        return False
    has_cue = False
    for w in words:
        if w in vocab.ui:
            has_cue = True
        elif w not in vocab.filler:
            return False
    return has_cue


def _is_credit(s: str, nw: int, vocab: _Vocab) -> bool:
    """"Credit: Visual China", "Tags: AI, China". A byline ("By Jane Doe, Reuters") is
    not furniture: it says who reported the story, which a reader checks."""
    return nw <= LABEL_MAX_WORDS and bool(vocab.label.match(s))


def _is_contact(s: str, words: list[str], vocab: _Vocab) -> bool:
    """A short line carrying a phone number or an e-mail address."""
    if len(s.split()) > CONTACT_MAX_TOKENS:
        return False
    if "@" in s and _EMAIL.search(s):
        return True
    if len(_DIGIT.findall(s)) < PHONE_MIN_DIGITS:
        return False
    for m in _PHONE.finditer(s):
        digits = sum(c.isdigit() for c in m.group())
        # Without a "+" a digit run needs a contact word to be read as a number to call.
        if digits >= PHONE_MIN_DIGITS and (m.group(1) or any(w in vocab.contact for w in words)):
            return True
    return False


def _is_nav_line(s: str) -> bool:
    """A breadcrumb or inline menu: "Home | World | Tech"."""
    parts = _NAV_SEP.split(s)
    if len(parts) < MENU_MIN_RUN:
        return False
    for p in parts:
        if not 0 < len(_WORD.findall(p)) <= MENU_MAX_WORDS or _DIGIT.search(p):
            return False
    return True


def _heading_before_prose(lines: list[_Line], furn: list[bool], i: int) -> bool:
    """A short line directly above prose is that prose's heading, never furniture by position."""
    nxt = i + 1
    return nxt < len(lines) and lines[nxt].prose and not furn[nxt]


def _expand_lists(lines: list[_Line], furn: list[bool]) -> None:
    """The short lines under a "Related Links" header are its items."""
    n = len(lines)
    i = 0
    while i < n:
        if not lines[i].list_head:
            i += 1
            continue
        j = i + 1
        while j < n:
            if not furn[j]:
                item = lines[j]
                if item.prose or item.words > LIST_ITEM_MAX_WORDS:
                    break
                # The last short line before prose resumes is that prose's heading.
                if _heading_before_prose(lines, furn, j):
                    break
                furn[j] = True
            j += 1
        i = max(j, i + 1)  # each line is walked once


def _expand_leads(lines: list[_Line], furn: list[bool]) -> None:
    """A bare "Disclaimer:" label owns the text after it when that text reads
    like a disclaimer or closes the document."""
    last = len(lines) - 1
    i = 0
    while i <= last:
        if not lines[i].bare_lead:
            i += 1
            continue
        j = i + 1
        while j <= last and (furn[j] or lines[j].disclaimer or j == last):
            furn[j] = True
            j += 1
        i = j


def _mark_menus(lines: list[_Line], furn: list[bool], first_prose: int, last_prose: int) -> None:
    """Runs of three or more one-to-three-word lines are menus: anywhere before
    the first or after the last prose line, elsewhere only when cue lines make
    up half the run."""
    n = len(lines)
    i = 0
    while i < n:
        if not (furn[i] or lines[i].menu_like):
            i += 1
            continue
        j = i
        while j < n and (furn[j] or lines[j].menu_like):
            j += 1
        run = range(i, j)
        cues = sum(1 for k in run if furn[k])
        at_edge = j <= first_prose or i > last_prose
        introduced = i > 0 and lines[i - 1].ends_colon  # a list the prose announces
        if len(run) >= MENU_MIN_RUN and cues < len(run) and not introduced and (at_edge or 2 * cues >= len(run)):
            for k in run:
                if furn[k] or _heading_before_prose(lines, furn, k):
                    continue
                if k == 0 and lines[k].words >= MENU_MAX_WORDS:
                    continue  # the title
                furn[k] = True
        i = j


def _absorbable(line: _Line, max_words: int) -> bool:
    """Short enough to join neighbouring furniture, and not a dateline ("a month
    ago", "March 3, 2024"), which is kept: its date may be the article's."""
    return not line.dated and (line.numeric or line.words <= max_words)


def _absorb_head(lines: list[_Line], furn: list[bool], first_prose: int) -> None:
    """A one-word site name above a top bar of furniture belongs to it."""
    i = 0
    while i < first_prose and not furn[i] and _absorbable(lines[i], HEAD_MAX_WORDS):
        i += 1
    if 0 < i < first_prose and furn[i]:
        for k in range(i):
            furn[k] = True


def _absorb_tail(lines: list[_Line], furn: list[bool], last_prose: int) -> None:
    """After the article ends, short lines following furniture are more of it."""
    first = last_prose + 1
    while first < len(lines) and not furn[first]:
        first += 1
    for k in range(first + 1, len(lines)):
        if furn[k]:
            continue
        # A closing sentence, however short, is the article's ("Baidu declined to comment.").
        if lines[k].sentence or not _absorbable(lines[k], TAIL_MAX_WORDS):
            break
        furn[k] = True


def _absorb_sandwiched(lines: list[_Line], furn: list[bool]) -> None:
    """Times, counters and one- or two-word lines between furniture lines
    ("13:04" in a news ticker, "0 / 300" in a comment box) belong to it."""
    n = len(lines)
    i = 0
    while i < n:
        if furn[i] or not _absorbable(lines[i], SANDWICH_MAX_WORDS):
            i += 1
            continue
        j = i
        while j < n and not furn[j] and _absorbable(lines[j], SANDWICH_MAX_WORDS):
            j += 1
        if i > 0 and j < n and furn[i - 1] and furn[j] and j - i <= SANDWICH_MAX_RUN:
            for k in range(i, j):
                furn[k] = True
        i = j
