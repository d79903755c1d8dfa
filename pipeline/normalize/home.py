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


def dateline_place(text: str) -> str | None:
    """The place of the story's dateline, as written, else None."""
    m = _DATELINE.search(text, 0, min(len(text), _DATELINE_REACH))
    return m.group("place") if m else None


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


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).casefold()


@lru_cache(maxsize=None)
def _places() -> dict[str, str]:
    from babel import Locale
    from babel.core import get_global
    from babel.dates import get_timezone_location

    table: dict[str, str] = {}
    for zone, territory in get_global("zone_territories").items():
        try:
            city = get_timezone_location(zone, locale="en", return_city=True)
        except (LookupError, ValueError):  # zones CLDR names no city for
            continue
        table.setdefault(_key(city), territory)
    for code, name in Locale("en").territories.items():
        if code.isalpha() and len(code) == 2:
            table.setdefault(_key(name), code)
            table.setdefault(_key(re.sub(r"\s+SAR China$", "", name)), code)  # "Hong Kong SAR China"
    for e in load_jsonl("places.jsonl"):
        for p in e["places"]:
            table[_key(p)] = e["territory"]
    return table


@lru_cache(maxsize=256)
def home_units(territory: str, on: dt.date | None = None) -> dict[str, str]:
    """Unit word → the currency of that unit the territory uses (or used on `on`):
    NZ → {"dollar": "NZD"}; CH → {"franc": "CHF"}; FR in 1987 → {"franc": "FRF"}."""
    from babel.numbers import get_currency_name, get_territory_currencies

    try:
        if on is None:
            # no date: every currency it had since 1950 ("francs" in a Paris story of
            # unknown date are French francs); no dependence on today's date
            codes = get_territory_currencies(territory, dt.date(1950, 1, 1), dt.date(2100, 1, 1), tender=True)
        else:
            codes = get_territory_currencies(territory, start_date=on, tender=True)
    except Exception:  # a territory CLDR has no currency data for
        return {}
    out: dict[str, str] = {}
    for code in codes:
        unit = get_currency_name(code, locale="en").split()[-1].casefold()
        out.setdefault(unit, code)
    return out


def home_currencies(text: str, on: dt.date | None = None) -> dict[str, str] | None:
    """The unit words of the story's own country (by its dateline), else None."""
    territory = dateline_territory(text)
    return home_units(territory, on) if territory else None
