"""The brief: what one article says about the meeting(s) it reports. Pydantic v2, pure data.

Every value the model supplied has been checked against the article (see `questions.py`);
offsets are character offsets into the article text as loaded (UTF-8, BOM dropped).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

SCHEMA_VERSION = "3"

Mode = Literal["visit", "hosted", "sidelines", "phone", "other"]
Status = Literal["held", "announced"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """A half-open character span of the article text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Participant(_Model):
    name: str = Field(description="Full name as the article spells it.")
    english_name: str | None = Field(
        default=None,
        description="The name as English-language news writes it, where the article writes it "
        "otherwise (another script or spelling); used to match people across languages.",
    )
    english_name_by: Literal["text", "model"] | None = Field(
        default=None,
        description="'text': the article itself gives that form; 'model': supplied by the model "
        "and not found in the article.",
    )
    role: str | None = Field(default=None, description="Office, e.g. 'Foreign Minister'.")
    country: str | None = Field(default=None, description="Country the person represents.")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Precision = Literal["day", "range", "month", "unknown"]


def _iso(precision: object, start: object, end: object) -> str | None:
    """`YYYY-MM-DD`, `YYYY-MM`, or `START/END` for a range; None if unresolved."""
    if start is None or end is None:
        return None
    first, last = str(start), str(end)  # a date or its ISO form (a brief read back)
    if precision == "day":
        return first
    if precision == "month":
        return first[:7]
    return f"{first}/{last}"


class DateInfo(_Model):
    """A date as resolved by code (`start`..`end` inclusive, at a precision; unresolved:
    `start` is None, perhaps with the weekday a phrase names), with the article's words
    for it and how they were read."""

    iso: str | None = Field(
        default=None,
        description="YYYY-MM-DD (day), YYYY-MM (month) or START/END (range); derived from the "
        "precision, start and end.",
    )
    precision: Precision = "unknown"
    start: dt.date | None = None
    end: dt.date | None = None
    phrase: str | None = Field(default=None, description="The article's own words, verbatim.")
    phrase_span: Span | None = None
    weekday: str | None = Field(default=None, description="A weekday the phrase names.")
    basis: Literal["stated", "relative to publication date", "publication date", "none"] = "none"

    @model_validator(mode="before")
    @classmethod
    def _derived(cls, data: Any) -> Any:
        """`iso` is always derived from precision, start and end, whatever was given."""
        if isinstance(data, dict):
            data = {**data, "iso": _iso(data.get("precision"), data.get("start"), data.get("end"))}
        return data

    def stated(self, phrase: str | None, span: Span | None, basis: str) -> DateInfo:
        """This date with the words it was read from and how it was read."""
        return self.model_copy(update={"phrase": phrase, "phrase_span": span, "basis": basis})

    def compatible(self, other: DateInfo) -> bool:
        """Whether the two can name the same day (unknown dates constrain by weekday only)."""
        if self.start is None or other.start is None:
            known = self if self.start is not None else other
            unknown = other if known is self else self
            if unknown.weekday and known.start is not None and known.precision == "day":
                return WEEKDAYS[known.start.weekday()] == unknown.weekday
            return True
        assert self.end is not None and other.end is not None
        return self.start <= other.end and other.start <= self.end


class Location(_Model):
    city: str | None = None
    country: str | None = None
    venue: str | None = Field(
        default=None, description="A building, residence or estate, e.g. 'the White House'."
    )


class Statement(_Model):
    """A verbatim quotation and who said it."""

    speaker: str
    quote: str
    span: Span
    by_participant: bool = Field(description="Whether the speaker took part in the meeting.")
    attributed_by: Literal["text", "model"] = Field(
        description="'text': an attribution next to the quote names the speaker (read by code); "
        "'model': the model read the passage."
    )


class Outcome(_Model):
    """Something the participants agreed or committed to, with the article's words for it."""

    text: str
    evidence: str
    span: Span


class Meeting(_Model):
    participants: list[Participant]
    date: DateInfo
    location: Location
    forum: str | None = Field(default=None, description="Canonical forum name, e.g. G20, SCO.")
    mode: Mode = "other"
    status: Status = "held"
    evidence: Span | None = Field(
        default=None, description="The sentence of the article that reports this meeting."
    )
    topics: list[str] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)


class BackgroundEvent(_Model):
    """An earlier or expected event the article recalls; never a record of its own."""

    text: str = Field(description="The sentence that mentions it, verbatim.")
    span: Span
    date: DateInfo
    relation: Literal["before", "after", "unknown"] = Field(
        description="When it lies relative to the reported meeting."
    )


class Boilerplate(_Model):
    kind: str
    span: Span


class Usage(_Model):
    """Token usage and model calls over every attempt, re-asks included."""

    calls: int = 0
    reasks: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            reasks=self.reasks + other.reasks,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Provenance(_Model):
    """What produced the brief; a change in any part of `fingerprint` makes the brief stale."""

    model: str
    backend: str
    fingerprint: dict[str, str] = Field(
        description="Each part that shaped the brief (prompt texts, response schemas, "
        "settings, pipeline version), hashed; see summarizer.fingerprint."
    )
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)


class ArticleBrief(_Model):
    """Everything one article says about the meeting(s) it reports."""

    article_id: str
    source_sha256: str
    headline: str | None
    outlet: str | None
    published: dt.date | None
    published_phrase: str | None = None
    url: str | None = Field(default=None, description="The article's address, if it states it.")
    reports_meeting: bool
    meetings: list[Meeting] = Field(default_factory=list)
    background: list[BackgroundEvent] = Field(default_factory=list)
    summary: str
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="What was dropped or could not be checked, and why."
    )
    provenance: Provenance


RECORD_SCHEMA_VERSION = "3"


class SourceRef(_Model):
    """One article a record draws on."""

    article_id: str
    outlet: str | None
    published: dt.date | None
    headline: str | None


class Sourced(_Model):
    """A value and the articles that support it."""

    value: str
    sources: list[str]


class Conflict(_Model):
    """Sources disagree on `field`: every value is kept with its sources, none is dropped."""

    field: str
    values: list[Sourced]
    chosen: str = Field(description="The value the record shows, and why.")


class Inconsistency(_Model):
    """Something one article says that cannot fit the record (checked by code)."""

    article_id: str
    text: str
    span: Span
    problem: str


class RecordParticipant(_Model):
    name: str = Field(description="The spelling most sources use.")
    spellings: list[str]
    role: str | None
    country: str | None
    sources: list[str]


class StatementSource(_Model):
    article_id: str
    span: Span


class RecordStatement(_Model):
    speaker: str
    quote: str
    by_participant: bool
    sources: list[StatementSource]


class MeetingRecord(_Model):
    """One real meeting, merged from every brief that reports it."""

    meeting_id: str = Field(description="date-place-participants, stable across runs.")
    participants: list[RecordParticipant]
    date: DateInfo
    location: Location
    forum: str | None
    mode: Mode
    topics: list[Sourced]
    statements: list[RecordStatement]
    outcomes: list[Sourced]
    sources: list[SourceRef]
    source_count: int
    provenance: dict[str, list[Sourced]] = Field(
        description="For each field (date, city, country, forum, mode), every value given "
        "and which sources give it."
    )
    conflicts: list[Conflict] = Field(default_factory=list)
    inconsistencies: list[Inconsistency] = Field(default_factory=list)
    summary: str
    summary_by: str = Field(description="The model that wrote the summary, or 'template'.")
    summary_usage: Usage = Field(default_factory=Usage)
    notes: list[str] = Field(default_factory=list)
    schema_version: str = RECORD_SCHEMA_VERSION


class FieldChange(_Model):
    """A value of a record before and after a run (written "from" and "to")."""

    model_config = ConfigDict(populate_by_name=True)

    before: Any = Field(validation_alias="from", serialization_alias="from")
    after: Any = Field(validation_alias="to", serialization_alias="to")


class RecordChanges(_Model):
    """How a run changed one meeting's record; what did not change is left out when written."""

    sources_gained: list[str] = Field(default_factory=list)
    sources_lost: list[str] = Field(default_factory=list)
    meeting_id: FieldChange | None = None
    fields: dict[str, FieldChange] = Field(
        default_factory=dict,
        description="date, city, country, forum, mode, participants (names), statements and "
        "conflicts (how many) that changed.",
    )

    def __bool__(self) -> bool:
        return bool(self.sources_gained or self.sources_lost or self.meeting_id or self.fields)


class RunChanges(_Model):
    """What a run did and changed: OUT/changes.json, and one line of OUT/changelog.jsonl."""

    at: str | None = Field(default=None, description="When the run ended, ISO 8601 (UTC).")
    briefed: list[str] = Field(default_factory=list)
    reused: list[str] = Field(default_factory=list)
    removed_sources: list[str] = Field(default_factory=list)
    failed: dict[str, str] = Field(default_factory=dict, description="Source path -> error.")
    meetings_added: list[str] = Field(default_factory=list)
    meetings_removed: list[str] = Field(default_factory=list)
    meetings_changed: dict[str, RecordChanges] = Field(default_factory=dict)

    @field_serializer("meetings_changed")
    def _written_short(self, changed: dict[str, RecordChanges]) -> dict[str, Any]:
        return {
            k: v.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            for k, v in changed.items()
        }
