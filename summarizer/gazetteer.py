"""Small tables code needs to ground places and forums: countries, demonyms, capitals, forums.

Pure data plus look-ups. Extend the tables, not the code, for a new corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
