"""newsfacts_orgs: organisations from the gazetteer and the model's ORG entities,
filtered, extended to every recurrence in the document and given one canonical
name each. Runs after the other components so it never claims their spans."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import ASSIGNS, DEFAULT_CONFIG
from pipeline.extensions import FACTS_KEY, add_fact, facts, text_of
from pipeline.gazetteer import listed_companies, org_by_surface
from pipeline.normalize.dateline import dateline_place, is_country, territory_of
from pipeline.normalize.org_lists import name_lists
from pipeline.normalize.text import Occupied, alternation
from pipeline.normalize.wrapped import unwrap
from pipeline.normalize.org_evidence import (
    after_honorific,
    after_owner_word,
    ends_in_version,
    joins_names,
    name_goes_on,
    trim_lower_lead,
    is_code_plural,
    is_term_shape,
    is_event,
    is_not_org_head,
    is_time_zone,
    names_a_product,
    numbered_products,
    org_words_after,
    not_org_terms,
    person_tail,
    towns,
    product_surfaces,
    role_names,
    surnames_after_given,
    used_as_product,
)
from pipeline.normalize.org_mention import (
    beside_listed, document_types, found_features, name_features, probability as org_probability, spelt_out,
    threshold as org_threshold,
)
from pipeline.normalize.org_score import (
    common_words, dump_contexts, dump_reading, evidence_words, features, keep_alone, label_votes, openers, run_on_end,
    scorer,
)
from pipeline.normalize.orgs import (
    angle_names,
    canonical,
    clean_span,
    find_gazetteer_orgs,
    find_suffixed_names,
    is_heading,
    legal_forms,
    name_suffixes,
    org_filters,
    short_form_suffixes,
    short_forms,
    ticker_spans,
)


# Entities of these labels are not organisations, whatever role a pattern saw.
_NOT_ORG_LABELS = frozenset({"PERSON", "GPE", "LOC", "DATE", "TIME", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})


# "Applied Materials and Lam Research": a listed name then a list, not a longer name
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|&)")
_OWNER = re.compile(r"['’]s\s")


_ARTICLE = re.compile(r"(?:The|THE|the)\s+(?=\S)")
# "London's The Imaginarium Studios": a place's possessive, then the name
_PLACE_OWNER = re.compile(r"(?P<place>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?)['’]s\s+(?:The\s+)?(?=[A-Z])")


class OrgFinder:
    # training hook (benchmarks/train_org_score.py): a list to collect each scored name's features
    collect: list | None = None
    # training hook (benchmarks/train_org_mention.py): (start, end) → (features, name) of each weighed mention
    scored: dict | None = None

    def __init__(self, spans_key: str = FACTS_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        # names are found in the text with wrapped lines joined (same offsets), so a
        # name broken over two lines is found whole and named with a space
        text = unwrap(text_of(doc))
        taken = [(s.start_char, s.end_char) for s in facts(doc, self.spans_key)]
        tickers = ticker_spans(text)
        taken += [(s, e) for s, e, _ in tickers]
        # Names in page furniture are no mentions, and must not spread to the article.
        # nor are the players of a team sheet ("Replacements: Bozzi, Coutts, Lund, C Jones.")
        furniture = Occupied(list(doc._.furniture) + _team_sheets(text, {e.start_char for e in doc.ents if e.label_ == "PERSON"}))
        # a listed name goes on through its legal form ("Nvidia Corp.", "Standard and Poor's Corp")
        # the end of a longer name ("Industrial Bank of Japan") is that name, known by its form
        listed_spans = find_gazetteer_orgs(text)
        listed_ends = {e for _, e in listed_spans}
        cands: list[tuple[int, int, str]] = []
        for s, e in listed_spans:
            # "convolutional neural networks (CNN)": the text spells it out as a term
            if _spelt_as_term(text[s:e], text):
                continue
            head = _longer_start(text, s, e, listed_ends)
            cands.append((s, _legal_end(text, e), "gazetteer") if head == s else (head, e, "suffix"))
        gaz_starts = {s for s, _, _ in cands}
        stations = _stations(text, cands)
        # "Neural Information Processing Systems", "Breakthrough Technologies": a
        # conference or a term the dumps write as a thing, whatever its last word
        cands += [
            (s, _suffix_end(text, e), "suffix") for s, e in find_suffixed_names(text)
            if not is_heading(text, s, e) and dump_contexts(text[s:e]) != "thing"
        ]
        cands += [(s, e, "suffix") for s, e in angle_names(text)]
        # "Altman" alone is the surname of the "Sam Altman" the model found, not a company.
        surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        person_names = [_surname(ent) for ent in doc.ents if ent.label_ == "PERSON"]
        # "Tristan", "Brewster": the first name of a person the model found in full
        # ("Tristan Harris") more often than it read that word as an organisation
        # ("Pernod", once in "Pernod Ricard" read as a person, once alone as an
        # organisation, stays). Places are left alone: the model reads companies
        # such as "Cruise" as places too often.
        org_reads = Counter(ent.text for ent in doc.ents if ent.label_ == "ORG")
        other_reads = Counter(ent[0].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1)
        elsewhere = {w for w, n in other_reads.items() if n > org_reads[w]}
        places = {ent.start_char for ent in doc.ents if ent.label_ in ("GPE", "LOC")}
        went_on: set[tuple[int, int]] = set()  # the model's spans an institution's name took further
        # where another name begins (a one-word ORG that is a common word may be the
        # model's piece of a longer name: "... for Assigned Names and" + "Numbers")
        ent_starts = {
            ent.start_char for ent in doc.ents
            if ent.label_ != "ORG" or len(ent) > 1 or ent.text.lower() not in common_words()
        }
        # "Donald Trump's": the surname before a possessive, where the model reads the
        # word as a person more often than as an organisation ("Manchester United's",
        # once read as a person, stays a club)
        person_reads = Counter(last for last, _ in person_names if last)
        surnames |= {last for last, full in person_names if full and person_reads[last] > org_reads[last]}
        others = Occupied((ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _NOT_ORG_LABELS)
        # Document-level evidence: roles only an organisation has, and marks of a product.
        roles: set[str] = set()
        # "David Wengrow", "George Gilder": the word after a given name is a person's surname
        # ("Charles Schwab", read as an organisation here, leaves "Schwab" a company)
        given_surnames = {w for w in surnames_after_given(text, skip=org_reads) if w not in org_by_surface()}
        person_words = surnames | given_surnames  # every word the document uses as a person's surname
        # "HP Pavilion Plus 14", twice: a product, whatever role the text gives it
        numbered = numbered_products(text, org_by_surface())
        for s, e in role_names(text, person_words):
            span = _without_person(text, clean_span(text, s, e))
            if span:
                span = (span[0], _campus_end(text, span[0], name_goes_on(text, *span, ent_starts, person_words)))
            # "Fears raised over ballet future": a common word the text writes once, opening
            # a headline or sentence (a company named by one, "Target", is written again)
            word = text[span[0] : span[1]] if span else ""
            if _could_be_common(word) and word.lower() in common_words() and _opens_once(text, span[0], word):
                continue
            if span and others.free(*span) and not self._rejected(text, *span) and text[span[0] : span[1]] not in numbered:
                cands.append((*span, "role"))
                roles.add(text[span[0] : span[1]])
        # "Internet Corporation" + " for Assigned Names and Numbers"
        cands = [(s, name_goes_on(text, s, e, ent_starts, person_words), how) if how == "suffix" else (s, e, how) for s, e, how in cands]
        products = (product_surfaces(text, org_by_surface()) - roles) | numbered
        surnames |= given_surnames - roles
        lower_words: frozenset[str] | None = None  # built once, at the first entity
        listed = org_by_surface()
        votes = None  # the model's labels per surface, built at the first name to score
        placed: frozenset[str] | None = None  # the names the text places as towns, at the first name to score
        sure: dict[str, float] = {}  # surface → probability that it names an organisation here
        cued: dict[str, bool] = {}
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            start = trim_lower_lead(text, ent.start_char, ent.end_char)
            end = ent.end_char if ent.text in listed else run_on_end(text, start, ent.end_char)
            span = _without_person(text, clean_span(text, start, end))
            if not span or is_heading(text, *span):
                continue
            # "London's The Imaginarium Studios": the place it is in is no part of the name
            owner = _PLACE_OWNER.match(text, *span)
            if owner and territory_of(owner.group("place")):
                span = (owner.end(), span[1])
            # "the Galway-based coach": a place
            if text.startswith("-based", span[1]) and text[span[0] : span[1]] not in listed:
                continue
            went = _campus_end(text, span[0], name_goes_on(text, *span, ent_starts, person_words))
            if went > span[1]:
                went_on.add((span[0], went))
            span = (span[0], went)
            surface = text[span[0] : span[1]]
            # "Massachusetts General Hospital and Brown University": two institutions
            pair = _two_institutions(surface)
            if pair:
                halves = [(span[0], span[0] + pair[0]), (span[0] + pair[1], span[1])]
                cands += [(*h, "ner") for h in halves if others.free(*h) and not self._rejected(text, *h)]
                continue
            # "Uber's Advanced Technologies Group": a listed name's part, named after its owner
            owner = _OWNER.search(surface)
            if owner and surface[: owner.start()] in listed:
                continue
            # "Splunk's AI-powered offerings": the owner, before what it owns in common
            # words and a term ("People's Bank", "People's Government" are names)
            owned = surface[owner.end() :].split() if owner and owner.start() > 0 else []
            # and before a post in it ("Slack's SVP", "Acme’s CEO")
            if owned and (
                all(w.lower() in org_filters()["generic-words"] for w in owned) and any(_is_term(w) for w in owned)
                or all(w in evidence_words("title-words-after") for w in owned)
            ):
                span = (span[0], span[0] + owner.start())
                surface = text[span[0] : span[1]]
            if surface in surnames or surface in products or self._rejected(text, *span):
                continue
            if surface not in roles and self._not_a_name(text, *span, elsewhere):
                continue
            if lower_words is None:
                lower_words = _lower_words(text, furniture)
            if surface not in roles and _could_be_common(surface) and surface.lower() in lower_words:
                continue
            # "Halfway through the book", "Front-running by brokers": a common word that
            # the text capitalises only where it opens a sentence
            if (
                surface not in roles and _could_be_common(surface) and surface.lower() in common_words()
                and surface not in listed_companies() and _opens_once(text, span[0], surface)
            ):
                continue
            # "S Lamont", "K Maggs": an initial and a surname in a team sheet's line of them
            if _INITIAL_NAME.fullmatch(surface) and surface not in listed and surface not in listed_companies() and _team_sheet(text, span[0]):
                continue
            if surface not in roles and surface not in listed and not _station(text, *span, stations):
                # a name only the model found: kept when the document's evidence is strong enough
                if surface not in sure:
                    if votes is None:
                        votes = label_votes((ent.text, ent.label_) for ent in doc.ents)
                    feats = features(text, surface, votes.get(surface), lower_words, org_words_after())
                    sure[surface] = scorer().probability(feats)
                    # kept only on evidence for an organisation and none against, such as
                    # a town's place ("in Spruce Pine, North Carolina")
                    if placed is None:
                        placed = towns(text)
                    cued[surface] = keep_alone(surface, feats) and surface not in placed
                    if self.collect is not None:
                        self.collect.append((text, surface, feats))
                if not cued[surface]:
                    continue
            elif self.collect is not None and surface in listed and surface not in sure:
                if votes is None:
                    votes = label_votes((ent.text, ent.label_) for ent in doc.ents)
                sure[surface] = 1.0
                self.collect.append((text, surface, features(text, surface, votes.get(surface), lower_words, org_words_after())))
            cands.append((*span, "ner"))
        # "Harvard Business School", "Lockheed Martin": where the model's ORG span starts
        # with a listed name and goes on, the longer name is the organisation; so too
        # where the document gives the longer name a role ("a partner at Bloomberg Beta").
        # Not where the longer span ends in a person's post ("Nvidia VP" of "Nvidia VP
        # of worldwide AI initiatives Kari Briski"); "BBC Radio Leicester" is a station.
        titles = evidence_words("title-words-after")
        longer = {
            s: e for s, e, how in cands
            if (how == "ner" and (
                (text[s:e].split()[-1] in org_words_after() and text[s:e].split()[-1] not in titles)
                or (s, e) in went_on or _station(text, s, e, stations)
            ))
            or (how == "role" and _role_goes_on(text, s, e))
        }
        cands = [
            c for c in cands
            if not (c[2] == "gazetteer" and longer.get(c[0], c[1]) > c[1] and not _LIST_AFTER.match(text, c[1]))
        ]
        # "Joseph Rowntree Reform Trust Ltd": where the model's span ends with a suffixed
        # name and holds more capitalised words before it, the name begins there
        ner_start = {e: s for s, e, how in cands if how == "ner"}
        cands = [
            (ner_start[e], e, how) if how == "suffix" and ner_start.get(e, s) < s and _name_words_before(text[ner_start[e] : s]) else (s, e, how)
            for s, e, how in cands
        ]
        cands = [(s, e, "suffix" if how == "ner" and s in gaz_starts else how) for s, e, how in cands]
        cands = [c for c in cands if furniture.free(c[0], c[1])]
        # the dateline's place ("BRANCHVILLE, N.J., Feb 26 -") is where, not who
        where = dateline_place(text)
        if where:
            taken = taken + [where]
        # an unlisted name the model reads as one with the next word ("Pernod Ricard",
        # if as a person) goes on there; a listed one ("Baidu Wenku") does not
        joined = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
        chosen = _select(cands, taken)
        # One sense per document: a name found once is an organisation wherever it
        # recurs, and so is its short form ("Moonshot AI", then "Moonshot").
        names: dict[str, str] = {}
        origin: dict[str, str] = {}  # name → how it was found first ("short" for a short form)
        for s, e, how in chosen:
            full = text[s:e]
            # one sense per document only from a name the evidence makes sure of
            if how == "ner" and not cued.get(full, True):
                continue
            names.setdefault(full, canonical(full)[0])
            origin.setdefault(full, how)
            for short in short_forms(full):
                # "Gilder Technology", then "Gilder": not where "Gilder" is a person's surname
                if short not in surnames or (org_reads[short] and short not in given_surnames):
                    names.setdefault(short, names[full])
                    origin.setdefault(short, "short")
        names = {n: c for n, c in names.items() if len(n) > 1 and n not in products}
        # "Musk" in "Elon Musk": a person's surname is no recurrence
        full_people = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1]
        chosen = _spread(text, chosen, names, taken, full_people)
        # then the names listed with the organisations so found, and their recurrences
        if lower_words is None:
            lower_words = _lower_words(text, furniture)
        people = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON" and " " in ent.text]
        if votes is None:
            votes = label_votes((ent.text, ent.label_) for ent in doc.ents)
        lists = name_lists(text)  # read by the names listed with organisations and by the decision
        listed_with = self._listed_with_orgs(
            text, lists, chosen, taken, furniture, surnames | elsewhere | products, people, lower_words, votes
        )
        if listed_with:
            fresh = {text[s:e]: canonical(text[s:e])[0] for s, e, _ in listed_with}
            names.update({n: c for n, c in fresh.items() if n not in names})
            for n in fresh:
                origin.setdefault(n, "list")
            chosen = _spread(text, chosen + listed_with, fresh, taken, full_people)
        # a wire headline shouts the names of its story ("HUTCHISON SEES HIGHER PAYOUT")
        loud = {n.upper(): c for n, c in names.items() if len(n) >= 4 and n != n.upper()}
        for n in names:
            origin.setdefault(n.upper(), origin.get(n, ""))
        chosen = _select(chosen + _shouted(text, loud), taken)
        names = {**loud, **names}
        kept = []
        for s, e, how in sorted(chosen):
            # "Baidu Maps", "Chevrolet Bolt": the company's name begins a product's.
            listed = text[s:e] in org_by_surface()
            if names_a_product(text, e, names, places) and not is_heading(text, s, e) and (listed or not _joined(joined, s, e)):
                continue
            # "integrations with Dataiku", "the Slack integration": this mention is the software
            if used_as_product(text, s, e):
                continue
            name, org_id = canonical(text[s:e])
            if org_id is None and text[s:e] in names:
                name = names[text[s:e]]
            kept.append((s, e, how, name, org_id))
        kept = self._weigh(text, lists, kept, origin, votes, lower_words, person_words)
        longer = _longer_names({name for _, _, _, name, org_id in kept if org_id is None})
        for s, e, how, name, org_id in kept:
            # "The Wall Street Journal": the list names the title whole, the mention
            # leaves its article out, as every span does
            article = _ARTICLE.match(text, s, e)
            if article and org_id:
                s = article.end()
            method = f"gazetteer:{org_id}" if org_id else ("ner" if how == "ner" else f"rule:org-{how}")
            value = {"name": longer.get(name, name) if org_id is None else name, "ticker": _ticker_after(text, e, tickers, chosen)}
            add_fact(doc, s, e, "org", value, method, self.spans_key)
        return doc

    def _weigh(
        self,
        text: str,
        lists: list[list[tuple[int, int]]],
        kept: list[tuple[int, int, str, str, str | None]],
        origin: dict[str, str],
        votes: dict[str, Counter],
        lower_words: frozenset[str],
        surnames: set[str],
    ) -> list[tuple[int, int, str, str, str | None]]:
        """The mentions that stay: every listed one, every one of a name whose form
        makes it an organisation's (a legal form, a name suffix such as
        "Pharmaceuticals"), and those of any other name whose surest mention clears
        org_mention's bar (one sense per document: its recurrences stay or go with it)."""
        unlisted = {text[s:e] for s, e, _, _, org_id in kept if org_id is None}
        doc_types = document_types(text, unlisted)
        beside = beside_listed(text, lists, unlisted, org_by_surface())
        # what a name is at every mention, computed once per name
        named = {
            n: name_features(text, n, features(text, n, votes.get(n), lower_words, org_words_after()), surnames, doc_types[n], beside)
            for n in unlisted
        }
        best: dict[str, float] = {}  # name → the probability of its surest mention
        for s, e, how, name, org_id in kept:
            if org_id is None:
                surface = text[s:e]
                if how == "suffix" or surface.split()[-1] in legal_forms():
                    # "Kestrel Harbour Plc", "Bramley Pharmaceuticals": the name's own form
                    # (a legal form, a word only organisations' names end in) settles it
                    best[name] = 1.0
                    if self.scored is not None:
                        self.scored[(s, e)] = None
                    continue
                f = {**found_features(how, origin.get(surface, "")), **named[surface]}
                if self.scored is not None:
                    self.scored[(s, e)] = (f, name)  # training: every mention kept, with its features and name
                best[name] = max(best.get(name, 0.0), org_probability(f))
        if self.scored is not None:
            return kept
        return [k for k in kept if k[4] is not None or best[k[3]] >= org_threshold()]

    def _listed_with_orgs(
        self,
        text: str,
        lists: list[list[tuple[int, int]]],
        chosen: list[tuple[int, int, str]],
        taken: list[tuple[int, int]],
        furniture: Occupied,
        not_orgs: set[str],
        people: list[tuple[int, int]],
        lower_words: frozenset[str],
        votes: dict[str, Counter],
    ) -> list[tuple[int, int, str]]:
        """The other names of a comma or "and" list some of whose names are organisations
        found already ("Luma, Meraki, Samsung, TP-Link and D-Link"; one that is sure is
        enough, "GM and Cruise", else two): not the document's
        people, places, products or common words."""
        found = {(s, e) for s, e, _ in chosen}
        suffixes = name_suffixes() | short_form_suffixes()
        occupied = Occupied(taken + list(found))
        out: list[tuple[int, int, str]] = []
        listed = org_by_surface()
        # a listed organisation, or one the document names three times or more, vouches
        # for the others of its list alone; any other takes two
        # (found three times on its own evidence, not by its recurrences alone)
        times = Counter(text[s:e] for s, e, how in chosen if how != "one-sense")
        for names in lists:
            known = [(s, e) for s, e in names if (s, e) in found]
            sure = sum(text[s:e] in listed or times[text[s:e]] >= 3 for s, e in known)
            if len(known) + sure < 2 or _NAME_GOES_ON.search(text, max(0, names[0][0] - 40), names[0][0]):
                continue
            # a list with a place, a language or a work in it is no list of organisations
            # ("Jupiter, Saturn, Mars, and Mercury", where the model knows a planet)
            if any(_other_kind(text[s:e], votes.get(text[s:e]) or Counter()) for s, e in names if (s, e) not in found):
                continue
            for i, (s, e) in enumerate(names):
                surface = text[s:e]
                if (s, e) in found or not occupied.free(s, e) or not furniture.free(s, e):
                    continue
                if clean_span(text, s, e) != (s, e) or is_heading(text, s, e) or self._rejected(text, s, e):
                    continue
                if surface in not_orgs or surface.split()[0] in openers() or territory_of(surface):
                    continue
                if " " not in surface and (surface.lower() in lower_words or (i == 0 and _sentence_start(text, s))):
                    continue
                # the model's reading of a place is overruled only in a list of two
                # organisations or more ("Lookout"), of a person's full name only for a
                # name that ends as a company's does ("Ruckus Wireless")
                v = votes.get(surface) or Counter()
                if len(known) < 2 and v["GPE"] and not v["ORG"]:
                    continue
                if any(ps < e and s < pe for ps, pe in people) and (len(known) < 2 or surface.split()[-1] not in suffixes):
                    continue
                if not _could_be_listed_name(surface, votes.get(surface) or Counter()):
                    continue
                # nor where the document uses it as a thing ("Bing users") or a person ("coach Bing")
                f = features(text, surface, votes.get(surface), lower_words, org_words_after())
                if f["product_after"] or f["used_before"] or f["person_cue"] or f["lower_inside"]:
                    continue
                out.append((s, e, "list"))
        return out

    @staticmethod
    def _not_a_name(text: str, start: int, end: int, elsewhere: set[str]) -> bool:
        """Evidence against a model-found ORG span: a person's or a place's name in
        this document, a product's version, two names joined, a reader's section."""
        surface = text[start:end]
        return (
            surface in elsewhere
            or (" " not in surface and after_owner_word(text, start))
            or ends_in_version(surface)
            or joins_names(surface)
        )

    @staticmethod
    def _rejected(text: str, start: int, end: int) -> bool:
        """Codes, terms, plurals of codes, people by their title, events, legal
        documents, currencies and units, countries and halves of their names."""
        surface = text[start:end]
        return (
            surface in not_org_terms()
            or is_time_zone(text, start, end)
            or is_code_plural(surface)
            or is_term_shape(surface)
            or _spelt_as_term(surface, text)
            or after_honorific(text, start)
            or is_event(surface)
            or is_not_org_head(surface)
            or _part_of_place(text, start, end)
            or is_country(surface)
            or surface in legal_forms()
        )


_AND_BEFORE = re.compile(r"(?:([A-Z][\w.-]*)\s)?([A-Z][\w.-]*)\s+(?:and|&)\s+(?:the\s+)?$")
_AND_AFTER = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?([A-Z][\w.-]*)(?:\s([A-Z][\w.-]*))?")


def _part_of_place(text: str, start: int, end: int) -> bool:
    """Is the span half of a country's name ("Trinidad and Tobago", "Bosnia and
    Herzegovina", "Saint Vincent and the Grenadines"), by CLDR's names of places?"""
    name = text[start:end]
    before = _AND_BEFORE.search(text, max(0, start - 40), start)
    if before:
        for first in filter(None, (before.group(2), before.group(1) and f"{before.group(1)} {before.group(2)}")):
            if is_country(f"{first} & {name}"):
                return True
    after = _AND_AFTER.match(text, end)
    if after:
        for second in filter(None, (after.group(1), after.group(2) and f"{after.group(1)} {after.group(2)}")):
            if is_country(f"{name} & {second}"):
                return True
    return False


def _without_person(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A span without the person's name it runs into ("Limitless Phil Sanderson")."""
    if span is None:
        return None
    end = person_tail(text, *span)
    return span if end is None else (span[0], end)


def _longer_names(names: set[str]) -> dict[str, str]:
    """"Hutchison" → "Hutchison Whampoa" where the document names the organisation in
    full too: a name that begins exactly one longer name of the same document is
    that organisation's (its canonical name is the one all its mentions share)."""
    out: dict[str, str] = {}
    for short in names:
        longer = [n for n in names if n.startswith(short + " ")]
        if len(longer) == 1:
            out[short] = longer[0]
    return out


# The model's readings that a listed name keeps: it reads unknown companies as
# people, places and products often enough ("Meraki", "Mastercard", "Pearson Plc")
# but languages, peoples, planets and works seldom.
_NOT_LISTED_LABELS = frozenset({"NORP", "LANGUAGE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW"})


# "Center for Justice and Equality", "Department of Energy and ...": the list is
# the end of a longer name, or a name's parts
_NAME_GOES_ON = re.compile(r"[A-Z][\w-]*\s+(?:of|for|&)\s+$")


def _other_kind(surface: str, votes: Counter) -> bool:
    """A name this document's model reading or the place names make no organisation."""
    return bool(territory_of(surface) or any(votes[k] for k in _NOT_LISTED_LABELS))


def _could_be_listed_name(surface: str, votes: Counter) -> bool:
    """May a name of a list be an organisation by its company alone? Not a common
    noun or title ("Culture", "Chief Climate Officer", "Official Rules": a word news
    writes lower-case, unless it is a name suffix such as "Wireless"), not a shouted
    line ("TIKTOK OR YOUTUBE"), not what the model reads here as a language, people,
    place or work, nor a name the dumps read as something else when this document
    never reads it as an organisation ("Mars", "Somali")."""
    suffixes = name_suffixes() | short_form_suffixes()
    if any(w.lower() in common_words() and w not in suffixes for w in surface.split()):
        return False
    shouted = surface == surface.upper() and (len(surface) > 5 or " " in surface)
    if shouted or any(votes[k] for k in _NOT_LISTED_LABELS):
        return False
    return not (dump_reading(surface) == "other" and not votes["ORG"])


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n][\"'”’)]*\s*)$")


_ACRONYM_SHAPE = re.compile(r"[A-Z][A-Z0-9&]{1,5}")


def _spelt_as_term(surface: str, text: str) -> bool:
    """Does the text spell this acronym out in lower case right before it, in
    brackets ("convolutional neural networks (CNN)", "radio frequency
    identification (RFID)")? Then it names a thing, wherever it stands."""
    if not _ACRONYM_SHAPE.fullmatch(surface):
        return False
    spelt = spelt_out(text, surface)
    return spelt is not None and spelt.islower()


# "Bank of Japan", "Council on Foreign Relations": a name that is a head and what it is of
_HEAD_OF = re.compile(r"[A-Z][\w-]* (?:of|on|for) ")
_WORD_BEFORE = re.compile(r"(?<![\w.&'’-])([A-Z][\w&-]*) $")


def _longer_start(text: str, start: int, end: int, listed_ends: set[int] = frozenset()) -> int:
    """Where the name the listed one at [start, end) ends begins: the capitalised
    words right before its head ("Industrial Bank of Japan", "White House Office of
    Science and Technology Policy"), else `start`. Not a place, a nationality, a
    sentence's opener or another listed name (`listed_ends`: "the US Department of
    Justice", "The Bank of Japan", "Goldman Sachs Bank of America" in a menu)."""
    if not _HEAD_OF.match(text, start, end):
        return start
    new = start
    for _ in range(3):
        m = _WORD_BEFORE.search(text, max(0, new - 40), new)
        if m is None or _sentence_start(text, m.start()) or m.end(1) in listed_ends:
            break
        word = m.group(1)
        if word in openers() or territory_of(word) or is_country(word) or word.lower() in org_filters()["nationalities"]:
            break
        new = m.start(1)
    return new


# "University of North Carolina at Chapel Hill", "... at St. Louis": a campus named by
# its town, in words that are no acronym ("at CES") and stop at a sentence's full stop
_TOWN_WORD = r"(?:[A-Z][a-z]{1,2}\.(?= [A-Z])|[A-Z][a-z][\w'’-]*)"
_CAMPUS = re.compile(rf" at ({_TOWN_WORD}(?: {_TOWN_WORD}){{0,2}})(?![\w.'’-]*\w)")


def _campus_end(text: str, start: int, end: int) -> int:
    """The end of a university's name that goes on with its campus's town after
    "at" ("University of Texas at Austin"), else `end`; not into another
    institution ("... at Stanford University")."""
    if not text.startswith("University of ", start):
        return end
    m = _CAMPUS.match(text, end)
    if m is None or any(w in evidence_words("institution-heads") for w in m.group(1).split()):
        return end
    return m.end()


def _sentence_start(text: str, start: int) -> bool:
    """Does a sentence or line begin at `start` (so a capital there says nothing)?"""
    return _SENTENCE_START.search(text, max(0, start - 4), start) is not None


def _surname(ent) -> tuple[str, bool]:
    """A person entity's last word without a possessive, and whether the entity has
    more than that word."""
    words = [t.text for t in ent if t.text not in ("'s", "’s", "'", "’")]
    return (words[-1] if words else ""), len(words) > 1


_WORD_AFTER = re.compile(r" ([A-Z][\w&-]*)")


def _spread(
    text: str,
    chosen: list[tuple[int, int, str]],
    names: dict[str, str],
    taken: list[tuple[int, int]],
    people: list[tuple[int, int]] = (),
) -> list[tuple[int, int, str]]:
    """`chosen` with every other occurrence of `names` in the text, but not where it
    ends one of `people` (the model's full names of persons) as its surname after
    given names: "Musk" in "Elon Musk" ("Pernod Ricard", a name the model begins
    with, and "Acquiring Slack", a misreading, stay), nor where a longer name goes
    on from it ("Argo AI"); a legal form after it ("Hoechst AG") is the mention's."""
    if not names:
        return chosen
    rx = re.compile(r"(?<![\w@#&.-])(?<!\w['’])(?:" + alternation(names) + r")(?![\w&]|\.\w)")
    starts_by_end: dict[int, list[int]] = {}
    for ps, pe in people:
        starts_by_end.setdefault(pe, []).append(ps)
    goes_on = evidence_words("name-words-after")
    extra = []
    for m in rx.finditer(text):
        if any(ps < m.start() and _given_words(text[ps : m.start()]) for ps in starts_by_end.get(m.end(), ())):
            continue
        # "Hoechst AG": the recurrence takes its legal form; "Argo AI", "ICI Pharma":
        # a longer name that begins with this one (the same company, or a unit of
        # it) is no mention of the shorter
        end = _legal_end(text, m.end())
        after = _WORD_AFTER.match(text, end)
        if end == m.end() and after and after.group(1) in goes_on:
            continue
        extra.append((m.start(), end, "one-sense"))
    return _select(chosen + extra, taken)


def _shouted(text: str, loud: set[str] | dict[str, str]) -> list[tuple[int, int, str]]:
    """Where the document's organisation names, in capitals (`loud`), stand in a line
    without a lower-case letter (a wire headline): "HUTCHISON" for "Hutchison"."""
    if not loud:
        return []
    rx = re.compile(r"(?<![\w&.-])(?:" + "|".join(map(re.escape, sorted(loud, key=len, reverse=True))) + r")(?![\w&]|\.\w)")
    out = []
    for m in rx.finditer(text):
        lo = text.rfind("\n", 0, m.start()) + 1
        hi = text.find("\n", m.end())
        line = text[lo : len(text) if hi == -1 else hi]
        if line == line.upper():
            out.append((m.start(), m.end(), "one-sense"))
    return out


# "Nvidia Corp.", "Siemens A.G.", "Napersoft, Inc.", "Huawei Technologies Co., Ltd.":
# the forms an American company's name takes after a comma are few, and not before
# "and" ("in Forbes, Inc. and Fast Company": a list); not legal-suffixes, whose
# "Holdings", "Group" and "Company" go on with other names after a listed one
_LEGAL_AFTER = re.compile(
    r"(?:, (?:Inc\.|Ltd\.|L\.L\.C\.|Inc|Ltd|LLC)(?!\.? (?:and|or) )"
    r"| (?:Inc\.|Ltd\.|L\.L\.C\.|Corp\.|Co\.|N\.V\.|S\.A\.|A\.G\.|Inc|Ltd|LLC|Corp|Co|PLC|Plc|plc|AG|SA|NV|GmbH|Limited|Incorporated))+(?![\w&-])"
)


def _legal_end(text: str, end: int) -> int:
    m = _LEGAL_AFTER.match(text, end)
    return m.end() if m else end


@lru_cache(maxsize=None)
def _suffix_goes_on() -> frozenset[str]:
    return name_suffixes() | org_filters()["suffix-goes-on"]


def _suffix_end(text: str, end: int) -> int:
    """Where a name told by its suffix ends: on through more such words and a legal
    form ("Columbia Gas Systems" + " Inc", "B Capital" + " Group", "Dynamic
    Systems" + " Lab", "Economist Intelligence" + " Unit")."""
    while (m := _WORD_AFTER.match(text, end)) and m.group(1) in _suffix_goes_on():
        end = m.end()
    return _legal_end(text, end)


# the model's span stops short of the name ("BBC Radio" of "BBC Radio Five Live")
_GOES_ON_CAPITALISED = re.compile(r" [A-Z0-9]")


def _stations(text: str, gazetteer: list[tuple[int, int, str]]) -> dict[int, int]:
    """Where a listed media organisation's name is followed by a word that begins its
    station's or channel's name ("BBC" + " Radio Leicester", "BBC" + " One"): the
    name's start → its end, past which the model's span may go on."""
    words = evidence_words("station-words")
    rx = re.compile(rf" (?:{alternation(words)})(?![\w-])")
    by_surface = org_by_surface()
    return {
        s: e for s, e, _ in gazetteer
        if rx.match(text, e) and getattr(by_surface.get(text[s:e]), "kind", None) == "media"
    }


_PAIR = re.compile(r"(?P<left>[A-Z][\w.'’&-]*(?: [\w.'’&-]+)+) (?:and|at|&) (?P<right>[A-Z][\w.'’&-]*(?: [\w.'’&-]+)+)")


def _two_institutions(surface: str) -> tuple[int, int] | None:
    """Where the model's span joins two institutions' names, each of two words or
    more, ending in an institution's head word and saying which one it is
    ("Massachusetts General Hospital and Brown University", "Oxford Internet
    Institute at Balliol College"): the end of the first and the start of the
    second ("Department of Health and Human Services", "Securities and Exchange
    Commission", "Moffitt Cancer Center and Research Institute", "Virginia
    Polytechnic Institute and State University" are one name)."""
    m = _PAIR.fullmatch(surface)
    if not m:
        return None
    heads = evidence_words("institution-heads")
    left, right = m.group("left"), m.group("right")
    if left.split()[-1] in heads and right.split()[-1] in heads and _distinct(left) and _distinct(right):
        return m.end("left"), m.start("right")
    return None


def _distinct(name: str) -> bool:
    """Does an institution's name say which one it is ("Brown University", not
    "State University" or "Research Institute", which go on a name before them)?"""
    words = name.split()[:-1]
    return any(w.lower() not in common_words() for w in words) or name in org_by_surface() or dump_reading(name) == "org"


def _station(text: str, start: int, end: int, stations: dict[int, int]) -> bool:
    """Is this span a whole station's name after its broadcaster's ("BBC Radio 4"),
    not one the model cut short ("BBC Radio" of "BBC Radio Five Live")?"""
    rest = text[stations.get(start, end) : end]
    return (
        start in stations and stations[start] < end and not _GOES_ON_CAPITALISED.match(text, end)
        and "'s" not in rest and "’s" not in rest and not set(rest.split()) & evidence_words("title-words-after")
    )


def _role_goes_on(text: str, start: int, end: int) -> bool:
    """May a name the document gives a role go on past the listed name it begins
    with? Not into a one-letter word or a label ("OpenAI A prisoner's dilemma",
    "CEO of OpenAI Breaking: ..."), where a headline runs into the text."""
    return all(len(w) > 1 for w in text[start:end].split()[1:]) and not text.startswith(":", end)


def _name_words_before(words: str) -> bool:
    """May these words begin the name after them ("Joseph" of "Joseph Rowntree Reform
    Trust Ltd")? Capitalised words, none a sentence's opener, an owner's possessive
    ("Coca-Cola Co's") or a place ("India Warily Eyes AI Technology")."""
    ws = words.split()
    return (
        bool(ws)
        and all(w[:1].isupper() and w not in openers() and not w.endswith(("'s", "’s")) for w in ws)
        and not territory_of(words.strip())
    )


def _joined(entities: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does one of the model's entities run from this name into the next word?"""
    return any(s <= start and e > end + 1 for s, e in entities)


_INITIAL_NAME = re.compile(r"(?<![\w.])[A-Z]\.? [A-Z][a-z][\w'’-]+")
# where a sentence may begin: the text's start, a line break, or after a full stop,
# question or exclamation mark (and a closing quote or bracket), or an opening quote
# (not a bracket: "S Danielli (Borders)" names a team)
_OPENING = re.compile(r"(?:^|\n|[.!?][\"”’')\]]?\s+|[\"“‘]\s*)$")


def _given_words(words: str) -> bool:
    """May these words be a person's given names ("Elon", not "Acquiring" or
    "Related Story" the model ran into a name)? Capitalised, none a common word."""
    ws = words.split()
    return bool(ws) and all(w[:1].isupper() and w.lower() not in common_words() for w in ws)


def _is_term(word: str) -> bool:
    """A term the model takes for a name, written as an acronym ("AI", "GenAI")."""
    return word in org_filters()["not-orgs"] and any(c.isupper() for c in word[1:])


def _opens_once(text: str, start: int, surface: str) -> bool:
    """Is this the text's only `surface`, where a sentence begins ("Halfway through
    the book")? A company named by a common word ("Target", "Block") is written again."""
    return text.count(surface) == 1 and _OPENING.search(text, max(0, start - 4), start) is not None


# a player in a team sheet: a surname, perhaps after an initial, perhaps marked captain
# (possessive quantifiers: a long capitalised token must not make the match backtrack)
_SHEET_ITEM = re.compile(r"(?:[A-Z]\.? )?[A-Z][\w'’-]++(?: [A-Z][\w'’-]++){0,2}(?: \((?:capt|c|vc|gk|from)\))?")
_SHEET_LABEL = re.compile(r"(?:[A-Z][\w'’-]*+\s?){1,3}(?:\((?:from)\))?:\s*")


def _team_sheets(text: str, person_starts: set[int]) -> list[tuple[int, int]]:
    """The spans of a text's team-sheet lines, after their label ("Replacements
    (from): Bozzi, Coutts, Anglesea, Lund, C Jones."): five or more players
    parted by commas and semicolons, nothing else, and two of them the model's
    persons and none a listed organisation's name or ending as one's (a line of
    investors, "Sequoia Capital, Andreessen Horowitz, Peter Thiel, Reid Hoffman,
    Tiger Global", is none)."""
    out = []
    pos = 0
    ends = org_words_after() | name_suffixes()
    for line in text.split("\n"):
        lo, pos = pos, pos + len(line) + 1
        if line.count(",") + line.count(";") < 4 or len(line) > 600:
            continue
        label = _SHEET_LABEL.match(line)
        start = lo + (label.end() if label else 0)
        body = text[start : lo + len(line)].rstrip().rstrip(".")
        items = re.split(r"\s*[,;]\s*", body)
        if len(items) < 5 or not all(_SHEET_ITEM.fullmatch(i) for i in items):
            continue
        # "Investors: Sequoia Capital, Andreessen Horowitz, Peter Thiel, ...": no sheet
        if any(i in org_by_surface() or i.split()[-1] in ends for i in items):
            continue
        if sum(lo <= p < lo + len(line) for p in person_starts) >= 2:
            out.append((start, start + len(body)))
    return out


def _team_sheet(text: str, start: int) -> bool:
    """Does the line hold three or more initials with surnames ("S Danielli, A Craig")?"""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    return len(_INITIAL_NAME.findall(text[lo : len(text) if hi < 0 else hi])) >= 3


def _could_be_common(surface: str) -> bool:
    """"Gallium": a single capitalised word, which may be a common noun at a sentence start."""
    return " " not in surface and surface[:1].isupper() and surface[1:].islower()


# a word after a space or line break, up to the next one
_RUN = re.compile(r"(?<=[ \n])[^ \n]+")
_WORD_END = re.compile(r"[,.;:!?]")


def _lower_words(text: str, furniture: Occupied) -> frozenset[str]:
    """The lower-case words of the text outside page furniture (tag lists), each
    as it stands before a space, a line break or punctuation: "Gallium ... gallium"
    makes the capitalised word a common noun at a sentence start, not a name. One
    set per document, so the test costs one look-up per entity."""
    out: set[str] = set()
    for m in _RUN.finditer(text):
        run, end = m.group(), m.end()
        cuts = [p.start() for p in _WORD_END.finditer(run)]
        if end < len(text):
            cuts.append(len(run))
        for cut in cuts:
            word = run[:cut]
            if word and word == word.lower() and furniture.free(m.start(), m.start() + cut):
                out.add(word)
    return frozenset(out)


def _select(cands: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Non-overlapping candidates: the gazetteer first, then longer spans."""
    rank = {"gazetteer": 0, "suffix": 1, "role": 2, "ner": 3, "list": 3, "one-sense": 4}
    out: list[tuple[int, int, str]] = []
    occupied = Occupied(taken)
    for s, e, how in sorted(cands, key=lambda c: (rank[c[2]], -(c[1] - c[0]), c[0])):
        if occupied.free(s, e):
            out.append((s, e, how))
            occupied.add(s, e)
    return out


def _ticker_after(text: str, end: int, tickers: list[tuple[int, int, str]], chosen: list[tuple[int, int, str]]) -> str | None:
    """'Baidu (NASDAQ: BIDU)', "Baidu's Hong Kong stock (HKG: 9888)": the nearest ticker
    within a few words after the name, with no other organisation in between."""
    for s, _, sym in tickers:
        if end <= s <= end + 40 and "\n" not in text[end:s] and not any(end <= cs < s for cs, _, _ in chosen):
            return sym
    return None


# Runs last, over the model's entities, so it never claims another component's span.
@Language.factory("newsfacts_orgs", default_config=DEFAULT_CONFIG, assigns=ASSIGNS, requires=["doc.ents"])
def make_orgs(nlp: Language, name: str, spans_key: str) -> OrgFinder:
    return OrgFinder(spans_key)
