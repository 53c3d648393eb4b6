"""What an article recalls or mentions besides the meeting it reports. Pure.

Sentences that date another event (before or after the meeting), and the report of another
encounter ("Wang Yi has also met his Indian counterpart ..."), after which quotations no
longer belong to this meeting.
"""

from __future__ import annotations

import re
from typing import Literal

from summarizer.dates import STATED_KINDS, find_dates, parse_date_phrase
from summarizer.gazetteer import demonym_before, find_country
from summarizer.metadata import Metadata, body_spans
from summarizer.schema import BackgroundEvent, DateInfo, Meeting, Span
from summarizer.text import sentence_spans

_MET = re.compile(r"\b(?:met|meets|held talks with|talked with|spoke with|spoke to)\b", re.I)


def other_encounter(text: str, meta: Metadata, meeting: Meeting) -> Span | None:
    """The first sentence reporting an encounter with someone from another country
    ("Wang Yi has also met his Indian counterpart ..."): what follows is not this meeting."""
    present = {_country_name(p.country) for p in meeting.participants if p.country}
    for a, b in body_spans(text, meta):
        for start, end in sentence_spans(text, a, b):
            sentence = text[start:end]
            if not _MET.search(sentence):
                continue
            if any(c.name not in present for c in demonym_before("counterpart", sentence)):
                return Span(start=start, end=end)
    return None


def _country_name(name: str) -> str:
    country = find_country(name)
    return country.name if country else name


def background_events(
    text: str,
    meta: Metadata,
    meeting_date: DateInfo,
    side: Span | None,
    *,
    language: str | None = None,
) -> list[BackgroundEvent]:
    """Sentences that date another event than the meeting (recalled or expected), and the
    report of another encounter."""
    events: list[BackgroundEvent] = []
    if side is not None:
        events.append(
            BackgroundEvent(
                text=text[side.start : side.end],
                span=side,
                date=DateInfo(),
                relation="unknown",
            )
        )
    reference = meta.published or meeting_date.start
    skip = meeting_date.phrase_span
    for a, b in body_spans(text, meta):
        for start, end in sentence_spans(text, a, b):
            if (skip and start <= skip.start < end) or (side and side.start == start):
                continue
            mentions = find_dates(text, start, end, language=language)
            if not mentions:
                continue
            mention = mentions[0]
            value = parse_date_phrase(mention.phrase, reference, language=language)
            if (
                meeting_date.start is not None
                and value.start is not None
                and (value.compatible(meeting_date))
            ):
                continue
            relation: Literal["before", "after", "unknown"] = "unknown"
            if value.start and value.end and meeting_date.start and meeting_date.end:
                relation = "before" if value.end < meeting_date.start else "after"
            basis = "none"
            if value.start:
                stated = mention.kind in STATED_KINDS
                basis = "stated" if stated else "relative to publication date"
            events.append(
                BackgroundEvent(
                    text=text[start:end],
                    span=Span(start=start, end=end),
                    date=value.stated(
                        mention.phrase, Span(start=mention.start, end=mention.end), basis
                    ),
                    relation=relation,
                )
            )
    return sorted(events, key=lambda e: e.span.start)
