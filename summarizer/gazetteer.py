"""Small tables code needs to ground places and forums: countries, demonyms, capitals, forums.

Pure data plus look-ups. Extend the tables, not the code, for a new corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from summarizer.text import norm


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str


COUNTRIES: tuple[Country, ...] = (
    Country("China", ("People's Republic of China", "PRC"), ("Chinese",), "Beijing"),
    Country("Russia", ("Russian Federation",), ("Russian",), "Moscow"),
    Country("India", (), ("Indian",), "New Delhi"),
    Country("Brazil", (), ("Brazilian",), "Brasilia"),
    Country("South Africa", (), ("South African",), "Pretoria"),
    Country(
        "United States",
        ("U.S.", "US", "USA", "United States of America", "America"),
        ("American",),
        "Washington",
    ),
    Country("United Kingdom", ("UK", "U.K.", "Britain", "Great Britain"), ("British",), "London"),
    Country("North Korea", ("DPRK",), ("North Korean",), "Pyongyang"),
    Country("South Korea", ("Republic of Korea",), ("South Korean",), "Seoul"),
    Country("Japan", (), ("Japanese",), "Tokyo"),
    Country("Ukraine", (), ("Ukrainian",), "Kyiv"),
    Country("Iran", (), ("Iranian",), "Tehran"),
    Country("Turkey", ("Turkiye", "Türkiye"), ("Turkish",), "Ankara"),
    Country("France", (), ("French",), "Paris"),
    Country("Germany", (), ("German",), "Berlin"),
    Country("Pakistan", (), ("Pakistani",), "Islamabad"),
    Country("Kazakhstan", (), ("Kazakh",), "Astana"),
    Country("Indonesia", (), ("Indonesian",), "Jakarta"),
    Country("Laos", ("Lao PDR",), ("Lao", "Laotian"), "Vientiane"),
    Country("Israel", (), ("Israeli",), "Jerusalem"),
    Country("Poland", (), ("Polish",), "Warsaw"),
)

FORUMS: dict[str, tuple[str, ...]] = {
    "G20": ("G20", "G-20", "Group of 20", "Group of Twenty"),
    "SCO": ("SCO", "Shanghai Cooperation Organization", "Shanghai Cooperation Organisation"),
    "BRICS": ("BRICS",),
    "APEC": ("APEC", "Asia-Pacific Economic Cooperation"),
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations"),
    "East Asia Summit": ("East Asia Summit", "EAS"),
    "UN General Assembly": ("UN General Assembly", "U.N. General Assembly", "UNGA"),
    "UN Security Council": ("UN Security Council", "U.N. Security Council", "UNSC"),
    "G7": ("G7", "G-7", "Group of Seven"),
}


@dataclass(frozen=True)
class KnownEvent:
    """A multilateral meeting with a fixed date, for checking references to it."""

    forum: str
    city: str
    start: date
    end: date


KNOWN_EVENTS: tuple[KnownEvent, ...] = (
    KnownEvent("G20", "Rio de Janeiro", date(2024, 11, 18), date(2024, 11, 19)),
    KnownEvent("BRICS", "Kazan", date(2024, 10, 22), date(2024, 10, 24)),
    KnownEvent("G20", "Johannesburg", date(2025, 11, 22), date(2025, 11, 23)),
    KnownEvent("BRICS", "Rio de Janeiro", date(2025, 7, 6), date(2025, 7, 7)),
    KnownEvent("SCO", "Tianjin", date(2025, 8, 31), date(2025, 9, 1)),
    KnownEvent("SCO", "Astana", date(2024, 7, 3), date(2024, 7, 4)),
    KnownEvent("APEC", "Lima", date(2024, 11, 15), date(2024, 11, 16)),
)


def find_country(name: str) -> Country | None:
    """The country a name, alias or demonym denotes."""
    key = norm(name)
    for country in COUNTRIES:
        forms = (country.name, *country.aliases, *country.demonyms)
        if key in {norm(f) for f in forms}:
            return country
    return None


def country_mentioned(name: str, text: str) -> bool:
    """Whether `text` names the country (by name, alias, demonym or capital)."""
    country = find_country(name)
    forms = (
        (name,)
        if country is None
        else (country.name, *country.aliases, *country.demonyms, country.capital)
    )
    return any(phrase_in(f, text) for f in forms)


def capital_phrase_city(text: str) -> list[str]:
    """Cities named as `the Chinese capital`, `Russia's capital` in `text`."""
    cities: list[str] = []
    for country in COUNTRIES:
        for form in (*country.demonyms, country.name + "'s", country.name + "\u2019s"):
            if phrase_in(form + " capital", text):
                cities.append(country.capital)
    return cities


@lru_cache(maxsize=4096)
def canonical_forum(name: str) -> str | None:
    """The canonical short name of a forum (`Group of 20` -> `G20`), if the table knows it."""
    key = norm(name)
    for short, aliases in FORUMS.items():
        for alias in aliases:
            if re.search(r"(?<![\w-])" + re.escape(norm(alias)) + r"(?![\w-])", key):
                return short
    return None


def forum_mentioned(name: str, text: str) -> bool:
    """Whether `text` names the forum, by the given words or any alias of its canonical name."""
    short = canonical_forum(name)
    forms = (name,) if short is None else (name, *FORUMS[short])
    return any(phrase_in(f, text) for f in forms)


def phrase_in(phrase: str, text: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, after normalisation."""
    target = norm(phrase)
    if not target:
        return False
    pattern = r"(?<![\w])" + re.escape(target) + r"(?![\w])"
    return re.search(pattern, norm(text)) is not None


def forum_in_city(forum: str, city: str, text: str, *, reach: int = 60) -> bool:
    """Whether `text` names `forum` held in `city`: the city follows within `reach` characters
    of a mention of that forum, with no other forum named in between ("the BRICS summit in
    Kazan", not "BRICS ... and the G20 in Rio")."""
    short = canonical_forum(forum)
    if short is None:
        return phrase_in(forum, text) and phrase_in(city, text)
    n = norm(text)
    mentions = sorted(
        (m.start(), name)
        for name, aliases in FORUMS.items()
        for alias in aliases
        for m in re.finditer(r"(?<![\w-])" + re.escape(norm(alias)) + r"(?![\w-])", n)
    )
    for m in re.finditer(r"(?<!\w)" + re.escape(norm(city)) + r"(?!\w)", n):
        before = [name for at, name in mentions if at < m.start() and m.start() - at <= reach]
        if before and before[-1] == short:
            return True
    return False
