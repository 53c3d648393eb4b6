"""Article -> brief: code reads what it can, the model answers narrow questions, code checks them.

Model calls go through `LLM.ask` only; everything else here is deterministic.
  1. metadata (code): headline, outlet, publication date, boilerplate
  2. `meeting` question over the lead: who met, where, at which forum, the words that say when
  3. `content` question over the body: topics and agreements (each with verbatim evidence)
  4. quotes (code); the speaker from the attribution next to the quote (code) or, where
     there is none (`," it added`), one `speaker` question over the quote's paragraphs
  5. dates, background events and the summary (code)
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, TypeVar

from pydantic import BaseModel

from summarizer.article import Article
from summarizer.backend import LLM
from summarizer.dates import (
    STATED_KINDS,
    UNKNOWN,
    DateValue,
    find_dates,
    parse_date_phrase,
    recent_window,
)
from summarizer.errors import ArticleError, ExtractionError
from summarizer.gazetteer import (
    COUNTRIES,
    canonical_forum,
    capital_phrase_city,
    find_country,
    phrase_in,
)
from summarizer.metadata import Metadata, body_spans, body_text, read_metadata
from summarizer.names import same_person
from summarizer.prompts import load_prompt
from summarizer.questions import ContentAnswer, Grounding, MeetingAnswer, SpeakerAnswer
from summarizer.quotes import QuoteCandidate, adjacent_speaker, find_quotes
from summarizer.schema import (
    ArticleBrief,
    BackgroundEvent,
    Boilerplate,
    DateInfo,
    Location,
    Meeting,
    Mode,
    Outcome,
    Participant,
    Provenance,
    Span,
    Statement,
    Usage,
)
from summarizer.text import Normalized, find_all_normalized, normalize, sentence_spans

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)
LEAD_CHARS = 1800
CHARS_PER_TOKEN = 3  # conservative: English runs near 4, many other languages lower
PROMPT_TOKENS = 1200  # instructions, the tool schema and the answer
QUESTIONS = ("meeting", "content", "speaker")


def prompt_versions() -> dict[str, str]:
    """The version of every prompt a brief depends on."""
    return {name: load_prompt(name).version for name in QUESTIONS}


@dataclass
class _Source:
    """The article with its metadata and a normalised index for locating phrases."""

    article: Article
    meta: Metadata
    body: str
    grounding: Grounding
    usage: Usage = field(default_factory=Usage)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, article: Article) -> _Source:
        meta = read_metadata(article.text)
        body = body_text(article.text, meta)
        return cls(article, meta, body, Grounding(body, meta.published))

    @cached_property
    def index(self) -> Normalized:
        """The whole article, normalised, for locating phrases."""
        return normalize(self.article.text)

    def ask(
        self,
        llm: LLM,
        model: type[T],
        messages: list[dict[str, str]],
        *,
        question: str,
        max_tokens: int,
    ) -> T:
        """Ask about this article (grounded in its body), counting usage even on failure."""
        try:
            answer, usage = llm.ask(
                model,
                messages,
                question=question,
                source_id=self.article.id,
                context={"grounding": self.grounding},
                max_tokens=max_tokens,
            )
        except ExtractionError as exc:
            self.usage += exc.usage or Usage()
            raise
        self.usage += usage
        return answer

    def locate(self, phrase: str) -> Span | None:
        """Where `phrase` first occurs in the article outside boilerplate."""
        for start, end in find_all_normalized(phrase, self.index):
            if not self.meta.in_boilerplate(start, end):
                return Span(start=start, end=end)
        return None


def build_brief(article: Article, llm: LLM) -> ArticleBrief:
    """Turn one loaded article into a validated brief. Raises ArticleError or BackendError."""
    src = _Source.read(article)
    _check_fits(src, llm)
    facts = _ask_meeting(src, llm)
    meetings: list[Meeting] = []
    background: list[BackgroundEvent] = []
    if facts.reports_meeting:
        meeting = _meeting_from(facts, src)
        content = _ask_content(src, llm, meeting)
        side = _other_encounter(src, meeting)
        meeting = meeting.model_copy(
            update={
                "topics": _dedupe(content.topics),
                "outcomes": _outcomes(content, src),
                "statements": _statements(src, llm, meeting, until=side.start if side else None),
            }
        )
        meetings.append(meeting)
        background = _background(src, meeting.date, side)
    return ArticleBrief(
        article_id=article.id,
        source_sha256=article.sha256,
        headline=src.meta.headline,
        outlet=src.meta.outlet,
        published=src.meta.published,
        published_phrase=src.meta.published_phrase,
        reports_meeting=bool(meetings),
        meetings=meetings,
        background=background,
        summary=summarize(meetings, src.meta.headline),
        boilerplate=[
            Boilerplate(kind=b.kind, span=Span(start=b.start, end=b.end))
            for b in src.meta.boilerplate
        ],
        notes=src.notes,
        provenance=Provenance(
            model=llm.model,
            backend=llm.backend,
            prompt_versions=prompt_versions(),
            usage=src.usage,
        ),
    )


def _check_fits(src: _Source, llm: LLM) -> None:
    """Refuse, before any call, an article the model's context cannot hold."""
    if llm.context_tokens is None:
        return
    estimate = len(src.body) // CHARS_PER_TOKEN + PROMPT_TOKENS
    if estimate > llm.context_tokens:
        raise ArticleError(
            src.article.id,
            f"article is about {estimate:,} tokens with the prompt, more than the model's "
            f"context of {llm.context_tokens:,}; split it into parts, or use a model with a "
            "longer context (SUMMARIZER_CONTEXT_TOKENS)",
        )


def _lead(body: str) -> str:
    if len(body) <= LEAD_CHARS:
        return body
    cut = body.rfind("\n", 0, LEAD_CHARS)
    if cut < LEAD_CHARS // 2:
        cut = body.rfind(". ", 0, LEAD_CHARS) + 1
    return body[: cut if cut > 0 else LEAD_CHARS].strip()


def _ask_meeting(src: _Source, llm: LLM) -> MeetingAnswer:
    messages = load_prompt("meeting").render(
        headline=src.meta.headline or "(none)", article=_lead(src.body)
    )
    try:
        return src.ask(llm, MeetingAnswer, messages, question="meeting", max_tokens=400)
    except ExtractionError as exc:
        return _lenient(MeetingAnswer, exc, src)


def _lenient(model: type[MeetingAnswer], exc: ExtractionError, src: _Source) -> MeetingAnswer:
    """Last resort after every re-ask: keep the grounded part of the last answer, drop the
    ungrounded optional fields with a note. Raises `exc` if what is left still fails."""
    if not isinstance(exc.last_completion, str):
        raise exc
    notes: list[str] = []
    try:
        answer = model.model_validate_json(
            exc.last_completion,
            context={"grounding": src.grounding, "lenient": True, "notes": notes},
        )
    except ValueError:
        raise exc from None
    src.notes.extend(f"{exc.question}: {note}" for note in notes)
    return answer


def _ask_content(src: _Source, llm: LLM, meeting: Meeting) -> ContentAnswer:
    names = " and ".join(p.name for p in meeting.participants)
    messages = load_prompt("content").render(participants=names, article=src.body)
    return src.ask(llm, ContentAnswer, messages, question="content", max_tokens=500)


def _meeting_from(facts: MeetingAnswer, src: _Source) -> Meeting:
    participants: list[Participant] = []
    for person in facts.participants:
        if any(same_person(person.name, p.name) for p in participants):
            continue
        country = find_country(person.country) if person.country else None
        participants.append(
            Participant(
                name=person.name,
                role=person.role,
                country=country.name if country else person.country,
            )
        )
    city_part, _, rest = (facts.city or "").partition(",")
    city = city_part.strip() or None
    country = find_country(facts.country or rest.strip()) if (facts.country or rest) else None
    if city is None and not facts.country:
        capitals = capital_phrase_city(src.body)
        city = capitals[0] if len(capitals) == 1 else None
    if country is None and city is not None:
        country = next((c for c in COUNTRIES if c.capital == city), None)
    forum = (canonical_forum(facts.forum) or facts.forum) if facts.forum else None
    return Meeting(
        participants=participants,
        date=_meeting_date(facts.when or None, src),
        location=Location(city=city, country=country.name if country else facts.country or None),
        forum=forum,
        mode=infer_mode(_lead(src.body), forum),
    )


_PHONE = re.compile(
    r"\b(?:phone|telephone|video)\s+(?:call|conversation|talks|conference)\b|\bby phone\b", re.I
)
_VISIT = re.compile(r"\b(?:visit|visited|visiting|trip to|arrived in)\b", re.I)
_HOSTED = re.compile(r"\b(?:hosted|received|welcomed)\b", re.I)


def infer_mode(lead: str, forum: str | None) -> Mode:
    """How they met, read by code: a call, a multilateral event's sidelines, a visit."""
    if _PHONE.search(lead):
        return "phone"
    if forum:
        return "sidelines"
    if _VISIT.search(lead):
        return "visit"
    if _HOSTED.search(lead):
        return "hosted"
    return "other"


def _meeting_date(when: str | None, src: _Source) -> DateInfo:
    published = src.meta.published
    if when:
        mentions = find_dates(when)
        value = parse_date_phrase(mentions[0].phrase, published) if mentions else UNKNOWN
        relative = bool(mentions) and mentions[0].kind not in STATED_KINDS
        basis = "relative to publication date" if relative else "stated"
        if value.start is None:
            basis = "none"
        return _date_info(value, when, src.locate(when), basis)
    if published is not None:
        return _date_info(recent_window(published), None, None, "publication date")
    src.notes.append("meeting date: the article does not say when, and has no publication date")
    return DateInfo()


def _date_info(value: DateValue, phrase: str | None, span: Span | None, basis: str) -> DateInfo:
    return DateInfo.model_validate(
        {
            "iso": value.iso,
            "precision": value.precision,
            "start": value.start,
            "end": value.end,
            "phrase": phrase,
            "phrase_span": span,
            "weekday": value.weekday,
            "basis": basis,
        }
    )


def _outcomes(content: ContentAnswer, src: _Source) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for agreement in content.agreements:
        span = src.locate(agreement.evidence)
        if span is None:
            src.notes.append(f"outcome {agreement.what!r}: evidence found only in boilerplate")
            continue
        outcomes.append(Outcome(text=agreement.what, evidence=agreement.evidence, span=span))
    return outcomes


_MET = re.compile(r"\b(?:met|meets|held talks with|talked with|spoke with|spoke to)\b", re.I)


def _other_encounter(src: _Source, meeting: Meeting) -> Span | None:
    """The first sentence reporting an encounter with someone from another country
    ("Wang Yi has also met his Indian counterpart ..."): what follows is not this meeting."""
    countries = {p.country for p in meeting.participants if p.country}
    for a, b in body_spans(src.article.text, src.meta):
        for start, end in sentence_spans(src.article.text, a, b):
            sentence = src.article.text[start:end]
            if not _MET.search(sentence):
                continue
            for country in COUNTRIES:
                if country.name in countries:
                    continue
                if any(phrase_in(f"{d} counterpart", sentence) for d in country.demonyms):
                    return Span(start=start, end=end)
    return None


def _statements(src: _Source, llm: LLM, meeting: Meeting, *, until: int | None) -> list[Statement]:
    statements: list[Statement] = []
    for quote in find_quotes(src.article.text, src.meta):
        if until is not None and quote.start >= until:
            src.notes.append(
                f"quote at {quote.start}: left out, it follows the report of another encounter"
            )
            continue
        speaker = adjacent_speaker(src.article.text, quote)
        attributed_by: Literal["text", "model"] = "text"
        if speaker is None:
            speaker, attributed_by = _ask_speaker(src, llm, quote), "model"
        if speaker is None:
            continue
        participant = next((p for p in meeting.participants if same_person(speaker, p.name)), None)
        statements.append(
            Statement(
                speaker=participant.name if participant else speaker,
                quote=quote.text,
                span=Span(start=quote.start, end=quote.end),
                by_participant=participant is not None,
                attributed_by=attributed_by,
            )
        )
    return statements


def _ask_speaker(src: _Source, llm: LLM, quote: QuoteCandidate) -> str | None:
    a, b = quote.window(src.article.text)
    passage = src.article.text[a:b]
    try:
        answer, usage = llm.ask(
            SpeakerAnswer,
            load_prompt("speaker").render(passage=passage, quote=quote.text),
            question="speaker",
            source_id=src.article.id,
            context={"grounding": Grounding(passage, src.meta.published), "quote": quote.text},
            max_tokens=60,
        )
    except ExtractionError as exc:
        src.usage += exc.usage or Usage()
        src.notes.append(f"quote at {quote.start}: speaker could not be verified ({exc.problem})")
        return None
    src.usage += usage
    if answer.speaker is None:
        src.notes.append(f"quote at {quote.start}: the article does not say who said it")
    return answer.speaker


def _background(src: _Source, meeting_date: DateInfo, side: Span | None) -> list[BackgroundEvent]:
    """Sentences that date another event than the meeting (recalled or expected), and the
    report of another encounter."""
    events: list[BackgroundEvent] = []
    if side is not None:
        events.append(
            BackgroundEvent(
                text=src.article.text[side.start : side.end],
                span=side,
                date=DateInfo(),
                relation="unknown",
            )
        )
    meeting_value = _value_of(meeting_date)
    reference = src.meta.published or meeting_value.start
    skip = meeting_date.phrase_span
    for a, b in body_spans(src.article.text, src.meta):
        for start, end in sentence_spans(src.article.text, a, b):
            if (skip and start <= skip.start < end) or (side and side.start == start):
                continue
            mentions = [m for m in find_dates(src.article.text, start, end)]
            if not mentions:
                continue
            mention = mentions[0]
            value = parse_date_phrase(mention.phrase, reference)
            if (
                meeting_value.start is not None
                and value.start is not None
                and (value.compatible(meeting_value))
            ):
                continue
            relation: Literal["before", "after", "unknown"] = "unknown"
            if value.start and value.end and meeting_value.start and meeting_value.end:
                relation = "before" if value.end < meeting_value.start else "after"
            basis = "none"
            if value.start:
                stated = mention.kind in STATED_KINDS
                basis = "stated" if stated else "relative to publication date"
            events.append(
                BackgroundEvent(
                    text=src.article.text[start:end],
                    span=Span(start=start, end=end),
                    date=_date_info(
                        value, mention.phrase, Span(start=mention.start, end=mention.end), basis
                    ),
                    relation=relation,
                )
            )
    return sorted(events, key=lambda e: e.span.start)


def _value_of(info: DateInfo) -> DateValue:
    return DateValue(info.precision, info.start, info.end, info.weekday)


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        key = " ".join(item.lower().split())
        if key and key not in seen:
            seen.add(key)
            kept.append(item.strip())
    return kept


def summarize(meetings: list[Meeting], headline: str | None) -> str:
    """A short neutral summary built from the brief's own fields (no model call)."""
    if not meetings:
        return "The article reports no meeting." + (f" Headline: {headline}" if headline else "")
    parts: list[str] = []
    for m in meetings:
        people = " and ".join(
            p.name + (f" ({p.country})" if p.country else "") for p in m.participants
        )
        where = ", ".join(x for x in (m.location.city, m.location.country) if x)
        text = f"{people} met"
        if m.forum:
            on = "on the sidelines of" if m.mode == "sidelines" else "at"
            text += f" {on} the {m.forum}"
        if where:
            text += f" in {where}"
        if m.date.iso:
            text += f", {_describe_date(m.date)}"
        text += "."
        if m.topics:
            text += " They discussed " + _join(m.topics) + "."
        if m.outcomes:
            text += " They agreed: " + "; ".join(o.text for o in m.outcomes) + "."
        parts.append(text)
    return " ".join(parts)


def _describe_date(info: DateInfo) -> str:
    if info.precision == "day":
        return f"on {info.iso}"
    if info.precision == "month":
        return f"in {info.iso}"
    return f"between {info.start} and {info.end}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
