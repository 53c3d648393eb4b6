"""Dates in article text: explicit forms, relative phrases, resolution against a reference. Pure.

Forms read: `2024-11-19`, `November 19, 2024`, `19 November 2024`, `Monday, 14 July 2025`,
`28.02.2025`, `February 2022`, `May this year`, `in October`, `on Sunday`, `yesterday`,
`last week`, `last month`, `1,000 days ago`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "range", "month", "unknown"]

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
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})\b"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I)),
    (
        "dmy",
        re.compile(_WEEKDAY + r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I),
    ),
    ("dotted", re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})\b")),
    ("month_year", re.compile(r"\b" + _MONTH + r"\s+(?:of\s+)?(?P<year>\d{4})\b", re.I)),
    ("month_this_year", re.compile(r"\b" + _MONTH + r"\s+(?P<rel>this|last|next)\s+year\b", re.I)),
    ("month_possessive", re.compile(r"\b" + _MONTH + r"['\u2019]s\b", re.I)),
    (
        "in_month",
        re.compile(
            r"\b(?:in|since|by|until|from|early|late|mid-?)\s+" + _MONTH + r"(?![\w-])", re.I
        ),
    ),
    (
        "weekday",
        re.compile(r"\b(?:on|last|this|next)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I),
    ),
    ("days_ago", re.compile(r"\b(?P<n>\d{1,3}(?:,\d{3})*|\d+)\s+days?\s+ago\b", re.I)),
    (
        "word",
        re.compile(
            r"\b(?P<word>yesterday|today|last week|this week|last month|this month|"
            r"earlier this week|earlier this month)\b",
            re.I,
        ),
    ),
]
STATED_KINDS = frozenset({"iso", "mdy", "dmy", "dotted", "month_year"})
"""Kinds of date phrase that need no reference date."""


@dataclass(frozen=True)
class DateValue:
    """A resolved date: `start`..`end` inclusive, at a precision. Unresolved: start is None."""

    precision: Precision
    start: date | None = None
    end: date | None = None
    weekday: str | None = None

    @property
    def iso(self) -> str | None:
        """`YYYY-MM-DD`, `YYYY-MM`, or `YYYY-MM-DD/YYYY-MM-DD` for a range."""
        if self.start is None or self.end is None:
            return None
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.isoformat()[:7]
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def compatible(self, other: DateValue) -> bool:
        """Whether the two can name the same day (unknown dates constrain by weekday only)."""
        if self.start is None or other.start is None:
            known = self if self.start is not None else other
            unknown = other if known is self else self
            if unknown.weekday and known.start is not None and known.precision == "day":
                return WEEKDAYS[known.start.weekday()] == unknown.weekday
            return True
        assert self.end is not None and other.end is not None
        return self.start <= other.end and other.start <= self.end


UNKNOWN = DateValue("unknown")


@dataclass(frozen=True)
class DateMention:
    """A date phrase found in text, with its offsets and kind."""

    phrase: str
    start: int
    end: int
    kind: str


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date phrase in text[start:end], longest first where they overlap, in text order."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if (
                "month" in m.groupdict()
                and m.group("month")
                and m.group("month").lower() == "may"
                and not text[m.start("month")].isupper()
            ):
                continue  # the modal verb, not the month
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.group(0), m.start(), m.end(), kind))
    return sorted(found, key=lambda d: d.start)


def parse_date_phrase(phrase: str, reference: date | None) -> DateValue:
    """Resolve one date phrase; relative phrases need `reference` (usually publication date).

    Without a reference a relative phrase stays `unknown`, keeping its weekday if it names one.
    """
    for kind, pattern in _PATTERNS:
        m = pattern.search(phrase)
        if m:
            return _resolve(kind, m, reference)
    return UNKNOWN


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> DateValue:
    groups = m.groupdict()
    month = MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else None
    if kind in {"iso", "dotted"}:
        month = int(groups["mnum"])
    if kind in {"iso", "mdy", "dmy", "dotted"}:
        assert month is not None
        try:
            day = date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            return UNKNOWN
        return DateValue("day", day, day)
    if kind == "month_year":
        assert month is not None
        return _month(int(groups["year"]), month)
    weekday = groups.get("weekday")
    weekday = weekday.lower() if weekday else None
    if ref is None:
        return DateValue("unknown", weekday=weekday)
    if kind == "month_this_year":
        assert month is not None
        shift = {"this": 0, "last": -1, "next": 1}[groups["rel"].lower()]
        return _month(ref.year + shift, month)
    if kind in {"in_month", "month_possessive"}:
        assert month is not None
        return _month(ref.year, month)
    if kind == "weekday":
        assert weekday is not None
        target = WEEKDAYS.index(weekday)
        word = m.group(0).split()[0].lower()
        if word == "next":
            delta = (target - ref.weekday()) % 7 or 7
            day = ref + timedelta(days=delta)
        else:
            day = ref - timedelta(days=(ref.weekday() - target) % 7)
        return DateValue("day", day, day, weekday)
    if kind == "days_ago":
        day = ref - timedelta(days=int(groups["n"].replace(",", "")))
        return DateValue("day", day, day)
    word = groups["word"].lower()
    if word == "today":
        return DateValue("day", ref, ref)
    if word == "yesterday":
        day = ref - timedelta(days=1)
        return DateValue("day", day, day)
    if word in {"this week", "earlier this week"}:
        return DateValue("range", ref - timedelta(days=ref.weekday()), ref)
    if word == "last week":
        monday = ref - timedelta(days=ref.weekday() + 7)
        return DateValue("range", monday, monday + timedelta(days=6))
    if word in {"this month", "earlier this month"}:
        return _month(ref.year, ref.month)
    first = ref.replace(day=1) - timedelta(days=1)
    return _month(first.year, first.month)


def _month(year: int, month: int) -> DateValue:
    start = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return DateValue("month", start, nxt - timedelta(days=1))


def recent_window(published: date, days: int = 7) -> DateValue:
    """The range a meeting reported without a date most likely falls in: the week before."""
    return DateValue("range", published - timedelta(days=days), published)
