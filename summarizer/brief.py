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

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, TypeVar

from pydantic import BaseModel

from summarizer.article import Article
from summarizer.backend import LLM
from summarizer.background import background_events, other_encounter
from summarizer.dates import (
    STATED_KINDS,
    UNKNOWN,
    find_dates,
    parse_date_phrase,
    recent_window,
)
from summarizer.errors import ArticleError, ExtractionError
from summarizer.fingerprint import brief_fingerprint
from summarizer.gazetteer import (
    COUNTRIES,
    canonical_forum,
    capital_phrase_city,
    find_country,
)
from summarizer.metadata import Metadata, body_between, body_text, read_metadata
from summarizer.names import same_person
from summarizer.prompts import load_prompt
from summarizer.questions import ContentAnswer, Grounding, MeetingAnswer, SpeakerAnswer
from summarizer.quotes import QuoteCandidate, adjacent_speaker, find_quotes
from summarizer.render import brief_summary
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
from summarizer.text import Normalized, find_all_normalized, normalize

T = TypeVar("T", bound=BaseModel)
LEAD_CHARS = 1800
CHARS_PER_TOKEN = 3  # conservative: English runs near 4, many other languages lower
PROMPT_TOKENS = 1200  # instructions, the tool schema and the answer


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
        meta = read_metadata(article.text, article.page)
        body = body_text(article.text, meta)
        return cls(article, meta, body, Grounding(body, meta.published))

    @cached_property
    def lead(self) -> str:
        """The start of the body, up to LEAD_CHARS, cut at a paragraph or sentence end."""
        return _lead(self.body)

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
        grounding: Grounding | None = None,
        **context: str,
    ) -> T:
        """Ask about this article, grounded in its body (or in `grounding`, a passage of it),
        counting usage even on failure."""
        try:
            answer, usage = llm.ask(
                model,
                messages,
                question=question,
                source_id=self.article.id,
                context={"grounding": grounding or self.grounding, **context},
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
        side = other_encounter(src.article.text, src.meta, meeting)
        meeting = meeting.model_copy(
            update={
                "topics": _dedupe(content.topics),
                "outcomes": _outcomes(content, src),
                "statements": _statements(src, llm, meeting, until=side.start if side else None),
            }
        )
        meetings.append(meeting)
        background = background_events(src.article.text, src.meta, meeting.date, side)
    return ArticleBrief(
        article_id=article.id,
        source_sha256=article.sha256,
        headline=src.meta.headline,
        outlet=src.meta.outlet,
        published=src.meta.published,
        published_phrase=src.meta.published_phrase,
        url=src.meta.url,
        reports_meeting=bool(meetings),
        meetings=meetings,
        background=background,
        summary=brief_summary(meetings, src.meta.headline),
        boilerplate=[
            Boilerplate(kind=b.kind, span=Span(start=b.start, end=b.end))
            for b in src.meta.boilerplate
        ],
        notes=src.notes,
        provenance=Provenance(
            model=llm.model,
            backend=llm.backend,
            fingerprint=brief_fingerprint(llm),
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
        headline=src.meta.headline or "(none)", article=src.lead
    )
    try:
        return src.ask(llm, MeetingAnswer, messages, question="meeting", max_tokens=400)
    except ExtractionError as exc:
        return _lenient(exc, src)


def _lenient(exc: ExtractionError, src: _Source) -> MeetingAnswer:
    """Last resort after every re-ask: keep the grounded part of the last answer, drop the
    ungrounded optional fields with a note. Raises `exc` if what is left still fails."""
    if not isinstance(exc.last_completion, str):
        raise exc
    notes: list[str] = []
    try:
        answer = MeetingAnswer.model_validate_json(
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
        mode=infer_mode(src.lead, forum),
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
        return DateInfo.of(value, when, src.locate(when), basis)
    if published is not None:
        return DateInfo.of(recent_window(published), None, None, "publication date")
    src.notes.append("meeting date: the article does not say when, and has no publication date")
    return DateInfo()


def _outcomes(content: ContentAnswer, src: _Source) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for agreement in content.agreements:
        span = src.locate(agreement.evidence)
        if span is None:
            src.notes.append(f"outcome {agreement.what!r}: evidence found only in boilerplate")
            continue
        outcomes.append(Outcome(text=agreement.what, evidence=agreement.evidence, span=span))
    return outcomes


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
    passage = body_between(src.article.text, src.meta, a, b)  # never a set-aside line
    try:
        answer = src.ask(
            llm,
            SpeakerAnswer,
            load_prompt("speaker").render(passage=passage, quote=quote.text),
            question="speaker",
            max_tokens=60,
            grounding=Grounding(passage, src.meta.published),
            quote=quote.text,
        )
    except ExtractionError as exc:
        src.notes.append(f"quote at {quote.start}: speaker could not be verified ({exc.problem})")
        return None
    if answer.speaker is None:
        src.notes.append(f"quote at {quote.start}: the article does not say who said it")
    return answer.speaker


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        key = " ".join(item.lower().split())
        if key and key not in seen:
            seen.add(key)
            kept.append(item.strip())
    return kept
