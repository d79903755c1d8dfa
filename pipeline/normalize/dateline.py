"""The story's own country, from its dateline ("    HONG KONG, March 2 - ..."), and
the currencies a bare unit word ("dlrs", "cents", "francs") means there. Places
and currencies come from CLDR (through Babel): country names, time-zone cities,
the currencies each territory uses and used; patterns/places.jsonl adds the
dateline cities no time zone is named after. Pure, no spaCy."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pipeline.resources import load_jsonl

# A wire or press-release dateline: a line that opens with a place in capitals,
# an optional region or country ("SAN JOSE, Calif.", "SHENZHEN, China"), an
# optional date or credit, then a dash: "    WELLINGTON, March 3 - ",
# "LONDON (Reuters) - ", "SHENZHEN, China, 2025-03-18 /PRNewswire/ -- ".
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'&-]+(?:[ ][A-Z][A-Z.'&-]*){0,3})"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}))?"
    r"(?:,?[ \t]*[^\n]{0,40}?)?[ \t]+(?:-{1,2}|–|—)[ \t]",
    re.M,
)
# A dateline stands in the first lines: the headline, maybe a byline, then it.
_DATELINE_REACH = 400


def dateline_place(text: str) -> tuple[int, int] | None:
    """The span of the dateline's place ("BRANCHVILLE" of "BRANCHVILLE, N.J., Feb 26 -"),
    where a region follows it or it is a known place: a capitalised headline with a
    dash ("OPEC MAY HAVE TO MEET TO FIRM PRICES - ANALYSTS") is no dateline."""
    m = _DATELINE.search(text, 0, min(len(text), _DATELINE_REACH))
    if not m or not (m.group("region") or territory_of(m.group("place"))):
        return None
    return m.span("place")


def dateline_territory(text: str) -> str | None:
    """The CLDR territory code (NZ, HK, US) of the story's dateline, else None.
    A region after the city names the country when the city is unknown or shared."""
    m = _DATELINE.search(text, 0, min(len(text), _DATELINE_REACH))
    if not m:
        return None
    for name in (m.group("place"), m.group("region")):
        if name:
            territory = territory_of(name)
            if territory:
                return territory
    return None


def territory_of(place: str) -> str | None:
    """A country or city name (any case) → CLDR territory code, else None."""
    key = _key(place)
    return _places().get(key)


def is_country(name: str) -> bool:
    """Is this the English name CLDR gives a country or territory ("Slovakia",
    "Trinidad & Tobago"), not a city's?"""
    return _key(name) in _countries()


@lru_cache(maxsize=None)
def _countries() -> frozenset[str]:
    from babel import Locale

    names = [n for code, n in Locale("en").territories.items() if code.isalpha() and len(code) == 2]
    return frozenset(_key(re.sub(r"\s+SAR China$", "", n)) for n in names) | frozenset(_key(n) for n in names)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).casefold()


@lru_cache(maxsize=None)
def _places() -> dict[str, str]:
    from babel import Locale
    from babel.core import get_global

    # the city of each time zone as CLDR names it in English, else as the zone's id
    # does ("America/Sao_Paulo"); read from CLDR alone, not from the machine's
    # time-zone database, so that every machine finds the same places
    en = Locale("en")
    table: dict[str, str] = {}
    for zone, territory in sorted(get_global("zone_territories").items()):
        if not (territory.isalpha() and len(territory) == 2):
            continue  # "Etc/Unknown" belongs to the world (001), no country
        city = en.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        table.setdefault(_key(city), territory)
    for code, name in en.territories.items():
        if code.isalpha() and len(code) == 2:
            table.setdefault(_key(name), code)
            table.setdefault(_key(re.sub(r"\s+SAR China$", "", name)), code)  # "Hong Kong SAR China"
    for e in load_jsonl("places.jsonl"):
        for p in e["places"]:
            table[_key(p)] = e["territory"]
    return table


@lru_cache(maxsize=None)
def _latest_day() -> dt.date:
    """The last day CLDR's currency data speaks of: an undated story is read as of
    then (the currencies in use now, as far as the data knows), never by the clock."""
    from babel.core import get_global

    days = [d for rows in get_global("territory_currencies").values() for _, *span, _ in rows for d in span if d]
    return dt.date(*max(days))


@lru_cache(maxsize=256)
def home_units(territory: str, on: dt.date | None = None) -> dict[str, str]:
    """Unit word → the currency of that unit the territory uses on `on` (undated: the
    latest the data knows): NZ → {"dollar": "NZD"}; CH → {"franc": "CHF"}; FR in
    1987 → {"franc": "FRF"}. A unit two of its currencies share then is left out."""
    from babel.numbers import get_currency_name, get_territory_currencies

    try:
        codes = get_territory_currencies(territory, start_date=on or _latest_day(), tender=True)
    except Exception:  # a territory CLDR has no currency data for
        return {}
    by_unit: dict[str, set[str]] = {}
    for code in codes:
        name = get_currency_name(code, locale="en")
        if re.search(r"\)\s*$", name):
            continue  # a past currency's name ends in its period: "Rhodesian Dollar (1970–1980)"
        by_unit.setdefault(name.split()[-1].casefold(), set()).add(code)
    return {unit: next(iter(c)) for unit, c in sorted(by_unit.items()) if len(c) == 1}


def home_currencies(text: str, on: dt.date | None = None) -> dict[str, str] | None:
    """The unit words of the story's own country (by its dateline), else None."""
    territory = dateline_territory(text)
    return home_units(territory, on) if territory else None
