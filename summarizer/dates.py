"""Dates in article text, in the article's language, resolved against a reference. Pure.

Finding and reading are split. `find_dates` only FINDS candidate phrases, with regexes built
from dateparser's own locale data (month and weekday names, "yesterday"/"hier"/"昨天", "N days
ago"/"il y a N jours") for the article's language and English; it is cheap enough to run over
whole articles. `parse_date_phrase` READS one phrase: dateparser does the parsing wherever it
can (named-month dates in any language, relative words), with the reference as its
RELATIVE_BASE and past dates preferred, as meeting reports look back. Code reads only what
dateparser cannot, or reads wrongly for news:

- ranges: `November 18-19`, `18 and 19 November`, `Friday and Saturday`, `1月26日-27日`;
- numeric CJK dates (`3月5日`, `3월 5일`, `2023年11月15日`) and the day alone (`5日`, `15일`):
  that day of the reference month, or of the month before when it would be later;
- a weekday: the last such day on or before the reference (dateparser skips back a whole week
  when the weekday is the reference's own: "met on Monday" in a Monday's paper is that day);
- the year of a month-day or month given without one: the latest that is not more than
  `GRACE_DAYS` after the reference, so "Dec. 30" in a paper of January 2 is the year before,
  and a meeting announced for a few days later falls after the reference (so is announced);
- a date written with a year outside `FIRST_YEAR`..`LAST_YEAR` ("31 December 9999",
  "0001-01-01"): found whole, read as unknown, never as the month-day of another year.

No reading raises near the calendar's ends (`date.min`, `date.max`): a day counted past them
does not exist, so a phrase that would name one is unknown (`shifted`), and a bound that would
pass them stops there (`clamped`).

Precision is kept: a day, a range, a month, or unknown. Without a reference a relative phrase
stays unknown, keeping the weekday it names.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateparser.date import DateDataParser  # type: ignore[import-untyped]
from dateparser.languages.loader import default_loader  # type: ignore[import-untyped]

from summarizer.schema import WEEKDAYS, DateInfo, Precision
from summarizer.tense import after_relation

_MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
"""English month names (kept for callers); other languages come from dateparser's locales."""

GRACE_DAYS = 7
"""A month-day or month without a year may fall this many days after the reference: a meeting
announced for the coming days."""

FIRST_YEAR, LAST_YEAR = 1800, 2099
"""The years a written date may name. A year outside them ("on 31 December 9999") is no
news report's date: such a date is unknown rather than its day and month in another year."""

STATED_KINDS = frozenset({"iso", "mdy", "dmy", "dotted", "ymd", "month_year", "range_stated"})
"""Kinds of date phrase that need no reference date."""


def _value(
    precision: Precision,
    start: date | None = None,
    end: date | None = None,
    weekday: str | None = None,
) -> DateInfo:
    return DateInfo(precision=precision, start=start, end=end, weekday=weekday)


UNKNOWN = DateInfo()


def year_in_range(year: int) -> bool:
    """Whether a written year can be a news date's (`FIRST_YEAR`..`LAST_YEAR`)."""
    return FIRST_YEAR <= year <= LAST_YEAR


def shifted(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None where that leaves the calendar (before 1 January of
    year 1, after 31 December 9999): a day read relative to another must exist."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def clamped(day: date, days: int) -> date:
    """`day` moved by `days`, stopped at the calendar's first or last day: a bound (a grace
    period, a window, a slip) still bounds every date there is when it would pass them."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


@dataclass(frozen=True)
class DateMention:
    """A date phrase found in text, with its offsets and kind."""

    phrase: str
    start: int
    end: int
    kind: str


# --- the vocabulary of a language, from dateparser's locale data ---------------------------

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_RELATIVE_KEY = re.compile(r"^(?:in )?\d+ (?:day|week|month)(?: ago)?$")
# Words that may stand before a weekday and belong to its phrase ("on", "el", "am", "в"):
# a multilingual closed list, so the phrase copied from the article reads naturally.
_WEEKDAY_LEAD = (
    r"on|last|this|next|past|el|este|esta|pasado|le|ce|dernier|am|diesen|letzten|"
    r"в|во|эту|этот|прошлую|прошлый|na|no|nesta|neste|nessa|nesse|na\s+última|lo|il|questo"
)
_AND = r"and|&|to|y|e|et|au|und|bis|и|по|al"
# Words that make a weekday any such day, not a date: "every Monday", "on a Sunday evening",
# "your Sunday morning", "chaque lundi", "cada lunes", "jeden Montag", "каждый понедельник".
# Not a bare "a" or a possessive: "in a Tuesday call with Putin", "his Sunday meeting with Xi"
# are dates.
_GENERIC_LEAD = re.compile(
    r"(?<!\w)(?:every|each|any|your|on\s+an?|chaque|cada|todos\s+los|todas\s+las|jeden|"
    r"jede|jedem|каждый|каждую|каждое|по)\s+$",
    re.I,
)
_PREFIXES = r"in|since|by|until|from|early|late|mid-?|en|depuis|dès|desde|hasta|im|seit|em|no|в"
# A group of three digits after a comma and a group of one to three that starts a number
# ("1,234" at "234"). A number of days is not read from there: read from the group before,
# it runs to the same end and matches wherever this would, and from every group of a long
# "1,111,111,..." each read ran to the end, quadratic in its length.
_GROUP_AFTER_GROUP = r"(?:(?<=(?<!\w)\d,)|(?<=(?<!\w)\d\d,)|(?<=(?<!\w)\d\d\d,))\d{3}(?!\d)"


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _names(info: dict[str, Any], key: str) -> list[str]:
    """A locale's names for a month or weekday, lower-cased, without the numeric CJK forms
    (`11月`, which the numeric patterns read) and one-letter abbreviations."""
    out = []
    for name in info.get(key, []):
        name = name.lower().strip("()")
        if not name or any(c.isdigit() for c in name):
            continue
        if len(name) < (2 if _CJK.search(name) else 3):
            continue
        out.append(name)
    return out


def _alt(names: list[str], dot: bool = False) -> str:
    """An alternation of names, longest first; alphabetic names only at word boundaries."""
    names = sorted(set(names), key=len, reverse=True)
    words = [re.escape(n) for n in names if not _CJK.search(n)]
    cjk = [re.escape(n) for n in names if _CJK.search(n)]
    suffix = r"\.?" if dot else ""
    parts = []
    if words:
        parts.append(r"(?<!\w)(?:" + "|".join(words) + r")" + suffix + r"(?![^\W\d_])")
    if cjk:
        parts.append("(?:" + "|".join(cjk) + ")")
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def _full_forms(names: list[str]) -> list[str]:
    """Names that are not a prefix of a longer name of the same day ("fri" of "friday",
    "segunda" of "segunda-feira"): a weekday standing alone must be written out."""
    return [n for n in names if not any(o != n and o.startswith(n) for o in names)]


@lru_cache(maxsize=32)
def _lexicon(languages: tuple[str, ...]) -> _Lexicon:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    full_weekdays: list[str] = []
    relative: list[str] = []
    relative_re: list[str] = []
    for lang in languages:
        info = default_loader.get_locale(lang).info
        for i, key in enumerate(_MONTH_KEYS):
            for name in _names(info, key):
                months.setdefault(name, i + 1)
        for i, key in enumerate(WEEKDAYS):
            names = _names(info, key)
            for name in names:
                weekdays.setdefault(name, i)
            full_weekdays += [n for n in _full_forms(names) if len(n) >= 4 or _CJK.search(n)]
        for key, phrases in info.get("relative-type", {}).items():
            if _RELATIVE_KEY.match(key):
                relative += [p.lower() for p in phrases if len(p) >= 2]
        for key, regexes in info.get("relative-type-regex", {}).items():
            if re.search(r"\b(?:day|week|month)\b", key):
                relative_re += [r.strip("^$") for r in regexes if r"(\d" in r]
    relative += ["earlier this week", "earlier this month", "earlier today"]
    month = "(?P<month>" + _alt(list(months), dot=True) + ")"
    wd = _alt(full_weekdays)
    day = r"(?P<day>\d{1,2})(?!\d)"
    ordinal = r"(?:st|nd|rd|th|er|º|\.)?"
    # A year of FIRST_YEAR..LAST_YEAR, or four other digits that end the phrase: "31 December
    # 9999" is one unknown date, not "31 December" read in the reference's year; but in "On
    # March 5, 1500 soldiers" the number is a count, and "March 5" the date.
    year = r"(?<!\d)(?P<year>(?:1[89]|20)\d\d|\d{4}(?![\s,]*[^\W\d_]))(?!\d)"
    lead_year = r"(?<!\d)(?P<year>\d{4})(?!\d)"  # before 年/년 or a dot: a year, whatever it is
    d1, d2 = r"(?P<d1>\d{1,2})(?!\d)", r"(?P<d2>\d{1,2})(?!\d)"
    dash = r"\s*[-\u2013\u2014~\uff5e]\s*"
    link = rf"(?:{dash}|\s+(?:{_AND})\s+)"
    de = r"(?:\s+(?:of|de|del)\s+|\s*)"
    year_tail = rf"(?:,?{de}{year})?"
    patterns: list[tuple[str, str]] = [
        ("range", rf"{month}\s*{d1}{ordinal}{link}{d2}{ordinal}{year_tail}"),
        ("range", rf"(?<!\d){d1}{ordinal}{link}{d2}{ordinal}{de}{month}{year_tail}"),
        (  # (the blanks around 日 possessive: split every way, a long run was quadratic)
            "range",
            rf"(?:{lead_year}\s*[年년]\s*)?(?P<mnum>\d{{1,2}})\s*[月월]\s*{d1}\s*+[日일]?"
            rf"\s*+(?:[-~\uff5e至到和、]|과|와)\s*{d2}\s*[日일]",
        ),
        (
            "weekday_range",
            rf"(?P<w1>{wd})(?:\s*[-\u2013]\s*|\s+(?:{_AND})\s+|[和至到、])(?P<w2>{wd})",
        ),
        ("iso", r"(?<!\d)(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?!\d)"),
        (
            "ymd",
            rf"{lead_year}\s*(?:[年년]|\.)\s*(?P<mnum>\d{{1,2}})\s*(?:[月월]|\.)\s*{day}\s*[日일.]",
        ),
        ("dotted", r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
        ("mdy", rf"{month}\s*{day}{ordinal},?\s+{year}"),
        ("dmy", rf"(?<![\d.]){day}{ordinal}{de}{month},?{de}{year}"),
        ("month_day", rf"{month}\s*{day}{ordinal}(?![\d:])"),
        ("month_day", rf"(?<![\d.]){day}{ordinal}{de}{month}"),
        ("month_day", rf"(?<!\d)(?P<mnum>\d{{1,2}})\s*[月월]\s*{day}\s*[日일]"),
        ("month_year", rf"{month}{de}{year}"),
        ("month_year", rf"{lead_year}\s*[年년]\s*(?P<mnum>\d{{1,2}})\s*[月월](?!\s*\d)"),
        ("month_this_year", rf"{month}\s+(?P<rel>this|last|next)\s+year\b"),
        ("month_possessive", rf"{month}['\u2019]s\b"),
        ("in_month", rf"(?<!\w)(?:{_PREFIXES})\s+{month}(?![\w-])"),
        ("day_of_month", r"(?<![\d.\-])(?P<day>\d{1,2})\s*[日일](?![間间간前后後以내후전째])"),
        (
            "days_ago",
            rf"(?<!\w)(?!{_GROUP_AFTER_GROUP})(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|one|two|three|four|"
            r"five|six|seven|eight|nine|ten)\s+(?:days?|weeks?|months?)\s+ago\b",
        ),
        *[("days_ago", r"(?<!\w)" + r + r"(?!\w)") for r in sorted(set(relative_re))],
        ("weekday", rf"(?:(?<!\w)(?:{_WEEKDAY_LEAD})\s+)?(?P<weekday>{wd})"),
        ("word", "(?P<word>" + _alt(relative) + ")"),
    ]
    return _Lexicon(months, weekdays, tuple((kind, re.compile(p, re.I)) for kind, p in patterns))


def _languages(language: str | None) -> tuple[str, ...]:
    """The article's language (when dateparser knows it) and English, which articles in every
    language quote (datelines, captions)."""
    if language and language != "en":
        try:
            default_loader.get_locale(language)
        except ValueError:
            return ("en",)
        return (language, "en")
    return ("en",)


# --- finding ------------------------------------------------------------------------------

_DATED = frozenset({"iso", "ymd", "dotted", "mdy", "dmy", "month_day", "range", "range_stated"})
_JOIN = re.compile(r"^[\s,(]*(?:[^\W\d_]{1,12}[\s,(]*)?$")


def find_dates(
    text: str, start: int = 0, end: int | None = None, *, language: str | None = None
) -> list[DateMention]:
    """Every date phrase in text[start:end], longest first where they overlap, in text order.

    A weekday just before the date it names is one phrase with it: "Wednesday morning, Nov. 15",
    "on Monday (June 19)", "mercredi 15 novembre"."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _lexicon(_languages(language)).patterns:
        for m in pattern.finditer(text, start, end):
            if not m.group(0).strip() or any(m.start() < b and a < m.end() for a, b in taken):
                continue
            month = m.groupdict().get("month")
            if month and month.lower() == "may" and not month[0].isupper():
                continue  # the modal verb, not the month
            if kind == "weekday":
                day = m.start("weekday")
                if _GENERIC_LEAD.search(text, max(0, day - 12), day):
                    continue  # any such day ("on a Sunday"), not a date
            stated = kind == "range" and m.groupdict().get("year")
            kind_found = "range_stated" if stated else kind
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.group(0), m.start(), m.end(), kind_found))
    found.sort(key=lambda d: d.start)
    merged: list[DateMention] = []
    for mention in found:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == "weekday"
            and mention.kind in _DATED
            and mention.start - prev.end <= 16
            and _JOIN.match(text[prev.end : mention.start])
        ):
            merged[-1] = DateMention(
                text[prev.start : mention.end], prev.start, mention.end, mention.kind
            )
            continue
        merged.append(mention)
    return merged


# --- reading ------------------------------------------------------------------------------

_PRIORITY = {
    k: i
    for i, k in enumerate(
        (
            "range_stated",
            "iso",
            "ymd",
            "mdy",
            "dmy",
            "dotted",
            "range",
            "month_day",
            "weekday_range",
            "day_of_month",
            "month_year",
            "month_this_year",
            "days_ago",
            "word",
            "weekday",
            "month_possessive",
            "in_month",
        )
    )
}


def parse_date_phrase(
    phrase: str, reference: date | None, *, language: str | None = None
) -> DateInfo:
    """Resolve one date phrase; relative phrases need `reference` (usually publication date).

    The phrase's most specific date is read ("Wednesday morning, Nov. 15" is Nov. 15). Without
    a reference a relative phrase stays `unknown`, keeping its weekday if it names one."""
    mentions = find_dates(phrase, language=language)
    if not mentions:
        return UNKNOWN
    best = min(mentions, key=lambda d: _PRIORITY.get(d.kind, 99))
    return resolve(best, reference, language=language)


@lru_cache(maxsize=256)
def same_date_in(
    phrase: str, text: str, reference: date | None, *, language: str | None = None
) -> DateMention | None:
    """The first date phrase of `text` naming the same day or span as `phrase` does, both
    resolved against `reference`: the article's own words for a date the model wrote its own
    way ("on February 18, 2025" for "Tuesday" in an article of February 19); else, for a day,
    the first phrase naming its day and month without a year ("le 20 février" for "on
    February 20, 2025"), and where no `reference` gives a day and month a year, the first
    phrase naming the same day and month ("el 16 de septiembre" for "on the 16 of
    September" in an article with no publication date). None for a date the phrase ties to
    another event ("before September 16", "days after the summit of September 16":
    `tense.after_relation`).
    Cached: the answer's check and the brief that keeps the article's words ask it alike."""
    own = find_dates(phrase, language=language)
    languages = _languages(language)  # an answer may be in English whatever the article's
    if any(after_relation(phrase[: m.start], lang) is not None for m in own for lang in languages):
        return None  # "before September 16": another event's day
    value = parse_date_phrase(phrase, reference, language=language)
    mentions = find_dates(text, language=language)
    day: tuple[int, int] | None = None
    if value.start is not None:
        for mention in mentions:
            found = resolve(mention, reference, language=language)
            if (found.start, found.end) == (value.start, value.end):
                return mention
        if value.precision != "day":
            return None
        # a year the model put to a day the article writes without one: the article's day
        day = (value.start.month, value.start.day)
    else:
        # no reference gives a day and month a year: the day and month it names
        named = [m for m in own if m.kind == "month_day"]
        day = _month_day(named[0], language) if len(named) == 1 else None
    if day is None:
        return None
    yearless = (m for m in mentions if m.kind == "month_day" and _month_day(m, language) == day)
    return next(yearless, None)


def _month_day(mention: DateMention, language: str | None) -> tuple[int, int] | None:
    """The month and day a date phrase with no year names (read in a leap year)."""
    found = resolve(mention, date(2000, 6, 30), language=language).start
    return (found.month, found.day) if found is not None else None


def resolve(
    mention: DateMention, reference: date | None, *, language: str | None = None
) -> DateInfo:
    """The date one found mention names (see `parse_date_phrase`)."""
    languages = _languages(language)
    lexicon = _lexicon(languages)
    pattern = next(
        p
        for kind, p in lexicon.patterns
        if _kind_of(kind, mention.kind) and p.search(mention.phrase)
    )
    m = pattern.search(mention.phrase)
    assert m is not None
    weekday = _weekday_named(mention.phrase, lexicon)
    value = _resolve(mention.kind, m, reference, languages, lexicon)
    if value.weekday is None and weekday is not None and value.precision in {"day", "unknown"}:
        value = value.model_copy(update={"weekday": weekday})
    return value


def _kind_of(pattern_kind: str, mention_kind: str) -> bool:
    return pattern_kind == mention_kind or (pattern_kind, mention_kind) == ("range", "range_stated")


def _weekday_named(phrase: str, lexicon: _Lexicon) -> str | None:
    for kind, pattern in lexicon.patterns:
        if kind == "weekday" and (m := pattern.search(phrase)):
            return WEEKDAYS[lexicon.weekdays[m.group("weekday").lower()]]
    return None


def _resolve(
    kind: str,
    m: re.Match[str],
    ref: date | None,
    languages: tuple[str, ...],
    lexicon: _Lexicon,
) -> DateInfo:
    groups = m.groupdict()
    if groups.get("year") and not year_in_range(int(groups["year"])):
        return UNKNOWN  # a written year no news date has (see FIRST_YEAR)
    if kind in {"iso", "ymd", "dotted"}:
        return _day(int(groups["year"]), int(groups["mnum"]), int(groups["day"]))
    if kind in {"mdy", "dmy"}:
        parsed = _dateparser(m.group(0), languages, None)
        if parsed is None:
            return UNKNOWN
        return _value("day", parsed[0], parsed[0])
    if kind == "month_year":
        month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups, lexicon)
        return _month(int(groups["year"]), month) if month else UNKNOWN
    if kind == "range_stated":
        return _range(groups, lexicon, int(groups["year"]), None)
    weekday = groups.get("weekday")
    weekday = WEEKDAYS[lexicon.weekdays[weekday.lower()]] if weekday else None
    if ref is None:
        return _value("unknown", weekday=weekday)
    if kind == "range":
        return _range(groups, lexicon, None, ref)
    if kind == "month_day":
        if groups.get("mnum"):
            month, day_of = int(groups["mnum"]), int(groups["day"])
        else:
            parsed = _dateparser(m.group(0), languages, ref)
            if parsed is None:
                return UNKNOWN
            month, day_of = parsed[0].month, parsed[0].day
        return _nearest_day(ref, month, day_of)
    if kind == "day_of_month":
        return _day_of_month(ref, int(groups["day"]))
    if kind == "weekday_range":
        first = lexicon.weekdays[groups["w1"].lower()]
        last = lexicon.weekdays[groups["w2"].lower()]
        end = shifted(ref, -((ref.weekday() - last) % 7))
        start = shifted(end, -((last - first) % 7)) if end else None
        return _value("range", start, end) if start and end else UNKNOWN
    if kind == "month_this_year":
        month = _month_number(groups, lexicon)
        assert month is not None
        shift = {"this": 0, "last": -1, "next": 1}[groups["rel"].lower()]
        return _month(ref.year + shift, month)
    if kind in {"in_month", "month_possessive"}:
        month = _month_number(groups, lexicon)
        assert month is not None
        return _nearest_month(ref, month)
    if kind == "weekday":
        assert weekday is not None
        target = WEEKDAYS.index(weekday)
        if m.group(0).split()[0].lower() in {"next", "prochain"}:
            found = shifted(ref, (target - ref.weekday()) % 7 or 7)
        else:
            found = shifted(ref, -((ref.weekday() - target) % 7))
        # past an end of the calendar there is no such day: the weekday alone is known
        return _value("day", found, found, weekday) if found else _value("unknown", weekday=weekday)
    # days_ago, word: relative phrases, read by dateparser
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", m.group(0))
    parsed = _dateparser(text, languages, ref)
    if parsed is None:
        words = text.split()
        parsed = _dateparser(" ".join(words[1:]), languages, ref) if len(words) > 1 else None
    if parsed is None:
        return UNKNOWN
    day, period = parsed
    if period == "week":
        monday = shifted(day, -day.weekday())
        # a week the calendar ends in ends with it
        return _clipped(monday, clamped(monday, 6), ref) if monday else UNKNOWN
    if period == "month":
        return _month(day.year, day.month)
    if period == "day":
        return _value("day", day, day)
    return UNKNOWN


def _clipped(start: date, end: date, ref: date) -> DateInfo:
    """A range that contains the reference ends there: "this week" so far."""
    return _value("range", start, min(end, ref) if start <= ref else end)


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], ref: date | None) -> Any:
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    return DateDataParser(languages=list(languages), settings=settings)


def _dateparser(text: str, languages: tuple[str, ...], ref: date | None) -> tuple[date, str] | None:
    """dateparser's reading of a phrase: the date and its period (day, week, month, year)."""
    try:
        data = _parser(languages, ref).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period)


def _month_number(groups: dict[str, str | None], lexicon: _Lexicon) -> int | None:
    name = groups.get("month")
    return lexicon.months.get(name.lower().rstrip(".")) if name else None


def _day(year: int, month: int, day_of: int) -> DateInfo:
    try:
        day = date(year, month, day_of)
    except ValueError:
        return UNKNOWN
    return _value("day", day, day)


def _nearest_day(ref: date, month: int, day_of: int) -> DateInfo:
    """A month-day in the latest year that puts it at most GRACE_DAYS after `ref`."""
    latest = clamped(ref, GRACE_DAYS)
    for year in (ref.year + 1, ref.year, ref.year - 1, ref.year - 2):
        try:
            day = date(year, month, day_of)
        except ValueError:
            continue  # February 29, or a year before 1 or after 9999
        if day <= latest:
            return _value("day", day, day)
    return UNKNOWN


def _day_of_month(ref: date, day_of: int) -> DateInfo:
    """A day of the month alone (`5日`, `15일`): of the reference's month, or the month before
    when it would be more than GRACE_DAYS later."""
    months = [ref.replace(day=1)]
    if (before := shifted(months[0], -1)) is not None:  # none before January of year 1
        months.append(before.replace(day=1))
    latest = clamped(ref, GRACE_DAYS)
    for month_start in months:
        try:
            day = month_start.replace(day=day_of)
        except ValueError:
            continue
        if day <= latest:
            return _value("day", day, day)
    return UNKNOWN


def _nearest_month(ref: date, month: int) -> DateInfo:
    """A month named without a year: the latest that starts at most GRACE_DAYS after `ref`."""
    latest = clamped(ref, GRACE_DAYS)
    for year in (ref.year + 1, ref.year, ref.year - 1):
        value = _month(year, month)
        if value.start is not None and value.start <= latest:
            return value
    return UNKNOWN


def _range(
    groups: dict[str, str | None], lexicon: _Lexicon, year: int | None, ref: date | None
) -> DateInfo:
    """`November 18-19`, `18 and 19 November`, `1月26日-27日`: one month, two days."""
    mnum, d1, d2 = groups.get("mnum"), groups["d1"], groups["d2"]
    month = int(mnum) if mnum else _month_number(groups, lexicon)
    assert month is not None and d1 and d2
    first, last = int(d1), int(d2)
    if first >= last:
        return UNKNOWN
    if year is None:
        assert ref is not None
        end = _nearest_day(ref, month, last)
        if end.start is None:
            return UNKNOWN
        year = end.start.year
    try:
        start, end_day = date(year, month, first), date(year, month, last)
    except ValueError:
        return UNKNOWN
    return _value("range", start, end_day)


def _month(year: int, month: int) -> DateInfo:
    """The month as a span of days; unknown for a year the calendar lacks (0, 10000: the year
    after a reference in 9999)."""
    if not date.min.year <= year <= date.max.year:
        return UNKNOWN
    last = calendar.monthrange(year, month)[1]
    return _value("month", date(year, month, 1), date(year, month, last))


# A year as a time: after "in", "of", "during", "the" ("in 2017", "the 2023 APEC summit"),
# "en", "em", "im", "в",
# not a count ("by 2000 delegates"), a clock time ("at 1900 GMT") or a start ("since 2019").
_YEAR = re.compile(
    r"(?<!\w)(?:in|of|during|the|en|em|im|\u0432)\s+(?P<year>(?:1[89]|20)\d\d)(?![\d/\-])(?!\s+(?:GMT|UTC|hours?)\b)",
    re.I,
)


@lru_cache(maxsize=16)
def _year_phrases(languages: tuple[str, ...]) -> re.Pattern[str]:
    """The locales' phrases for a year relative to another: "last year", "one year ago", "il
    y a deux ans", "hace un año" (a number in digits or in words)."""
    phrases: list[str] = []
    for lang in languages:
        info = default_loader.get_locale(lang).info
        for key, words in info.get("relative-type", {}).items():
            if re.search(r"\byear\b", key) and not key.startswith("0"):
                phrases += [re.escape(w.lower()) for w in words if len(w) >= 4]
        for key, regexes in info.get("relative-type-regex", {}).items():
            if re.search(r"\byear\b", key):
                phrases += [
                    r.strip("^$").replace(r"(\d++[.,]?\d*+)", r"(?:\d+|\w+)")
                    for r in regexes
                    if r"(\d++[.,]?\d*+)" in r and len(r) >= 12
                ]
    return re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(set(phrases), key=len, reverse=True)) + r")(?!\w)", re.I
    )


def years_named(
    text: str, start: int, end: int, reference: date | None, *, language: str | None = None
) -> list[int]:
    """The past years text[start:end] names as a time, as a number ("in 2017", "the 2023
    summit") or relative to `reference` ("one year ago", "last year", "il y a deux ans"); a
    year after `reference`'s is none ("in five years", "the 2030 Agenda")."""
    years = [int(m.group("year")) for m in _YEAR.finditer(text, start, end)]
    if reference is None:
        return years
    languages = _languages(language)
    for m in _year_phrases(languages).finditer(text, start, end):
        read = _dateparser(m.group(0), languages, reference)
        if read is not None and read[0] < reference:
            years.append(read[0].year)
    return [y for y in years if y <= reference.year]


def on_day(day: date) -> DateInfo:
    """One day, as a date value."""
    return _value("day", day, day)


def recent_window(published: date, days: int = 7) -> DateInfo:
    """The range a meeting reported without a date most likely falls in: the week before."""
    return _value("range", clamped(published, -days), published)
