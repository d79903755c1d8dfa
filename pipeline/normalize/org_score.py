"""How sure the evidence of one document makes a name the model alone read as an
organisation: the features of the name in that document (its shape, how the
model labels its other occurrences, the words around them, whether it is a
common word), weighed by a logistic regression shipped as data in
patterns/org_score.jsonl (trained on silver labels from real news dumps by
benchmarks/train_org_score.py). Pure, no spaCy."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import entries_by_id

# The model's labels, grouped: what else it takes the same surface for.
_PERSON = frozenset({"PERSON"})
_PLACE = frozenset({"GPE", "LOC", "FAC", "NORP"})
_WORK = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})

FEATURES = (
    "one_word", "three_words", "acronym", "camel", "digit", "common_single", "all_common", "org_word",
    "lower_elsewhere", "org_share", "unlabelled_share", "person_vote", "place_vote", "work_vote",
    "log_occurrences", "said", "possessive", "at_by", "the_before", "product_verb", "after_owner",
    "sentence_start",
)
# read by the keep decision, not weighed by the regression
EVIDENCE = ("product_after", "used_before", "person_cue", "org_end", "lower_inside")

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,5}$")
_CAMEL = re.compile(r"[a-z][A-Z]")
_PREV_WORD = re.compile(r"([A-Za-z]+)\W{0,2}$")
_POSS = re.compile(r"['’]s?\b")
_AFTER_OWNER = re.compile(r"[A-Z][\w.&-]*['’]s?\s+$")
_SENT_START = re.compile(r"(?:^|[.!?:\n\"“‘(]\s*)$")
# "Firefox 76", "PyTorch 1.1": a version number after the name
_VERSION_AFTER = re.compile(r"[ \t]+v?\d+(?:\.\d+)*\b(?![.,]?\d|\s*(?:%|per|pct|mln|bn|billion|million))")
_JOINERS = frozenset({"of", "and", "for", "the", "de", "du", "des", "la", "le", "von", "van", "der", "den", "di", "da", "do", "y", "e", "et", "in", "on", "at", "to", "&"})
_NEXT = re.compile(r"[ \t]+([A-Za-z][\w-]*)")


@dataclass(frozen=True)
class Scorer:
    bias: float
    weights: dict[str, float]
    threshold: float  # below it a name the model alone found is no mention
    spread: float  # at or above it a name also counts where the model missed it

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _entries() -> dict[str, dict]:
    return entries_by_id("org_score.jsonl")


@lru_cache(maxsize=None)
def scorer() -> Scorer:
    e = _entries()["weights"]
    unknown = set(e["weights"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"org_score.jsonl: unknown features {sorted(unknown)}")
    return Scorer(float(e["bias"]), {k: float(v) for k, v in e["weights"].items()}, float(e["threshold"]), float(e["spread"]))


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    """Lower-case words that real news text writes lower-case mid-sentence far more
    often than capitalised: "Television", "Chemicals" are such words, not names."""
    return frozenset(_entries()["common-words"]["words"])


@lru_cache(maxsize=None)
def _verbs() -> dict[str, frozenset[str]]:
    e = _entries()
    return {k: frozenset(e[k]["words"]) for k in ("at-by", "product-verbs", "product-words-after", "person-words-before", "used-before", "org-name-ends")}


@lru_cache(maxsize=None)
def _said() -> re.Pattern[str]:
    """"X said", "X, announced": what an organisation does right after its name."""
    words = "|".join(re.escape(w) for w in _entries()["said-after"]["words"])
    return re.compile(rf"\s*,?\s+(?:{words})\b")


@lru_cache(maxsize=None)
def _votes_entry() -> dict:
    return entries_by_id("org_votes.jsonl")["votes"]


@lru_cache(maxsize=None)
def _reading_limits() -> dict[str, float]:
    return _entries()["dump-reading"]


def dump_reading(surface: str) -> str | None:
    """How the statistical model reads this string across the real news dumps:
    "org" where it mostly reads it as an organisation, "other" where mostly as a
    person, place, work or product, None where it has seen it too seldom to say,
    or where it never stands in an organisation's context there."""
    key = " ".join(surface.split())
    v = _votes_entry()["votes"].get(key)
    lim = _reading_limits()
    if not v or sum(v) < lim["min"]:
        return None
    share = v[0] / sum(v)
    if share >= lim["org"]:
        # the model's labels alone: a string written in many documents and never
        # in an organisation's context ("Lyria", "Marketplace") does not read as one
        return None if dump_unnamed(key) else "org"
    if share < lim["other"]:
        return "other"
    return None


def dump_unnamed(surface: str) -> bool:
    """Do the real dumps write this string in many documents without ever giving it
    an organisation's context ("X said", "X Inc", "CEO of X")?"""
    c = _contexts().get(" ".join(surface.split()))
    return bool(c and c[0] >= _reading_limits()["unnamed-docs"] and not c[1])


@lru_cache(maxsize=None)
def _contexts() -> dict[str, list[int]]:
    return entries_by_id("org_contexts.jsonl")["table"]["counts"]


def dump_contexts(surface: str) -> str | None:
    """What the words around this string across the real dumps make it: "thing"
    where it stands far more often before "app", "users", "game", "awards", a
    year or a version, or after "using", "play", "degrees" than as the subject
    of "said", the owner of a chief executive or shares, "X Inc", "CEO of X"
    (patterns/org_contexts.jsonl); None where they do not say. The model labels
    "Alexa", "Skype" or "CES" an organisation nearly everywhere; their contexts
    tell the product or the event from its maker."""
    c = _contexts().get(" ".join(surface.split()))
    if not c:
        return None
    docs, org, thing = c
    lim = _reading_limits()
    if thing >= max(lim["thing-min"], lim["thing-over-org"] * (org + 1), lim["thing-share"] * docs):
        return "thing"
    return None


# a word that begins a phrase and cannot go on a name: "Demand for", "Ask the"
# ("to" and "with" can: "Advanced Micro Devices to buy Xilinx")
_RUN_ON = re.compile(r"[ \t]+(?:for|the|a|an|your|our)\b")


def _common_word_end(text: str, start: int, end: int) -> int:
    head, _, last = text[start:end].rpartition(" ")
    if not head or "\n" in last or last.lower() not in common_words() or last in _name_words():
        return end
    if _RUN_ON.match(text, end) is None or text.count(text[start:end]) > 1:
        return end
    return start + len(head.rstrip())


@lru_cache(maxsize=None)
def _name_words() -> frozenset[str]:
    """Words organisations' names end in ("Group", "Devices", "Solutions", "Labs")."""
    from pipeline.normalize.orgs import name_suffixes

    return _verbs()["org-name-ends"] | org_words_after() | name_suffixes()


# "University of Ibadan Shuangfei Fan", "Tshwane University of Technology Dipesh Singla":
# a place of learning's name of two or more words, then two words of a person's name
# ("Bank Julius Baer", "Bank Negara Malaysia" are no such names)
_PERSON_TAIL = re.compile(
    r"^(?P<org>\S.*?\s(?:University|College|Institute|School|Academy|Polytechnic)(?:\s+(?:of|for)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?"
    r"|(?:University|College|Institute|School|Academy|Polytechnic)\s+(?:of|for)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)"
    r"\s+(?P<first>[A-Z][a-z]+)\s+[A-Z][a-z][\w'’-]*$"
)


def run_on_end(text: str, start: int, end: int) -> int:
    """Where a name the model read runs on into the next sentence, headline or
    name: its last word is a common word before a word that begins a phrase
    ("Presented by Inference Solutions Demand for AI-based...", "Dick's Sporting
    Goods Jump to a Topic") and the text never writes the whole span again; or a
    sentence's opener ("WWI The") or a picture credit's word ("Best Buy
    Photograph"); or a person's name after an institution's ("University of Ibadan
    Shuangfei Fan"); or a headline's verb ("Association Takes Controversial
    Stand"). Returns the end without the run-on words, or `end`."""
    surface = text[start:end]
    # "American Psychological Association Takes Controversial Stand": a headline's verb
    verb = next((m.start() for m in re.finditer(r"(?<= )\S+", surface) if m.group() in headline_verbs()), None)
    if verb is not None and _headline_run_on(text, surface, verb):
        return start + len(surface[:verb].rstrip())
    head, _, last = surface.rpartition(" ")
    if head and len(last) > 1 and last in openers():  # not "Vision Fund I"
        return start + len(head.rstrip())
    # "Best Buy Photograph: Best Buy", not "Getty Images sued ... Getty Images said"
    if head and last in caption_words() and (text.startswith(":", end) or text.count(surface) == 1):
        return start + len(head.rstrip())
    m = _PERSON_TAIL.match(surface)
    if m and m.group("first").lower() not in common_words() and m.group("first") not in _name_words():
        return start + len(m.group("org"))
    return _common_word_end(text, start, end)


def org_words_after() -> frozenset[str]:
    """Words that go on after an organisation's name ("Group", "CEO", "Holdings")."""
    return evidence_words("org-words-after")


def _headline_run_on(text: str, surface: str, verb: int) -> bool:
    """Is the verb at `verb` a headline's, the span running on past the name? Words
    follow it, the last not one a name ends in ("Great Falls Tribune", "Small Claims
    Court"), and the text never writes the whole span again."""
    rest = surface[verb:].split()
    last = rest[-1]
    return (
        len(rest) > 1
        and last[:1].isupper()
        and last not in _name_words() | evidence_words("institution-heads")
        and text.count(surface) == 1
    )


def headline_verbs() -> frozenset[str]:
    """Verbs a title-case headline runs a name into ("Takes", "Raises", "Unveils")."""
    return evidence_words("headline-verbs")


def caption_words() -> frozenset[str]:
    """A picture credit's words a page runs into the name before it ("Best Buy Photograph")."""
    return evidence_words("caption-words")


def openers() -> frozenset[str]:
    """Words that open a sentence and never end a name ("The", "In", "When")."""
    return evidence_words("openers")


@lru_cache(maxsize=None)
def evidence_words(entry: str) -> frozenset[str]:
    """The words of an entry of patterns/org_evidence.jsonl."""
    return frozenset(entries_by_id("org_evidence.jsonl")[entry]["words"])


def keep_alone(surface: str, feats: dict[str, float]) -> bool:
    """Is a name only the model read as an organisation one here? Only with
    evidence for an organisation, in the document ("X said", "at X", "X Group",
    "X's" unless X is a person's name) or across the dumps (the model reads the
    string as an organisation in most of its occurrences there), and none that
    it is a thing used ("X users", "the X app", "Firefox 76", "using X") or a
    person ("Mr X", "coach X"), nor that the dumps mostly read it otherwise
    or mostly write it as a thing used, shown or named (dump_contexts)."""
    reading = dump_reading(surface)
    if reading == "other" or feats["lower_inside"]:
        return False
    named = feats["said"] or feats["org_word"] or feats["org_end"]
    # "MIT News", "Google TV": a word that may go on a company's name is too weak here
    if dump_contexts(surface) == "thing" and not (feats["said"] or feats["org_end"]):
        return False
    if feats["person_cue"] and not named:
        return False
    if (feats["product_after"] or feats["used_before"]) and not named:
        return False
    cued = named or feats["at_by"] or (feats["possessive"] and not feats["person_vote"])
    if cued or reading == "org":
        return True
    # The dumps silent: a plain one-word name ("Linksys", not "STEM", "CarPlay") the
    # model reads as an organisation wherever it occurs here, if the weighed evidence is strong.
    plain = feats["one_word"] and not (feats["acronym"] or feats["camel"] or feats["digit"] or feats["common_single"])
    return bool(
        reading is None and plain and not dump_unnamed(surface) and feats["org_share"] >= 1.0
        and scorer().probability(feats) >= _reading_limits()["alone"]
    )


def label_votes(ents: Iterable[tuple[str, str]]) -> dict[str, Counter]:
    """surface → how often the model gave it each label; a multi-word person's
    every word counts as a person vote ("Gebru" of "Timnit Gebru")."""
    votes: dict[str, Counter] = {}
    for surface, label in ents:
        votes.setdefault(surface, Counter())[label] += 1
        if label == "PERSON" and " " in surface:
            for w in surface.split():
                votes.setdefault(w, Counter())["PERSON_PART"] += 1
    return votes


def features(
    text: str, surface: str, votes: Counter | None, lower_words: Collection[str], org_words: Collection[str],
) -> dict[str, float]:
    """The features of one name in one document (see FEATURES)."""
    words = surface.split()
    common = common_words()
    f: dict[str, float] = {}
    f["one_word"] = float(len(words) == 1)
    f["three_words"] = float(len(words) >= 3)
    f["acronym"] = float(_ACRONYM.match(surface) is not None)
    f["camel"] = float(_CAMEL.search(surface) is not None)
    f["digit"] = float(any(c.isdigit() for c in surface))
    low = [w.lower().strip(".,") for w in words]
    f["common_single"] = float(len(words) == 1 and low[0] in common)
    f["all_common"] = float(len(words) > 1 and all(w in common for w in low))
    f["org_word"] = float(words[-1] in org_words)
    f["lower_elsewhere"] = float(len(words) == 1 and low[0] in lower_words)
    # every occurrence, and the words around it
    starts = []
    i = text.find(surface)
    while i >= 0 and len(starts) < 30:
        e = i + len(surface)
        if (i == 0 or not text[i - 1].isalnum()) and (e >= len(text) or not text[e].isalnum()):
            starts.append(i)
        i = text.find(surface, e)
    n = max(1, len(starts))
    v = votes or Counter()
    labelled = sum(c for k, c in v.items() if k != "PERSON_PART")
    f["org_share"] = min(1.0, v["ORG"] / n)
    f["unlabelled_share"] = max(0.0, 1.0 - labelled / n)
    f["person_vote"] = float(v["PERSON"] + v["PERSON_PART"] > 0)
    f["place_vote"] = float(sum(v[k] for k in _PLACE) > 0)
    f["work_vote"] = float(sum(v[k] for k in _WORK) > 0)
    f["log_occurrences"] = math.log(n)
    vocab = _verbs()
    at_by, product_verbs = vocab["at-by"], vocab["product-verbs"]
    things, titles = vocab["product-words-after"], vocab["person-words-before"]
    used, ends = vocab["used-before"], vocab["org-name-ends"]
    said = poss = at = the = verb = owner = start = thing = person = use = 0
    for s in starts:
        e = s + len(surface)
        said += _said().match(text, e) is not None
        poss += _POSS.match(text, e) is not None
        before = text[max(0, s - 24) : s]
        m = _PREV_WORD.search(before)
        prev = m.group(1) if m else ""
        at += prev in at_by
        the += prev == "the"
        verb += prev.lower() in product_verbs
        owner += _AFTER_OWNER.search(before) is not None
        start += _SENT_START.search(before) is not None
        nxt = _NEXT.match(text, e)
        thing += (nxt is not None and nxt.group(1).lower() in things) or _VERSION_AFTER.match(text, e) is not None
        person += prev in titles
        use += prev.lower() in used
    f["said"] = float(said > 0)
    f["possessive"] = float(poss > 0)
    f["at_by"] = float(at > 0)
    f["the_before"] = the / n
    f["product_verb"] = float(verb > 0)
    f["after_owner"] = owner / n
    f["sentence_start"] = float(start == len(starts) and bool(starts))
    f["product_after"] = float(thing > 0)
    f["person_cue"] = float(person > 0)
    f["used_before"] = float(use > 0)
    f["org_end"] = float(words[-1] in ends or (len(words) > 1 and any(w in ends for w in words[:-1])))
    # "Search Support us Print", "Topics Artificial intelligence": a lower-case word
    # other than a name's joining word runs a menu or a sentence into the name
    f["lower_inside"] = float(any(w.islower() and w not in _JOINERS for w in words[1:-1]))
    return f
