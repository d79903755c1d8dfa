"""Page furniture inside a line: runs of menu words, share buttons and promo sentences.

A scraped page often glues its site menu, the headline, the share bar and a
sponsor's promo into one line ("… Development Languages Acme raises $40M to …
Share on Facebook Share on X Are you ready to …"). Setting the whole line aside
loses the headline; keeping it reads the menu as names. ``run_spans`` finds the
furniture inside such a line so that what lies between stays article text:

- a *button* phrase ("Share on Facebook") is furniture by itself;
- a *promo* phrase ("consider becoming a sponsor") makes its whole sentence
  furniture, and the sentences right after it that carry any furniture cue;
- an *inline head* ("More on this story", "You Might Also Like") starts a list
  of other stories that runs to the end of the line;
- a *menu run* is a stretch of capitalised words with no sentence punctuation
  and at most one lower-case word between two capitalised ones ("Love & sex
  Home & garden Travel Money"). Prose names few things in a row; a menu names
  many. The run's last word is given back when lower-case text follows it: it
  starts the headline ("… Languages OctoML raises $28M").

Short gaps between two runs (a stray "City networking") join them.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pipeline.furniture.phrases import PhraseFinder, fold, words_of
from pipeline.resources import load_jsonl

PATTERNS_FILE = "furniture.jsonl"

# A menu run names at least this many capitalised words, and lower-case words
# are at most this share of it: a sentence that opens on a string of names
# ("OpenAI CEO Sam Altman and Oracle Chairman Larry Ellison announced") is shorter
# and has more of them.
MENU_RUN_MIN_CAPS = 10
MENU_RUN_MAX_LOWER = 0.3
# Capitalised words a run gives to the sentence before it when it follows a lower-case word.
SENTENCE_LEAD_WORDS = 2
# All-capital words this share of a run make it a shouted headline or wire slug, not a menu.
SHOUT_SHARE = 0.6
_SECOND_PERSON = re.compile(r"(?<!\w)(?:you|your|yours|yourself)(?!\w)")
# Prose right after a phrase: a lower-case word (not code: "document.addEventListener").
_PROSE_AFTER = re.compile(r"[ \t]+[a-z][a-z’'\-]*[,;:.!?]?(?:\s|$)")
# What may stand between two controls of a bar, and how long it may be.
_SEPARATOR = re.compile(r"[\s|•·/\-–—]*")
_SEPARATOR_MAX = 5
# Longer than this, the words after an inline head are not one sentence.
SENTENCE_MAX_WORDS = 40
# A head after one of these is inside a noun phrase ("The Latest News Corp results").
_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "These", "Its", "Our", "Their", "His", "Her", "Your", "the", "a", "an", "this", "that", "its", "our", "their", "his", "her", "your"})
# Words between two furniture runs that join them: a stray label, never a headline.
GAP_MAX_WORDS = 2

_CAP = r"(?:[A-Z][\w’'&+\-]*(?:\.[\w’'&+\-]+)*|&)"
_LOW = r"[a-z][\w’'\-]*"
_MENU_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:{_LOW}[ \t]+)?{_CAP})+")
_CAP_TOKEN = re.compile(_CAP)
_CAP_START = re.compile(r"(?<!\S)[A-Z&]")
# The word right before a run, when only spaces separate them.
_LAST_WORD = re.compile(r"([^\W\d_][\w’'\-]*)[ \t]*$")
# What follows a run when it is prose: a comma, or a lower-case word of prose, not code
# ("document.addEventListener(…").
_PROSE_NEXT = re.compile(r"\s*(?:[,’']|[a-z][a-z’'\-]*[,;:]?(?:\s|$))")
# How far back the word before a run is looked for: longer words are not prose.
_LOOK_BACK = 64
_ARTICLES = frozenset({"The", "A", "An"})
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Where a sentence ends inside a line: its punctuation, closing quotes, then space or the end.
_SENT_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_SENT_PUNCT = ".!?…"
_CLOSERS = "\"'”’)]"
_COPYRIGHT = re.compile(r"©\s*(?:19|20)\d{2}")
_BARE_NUMBER = re.compile(r"\s*\d{1,4}\s*")
# a promo's heading: a few title-case words, small words between them ("Event X at the Y")
_HEADING_MAX_WORDS = 8
_HEADING_JOINERS = frozenset({"a", "an", "the", "at", "of", "for", "in", "on", "and", "to", "with", "by", "&"})
_GAP_BREAK = re.compile(r"[.!?…\d$€£¥%]")


@dataclass(frozen=True)
class _Cues:
    button: PhraseFinder
    promo: PhraseFinder
    head: PhraseFinder
    any_cue: PhraseFinder  # every cue phrase, for the sentences that follow a promo
    # Phrases that are ordinary English too: furniture only in the company of more.
    button_in_prose: PhraseFinder
    promo_in_prose: PhraseFinder


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    kinds: dict[str, list[str]] = {}
    for entry in load_jsonl(PATTERNS_FILE):
        kind = entry["kind"]
        if kind == "phrase" and entry.get("weight", 1) >= 2:
            kind = "promo"  # an unambiguous boilerplate phrase makes its sentence furniture
        if entry.get("context"):
            kind += "_in_prose"
        kinds.setdefault(kind, []).extend(entry.get("phrases", ()))
    every = [
        p for k in ("button", "promo", "phrase", "inline_head", "button_in_prose", "promo_in_prose")
        for p in kinds.get(k, ())
    ]
    buttons = {p.lower() for p in kinds.get("button", [])}
    return _Cues(
        button=PhraseFinder(list(buttons)),
        # A button ("share on facebook") is furniture alone, never its whole sentence.
        promo=PhraseFinder([p for p in kinds.get("promo", []) if p.lower() not in buttons]),
        head=PhraseFinder(kinds.get("inline_head", [])),
        any_cue=PhraseFinder(every),
        button_in_prose=PhraseFinder(kinds.get("button_in_prose", [])),
        promo_in_prose=PhraseFinder(kinds.get("promo_in_prose", [])),
    )


def run_spans(line: str, lower: str | None = None, tokens: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) ranges of `line` (one line, no newline)
    that are furniture runs; the rest of the line is article text. `lower` and
    `tokens` (its words, punctuation dropped) spare the work when the caller has them."""
    cues = _cues()
    if lower is None or tokens is None:
        lower = fold(line)
        tokens = words_of(lower)
    sentences = _SentenceEnds(line)
    pieces = cues.button.find(lower, tokens)
    pieces += _menu_runs(line)
    weak = cues.button_in_prose.find(lower, tokens)
    if weak:
        pieces += _outside_prose(line, weak, pieces)
    run_ends = sorted(e for _, e in pieces)
    for s, e in sorted(cues.head.find(lower, tokens)):
        if line[s].isupper() and _next_word_capitalised(line, e) and _starts_list(line, s, e, run_ends, sentences):
            pieces.append((s, len(line)))
            break  # the list runs to the end of the line: later heads are inside it
    # A copyright notice inside a line starts the page's footer, which runs to its end.
    m = _COPYRIGHT.search(line) if "©" in line else None
    if m:
        pieces.append((m.start(), len(line)))
    # A promo sentence starts after the last sentence end or the last run before it.
    promos = cues.promo.find(lower, tokens)
    weak = cues.promo_in_prose.find(lower, tokens)
    cue_at = cues.any_cue.find(lower, tokens) if pieces or promos or weak else []
    if promos or weak:
        ends = sorted([e for _, e in pieces] + [s for s, _ in promos + weak if line[s].isupper()])
        for s, e in promos:
            lo, hi = _sentence_around(line, s, e, ends, sentences)
            pieces.append((_promo_heading(line, lo, ends, sentences), hi))
        for s, e in weak:
            lo, hi = _sentence_around(line, s, e, ends, sentences)
            if _to_the_reader(lower, lo, hi, (s, e), cue_at):
                pieces.append((lo, hi))
    if not pieces:
        return []
    merged = _merge(pieces, line)
    return _follow_promos(merged, line, cue_at, sentences) if cue_at else merged


class _SentenceEnds:
    """Where the sentences of a line end, found once and only when asked: each cue
    then looks its sentence up by bisection instead of searching the line again."""

    def __init__(self, line: str) -> None:
        self._line = line
        self.length = len(line)

    @cached_property
    def starts(self) -> list[int]:
        return [m.start() for m in _SENT_END.finditer(self._line)]

    @cached_property
    def ends(self) -> list[int]:
        return [m.end() for m in _SENT_END.finditer(self._line)]

    def last_before(self, lo: int, pos: int) -> int:
        """The end of the last sentence that ends in [lo, pos], else `lo`."""
        i = bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 and self.starts[i] >= lo else lo

    def next_from(self, pos: int) -> int:
        """The end of the first sentence end found from `pos` on, else the line's end."""
        i = bisect_left(self.starts, pos)
        return self.ends[i] if i < len(self.ends) else self.length


def _sentence_around(
    line: str, start: int, end: int, run_ends: list[int], sentences: _SentenceEnds
) -> tuple[int, int]:
    """The sentence of `line` that holds [start, end), not reaching back past a run
    or a capitalised promo ("… in Paris Are you looking to …"), which starts its own.
    `run_ends` is sorted."""
    i = bisect_right(run_ends, start) - 1
    lo = sentences.last_before(run_ends[i] if i >= 0 else 0, start)
    hi = sentences.next_from(end)
    while lo < start and line[lo].isspace():
        lo += 1
    return lo, hi


def _promo_heading(line: str, start: int, run_ends: list[int], sentences: _SentenceEnds) -> int:
    """Where a promo sentence at `start` begins with its heading: the short title-case
    label a page sets right before it, with no stop between ("Event GamesBeat at the
    Game Awards We invite you to join us ..."), back to the line's start, the last
    sentence end or the last run (`run_ends`, sorted). `start` where no such label
    stands there."""
    i = bisect_left(run_ends, start) - 1  # `run_ends` is sorted: the last run or promo before this one
    floor = sentences.last_before(run_ends[i] if i >= 0 else 0, start)
    label = line[floor:start]
    words = _WORD.findall(label)
    if not words or len(words) > _HEADING_MAX_WORDS or _GAP_BREAK.search(label) or ":" in label.strip()[:-1]:
        return start
    if not words[0][0].isupper() or not all(w[0].isupper() or w in _HEADING_JOINERS for w in words):
        return start
    return floor + len(label) - len(label.lstrip())


def _outside_prose(line: str, found: list[tuple[int, int]], pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The phrases of `found` ("show more", "back to top") that are controls: written
    in title case ("Show More"), standing beside other furniture, or not running on
    in a sentence. A lower-case word right before, or a lower-case word of prose or a
    number right after ("figures show more than 40%", "went back to top levels"),
    makes them prose."""
    spans = pieces + found
    edges = sorted(e for _, e in spans)
    starts = sorted(s for s, _ in spans)
    out = []
    for s, e in found:
        i = bisect_right(edges, s) - 1  # the nearest furniture ending before the phrase
        j = bisect_left(starts, e)  # and starting after it
        beside = (i >= 0 and s - edges[i] <= _SEPARATOR_MAX and _SEPARATOR.fullmatch(line, edges[i], s)) or (
            j < len(starts) and starts[j] - e <= _SEPARATOR_MAX and _SEPARATOR.fullmatch(line, e, starts[j])
        )
        if not (beside or _is_title_case(line[s:e])):
            before = _LAST_WORD.search(line, max(0, s - _LOOK_BACK), s)
            if before and before.group(1)[0].islower() or _PROSE_AFTER.match(line, e):
                continue
        out.append((s, e))
    return out


def _to_the_reader(lower: str, lo: int, hi: int, cue: tuple[int, int], cue_at: list[tuple[int, int]]) -> bool:
    """A promo phrase that is ordinary English ("make a contribution") is furniture
    when its sentence speaks to the reader or holds another cue."""
    if _SECOND_PERSON.search(lower, lo, cue[0]) or _SECOND_PERSON.search(lower, cue[1], hi):
        return True
    # Opening its sentence, outside quotes, a cue that says "you" asks the reader ("Will you support …?").
    if cue[0] == lo and _SECOND_PERSON.search(lower, cue[0], cue[1]):
        return True
    return any(lo <= cs and ce <= hi and (ce <= cue[0] or cue[1] <= cs) for cs, ce in cue_at)


def _starts_list(line: str, start: int, end: int, run_ends: list[int], sentences: _SentenceEnds) -> bool:
    """Whether an inline head at [start, end) starts a list of other stories rather
    than a sentence ("Most popular AI models are made by …", "The Latest News Corp
    results …"). Right after a run it does; inside a noun phrase it does not; glued
    to the text before without a stop, as a page's parts are when scraped, a head in
    title case does ("… Keep Reading Most Popular This new …"); elsewhere only when
    the words after it do not read as a sentence."""
    i = bisect_right(run_ends, start) - 1
    if i >= 0 and not line[run_ends[i] : start].strip():
        return True
    before = _LAST_WORD.search(line, max(0, start - _LOOK_BACK), start)
    if before and before.group(1) in _DETERMINERS:
        return False
    prev = line[:start].rstrip()[-1:]
    if prev and prev not in _SENT_PUNCT + _CLOSERS and _is_title_case(line[start:end]):
        return True
    return not _reads_as_sentence(line, end, sentences)


def _is_title_case(phrase: str) -> bool:
    return all(w[0].isupper() for w in _WORD.findall(phrase))


def _reads_as_sentence(line: str, end: int, sentences: _SentenceEnds) -> bool:
    """The words after a head read as the rest of a sentence: a lower-case word among
    the first two, and a full stop within a sentence's length. Items of a list are
    names and headlines, which run on without one or end on "?"."""
    words = _WORD.findall(line, end, min(len(line), end + 40))[:2]
    if not words or all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    hi = sentences.next_from(end)
    if hi >= len(line) and not _ends_sentence(line, hi):
        return False
    stop = line[:hi].rstrip(_CLOSERS)[-1:]
    return stop in ".!" and len(line[end:hi].split()) <= SENTENCE_MAX_WORDS


def _next_word_capitalised(line: str, end: int) -> bool:
    """An inline list head is followed by an item ("Most viewed US World"), not by
    prose ("Most popular apps are …")."""
    nxt = _WORD.search(line, end)
    return nxt is None or not nxt.group()[0].islower()


def _menu_runs(line: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if len(_CAP_START.findall(line)) < MENU_RUN_MIN_CAPS:
        return out  # most prose lines: too few capitalised words for any run
    for m in _MENU_RUN.finditer(line):
        caps = _CAP_TOKEN.findall(m.group())
        caps = [c for c in caps if c[0].isupper() or c == "&"]
        if len(caps) < MENU_RUN_MIN_CAPS:
            continue
        if len(m.group().split()) - len(caps) > MENU_RUN_MAX_LOWER * len(caps):
            continue
        shouted = sum(1 for c in caps if len(c) > 1 and c.isupper())
        if shouted >= SHOUT_SHARE * len(caps):
            continue
        start, end = m.span()
        before = _LAST_WORD.search(line, max(0, start - _LOOK_BACK), start)
        if before and before.group()[0].islower():
            # The run's first words may end the sentence before it ("… for the Backchannel
            # newsletter Senior Editor Facebook …"): only what follows them can be a menu,
            # so a long name inside a sentence ("at the Harvard Kennedy School's …") is not.
            lead = list(_CAP_TOKEN.finditer(line, start, end))[:SENTENCE_LEAD_WORDS]
            if len(lead) < SENTENCE_LEAD_WORDS:
                continue
            start = lead[-1].end() + 1
            caps = caps[SENTENCE_LEAD_WORDS:]
            if len(caps) < MENU_RUN_MIN_CAPS:
                continue
        if _PROSE_NEXT.match(line, end):
            # The last capitalised word starts the sentence that follows: the headline
            # ("… Languages OctoML raises"), with its article ("The Amazon logo is …").
            end = _release_last(line, start, end)
            caps = caps[:-1]
            if caps and caps[-1] in _ARTICLES:
                end = _release_last(line, start, end)
                caps = caps[:-1]
            if len(caps) < MENU_RUN_MIN_CAPS:
                continue
        out.append((start, end))
    return out


def _release_last(line: str, start: int, end: int) -> int:
    cut = max(line.rfind(" ", start, end), line.rfind("\t", start, end))
    return max(cut, start)


def _merge(pieces: list[tuple[int, int]], line: str) -> list[tuple[int, int]]:
    """Overlapping pieces and pieces a short label apart become one range."""
    pieces.sort()
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out:
            ps, pe = out[-1]
            gap = line[pe:s]
            short = len(_WORD.findall(gap)) <= GAP_MAX_WORDS and not _GAP_BREAK.search(gap)
            # A bare number between two runs is a year or a count of the menu ("2021 Jan Feb …").
            if s <= pe or short or _BARE_NUMBER.fullmatch(gap):
                out[-1] = (ps, max(pe, e))
                continue
        out.append((s, e))
    return [_trim(line, s, e) for s, e in out]


def _follow_promos(
    spans: list[tuple[int, int]], line: str, cue_at: list[tuple[int, int]], sentences: _SentenceEnds
) -> list[tuple[int, int]]:
    """A sentence right after furniture that carries a cue of its own ("For more
    information see our Privacy Policy.") is more of it."""
    cue_at = sorted(cue_at)
    cue_starts = [s for s, _ in cue_at]
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
        while True:
            end = out[-1][1]
            if not _ends_sentence(line, end):
                break  # a run ends mid-sentence: what follows is not a sentence of its own
            hi = sentences.next_from(end)
            if hi <= end or not _cue_within(cue_at, cue_starts, end, hi):
                break
            out[-1] = (out[-1][0], hi)
    return out


def _ends_sentence(line: str, end: int) -> bool:
    """Whether line[:end] ends on sentence punctuation, closing quotes aside."""
    i = end
    while i > 0 and line[i - 1] in _CLOSERS:
        i -= 1
    return i > 0 and line[i - 1] in _SENT_PUNCT


def _cue_within(cue_at: list[tuple[int, int]], cue_starts: list[int], lo: int, hi: int) -> bool:
    for k in range(bisect_left(cue_starts, lo), len(cue_at)):
        cs, ce = cue_at[k]
        if cs >= hi:
            return False
        if ce <= hi:
            return True
    return False


def _trim(line: str, s: int, e: int) -> tuple[int, int]:
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return s, e
