"""Document-level evidence for and against a name being an organisation: the
roles a text gives a name ("startup Argo", "Tel Aviv-based Second Nature",
"Second Nature raises", "investor with Menlo"), what marks it as a product,
brand or event ("Havana Club rum", "Microsoft's Xbox", "a service called
Maven", "Baidu Maps"), and the surfaces that are never names of organisations
(time zones, technical terms, plurals of codes). Pure, no spaCy."""
from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Collection
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.gazetteer import listed_companies, model_by_surface, org_by_surface
from pipeline.normalize.dateline import is_country
from pipeline.normalize.org_score import common_words, dump_reading, evidence_words, openers, org_words_after
from pipeline.normalize.orgs import is_listed_product, name_suffixes
from pipeline.normalize.text import alternation, trie_regex
from pipeline.resources import entries_by_id, load_jsonl

# A name: one to four capitalised words ("Second Nature", "TP-Link", "Chorus.ai"),
# "&" or "of" allowed inside ("Bank of America").
_WORD = r"[A-Z](?:[\w&.-]|['’](?!s\b))*[\w&]|[A-Z]"
NAME = rf"(?:{_WORD})(?:\s(?:(?:of|&)\s)?(?:{_WORD})){{0,3}}"
# Before a verb the name's start is unsure ("... Languages Second Nature raises"): two words at most.
SHORT_NAME = rf"(?:{_WORD})(?:\s(?:{_WORD}))?"
# where a sentence or line opens, for a cue word capitalised there
_OPENS = r"(?:^|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][\"”’)]\s))"


def _capitalised(words: tuple[str, ...]) -> list[str]:
    """The words' capitalised forms, as a sentence's first word."""
    return [w[:1].upper() + w[1:] for w in words]


@lru_cache(maxsize=None)
def _cues() -> dict[str, tuple[str, ...]]:
    return {e["id"]: tuple(e.get("words", ())) for e in load_jsonl("org_evidence.jsonl")}


@lru_cache(maxsize=None)
def _grammar() -> dict[str, re.Pattern[str]]:
    c = _cues()
    name = rf"(?P<name>{NAME})"
    short = rf"(?<![\w&'’.-])(?P<name>{SHORT_NAME})"
    end = r"(?![\w&-])"
    return {
        # "startup Argo", "security camera company Blink", "developer, Rockstar"
        "noun_before": re.compile(rf"\b(?:{alternation(c['role-nouns-before'])}),?\s+{name}{end}"),
        # "Tel Aviv, Israel-based Second Nature", "San Francisco-based Eero"
        "based": re.compile(
            rf"\w-based\s+(?:(?:[a-z][\w-]*\s+)?(?:{alternation(c['role-nouns-before'])}),?\s+)?{name}{end}"
        ),
        # "Second Nature raises", "Menlo, which has invested in"
        "after": re.compile(rf"{short}(?:,\s+which)?\s+(?:{alternation(c['role-after'])})\b"),
        # "Second Nature's chief executive"
        "possessive": re.compile(rf"{short}['’]s?\s+(?P<word>{alternation(c['role-possessive'])})\b"),
        # "investor with Menlo", "a senior researcher at X", "CEO of X"
        "people_at": re.compile(rf"\b(?:{alternation(c['role-people-at'])})\s+(?:of|at|with)\s+(?:the\s+)?{name}{end}"),
        # "companies like Mindtickle, Ambition, and Lessonly", "Companies like Chorus.ai"
        # where a sentence opens, "funding from Lightspeed, General Catalyst and Bpifrance"
        "list": re.compile(
            rf"(?:(?:\b(?:{alternation(c['list-intro'])})|{_OPENS}(?:{alternation(_capitalised(c['list-intro']))}))"
            rf"\s+(?:like|such as|including)|\b(?P<funding>{alternation(c['funding-from'])}))\s+"
            rf"(?P<list>(?:{NAME})(?:\s?,\s(?:and\s|or\s)?(?:{NAME})|\s(?:and|or)\s(?:{NAME}))*)"
        ),
        # "defense companies Raytheon and Lockheed Martin": the kind, then two names or more
        "plural_list": re.compile(
            rf"\b(?:{alternation(c['kinds-before-list'])})\s+"
            rf"(?P<list>(?:{NAME})(?:\s?,\s(?:{NAME}))*,?\s(?:and|or)\s(?:{NAME}))"
        ),
        # "Havana Club rum", "its Teams product"
        "product_after": re.compile(
            rf"{name}(?:['’]s)?(?:\s+|-)(?:{alternation([w for w in c['product-nouns-after'] if w[0] != '-'])})\b"
        ),
        # "the PS2-only game": joined without a space, apart so that the name stops before it
        "product_joined": re.compile(
            rf"{name}(?:{alternation([w for w in c['product-nouns-after'] if w[0] == '-'])})\b"
        ),
        # "Qingduo, a creative platform that ..."
        "product_apposition": re.compile(
            rf"{name},\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(c['product-apposition'])})\b"
        ),
        "product_before": re.compile(rf"\b(?:{alternation(c['product-nouns-before'])}),?\s+{name}{end}"),
    }


def _clean(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Trim a found name of sentence openers before it and of joining words after it."""
    words = [m.span() for m in re.finditer(r"\S+", text[s:e])]
    # openers, and compounds such as "Israel-based" or "Twenty-six-employee"
    while words and (
        text[s + words[0][0] : s + words[0][1]] in openers()
        or re.search(r"-[a-z]", text[s + words[0][0] : s + words[0][1]])
    ):
        words = words[1:]
    while words and text[s + words[-1][0] : s + words[-1][1]] in ("and", "of", "&"):
        words = words[:-1]
    if not words:
        return None
    return s + words[0][0], s + words[-1][1]


_NEXT_LOWER = re.compile(r"[ \t]+([a-z][\w-]*)")


def _before_noun(text: str, end: int) -> bool:
    """Is the name followed by a lower-case word that is no function word ("Russian
    investors", not "Accel last year")? spaCy's English stop words are the function words."""
    m = _NEXT_LOWER.match(text, end)
    return m is not None and m.group(1) not in STOP_WORDS


def role_names(text: str, people: Collection[str] = ()) -> list[tuple[int, int]]:
    """Spans of names the text puts in a role only an organisation has; a name in
    `people` (a person's surname) not by a possessive people have too ("Wengrow's
    research", "Manafort's spokesman"), and no name of a person's form ("the firm,
    Tom Bell, the head of")."""
    g = _grammar()
    shared = frozenset(_cues()["role-possessive-people-too"])
    out: list[tuple[int, int]] = []
    for key in ("noun_before", "based", "after", "possessive", "people_at"):
        for m in g[key].finditer(text):
            if key == "possessive" and m.group("word") in shared and m.group("name") in people:
                continue
            span = _clean(text, *m.span("name"))
            # "the firm, Tom Bell, the head of", "a partner of Peter Kelly": a person's name
            if span and not person_form(text[span[0] : span[1]]):
                out.append(span)
    lists = [*g["list"].finditer(text), *g["plural_list"].finditer(text)]
    for m in lists:
        # "funding from Russian and Chinese investors": words before a noun are no names
        # (a kind right before its list is followed by no such words)
        plural = m.re is g["plural_list"]
        if not plural and m.group("funding") and _before_noun(text, m.end("list")):
            continue
        base = m.start("list")
        for part in re.finditer(NAME, m.group("list")):
            span = _clean(text, base + part.start(), base + part.end())
            # "investment from Peter Thiel and Accel", "players like Lionel Messi": a person,
            # and after a kind a surname the text gives a person ("banks Barclays and Lloyd")
            if span and not person_form(text[span[0] : span[1]]) and not (plural and text[span[0] : span[1]] in people):
                out.append(span)
    return out


def product_surfaces(text: str, known: Collection[str]) -> set[str]:
    """Surfaces the text marks as a product, brand, work or event: "Havana Club
    rum", "a service called Maven", "Microsoft's Xbox" (a known organisation's
    possessive before a name that is no organisation). Names written with a model
    number are numbered_products()."""
    g = _grammar()
    out: set[str] = set()
    for key in ("product_after", "product_joined", "product_before", "product_apposition"):
        for m in g[key].finditer(text):
            span = _clean(text, *m.span("name"))
            if span:
                out.add(text[span[0] : span[1]])
    for m in _possessive_re().finditer(text):
        if m.group("org") in known:
            out.add(m.group("name"))
    return out


def numbered_products(text: str, known: Collection[str]) -> set[str]:
    """Names the text writes with a model number, so products whatever role the
    text gives them ("The Pavilion Plus's display"): after a known maker ("Google
    Pixel 7", "Microsoft Surface Pro 9"), or twice, of two words or more ("HP
    Pavilion Plus 14", "The Pavilion Plus 14"); not a listed name nor one ending as
    an organisation's does ("Alibaba Group 5", "BBC Radio 4")."""
    out: set[str] = set()
    ends = org_words_after() | name_suffixes()
    twice: Counter[str] = Counter()
    for m in _MODEL_NUMBERED.finditer(text):
        name = m.group("name")
        if name in known or set(name.split()) & ends:
            continue
        if m.group("org") in known:
            out.add(name)
        words = m.group().split()[:-1]
        twice.update({" ".join(words[-k:]) for k in (2, 3) if len(words) >= k and words[-k] not in openers()})
    out |= {name for name, n in twice.items() if n >= 2 and name not in known and not set(name.split()) & ends}
    return out


# a name and the model number after it ("Pavilion Plus 14", "Galaxy S23"), not a figure ("Group 5 percent")
_MODEL_NUMBERED = re.compile(
    r"(?:(?P<org>[A-Z][\w&-]*) )?(?P<name>[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}) (?:\d{1,4}[A-Za-z]?|[A-Z]\d{2,}[A-Za-z]?)(?![\w.,%-]*\w)(?! (?:percent|pct|per cent)\b)"
)


@lru_cache(maxsize=None)
def _possessive_re() -> re.Pattern[str]:
    return re.compile(rf"(?P<org>{_WORD})['’]s\s+(?P<name>{_WORD})(?![\w&-])")


_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[A-Z][\w-]*|[A-Z0-9][A-Z0-9-]+)(?P<poss>['’]s)?")


def names_a_product(text: str, end: int, names: Collection[str] = (), places: Collection[int] = ()) -> bool:
    """Is the organisation name ending at `end` the first word of a product or
    event name ("Baidu Maps", "Chevrolet Bolt", "Baidu World 2023", "Google
    Wifi")? A capitalised word after it that neither continues an organisation's
    name nor says who in it speaks ("Baidu CEO Robin Li") makes it so; a place
    ("OpenAI Japan", a regional arm: `places` holds their starts) does not, nor a
    listed chip or model ("Huawei Ascend", "Microsoft Bing Chat"), where the maker
    is named as such, nor a person's name ("Harvard Kennedy School Sarah Heritage")."""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.group("poss"):
        return False
    word = m.group("w")
    if word in org_words_after() or word in org_by_surface() or word in names or m.start("w") in places:
        return False
    if word in model_by_surface() or word in _model_first_words() or is_listed_product(word):
        return False
    # "Harvard Kennedy School Sarah Heritage": a person's name follows, no product's
    person = _NEXT_WORD.match(text, m.end())
    if word in given_names() and person is not None and person_form(f"{word} {person.group('w')}"):
        return False
    # "Google DeepMind"-like names the gazetteer holds are matched whole before this
    return True


@lru_cache(maxsize=None)
def _model_first_words() -> frozenset[str]:
    """"Bing" of "Bing Chat": first words of listed model names of several words."""
    return frozenset(s.split()[0] for s in model_by_surface() if " " in s)


def _entries() -> dict[str, dict]:
    return entries_by_id("org_evidence.jsonl")


@lru_cache(maxsize=None)
def not_org_terms() -> frozenset[str]:
    """Technical terms, codes and time-zone abbreviations: never an organisation.
    The time zones are a list in patterns/, not the machine's tz database, so that
    every machine gives the same records."""
    zones = _entries()["time-zones"]["words"]
    return frozenset(_cues()["not-org-terms"]) | (frozenset(zones) - set(org_by_surface()))


# "06.24 CDT", "3 p.m. IST", "10:00 (AST)": a clock time just before
_CLOCK_BEFORE = re.compile(r"(?:\d{1,2}[:.]\d{2}|\d{1,2}\s?[ap]\.?m\.?)\s*\(?$", re.IGNORECASE)


def is_time_zone(text: str, start: int, end: int) -> bool:
    """A time-zone abbreviation that also names organisations ("CDT", "IST") is a
    time zone only after a clock time; the others always are (not_org_terms)."""
    return text[start:end] in _entries()["time-zones"]["after_clock"] and _CLOCK_BEFORE.search(
        text, max(0, start - 12), start
    ) is not None


_CODE_PLURAL = re.compile(r"^(?:[A-Z]{2,4}|[A-Za-z][a-z]?[A-Z][A-Za-z]{0,2})s$")


@lru_cache(maxsize=None)
def _term_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _entries()["term-patterns"]["patterns"]))


def is_term_shape(span: str) -> bool:
    """"AIaaS", "DataOps": a name shaped as a technical term (term-patterns)."""
    return _term_patterns().match(span) is not None


def is_code_plural(span: str) -> bool:
    """"PhDs", "iPods", "GPUs": the plural of a short code or product name is no
    organisation's name ("UBS", with a capital S, is)."""
    return _CODE_PLURAL.match(span) is not None


@lru_cache(maxsize=None)
def _honorific_re() -> re.Pattern[str]:
    return re.compile(rf"(?:^|[\s(“\"])(?:{alternation(_cues()['honorifics'])})\s+$")


def after_honorific(text: str, start: int) -> bool:
    """"Dr Ilaria Carrozza": a name after a title of address is a person."""
    return _honorific_re().search(text[max(0, start - 12) : start]) is not None


@lru_cache(maxsize=None)
def _heads() -> dict[str, frozenset[str]]:
    e = _entries()["not-org-heads"]
    return {k: frozenset(e[k]) for k in ("words", "first", "unless", "address")}


def is_not_org_head(span: str) -> bool:
    """"Privacy Policy", "Terms of Service", "U.S. Dollar", "Fahrenheit", "U.S. Bank
    Stadium", "Mr Cable": a site's legal document, a currency, a unit, a venue or a
    person addressed by title,
    told by the word it ends or begins in (patterns/org_evidence.jsonl)."""
    words = span.split()
    h = _heads()
    if len(words) > 1 and words[0] in h["address"]:
        return True
    return (words[-1] in h["words"] or words[0] in h["first"]) and not any(w in h["unless"] for w in words)


@lru_cache(maxsize=None)
def _event_words() -> frozenset[str]:
    return frozenset(_cues()["event-words"])


def is_event(span: str) -> bool:
    """"Darpa Urban Challenge", "AI Impact Tour": an event named after its organiser."""
    words = span.split()
    return len(words) > 1 and words[-1] in _event_words()


# "Diablo IV", "Karoo 2", "Snapdragon X50": a name of several words ending in a
# number, a code with a digit or a roman numeral is a product's model or version.
_VERSION_END = re.compile(r"\s(?:\d[\w.]*|[A-Z]{1,3}\d[\w.-]*|I{2,3}|IV|VI{1,3}|IX)$")


def ends_in_version(span: str) -> bool:
    """"Big Fund III", "Fund 2": a fund's or company's name word before the number keeps it a name."""
    m = _VERSION_END.search(span)
    return m is not None and span[: m.start()].split()[-1] not in _name_words()


@lru_cache(maxsize=None)
def _name_words() -> frozenset[str]:
    return org_words_after() | name_suffixes()


# "Blur, Oasis", "Patagonia (Repair Roll", "Affiliation: University", "Aug/Sept":
# punctuation inside a model-found span joins two things, it names none of them.
_JOINING = re.compile(r",\s|[(:/]|\s[-–—]\s")


def joins_names(span: str) -> bool:
    """Punctuation inside the span, or a word it repeats ("Target Target", "Yoseka
    Stationery Benchmade Folding Knife Benchmade": a caption run into a headline),
    unless a joining word stands between ("Johnson & Johnson", "Saatchi + Saatchi",
    "State University of New York at New Paltz") or the whole is a listed name."""
    if _JOINING.search(span) is not None:
        return True
    words = span.split()
    for i, w in enumerate(words):
        if len(w) > 2 and w[0].isupper() and w in words[i + 1 :]:
            between = words[i + 1 : words.index(w, i + 1)]
            if not any(b.lower() in ("&", "+", "and", "of", "at") for b in between):
                return span not in org_by_surface() and span not in listed_companies()
    return False


# "Discover our Briefings", "sign up for your Newsletters": a word owned by the
# reader or the writer is a section or a common noun, not another's name.
_OWNED_BEFORE = re.compile(r"\b(?:[Oo]ur|[Yy]our|[Mm]y)\s+$")


@lru_cache(maxsize=None)
def _town_grammar() -> tuple[re.Pattern[str], frozenset[str]]:
    entry = entries_by_id("org_evidence.jsonl")["region-names"]
    rx = re.compile(
        rf"\b(?:{alternation(entry['before'])})\s+(?P<name>[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){{0,3}}),"
        r"\s+(?P<place>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}?)(?=\s*[,.;:)]|\s+[a-z]|\s*$)"
    )
    return rx, frozenset(entry["words"])


def towns(text: str) -> frozenset[str]:
    """The names the text places as towns ("in Spruce Pine, North Carolina", "the
    city of Lugano, Switzerland has"): after a word of place, before a state,
    province or country and the clause's end; not an institution saying where it
    is ("from Stellenbosch University, South Africa", "Hassan II University of
    Casablanca, Morocco"). One pass over the text."""
    rx, regions = _town_grammar()
    heads = org_words_after() | evidence_words("institution-heads") | name_suffixes()
    out = set()
    for m in rx.finditer(text):
        name, place = m.group("name"), m.group("place")
        if (place in regions or is_country(place.rstrip("."))) and not set(name.split()) & heads:
            out.add(name)
    return frozenset(out)


def after_owner_word(text: str, start: int) -> bool:
    return _OWNED_BEFORE.search(text, max(0, start - 6), start) is not None


# "arena League of Legends", "force Soros Foundation": lower-case words the model
# put before a name are not part of it.
_LOWER_LEAD = re.compile(r"(?:[a-z][\w-]*\s+)+(?=[A-Z0-9])")


def trim_lower_lead(text: str, start: int, end: int) -> int:
    m = _LOWER_LEAD.match(text, start, end)
    return m.end() if m else start


_OWNS = re.compile(r"['’]s?\b")
# the names of an "and"/"or" list before this one, which it ends: "Dataiku and ",
# "Gmail, Outlook.com, Hotmail, and "; not a lone "Tuesday, " ("posted on Tuesday, Microsoft said")
_ITEM = rf"(?:{_WORD})(?:\s(?:{_WORD})){{0,3}}"
_LIST_BEFORE = rf"(?:{_ITEM}\s?,\s*)*{_ITEM}\s?,?\s+(?:and|or)\s+"


@lru_cache(maxsize=None)
def _use_grammar() -> tuple[re.Pattern[str], re.Pattern[str]]:
    c = _cues()
    before = re.compile(rf"\b(?:{alternation(c['product-use-before'])})\s+(?:both\s+|the\s+)?(?:{_LIST_BEFORE})?$")
    makers = entries_by_id("org_evidence.jsonl")["product-use-after"]["maker-words"]
    after = re.compile(rf"\s+(?:(?:already|also|now|still)\s+)?(?:(?:{alternation(c['product-use-after'])})\b|(?:{alternation(makers)})\s+[A-Z])")
    return before, after


@lru_cache(maxsize=None)
def _platform_grammar() -> tuple[re.Pattern[str], ...]:
    c = _cues()
    use = re.compile(rf"\b(?:{alternation(c['product-use-alone'])})\s+$")
    like = re.compile(rf"\b(?:{alternation(c['product-kinds-like'])})\s+(?:{_LIST_BEFORE})?$")
    any_like = re.compile(rf"\b(?:{alternation(c['software-kinds-like'])})\s+(?:{_LIST_BEFORE})?$")
    article = re.compile(r"(?<![\w-])(?:[Aa]n?)\s+$")
    # after "a": a stop or a comma before no name ("a Tencent and ride-hailing veteran" is a modifier)
    stop = re.compile(r"\s*(?:$|[.;:!?)\]”]|\"(?!\w)|,(?!\s*(?!I\b)[A-Z]))")
    # the name stands alone: a stop, a comma or "or"/"and" not before another name,
    # or a word that begins what the platform is used for ("to look up", "for travel")
    # ("using Mobileye, an Israeli company" describes the company: no)
    alone = re.compile(
        r"\s*(?:$|[.;:!?)\]\[\"”]|,(?!\s*(?:[A-Z]|(?:a|an|the|which|who|whose|one|whom)\b))|\s(?:or|and)\s+(?![A-Z])"
        r"|\s(?:to|instead|in|on|with|from|since|until|when|because|but|so)\b)"
    )
    return use, like, alone, any_like, article, stop


@lru_cache(maxsize=None)
def _platform_on() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """"on" before a name, with the word before it; the platforms of `platform-on`
    and the words after which "on" takes a company."""
    e = entries_by_id("org_evidence.jsonl")["platform-on"]
    return re.compile(r"(?:\b([\w-]+)\s+)?\b[Oo]n\s+$"), frozenset(e["names"]), frozenset(e["not-after"])


@lru_cache(maxsize=None)
def _wake_grammar() -> re.Pattern[str]:
    return re.compile(rf"[“\"‘']\s*(?:{alternation(_cues()['wake-words'])}),?\s+$")


def used_as_product(text: str, start: int, end: int) -> bool:
    """Does this one mention name a company's software or service rather than the
    company ("integrations with Dataiku and KNIME", "compatible with PlayStation and
    PC", "propaganda on Facebook", "the Slack integration", "Second Life maker Linden
    Lab")? Only the words right around this mention, or around the "and"/"or" list
    it ends, count."""
    if _OWNS.match(text, end):  # "support for Apple's Center Stage": the owner, a company
        return False
    # "Watch on Disney+", "Google+ has had trouble": a name with a plus is its service
    if text.startswith("+", end) and not text[end + 1 : end + 2].isalnum():
        return True
    before, after = _use_grammar()
    if before.search(text, max(0, start - 160), start) is not None or after.match(text, end) is not None:
        return True
    use, like, alone, any_like, article, stop = _platform_grammar()
    # "buy a Volvo, I think", "stay in an Airbnb, where": one thing the name makes or runs
    if article.search(text, max(0, start - 4), start) is not None and stop.match(text, end) is not None:
        return True
    # "websites like MarineTraffic and AISHub", "apps like WhatsApp": software, whatever
    # the name, but for a listed organisation of a kind that runs none ("news websites
    # like Reuters")
    listed = org_by_surface().get(text[start:end])
    runs_none = listed is not None and listed.kind in entries_by_id("org_evidence.jsonl")["product-use-alone"]["not-kinds"]
    if not runs_none and any_like.search(text, max(0, start - 160), start) is not None:
        return True
    # "shares code on GitHub.", "order it on Amazon.": a platform named after "on", unless
    # the word before takes a company as its object ("dependent on Amazon", "a ban on TikTok")
    on_grammar, platforms, not_after = _platform_on()
    if text[start:end] in platforms and stop.match(text, end) is not None:
        on = on_grammar.search(text, max(0, start - 40), start)
        if on and (on.group(1) or "").lower() not in not_after:
            return True
    # a listed company of a kind that runs platforms, used alone ("use Google to") or
    # named as one of a kind of software ("platforms like Facebook and LinkedIn")
    if listed is None or runs_none:
        return False
    wake = entries_by_id("org_evidence.jsonl")["wake-words"]["names"]
    if text[start:end] in wake and _wake_grammar().search(text, max(0, start - 12), start):
        return True
    if use.search(text, max(0, start - 40), start) is not None and alone.match(text, end) is not None:
        return True
    # "Apple Music", "Apple TV 4K": a platform's service named after it
    service = _SERVICE_AFTER.match(text, end)
    if service and service.group(1) in evidence_words("service-words-after"):
        return True
    return like.search(text, max(0, start - 160), start) is not None


_SERVICE_AFTER = re.compile(r" ([A-Z][\w+]*)(?![\w&'’-])")


_MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Given names ("David", "George"), from the census lists of
    patterns/given_names.jsonl; not a word news writes lower-case ("Will", "Young"),
    a month or day, a listed organisation, nor a word the model reads as an
    organisation across the dumps ("Mercedes", "Stanford", "Chase")."""
    common, listed = common_words(), org_by_surface()
    return frozenset(
        w for w in entries_by_id("given_names.jsonl")["census"]["words"]
        if w.lower() not in common and w not in _MONTHS and w not in listed and dump_reading(w) != "org"
    )


@lru_cache(maxsize=None)
def _after_given() -> re.Pattern[str]:
    # "David Wengrow", "George Gilder listened": one capitalised word after a given
    # name, and no third ("John Lewis Partnership" is a name going on)
    return re.compile(rf"\b(?:{trie_regex(sorted(given_names()))})\s+(?P<w>[A-Z][a-z]\w*(?:-[A-Z][a-z]\w*)?)(?![\w-])(?!\s+[A-Z])")


def surnames_after_given(text: str, skip: Collection[str] = ()) -> set[str]:
    """Words the text writes right after a given name: people's surnames; not where
    the whole name is in `skip` (read as an organisation's: "Charles Schwab")."""
    return {
        m.group("w") for m in _after_given().finditer(text)
        # the given name begins the name ("John Lewis Partnership" holds no "Lewis Partnership")
        if m.group(0) not in skip and not _name_before(text, m.start())
    }


_CAPITAL_BEFORE = re.compile(r"([A-Z][\w'’.&-]*)[ \t]$")


def _name_before(text: str, start: int) -> bool:
    """Does a capitalised word other than a sentence's opener ("But", "The") or a
    person's title ("ForgeRock CTO Eve Maler", "Dr Jane Smith") stand right before
    `start`?"""
    m = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m.group(1) not in openers() and m.group(1) not in _titles()


@lru_cache(maxsize=None)
def _titles() -> frozenset[str]:
    return evidence_words("title-words-after") | evidence_words("person-titles") | evidence_words("honorifics")


def person_tail(text: str, start: int, end: int) -> int | None:
    """Where a span of three words or more ends in a person's full name ("Limitless
    Phil Sanderson") or in a title and a two-word name ("Gitpod CEO Sven Efftinge"):
    the end of what comes before, else None. Only where the text names the person
    elsewhere by the surname, and not where the span, or the name, is an
    organisation's ("Booz Allen Hamilton", "Polo Ralph Lauren", "John Lewis
    Partnership" ends in a common word) or a joining word binds it ("Bank of ...")."""
    surface = text[start:end]
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", surface)]
    if len(words) < 3 or surface in org_by_surface() or surface in listed_companies() or dump_reading(surface) == "org":
        return None
    if text.count(surface) > 1:  # a span the text writes twice is a name, not a run-on
        return None
    if words[-3][1] in evidence_words("titles-between") and all(w[:1].isupper() and w[1:2].islower() for _, w in words[-2:]):
        cut = len(words) - 3
    else:
        tail = " ".join(w for _, w in words[-2:])
        last = words[-1][1]
        if not person_form(tail) or last.lower() in common_words() or words[-3][1].lower() in ("of", "and", "&", "for", "the"):
            return None
        if tail in org_by_surface() or tail in listed_companies() or dump_reading(tail) == "org":
            return None
        cut = len(words) - 2
    surname = words[-1][1]
    if not re.search(rf"(?<![\w&-]){re.escape(surname)}(?![\w&-])", text[:start] + " " + text[end:]):
        return None
    head_end = words[cut - 1][0] + len(words[cut - 1][1])
    return start + head_end


def person_form(surface: str) -> bool:
    """Is this the form of a person's name: a given name and one or two more
    capitalised words ("Linus Torvalds", "Gideon Lichfield"), none of them a word
    organisations' names end in ("Morgan Stanley Bank")?"""
    words = surface.split()
    if not 2 <= len(words) <= 3 or words[0] not in given_names():
        return False
    ends = org_words_after() | name_suffixes()
    return all(w[:1].isupper() and w[1:2].islower() and w not in ends for w in words[1:])


_CALENDAR = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])
# a capitalised word, without a possessive or a sentence's full stop after it ("St." keeps its own)
_CAP = r"(?:[A-Z][a-z]?\.(?=[ \t])|[A-Z](?:[\w-]|['’](?!s\b)(?=\w)|\.(?=\w))*)"
# " for Cyber Security", " and Infectious Diseases": a joining word, then capitalised words
_GOES_ON = re.compile(
    rf"[ \t]+(?:(?P<join>for|of|on)[ \t]+(?:the[ \t]+)?|(?P<and>and|&)[ \t]+)(?P<words>{_CAP}(?:[ \t]+{_CAP}){{0,3}})(?![\w-])"
)


def name_goes_on(text: str, start: int, end: int, others: Collection[int] = (), people: Collection[str] = ()) -> int:
    """Where the name of an institution goes on past `end` through "of", "for" or
    "on" and what follows in capitals ("Max Planck Institute" + " for Cyber Security
    and Privacy"; "National Institute of Allergy" + " and Infectious Diseases"). An
    "and" joins only inside such a phrase, and never another name: one listed, one
    of a name's own form ("University of Oxford and Cambridge University"), a
    person's title ("and Prime Minister ..."), one after "and the", or one starting
    at `others` (where the model's other entities start); nor does it take a word of
    `people` (surnames: "... Infectious Diseases Fauci"). Returns the new end."""
    words = text[start:end].split()
    heads = evidence_words("institution-heads")
    at = [i for i, w in enumerate(words) if w in heads]
    if not at:
        return end
    inside = any(w in ("of", "for", "on") for w in words[at[-1] + 1 :])
    ends = heads | name_suffixes()
    titles = evidence_words("honorifics") | evidence_words("person-titles")
    while True:
        m = _GOES_ON.match(text, end)
        if m is None:
            return end
        # the words up to another entity or a person's name ("... and Minerals Tswarelo Malepe")
        stop = next(
            (m.start("words") + w.start() for w in re.finditer(r"\S+", m.group("words"))
             if w.group() in people or m.start("words") + w.start() in others),
            m.end(),
        )
        named = text[m.start("words") : stop].rstrip()
        taken = named.split()
        if not taken:
            return end
        # "and Cambridge University" is another name; "for Internet and Society" is not
        if m.group("and") and (not inside or (len(taken) > 1 and taken[-1] in ends) or taken[0] in titles):
            return end
        if taken[0] in openers() or named in org_by_surface() or named in listed_companies():
            return end
        if any(w in _CALENDAR for w in taken):  # "the Institute for Fiscal Studies on Monday"
            return end
        end, inside = m.start("words") + len(named), True
        if stop < m.end():
            return end

