"""Briefs -> one record per real meeting, with provenance, conflicts and inconsistencies. Pure.

Which meetings are one: they share at least two participants (all, when one side names fewer),
their countries and forums do not contradict each other, neither is a call the other tells of as
met in person, their dates can name the same day (a date that misses by up to MAX_DATE_SLIP days
is a conflict, not another meeting), and at most one of date and city disagree (two cities of
one country on the same or neighbouring days are no disagreement for a meeting in person: one
visit, as Macron's to Beijing and Guangzhou). Cities are compared as places ("Moskau", "Москва"
and "Moscow" are one), not as spellings. A meeting joins a cluster only if its place, forum and
date fit every member, so a vague date cannot chain two different meetings together, and it
shares the people of the members taken together (a report naming one side only does not keep out
one naming both). A meeting that fits several clusters joins the one it agrees with on most
fields (city, country, forum, mode, date). A dated report takes the first of equal fits, and
brings into it every other cluster it fits whose members agree with its members: it bridges two
reports of one meeting. An undated report that fits several equally (two leaders who met twice)
is not guessed into either. Undated reports join dated meetings first; those that fit none are
clustered among themselves. Only meetings reported as held count: background events and
announced meetings never become records.

The same briefs in any order give the same records: inputs are sorted before clustering and
every choice breaks ties on article ids.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import NamedTuple

from summarizer.dates import clamped
from summarizer.errors import UsageError
from summarizer.gazetteer import canonical_forum, find_city, forum_in_city
from summarizer.names import (
    RESEMBLANCE_FLOOR,
    id_key,
    ideographic,
    latin_only,
    name_key,
    one_person,
    person_tokens,
    resemblance,
    respelled,
    tokens_within,
)
from summarizer.render import date_words
from summarizer.schema import (
    SCHEMA_VERSION,
    WEEKDAYS,
    ArticleBrief,
    Conflict,
    DateInfo,
    Inconsistency,
    Location,
    Meeting,
    MeetingRecord,
    Participant,
    RecordParticipant,
    RecordStatement,
    Sourced,
    SourceRef,
    StatementSource,
)
from summarizer.text import norm

MAX_DATE_SLIP = 3
MAX_ID_CHARS = 160
"""The longest meeting id: well inside the 200 characters `store.safe_name` allows a file
name, so a record's files can always be written, a "-2" of `_disambiguate_ids` included."""
_ID_HASH_CHARS = 10
_PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "unknown": 3}
_FUTURE = re.compile(
    r"\b(will|would|likely|expected|set to|plan(?:s|ned)? to|due to|again|upcoming|next)\b", re.I
)


ANY = "*"
"""The index token every meeting has: what a name known only by its reading searches."""


class _Name(NamedTuple):
    """One participant's forms: folded tokens as written and in the English form (the name as
    written where it has none); the name itself, to be read in Latin letters, for a name not in
    Latin letters that has no English form in an alphabet ("바이든", "Юрий Ушаков" when the
    names step gave none) or only the model's (马克龙 given as "Maurice de Montaigne" still
    reads like "Emmanuel Macron"); `latin` is the name in Latin letters another name's reading
    is compared with."""

    written: frozenset[str]
    english: frozenset[str]
    reading: str | None
    latin: str | None

    @classmethod
    def of(cls, person: Participant) -> _Name:
        english = person.english_name or person.name
        foreign = not latin_only(person.name)
        unread = not person.english_name and not ideographic(person.name)
        supplied = person.english_name_by == "model"
        return cls(
            person_tokens(person.name),
            person_tokens(english),
            person.name if foreign and (unread or supplied) else None,
            english if latin_only(english) else None,
        )


@dataclass(frozen=True)
class _Item:
    """One reported meeting with the brief it came from."""

    brief: ArticleBrief
    meeting: Meeting

    @property
    def article_id(self) -> str:
        return self.brief.article_id

    @property
    def date(self) -> DateInfo:
        return self.meeting.date

    @cached_property
    def people(self) -> tuple[frozenset[str], ...]:
        """Each participant's folded tokens, written and English together: the keys that find
        the clusters a meeting may join (`same_meeting` decides on `forms`); a name known only
        by its reading (see `_Name`) finds every cluster of its months (`ANY`)."""
        return tuple(n.written | n.english | ({ANY} if n.reading else set()) for n in self.forms)

    @cached_property
    def forms(self) -> tuple[_Name, ...]:
        """Each participant's name forms (`_Name`)."""
        return tuple(_Name.of(p) for p in self.meeting.participants)

    @cached_property
    def signature(self) -> tuple[object, ...]:
        """Everything `same_meeting` reads: equal signatures decide alike."""
        loc = self.meeting.location
        return (
            self.forms,
            self.date,
            norm(loc.country) if loc.country else None,
            _city_key(loc.city, loc.country) if loc.city else None,
            _forum(self.meeting.forum),
        )

    def agreements(self, other: _Item) -> set[str]:
        """The fields both meetings give and give alike: how well `other` fits this one."""
        a, b = self.meeting, other.meeting
        pairs = {
            "city": (
                a.location.city and _city_key(a.location.city, a.location.country),
                b.location.city and _city_key(b.location.city, b.location.country),
            ),
            "country": (
                a.location.country and norm(a.location.country),
                b.location.country and norm(b.location.country),
            ),
            "forum": (_forum(a.forum), _forum(b.forum)),
            "mode": (a.mode if a.mode != "other" else None, b.mode if b.mode != "other" else None),
        }
        agreed = {name for name, (x, y) in pairs.items() if x and x == y}
        dated = self.date.start is not None and other.date.start is not None
        if dated and self.date.compatible(other.date):
            agreed.add("date")
        elif _weekday_apart(self.date, other.date) == 0:
            agreed.add("date")  # "on Monday" and a Monday
        return agreed

    def index_keys(self) -> set[tuple[str, str | None]]:
        """(name token, month) for every month the date covers; (token, None) if undated."""
        months = _months(self.date, 0) if self.date.start else [None]
        return {(t, m) for person in self.people for t in (*person, ANY) for m in months}

    def search_keys(self) -> set[tuple[str, str | None]]:
        """The index keys of every cluster this meeting could join."""
        months = _months(self.date, MAX_DATE_SLIP) if self.date.start else []
        return {(t, m) for person in self.people for t in person for m in [*months, None]}


def _months(value: DateInfo, slip: int) -> list[str | None]:
    assert value.start and value.end
    # clamped: a date in the calendar's first or last days (a brief saying "0001-01-01")
    # has no months beyond it to look in
    first, last = clamped(value.start, -slip), clamped(value.end, slip)
    months: list[str | None] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def merge_records(briefs: Iterable[ArticleBrief]) -> list[MeetingRecord]:
    """Cluster the briefs' meetings and merge each cluster into a record (template summary).

    One article counts once: the same brief given twice is merged once; two different briefs
    of one article id, or a brief of another schema version, are a UsageError.
    """
    items = [
        _Item(brief, meeting)
        for brief in sorted(distinct_briefs(briefs), key=lambda b: b.article_id)
        for meeting in brief.meetings
        if meeting.status == "held"
    ]
    items.sort(key=lambda i: (_PRECISION_RANK[i.meeting.date.precision], i.article_id))
    dated = [i for i in items if i.date.start is not None]
    undated = [i for i in items if i.date.start is None]
    clusters: list[list[_Item]] = []
    kinds: list[dict[tuple[object, ...], _Item]] = []  # per cluster: one member per signature
    by_key: dict[tuple[str, str | None], set[int]] = defaultdict(set)
    by_token: dict[str, set[int]] = defaultdict(set)

    def place(item: _Item, candidates: Iterable[int], *, alone: bool) -> bool:
        fits = [c for c in sorted(candidates) if _fits(item, kinds[c].values())]
        home = _best_fit(item, fits, clusters)
        if home is None:
            if not alone:
                return False
            home = len(clusters)
            clusters.append([])
            kinds.append({})
        clusters[home].append(item)
        kinds[home].setdefault(item.signature, item)
        for key in item.index_keys():
            by_key[key].add(home)
            by_token[key[0]].add(home)
        if item.date.start is not None:  # a dated report that bridges two clusters joins them
            for other in fits:
                bridged = other != home and all(
                    _agree(a, b) for a in kinds[home].values() for b in kinds[other].values()
                )
                if bridged:
                    absorb(other, home)
        return True

    def absorb(other: int, home: int) -> None:
        for member in clusters[other]:
            clusters[home].append(member)
            kinds[home].setdefault(member.signature, member)
            for key in member.index_keys():
                by_key[key].add(home)
                by_token[key[0]].add(home)
        clusters[other], kinds[other] = [], {}  # shares no one now: never a fit again

    for item in dated:
        place(item, set().union(*(by_key[k] for k in item.search_keys())), alone=True)
    # An undated report joins the dated meeting it fits best, of any date; the undated
    # reports that fit none (or several equally) are then clustered among themselves.
    with_dates = len(clusters)
    left = [
        item
        for item in undated
        if not place(
            item,
            {c for person in item.people for t in person for c in by_token[t]},
            alone=False,
        )
    ]
    for item in left:
        tokens = {t for person in item.people for t in person}
        place(item, {c for t in tokens for c in by_token[t] if c >= with_dates}, alone=True)
    records = [_record(sorted(c, key=lambda i: i.article_id)) for c in clusters if c]
    records = _disambiguate_ids(records)
    by_id = {i.article_id: i.brief for i in items}
    events = _event_calendar(records)
    records = [_with_inconsistencies(r, events, by_id) for r in records]
    return sorted(records, key=lambda r: r.meeting_id)


def _best_fit(item: _Item, fits: list[int], clusters: list[list[_Item]]) -> int | None:
    """The cluster among `fits` that agrees with `item` on most fields, ties to the first;
    None if there is no fit, or if `item` is undated and two fit equally well (an undated
    report is not guessed into one of two meetings of the same people)."""
    if len(fits) <= 1:
        return fits[0] if fits else None
    scores = [len(set().union(*(item.agreements(member) for member in clusters[c]))) for c in fits]
    best = max(scores)
    if scores.count(best) > 1 and item.date.start is None:
        return None
    return fits[scores.index(best)]


def distinct_briefs(briefs: Iterable[ArticleBrief]) -> list[ArticleBrief]:
    """The briefs with repeats of one brief dropped, checked to be mergeable."""
    if isinstance(briefs, ArticleBrief) or not isinstance(briefs, Iterable):
        raise UsageError(f"give a list of briefs, not {type(briefs).__name__}")
    by_id: dict[str, ArticleBrief] = {}
    for brief in briefs:
        if not isinstance(brief, ArticleBrief):
            raise UsageError(f"merge takes ArticleBrief objects, not {type(brief).__name__}")
        version = brief.provenance.schema_version
        if version != SCHEMA_VERSION:
            raise UsageError(
                f"brief {brief.article_id!r} has schema version {version}, this summarizer "
                f"merges version {SCHEMA_VERSION}; brief the article again"
            )
        known = by_id.setdefault(brief.article_id, brief)
        if known is not brief and known != brief:
            raise UsageError(
                f"two different briefs share the article id {brief.article_id!r}; "
                "give each article once"
            )
    return list(by_id.values())


def same_meeting(a: _Item, b: _Item) -> bool:
    """Whether two reported meetings are one (see the module docstring)."""
    return _same_people(a.forms, b.forms) and _agree(a, b)


def _fits(item: _Item, members: Iterable[_Item]) -> bool:
    """Whether `item` is one more report of a cluster's meeting: it shares people with the
    cluster's people taken together (one report that names only one side must not keep out
    another that names both), and its place, forum and date agree with every member."""
    members = list(members)
    people = tuple({form for m in members for form in m.forms})
    return _same_people(item.forms, people) and all(_agree(item, m) for m in members)


def _same_people(pa: tuple[_Name, ...], pb: tuple[_Name, ...]) -> bool:
    """At least two people shared (all of them, when one side names fewer)."""
    shared = sum(any(_one_person(x, y) for y in pb) for x in pa)
    return shared >= min(2, len(pa), len(pb)) and shared > 0


def _agree(a: _Item, b: _Item) -> bool:
    """Country and forum do not contradict each other; neither is a call the other tells of
    as met in person (unless both name the same day); date and city not both disagree, and
    the dates can name the same day or lie at most MAX_DATE_SLIP days apart."""
    la, lb = a.meeting.location, b.meeting.location
    if la.country and lb.country and norm(la.country) != norm(lb.country):
        return False
    fa, fb = _forum(a.meeting.forum), _forum(b.meeting.forum)
    if fa and fb and fa != fb:
        return False
    if _call_and_meeting(a, b):
        return False  # a call is not the meeting in person (two leaders may do both)
    disagreements = 0
    da, db = a.date, b.date
    if not da.compatible(db):
        if _weekday_apart(da, db) == 1:
            disagreements += 1  # "Monday night" in Washington is Tuesday in Beijing
        elif da.start is None or db.start is None or _gap_days(da, db) > MAX_DATE_SLIP:
            return False
        else:
            disagreements += 1
    moved = la.city and lb.city and _city_key(la.city, la.country) != _city_key(lb.city, lb.country)
    if moved and not _one_visit(a, b):
        disagreements += 1
    return disagreements <= 1


def _one_visit(a: _Item, b: _Item) -> bool:
    """Whether two reports placed in different cities may tell of one visit: both met in
    person, in cities of one country, on the same or neighbouring days (Macron's state visit,
    with Xi in Beijing on 6 April and in Guangzhou on the 7th)."""
    if "phone" in {a.meeting.mode, b.meeting.mode}:
        return False
    da, db = a.date, b.date
    if da.start is None or db.start is None or (not da.compatible(db) and _gap_days(da, db) > 1):
        return False
    la, lb = a.meeting.location, b.meeting.location
    # a known city's key ends in its country's code ("Guangzhou|CN"); else the countries given
    code_a = _city_key(la.city or "", la.country).partition("|")[2]
    code_b = _city_key(lb.city or "", lb.country).partition("|")[2]
    if code_a and code_b:
        return code_a == code_b
    return bool(la.country and lb.country and norm(la.country) == norm(lb.country))


def _call_and_meeting(a: _Item, b: _Item) -> bool:
    """Whether one report tells of a call and the other of a meeting in person, and their
    dates do not name one same day (where they do, one report's mode is likelier wrong: "met
    in Bali on Monday, after five video calls" reads as a call)."""
    modes = {a.meeting.mode, b.meeting.mode}
    if "phone" not in modes or not modes & {"visit", "hosted", "sidelines"}:
        return False
    da, db = a.date, b.date
    same_day = da.precision == db.precision == "day" and da.start == db.start
    return not same_day


@lru_cache(maxsize=1 << 16)
def _one_person(a: _Name, b: _Name) -> bool:
    """Either form of one within the same form of the other; or a name known only by its
    reading that reads like the other's Latin form (names.resemblance at RESEMBLANCE_FLOOR:
    "바이든" reads "baideun", 0.83 like "Joe Biden", 0.29 like "Xi Jinping")."""
    return (
        tokens_within(a.written, b.written)
        or tokens_within(b.written, a.written)
        or tokens_within(a.english, b.english)
        or tokens_within(b.english, a.english)
        or _reads_as(a, b)
        or _reads_as(b, a)
    )


def _reads_as(a: _Name, b: _Name) -> bool:
    if a.reading is None or b.latin is None:
        return False
    return resemblance(a.reading, b.latin) >= RESEMBLANCE_FLOOR


def _weekday_apart(a: DateInfo, b: DateInfo) -> int | None:
    """How many days apart the weekday of an undated report ("on Monday") lies from the day
    of a report dated to the day (0 to 3, either way round the week); None unless one is
    such a weekday and the other such a day."""
    known, unknown = (a, b) if a.start is not None else (b, a)
    if known.start is None or known.precision != "day" or unknown.start is not None:
        return None
    if unknown.weekday is None:
        return None
    gap = abs(known.start.weekday() - WEEKDAYS.index(unknown.weekday))
    return min(gap, 7 - gap)


def _gap_days(a: DateInfo, b: DateInfo) -> int:
    assert a.start and a.end and b.start and b.end
    return max((b.start - a.end).days, (a.start - b.end).days)


@lru_cache(maxsize=4096)
def _city_key(city: str, country: str | None = None) -> str:
    """A city as a place: GeoNames' name and country for a known city (the meeting's country
    picking among namesakes), else its folded name."""
    place = (find_city(f"{city}, {country}") if country else None) or find_city(city)
    return f"{place.name}|{place.country.code}" if place else norm(city)


def _city_name(city: str) -> str:
    """GeoNames' name of a known city, else the city as given."""
    place = find_city(city)
    return place.name if place else city


def _forum(name: str | None) -> str | None:
    if not name:
        return None
    return canonical_forum(name) or norm(name)


def _record(items: list[_Item]) -> MeetingRecord:
    ids = [i.article_id for i in items]
    conflicts: list[Conflict] = []
    provenance: dict[str, list[Sourced]] = {}

    date_values = _sourced(
        (i.meeting.date.iso or _weekday_hint(i.meeting.date), i.article_id) for i in items
    )
    provenance["date"] = date_values
    merged_date, date_conflict = _merge_dates(items)
    if date_conflict:
        conflicts.append(Conflict(field="date", values=date_values, chosen=date_conflict))

    fields: dict[str, str | None] = {}
    for name in ("city", "country", "forum", "mode"):
        values = _sourced(
            ((_field(i.meeting, name), i.article_id) for i in items),
            key=_city_key if name == "city" else norm,
            canonical=_city_name if name == "city" else None,
        )
        provenance[name] = values
        chosen = _choose(values)
        fields[name] = chosen
        if len(values) > 1 and name != "mode":
            conflicts.append(
                Conflict(
                    field=name,
                    values=values,
                    chosen=f"{chosen!r}: given by most sources, ties to the first article",
                )
            )
    modes = {v.value for v in provenance["mode"]}
    if fields["forum"] and fields["mode"] in ("visit", "other") and "sidelines" in modes:
        fields["mode"] = "sidelines"  # met at a forum the record names: what "sidelines" means
    location = Location(city=fields["city"], country=fields["country"])
    participants = _participants(items)
    record = MeetingRecord(
        meeting_id=_meeting_id(merged_date, location, participants),
        participants=participants,
        date=merged_date,
        location=location,
        forum=fields["forum"],
        mode=fields["mode"] or "other",  # type: ignore[arg-type]
        topics=_sourced((t, i.article_id) for i in items for t in i.meeting.topics),
        statements=_statements(items),
        outcomes=_sourced((o.text, i.article_id) for i in items for o in i.meeting.outcomes),
        sources=[
            SourceRef(
                article_id=i.article_id,
                outlet=i.brief.outlet,
                published=i.brief.published,
                headline=i.brief.headline,
            )
            for i in items
        ],
        source_count=len(ids),
        provenance=provenance,
        conflicts=conflicts,
        summary="",
        summary_by="template",
    )
    return record.model_copy(update={"summary": template_summary(record)})


def _field(meeting: Meeting, name: str) -> str | None:
    if name in ("city", "country"):
        value: str | None = getattr(meeting.location, name)
        return value
    if name == "forum":
        return meeting.forum
    return None if meeting.mode == "other" else meeting.mode  # "other": no word says how


def _weekday_hint(info: DateInfo) -> str | None:
    return f"a {info.weekday.title()}" if info.weekday else None


def _sourced(
    pairs: Iterable[tuple[str | None, str]],
    key: Callable[[str], str] = norm,
    canonical: Callable[[str], str] | None = None,
) -> list[Sourced]:
    """Group equal values (equal under `key`: normalised by default) under the spelling most
    of their sources give; a tie goes to the `canonical` spelling if one of them is it, else
    to the first. Sorted by support."""
    groups: dict[str, tuple[Counter[str], list[str]]] = {}
    for value, source in pairs:
        if not value:
            continue
        spellings, sources = groups.setdefault(key(value), (Counter(), []))
        if source not in sources:
            spellings[value] += 1
            sources.append(source)

    def spelling(counts: Counter[str]) -> str:
        top = max(counts.values())
        tied = [v for v, n in counts.items() if n == top]
        preferred = canonical(tied[0]) if canonical else None
        return preferred if preferred in tied else tied[0]

    ordered = sorted(
        ((spelling(spellings), sources) for spellings, sources in groups.values()),
        key=lambda g: (-len(g[1]), sorted(g[1])[0], g[0]),
    )
    return [Sourced(value=v, sources=sorted(s)) for v, s in ordered]


def _choose(values: list[Sourced]) -> str | None:
    return values[0].value if values else None


def _merge_dates(items: list[_Item]) -> tuple[DateInfo, str | None]:
    """The most precise date every source allows, or the best-supported one and a conflict."""
    known = [i for i in items if i.meeting.date.start is not None]
    if not known:
        hint = next((i.meeting.date for i in items if i.meeting.date.weekday), None)
        return (hint or items[0].meeting.date), None
    start = max(i.meeting.date.start for i in known if i.meeting.date.start)
    end = min(i.meeting.date.end for i in known if i.meeting.date.end)
    best = min(known, key=lambda i: (_PRECISION_RANK[i.meeting.date.precision], i.article_id))
    weekday_ok = all(i.date.compatible(best.date) for i in items if i.meeting.date.start is None)
    if start <= end and weekday_ok:
        if best.meeting.date.start and start <= best.meeting.date.start <= end:
            return best.meeting.date, None
        return DateInfo(
            precision="range", start=start, end=end, basis=best.meeting.date.basis
        ), None
    votes = Counter(i.meeting.date.iso for i in known)
    top = max(votes.values())
    choice = min(
        (i for i in known if votes[i.meeting.date.iso] == top),
        key=lambda i: (_PRECISION_RANK[i.meeting.date.precision], i.article_id),
    )
    return choice.meeting.date, (
        f"{choice.meeting.date.iso!r}: given by {top} of {len(known)} dated sources, "
        "the most precise, ties to the first article"
    )


def _participants(items: list[_Item]) -> list[RecordParticipant]:
    groups: list[list[tuple[str, Participant]]] = []
    for item in items:
        for person in item.meeting.participants:
            group = next(
                (g for g in groups if one_person(_english(g[0][1]), _english(person))), None
            )
            if group is None:
                groups.append([(item.article_id, person)])
            else:
                group.append((item.article_id, person))
    merged: list[RecordParticipant] = []
    groups = _respellings_joined(groups)
    for group in groups:
        spellings = Counter(p.name for _, p in group)
        english = Counter(_english(p) for _, p in group)
        written = {_english(p) for _, p in group if p.english_name_by != "model"}
        name = sorted(
            english,
            key=lambda n: (n not in written, -english[n], -_support(n, english), -len(n), n),
        )[0]
        roles = Counter(p.role for _, p in group if p.role)
        countries = Counter(p.country for _, p in group if p.country)
        merged.append(
            RecordParticipant(
                name=name,
                spellings=sorted(spellings),
                role=_most_common(roles),
                country=_most_common(countries),
                sources=sorted({source for source, _ in group}),
            )
        )
    return sorted(merged, key=lambda p: name_key(p.name))


def _respellings_joined(
    groups: list[list[tuple[str, Participant]]],
) -> list[list[tuple[str, Participant]]]:
    """Groups of one meeting's participants that no source names side by side, and whose
    names read alike in Latin letters ("Стив Уиткофф", given the English form "Steve
    Uittoff" by the model, and "Steve Witkoff"; 马克龙 and "Emmanuel Macron", as clustering
    reads them), are one person."""
    joined: list[list[tuple[str, Participant]]] = []
    for group in groups:
        sources = {source for source, _ in group}
        names = {n for _, p in group for n in (p.name, _english(p))}
        forms = {_Name.of(p) for _, p in group}
        twin = next(
            (
                g
                for g in joined
                if not sources & {source for source, _ in g}
                and (
                    any(
                        respelled(a, _english(p)) or respelled(a, p.name)
                        for a in names
                        for _, p in g
                    )
                    or any(_one_person(f, _Name.of(p)) for f in forms for _, p in g)
                )
            ),
            None,
        )
        if twin is None:
            joined.append(list(group))
        else:
            twin.extend(group)
    return joined


def _support(name: str, variants: Counter[str]) -> float:
    """How much the other spellings of a person bear out a spelling: the mean, over its
    words, of how many spellings share the word ("Yuri Ushakov" and "Yuriy Ushakov" bear out
    "Ushakov", not "Uschakow"; "Joe Biden" outscores "President Joe Biden")."""
    words = norm(name).split()
    spelled = [set(norm(v).split()) for v in variants]
    return sum(sum(w in s for s in spelled) for w in words) / len(words) if words else 0.0


def _english(person: Participant) -> str:
    """The name clustering and records use: the English form where the article writes the
    name otherwise (see Participant.english_name), else the name as written."""
    return person.english_name or person.name


def _most_common(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    return sorted(counter, key=lambda v: (-counter[v], v))[0]


def _statements(items: list[_Item]) -> list[RecordStatement]:
    by_quote: dict[str, list[tuple[_Item, int]]] = defaultdict(list)
    order: list[str] = []
    for item in items:
        for index, statement in enumerate(item.meeting.statements):
            key = norm(statement.quote).rstrip(".,;:'\" ")
            if key not in by_quote:
                order.append(key)
            by_quote[key].append((item, index))
    merged: list[RecordStatement] = []
    for key in order:
        entries = by_quote[key]
        first = entries[0][0].meeting.statements[entries[0][1]]
        speakers = Counter(i.meeting.statements[n].speaker for i, n in entries)
        merged.append(
            RecordStatement(
                speaker=sorted(speakers, key=lambda s: (-speakers[s], -len(s), s))[0],
                quote=first.quote,
                by_participant=any(i.meeting.statements[n].by_participant for i, n in entries),
                sources=[
                    StatementSource(article_id=i.article_id, span=i.meeting.statements[n].span)
                    for i, n in entries
                ],
            )
        )
    return merged


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(text)).strip("-")


def _meeting_id(when: DateInfo, where: Location, people: list[RecordParticipant]) -> str:
    """`DATE-PLACE-NAMES` in lower-case ASCII letters, digits and hyphens (slugs), at most
    MAX_ID_CHARS long: a record's file name."""
    if when.precision == "day" and when.start:
        date_part = when.start.isoformat()
    elif when.start and when.end and when.start.isoformat()[:7] == when.end.isoformat()[:7]:
        # YYYY-MM from isoformat: strftime("%Y") writes year 1 as "1" on glibc, not "0001"
        date_part = when.start.isoformat()[:7]
    elif when.start:
        date_part = when.start.isoformat()
    else:
        date_part = "undated"
    place = _slug(where.city or where.country or "unknown-place")
    names = "-".join(sorted(_slug(id_key(p.name)) for p in people))
    return _bounded_id(f"{date_part}-{place}-{names}")


def _bounded_id(full: str) -> str:
    """`full` if it is at most MAX_ID_CHARS long, else its head cut at a hyphen (a word's end)
    and a hash of the whole: a summit of six leaders with long names still gets a file name,
    two such summits differing only late in their names stay apart, and every run gives the
    same id (sha256, not Python's salted `hash`)."""
    if len(full) <= MAX_ID_CHARS:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:_ID_HASH_CHARS]
    room = MAX_ID_CHARS - _ID_HASH_CHARS - 1
    head = full[: room + 1]  # one more: a hyphen just past the room ends a whole word
    cut = head.rfind("-")
    head = (head[:cut] if cut > 0 else head[:room]).rstrip("-")
    return f"{head}-{digest}"


def _disambiguate_ids(records: list[MeetingRecord]) -> list[MeetingRecord]:
    """Two records with one id (same people, place, vague dates) get -2, -3 in source order."""
    seen: Counter[str] = Counter()
    result: list[MeetingRecord] = []
    for record in sorted(records, key=lambda r: (r.meeting_id, r.sources[0].article_id)):
        seen[record.meeting_id] += 1
        if seen[record.meeting_id] > 1:
            numbered = _bounded_id(f"{record.meeting_id}-{seen[record.meeting_id]}")
            record = record.model_copy(update={"meeting_id": numbered})
        result.append(record)
    return result


def _event_calendar(records: list[MeetingRecord]) -> list[tuple[str, str, date]]:
    """(forum, city, last day) of every event the records themselves establish: a record
    with a forum, a city and a date (no hand-kept table of summits to fall out of date)."""
    calendar: list[tuple[str, str, date]] = []
    known: set[tuple[str, str]] = set()
    for r in records:
        if r.forum and r.location.city and r.date.end and (r.forum, r.location.city) not in known:
            calendar.append((r.forum, r.location.city, r.date.end))
            known.add((r.forum, r.location.city))
    return calendar


def _with_inconsistencies(
    record: MeetingRecord, calendar: list[tuple[str, str, date]], briefs: dict[str, ArticleBrief]
) -> MeetingRecord:
    """Flag references in a source that cannot fit the record's date: an event the article
    speaks of as still to come that, by another record, had already taken place."""
    if record.date.start is None:
        return record
    found: list[Inconsistency] = []
    for source in record.sources:
        for event in briefs[source.article_id].background:
            if not _FUTURE.search(event.text):
                continue
            events = [(f, c, d) for f, c, d in calendar if forum_in_city(f, c, event.text)]
            for forum, city, when in events:
                if when < record.date.start:
                    found.append(
                        Inconsistency(
                            article_id=source.article_id,
                            text=event.text,
                            span=event.span,
                            problem=(
                                f"speaks of the {forum} in {city} as still to come, but it took "
                                f"place on {when.isoformat()}, before this meeting "
                                f"({record.date.iso})"
                            ),
                        )
                    )
    return record.model_copy(update={"inconsistencies": found}) if found else record


def template_summary(record: MeetingRecord) -> str:
    """A plain summary from the record's own fields (used when no model writes one); like a
    model's, it names nothing the facts lack."""
    people = " and ".join(p.name for p in record.participants)
    where = ", ".join(x for x in (record.location.city, record.location.country) if x)
    text = f"{people} met"
    if record.forum:
        text += f" at the {record.forum}"
    if where:
        text += f" in {where}"
    if record.date.start:
        text += f", {date_words(record.date)}"
    text += f", as reported by {record.source_count} article(s)."
    if record.topics:
        text += " They discussed " + ", ".join(t.value for t in record.topics[:6]) + "."
    return text
