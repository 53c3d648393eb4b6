"""Article -> brief: code reads what it can, the model answers narrow questions, code checks them.

The steps never call the model: `brief_steps` is a generator that yields each question (a
`questions.Question`) and is sent its answer, and its driver decides how questions are
answered: `build_brief` one after another on an `LLM`; a batch engine could gather the next
question of many articles into one round. Everything else here is deterministic. A brief is
built in explicit steps over one per-article state (`_Source`):
  1. metadata (code): headline, outlet, publication date, boilerplate
  2. `meetings` question over the passages that report meetings: every meeting or call, held or
     announced, each with the sentence that reports it, its people, place, forum and date words
     (code: an article whose writer gives their own view is commentary; its held meetings
     are background)
     2b. where it names people but no one they met: `met` question per sentence that speaks
     of a meeting in their paragraphs
     2c. where the lead names someone near a verb of a meeting done whom no entry names:
     `met` question on the lead
  3. `plans` question per sentence that may announce a meeting the answer did not list
  4. `names` question, for an article not in English or a name in another script: the
     English form of each name it writes otherwise, checked against the name's Latin reading
  5. `content` question per held meeting over its own passage: topics and agreements
  6. quotes (code), each given to the meeting whose report precedes it; the speaker from the
     attribution next to the quote (code) or, where there is none, one `speaker` question
  7. dates, mode, status, background events and the summary (code)
"""

from __future__ import annotations

import calendar
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from summarizer.article import Article
from summarizer.backend import LLM
from summarizer.background import background_events, other_encounter
from summarizer.dates import (
    STATED_KINDS,
    UNKNOWN,
    DateMention,
    find_dates,
    on_day,
    parse_date_phrase,
    recent_window,
    resolve,
    same_date_in,
    shifted,
    years_named,
)
from summarizer.errors import ArticleError, ExtractionError
from summarizer.fingerprint import brief_fingerprint
from summarizer.gazetteer import (
    Country,
    canonical_forum,
    capital_phrase_city,
    city_placed,
    country_as_place,
    country_mentioned,
    country_of_region,
    demonym_before,
    find_city,
    find_country,
    forum_city,
    forum_held,
    forum_mentioned,
    forum_mentions,
    is_venue,
    phrase_in,
    venue_as_place,
    venue_city,
)
from summarizer.language import detect_language
from summarizer.metadata import (
    DATELINE_CITY,
    Metadata,
    body_between,
    body_spans,
    body_text,
    dateline_spans,
    read_metadata,
)
from summarizer.names import (
    NAME_PARTICLES,
    fold_token,
    from_given_name,
    has_given_name,
    is_title,
    leaders_meant,
    name_key,
    name_tokens,
    named_in,
    needs_english_form,
    office_words_only,
    same_person,
    text_tokens,
)
from summarizer.prompts import load_prompt
from summarizer.questions import (
    ESSENTIAL,
    NOT_IN_SENTENCE,
    ContentAnswer,
    ContentDraft,
    EnglishNameAnswer,
    Grounding,
    MeetingItem,
    MeetingsAnswer,
    MeetingsDraft,
    MetAnswer,
    MetDraft,
    NamesAnswer,
    NamesDraft,
    PersonAnswer,
    PlannedMeeting,
    PlansAnswer,
    PlansDraft,
    Question,
    SpeakerAnswer,
    Steps,
    attributed_to,
    content_problems,
    coordinated_meetings,
    meeting_problems,
    met_item,
    met_problems,
    names_gathering,
    names_problems,
    plan_item,
    plan_problems,
    refers_back,
    trip_of,
    trips_taken_by,
    unnamed_gathering,
    unnamed_party,
)
from summarizer.quotes import (
    QuoteCandidate,
    adjacent_speaker,
    find_quotes,
    lead_speaker,
    office_holder,
    turn_speakers,
    writers_view,
)
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
    Status,
    Usage,
)
from summarizer.tense import (
    after_earlier_encounter,
    after_relation,
    before_plan,
    done_verbs,
    future_only,
    plan_before,
    prepares_another,
    relates_to_another,
    speaks_of_future,
    speaks_of_meeting,
    tells_of_plan,
    told_as_done,
)
from summarizer.text import (
    Normalized,
    any_han_script,
    find_all_normalized,
    hard_wrapped,
    norm,
    normalize,
    sentence_spans,
)

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
LEAD_CHARS = 1800
CONTENT_CHARS = 2400
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
    naming: dict[tuple[str, ...], list[tuple[Span, bool]]] = field(default_factory=dict)
    """The sentences naming a set of participants (`_naming_sentences`), read once per set:
    the report sentence, the mode and the status all look for them."""

    @classmethod
    def read(cls, article: Article) -> _Source:
        meta = read_metadata(article.text, article.page)
        body = body_text(article.text, meta)
        grounding = Grounding(
            body, meta.published, detect_language(body), filed=tuple(dateline_spans(body))
        )
        return cls(article, meta, body, grounding)

    @cached_property
    def wrapped(self) -> bool:
        """Whether the article is hard-wrapped (`text.hard_wrapped`): read once, asked per date."""
        return hard_wrapped(self.article.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The body's sentences (`body_spans`, `text.sentence_spans`) as spans of the
        article's text, read once."""
        text = self.article.text
        return [
            (a, b) for x, y in body_spans(text, self.meta) for a, b in sentence_spans(text, x, y)
        ]

    @cached_property
    def capitalised_within(self) -> frozenset[str]:
        """The words the body writes capitalised inside a sentence, not only at its start: a
        sentence's first word is part of a name only if it is one ("Since Xi last landed")."""
        text = self.article.text
        return frozenset(
            word for a, b in self.sentences for word in text[a:b].split()[1:] if word[:1].isupper()
        )

    @cached_property
    def people(self) -> list[str]:
        """The people the body names in full (`_people_named_in_full`), read once."""
        return _people_named_in_full(self)

    @cached_property
    def turns(self) -> list[str]:
        """The speakers of the body's turns if it is a transcript (`quotes.turn_speakers`)."""
        return turn_speakers(self.body)

    @cached_property
    def index(self) -> Normalized:
        """The whole article, normalised, for locating phrases."""
        return normalize(self.article.text)

    def ask(
        self,
        model: type[T],
        messages: list[dict[str, str]],
        *,
        question: str,
        max_tokens: int,
        grounding: Grounding | None = None,
        **context: str,
    ) -> Steps[T]:
        """Ask about this article, grounded in its body (or in `grounding`, a passage of it):
        yield the question, take its answer; usage is counted even on failure."""
        try:
            answer, usage = yield Question(
                model,
                messages,
                name=question,
                source_id=self.article.id,
                context={"grounding": grounding or self.grounding, **context},
                max_tokens=max_tokens,
            )
        except ExtractionError as exc:
            self.usage += exc.usage or Usage()
            raise
        self.usage += usage
        if not isinstance(answer, model):
            raise TypeError(f"internal: a {model.__name__} question got {type(answer).__name__}")
        return answer

    def locate(self, phrase: str) -> Span | None:
        """Where `phrase` first occurs in the article outside boilerplate."""
        for start, end in find_all_normalized(phrase, self.index):
            if not self.meta.in_boilerplate(start, end):
                return Span(start=start, end=end)
        return None


def build_brief(article: Article, llm: LLM) -> ArticleBrief:
    """Turn one loaded article into a validated brief, its questions asked one after another.
    Raises ArticleError or BackendError."""
    return answer_steps(brief_steps(article, llm), llm)


def answer_steps(steps: Steps[R], llm: LLM, stop: threading.Event | None = None) -> R:
    """Drive `steps` on `llm`, one question at a time: each answer sent back, each
    ExtractionError thrown in (the step salvages or fails). Before the first question the
    server forgets what it was asked before, so that an article gets the answers a fresh
    server gives (`LLM.forget`); a step that fails before asking anything costs no call.
    Once `stop` is set (a run interrupted), no further question is asked: ArticleError."""
    try:
        step = _advance(steps, None)
        first = True
        while isinstance(step, Question):
            if stop is not None and stop.is_set():
                raise ArticleError(step.source_id, "not briefed: the run stopped")
            if first:
                llm.forget()
                first = False
            step = _advance(steps, answer(step, llm))
        return step.value
    finally:
        steps.close()  # a BackendError leaves the steps suspended: end them


Reply = tuple[Any, Usage] | ExtractionError
"""What a step is given back for its question: the answer and its usage, or the error."""


def answer(question: Question[Any], llm: LLM) -> Reply:
    """One question asked on `llm`: its reply, an ExtractionError returned (to be thrown into
    the step that asked), a BackendError raised. Any driver asks through it."""
    try:
        return llm.ask(
            question.response_model,
            question.messages,
            question=question.name,
            source_id=question.source_id,
            context=question.context,
            max_tokens=question.max_tokens,
        )
    except ExtractionError as exc:
        return exc


@dataclass(frozen=True)
class _Done(Generic[R]):
    value: R


def _advance(steps: Steps[R], reply: Reply | None) -> Question[Any] | _Done[R]:
    """The steps' next question, or what they returned: the answer sent in (the error thrown
    in). Only the steps' own StopIteration ends them, never one raised while asking."""
    try:
        if reply is None:
            return next(steps)
        if isinstance(reply, ExtractionError):
            return steps.throw(reply)
        return steps.send(reply)
    except StopIteration as done:
        result: R = done.value
        return _Done(result)


def brief_steps(article: Article, llm: LLM) -> Steps[ArticleBrief]:
    """One article's brief as steps (`questions.Steps`): yields each question and is sent its
    answer. `llm` only describes the model (its context size, its name and fingerprint for the
    brief's provenance): the steps never call it. Raises ArticleError."""
    src = _Source.read(article)
    _check_fits(src, llm)
    meetings = [_meeting_from(item, src) for item in (yield from _ask_meetings(src))]
    meetings = [m for m in meetings if not _in_passing(m, src)]
    meetings = [_visit_if_hosted(m) for m in _distinct(_sides_joined(meetings, src), src)]
    meetings = [m for m in meetings if not _one_side_away(m, src)]
    meetings = _same_occasion([_call_if_placeless(m, src) for m in meetings], src)
    meetings, background = _unless_commentary(src, meetings)
    meetings = _announced_as_told(src, meetings)
    meetings += yield from _plans(src, meetings)
    meetings = yield from _with_english_forms(src, meetings)
    held = [i for i, m in enumerate(meetings) if m.status == "held"]
    side = _side(src, [meetings[i] for i in held])
    quotes = _quotes_by_meeting(src, [meetings[i] for i in held], side)
    for n, i in enumerate(held):
        passage = _passage_of(src, meetings, i)
        meetings[i] = yield from _with_content(src, meetings[i], quotes[n], passage)
    if held:
        background = background_events(
            src.article.text,
            src.meta,
            meetings[held[0]].date,
            side,
            language=src.grounding.language,
        )
    return ArticleBrief(
        article_id=article.id,
        source_sha256=article.sha256,
        headline=src.meta.headline,
        outlet=src.meta.outlet,
        published=src.meta.published,
        published_phrase=src.meta.published_phrase,
        url=src.meta.url,
        reports_meeting=bool(held),
        meetings=meetings,
        background=background,
        summary=brief_summary([m for m in meetings if m.status == "held"], src.meta.headline),
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
    """Refuse, before any call, an article whose questions the model's context cannot hold.
    No question reads the whole of a long article, only passages of it (at most LEAD_CHARS
    for the meetings, CONTENT_CHARS for a meeting's content), so a long article fits wherever
    its longest passage does."""
    if llm.context_tokens is None:
        return
    longest = min(len(src.body), max(LEAD_CHARS, CONTENT_CHARS))
    estimate = longest // CHARS_PER_TOKEN + PROMPT_TOKENS
    if estimate > llm.context_tokens:
        raise ArticleError(
            src.article.id,
            f"its questions are about {estimate:,} tokens long with the prompt, more than the "
            f"model's context of {llm.context_tokens:,}; use a model with a longer context "
            "(SUMMARIZER_CONTEXT_TOKENS)",
        )


# Words that report a meeting or a call, in the languages of the development corpus: the
# paragraphs of a long article that hold them are the passages the `meetings` question sees.
_MEETING_CUE = re.compile(
    any_han_script(
        r"\b(?:met|meet|meets|meeting|talks|talked|call|called|phoned|spoke|visit\w*|summit|"
        r"sidelines|hosted|received|rencontr\w*|entretien\w*|entretenu|appel\w*|t[ée]l[ée]phon\w*|"
        r"sommet|reuni\w*|encuentro|llamada|cumbre|conversaci[oó]n|encontr\w*|cúpula|conversa|"
        r"traf|treffen|gespr[äa]ch\w*|telefonat|besuch\w*|gipfel|встреч\w*|переговор\w*|"
        r"разговор\w*|визит\w*|саммит\w*)\b"
        r"|会见|会晤|会谈|通话|通电话|访问|峰会|会談|電話|訪問|首脳|회담|만나|통화|방문|정상",
    ),
    re.I,
)
LEAD_MIN_CHARS = 900


def _paragraphs(src: _Source) -> list[tuple[int, int]]:
    """The body's paragraphs as spans of the article text, in order."""
    text = src.article.text
    spans: list[tuple[int, int]] = []
    for a, b in body_spans(text, src.meta):
        cursor = a
        for m in re.finditer(r"\n", text[a:b]):
            spans.append((cursor, a + m.start()))
            cursor = a + m.end()
        spans.append((cursor, b))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _passages(src: _Source, budget: int = LEAD_CHARS) -> str:
    """What the `meetings` question reads: the whole body if it fits, else the opening
    paragraphs and then every paragraph that speaks of a meeting or call, up to `budget`."""
    if len(src.body) <= budget:
        return src.body
    chosen: list[tuple[int, int]] = []
    used = 0
    for a, b in _paragraphs(src):
        length = b - a + 1
        opening = used < LEAD_MIN_CHARS
        if used + length > budget or not (opening or _MEETING_CUE.search(src.article.text[a:b])):
            continue
        chosen.append((a, b))
        used += length
    if not chosen:
        return _lead(src.body)
    return "\n".join(body_between(src.article.text, src.meta, a, b) for a, b in chosen)


def _lead(body: str, limit: int = LEAD_CHARS) -> str:
    """The start of `body`, up to `limit` characters, cut at a paragraph or sentence end."""
    if len(body) <= limit:
        return body
    cut = body.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = body.rfind(". ", 0, limit) + 1
    return body[: cut if cut > 0 else limit].strip()


def _ask_meetings(src: _Source) -> Steps[list[MeetingItem]]:
    """Step 2: the `meetings` answer, grounded; where it grounds no meeting but names people
    who met no one it names (`_grounded`), step 2b: `_met_by_sentence`."""
    messages = load_prompt("meetings").render(
        headline=src.meta.headline or "(none)", article=_passages(src)
    )
    try:
        answer = yield from src.ask(MeetingsAnswer, messages, question="meetings", max_tokens=900)
        items = answer.meetings
    except ExtractionError as exc:
        draft = _fitted(MeetingsDraft, exc.last_completion, src.notes, "meetings")
        if draft is None:  # the last answer cannot be read at all
            raise
        items = draft.meetings
    kept, alone = _grounded(items, src)
    if kept or not alone:
        return kept + (yield from _lead_meeting(src, kept))
    return (yield from _met_by_sentence(src, alone))


_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
_NAME_RUN = re.compile(
    r"(?<![\w'\u2019])[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*+"
    rf"(?:\s+(?:(?:{_PARTICLE})\s+)*[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*+)+"
)
"""Two or more capitalised words in a row (particles between): how a news lead names a
person in full ("Xi Jinping", "Ursula von der Leyen"), offices and places aside."""


LEAD_REACH = 10
"""How many words from a word of a meeting a person the lead names may stand to be asked
about ("Trump spoke with Russian President Vladimir Putin"; "par son homologue chinois Xi
Jinping"), not one named for another reason further on ("following President Biden and
President Xi's Woodside Summit")."""


_RECEIVED = re.compile(
    r"\b(?:re[çc]ue?s?|accueillie?s?|recibid[oa]s?|recebid[oa]s?|empfangen)\b", re.I
)
"""A visitor received, in the passive voice of the languages `_MEETING_CUE` has no such word
for ("a été reçu par son homologue")."""


def _runs_without_dates(sentence: str, language: str | None) -> list[tuple[str, tuple[int, int]]]:
    """The runs of capitalised words of a sentence (`_NAME_RUN`), each with its span, cut
    short where a date phrase overlaps it ("Xi Jinping Wednesday" is Xi Jinping; "On June"
    of "On June 5" is "On")."""
    dates = [(m.start, m.end) for m in find_dates(sentence, language=language)]
    runs: list[tuple[str, tuple[int, int]]] = []
    for found in _NAME_RUN.finditer(sentence):
        a, b = found.span()
        for start, end in dates:
            if start < b and end > a:  # an overlap, not a date next to the run
                a, b = (a, start) if start > a else (end, b)
        run = sentence[a:b].strip()
        if run:
            runs.append((run, (a, b)))
    return runs


def _words_apart(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many words stand between two spans of `text` (0 where they touch or overlap)."""
    first, second = sorted([a, b])
    return len(text[first[1] : second[0]].split()) if second[0] > first[1] else 0


def _person_named(run: str, src: _Source) -> str | None:
    """The name of a person in a run of capitalised words, offices and places before it read
    past ("President Trump", "Russian President Vladimir Putin"); None where the run is a
    place, ends with an office or a place (a name does not), or names a gathering ("BRICS
    Summit") or no one plainly."""
    run = run.rstrip(".,;:")
    words = run.split()

    def aside(word: str) -> bool:
        return office_words_only(word, lambda w: find_country(w) is not None or _a_place(w))

    if _a_place(run) or not words or aside(words[-1]):
        return None  # "Saudi Arabia"; "Minister for Home Affairs", "Top Russian" officials
    while aside(words[0]):
        words = words[1:]
    name = " ".join(words)
    if names_gathering(name):
        return None
    if find_dates(name, language=src.grounding.language) or not _plainly_named(name, src):
        return None
    return name


def _others_named(text: str, besides: list[str], src: _Source) -> list[tuple[str, tuple[int, int]]]:
    """The people `text` names in full (`_person_named`, dates cut off the runs), each with
    its span, who are none of `besides` (by any token of their names)."""
    tokens = {t for name in besides for t in name_tokens(name)}
    return [
        (name, at)
        for run, at in _runs_without_dates(text, src.grounding.language)
        if (name := _person_named(run, src)) is not None and not tokens & set(name_tokens(name))
    ]


def _lead_meeting(src: _Source, kept: list[MeetingItem]) -> Steps[list[MeetingItem]]:
    """Step 2c: the meeting the lead tells of, where the answer listed none or only others.
    The lead is the first body sentence of eight words or more that is not the headline;
    where it has a word of a meeting and names, within LEAD_REACH words of a verb telling of
    one as done, a person whom no listed entry names ("Emmanuel Macron a été reçu ce jeudi à
    Pékin par son homologue chinois Xi Jinping", answered with Macron's later meetings with Li
    Qiang and Zhao Leji), it is asked about in the `met` question. Its entries are checked as
    in `_met_by_sentence`: a place or a firm no gazetteer knows taken for a name ("Filoli
    Estate") costs one question, not a meeting."""
    text, language = src.article.text, src.grounding.language
    headline = (src.meta.headline or "").strip()
    lead = next(
        (
            Span(start=a, end=b)
            for x, y in body_spans(text, src.meta)
            for a, b in sentence_spans(text, x, y)
            if text[a:b].strip() != headline and len(text[a:b].split()) >= 8
        ),
        None,
    )
    if lead is None:
        return []
    sentence = text[lead.start : lead.end]
    if not (_MEETING_CUE.search(sentence) or _RECEIVED.search(sentence)):
        return []
    verbs = done_verbs(sentence, language)
    listed = [p.name for item in kept for p in item.participants]
    unlisted = [
        name
        for name, at in _others_named(sentence, listed, src)
        if any(_words_apart(sentence, at, verb) <= LEAD_REACH for verb in verbs)
    ]
    if not unlisted:
        return []
    src.notes.append(
        f"meetings: the lead names {', '.join(map(repr, unlisted))}, whom no entry names: "
        "asked about it"
    )
    return (yield from _met_at(src, lead.start, lead))


_SIDELINES_OF = re.compile(
    r"\b(?:sidelines|margins?|fringes?) of (?:the )?(?P<event>(?:\d{4} )?[A-Z][\w'\u2019-]*"
    r"(?: (?:of|and|for|on|the|de|du|des|[A-Z][\w'\u2019-]*))*)"
)


def _sidelines_of(sentence: str) -> str:
    """The event a sentence says they met on the sidelines of ("on the sidelines of the
    Singapore Convention Signing Ceremony and Conference on 7 August 2019"), its capitalised
    name; '' if none. For the `met` question, which asks no forum: `_checked_forum` checks
    it as it checks an answer."""
    m = _SIDELINES_OF.search(sentence)
    if m is None:
        return ""
    words = m.group("event").split()
    while words and words[-1][0].islower():  # "... Conference on" ends at the name
        words.pop()
    return " ".join(words)


def _grounded(items: list[MeetingItem], src: _Source) -> tuple[list[MeetingItem], list[str]]:
    """What the answer grounds, entry by entry (an entry naming one person completed first,
    `_with_other_side`): an entry whose people fail is dropped; any other failing field is
    blanked; each with a note. Also the people of the article named alone in a dropped entry."""
    kept: list[MeetingItem] = []
    alone: list[str] = []
    for n, item in enumerate(_with_other_side(items, src), 1):
        problems = meeting_problems(item, src.grounding)
        people = [p for p in item.participants if f"participant {p.name}" not in problems]
        if len(people) >= 2:
            problems.pop("participants", None)
        for problem in problems.values():
            src.notes.append(f"meetings: meeting {n}: {problem}: dropped")
        if any(key in problems for key in ESSENTIAL):
            alone += [p.name for p in people if p.name not in alone]
            continue
        kept.append(_blanked(item, people, problems, src, f"meetings: meeting {n}"))
    return kept, alone


def _blanked(
    item: MeetingItem,
    people: list[PersonAnswer],
    problems: dict[str, str],
    src: _Source,
    where: str,
) -> MeetingItem:
    """The item with `people` and every field that has a problem blanked. A country given
    with a city that is only the story's dateline ("New Delhi, October 27" over talks in
    Washington) is that city's country, and goes with it, unless the article names it as a
    place outside the dateline."""
    blanks = {key: "" for key in problems if not key.startswith("participant")}
    if "city" in problems and item.country and "country" not in problems:
        city = find_city((item.city or "").partition(",")[0].strip())
        filed = [find_city(src.body[a:b].partition(",")[0].strip()) for a, b in src.grounding.filed]
        language = src.grounding.language
        if (
            city is not None
            and city in filed  # "PÉKIN" is Beijing
            and find_country(item.country) == city.country
            and country_as_place(city.country.name, src.grounding.unfiled, language) is False
        ):
            src.notes.append(
                f"{where}: country {item.country!r} is the dateline's, not where they met: dropped"
            )
            blanks["country"] = ""
    return item.model_copy(update={"participants": people, **blanks})


MAX_MET_SENTENCES = 6


def _ask_sentence(
    src: _Source,
    answer: type[T],
    draft: type[T],
    question: str,
    first: int,
    span: Span,
) -> Steps[T]:
    """A question about the sentence at `span` (`plans`, `met`: the prompt of that name),
    shown from `first` (the sentence before it, who "he" or "the two" are) and checked
    against it; after the re-asks, the last answer as `draft` (its entries are checked by
    the caller), or an empty one with a note."""
    text = src.article.text
    messages = load_prompt(question).render(passage=body_between(text, src.meta, first, span.end))
    try:
        return (
            yield from src.ask(
                answer,
                messages,
                question=question,
                max_tokens=300,
                sentence=text[span.start : span.end],
            )
        )
    except ExtractionError as exc:
        fitted = _fitted(draft, exc.last_completion, src.notes, question)
        if fitted is None:
            src.notes.append(f"{question} at {span.start}: no usable answer ({exc.problem})")
            return draft.model_validate({"meetings": []})
        return fitted


def _met_by_sentence(src: _Source, alone: list[str]) -> Steps[list[MeetingItem]]:
    """Step 2b, where the `meetings` answer named people but no one they met (a round-up of
    a minister's bilateral meetings answered with the minister alone, over and over): the
    `met` question for each sentence that speaks of a meeting in a paragraph naming one of
    them (the first MAX_MET_SENTENCES), with the sentence before it (who "he" is). An entry
    whose people the article names (two at least) and the sentence names or refers to is a
    meeting item; `_status` still decides whether it was held."""
    text = src.article.text
    asked: list[tuple[int, Span]] = []
    for a, b in body_spans(text, src.meta):
        paragraph = text[a:b]
        if not any(named_in(n, paragraph, text_tokens(paragraph)) for n in alone):
            continue
        sentences = sentence_spans(text, a, b)
        for i, (start, end) in enumerate(sentences):
            if _MEETING_CUE.search(text[start:end]):
                asked.append((sentences[i - 1][0] if i else start, Span(start=start, end=end)))
    who = ", ".join(map(repr, alone))
    src.notes.append(
        f"meetings: the answer named {who} meeting no one it names: asked sentence by "
        f"sentence ({min(len(asked), MAX_MET_SENTENCES)} of {len(asked)} speaking of a meeting)"
    )
    items: list[MeetingItem] = []
    for first, span in asked[:MAX_MET_SENTENCES]:
        items += yield from _met_at(src, first, span)
    return items


def _met_at(src: _Source, first: int, span: Span) -> Steps[list[MeetingItem]]:
    """The `met` question about the sentence at `span`: each entry whose people the article
    names (two at least) and the sentence names or refers to, as a meeting item."""
    sentence = src.article.text[span.start : span.end]
    answer = yield from _ask_sentence(src, MetAnswer, MetDraft, "met", first, span)
    items: list[MeetingItem] = []
    for entry in answer.meetings:
        problems = met_problems(entry, src.grounding, sentence)
        if any(key in problems for key in (*ESSENTIAL, NOT_IN_SENTENCE)):
            src.notes.extend(f"met at {span.start}: {p}: dropped" for p in problems.values())
            continue
        item = met_item(entry).model_copy(update={"forum": _sidelines_of(sentence)})
        people = [p for p in item.participants if f"participant {p.name}" not in problems]
        for problem in problems.values():
            src.notes.append(f"met at {span.start}: {problem}: dropped")
        items.append(_blanked(item, people, problems, src, f"met at {span.start}"))
    return items


def _with_other_side(items: list[MeetingItem], src: _Source) -> list[MeetingItem]:
    """Each entry that names one person only, with the other side where the article says who
    met them: in a round-up the model may give each counterpart alone, the host left out
    ("Minister Shanmugam also met Ukraine Minister of Justice Pavlo Petrenko"). The other side
    is the only person of the other entries whom the first sentence that names the lone person
    with any of them and speaks of a meeting names, unless the answer gives both one
    country ("Scholz and Macron said they would back Kyiv" makes no meeting of them)."""
    everyone = [p for item in items for p in item.participants]
    text = src.article.text
    sentences = [
        (text[a:b], text_tokens(text[a:b]))
        for x, y in body_spans(text, src.meta)
        for a, b in sentence_spans(text, x, y)
    ]
    completed: list[MeetingItem] = []
    for item in items:
        if len(item.participants) != 1:
            completed.append(item)
            continue
        (alone,) = item.participants
        sides: dict[str, PersonAnswer] = {}
        for sentence, tokens in sentences:
            if not named_in(alone.name, sentence, tokens) or not _MEETING_CUE.search(sentence):
                continue
            for person in everyone:
                if not same_person(person.name, alone.name) and named_in(
                    person.name, sentence, tokens
                ):
                    sides.setdefault(name_key(person.name), person)
            if sides:  # the first sentence that names them with someone: where it is told
                break
        side = next(iter(sides.values())) if len(sides) == 1 else None
        if side is not None and not _one_country(side, alone):
            src.notes.append(
                f"meetings: {alone.name!r} alone, with {side.name!r}, whom the article names "
                "as meeting them"
            )
            item = item.model_copy(update={"participants": [side, alone]})
        completed.append(item)
    return completed


def _one_country(a: PersonAnswer, b: PersonAnswer) -> bool:
    """Whether the answer gives both people one country (the same side of a meeting)."""
    if not a.country or not b.country:
        return False
    return (find_country(a.country) or a.country) == (find_country(b.country) or b.country)


def _fitted(model: type[T], completion: object, notes: list[str], what: str) -> T | None:
    """The last answer read as `model` after the re-asks: a string over its length limit is
    blanked and a list over its limit cut, each with a note; None if it is no JSON object of
    that shape (a cut-off answer, another tool)."""
    if not isinstance(completion, str):
        return None
    try:
        data = json.loads(completion)
    except ValueError:
        return None
    for _ in range(100):  # each pass mends every error pydantic reports; a bound, not a loop
        try:
            return model.model_validate(data)
        except ValidationError as error:
            mended = False
            for problem in error.errors():
                *path, last = problem["loc"]
                parent: Any = data
                for key in path:
                    parent = parent[key]
                if problem["type"] == "string_too_long":
                    parent[last] = ""
                elif problem["type"] == "too_long":
                    parent[last] = parent[last][: problem["ctx"]["max_length"]]
                else:
                    return None
                notes.append(f"{what}: {'.'.join(map(str, problem['loc']))} too long: cut")
                mended = True
            if not mended:
                return None
    return None


def _with_english_forms(src: _Source, meetings: list[Meeting]) -> Steps[list[Meeting]]:
    """Step 4: an English form for every name the article may write otherwise than English
    news does (another script or language), so that reports in different languages meet in
    one record. A form the article gives, or one from the `meetings` answer that passes
    `names_problems`, is kept; the rest are asked in one `names` question. A name left
    without a form keeps none (with a note): it never fails the article."""
    people: dict[str, Participant] = {}
    for meeting in meetings:
        for p in meeting.participants:
            if p.english_name_by != "text" and needs_english_form(p.name, src.grounding.language):
                people.setdefault(p.name, p)
    if not people:
        return meetings
    listed = list(people)
    proposed = NamesDraft(
        names=[
            EnglishNameAnswer(name=n, english_name=p.english_name)
            for n, p in people.items()
            if p.english_name
        ]
    )
    problems = names_problems(proposed, listed)
    forms = {a.name: a.english_name for a in proposed.names if a.name not in problems}
    wanted = [n for n in listed if n not in forms]
    if wanted:
        forms |= yield from _ask_names(src, [people[n] for n in wanted])
    for name in listed:
        if name not in forms:
            src.notes.append(f"names: no English form of {name!r}")
    return [
        meeting.model_copy(
            update={
                "participants": [
                    _english_form(p, forms.get(p.name), src) if p.name in people else p
                    for p in meeting.participants
                ]
            }
        )
        for meeting in meetings
    ]


def _ask_names(src: _Source, people: list[Participant]) -> Steps[dict[str, str]]:
    """The `names` question for these people: name -> checked English form."""
    names = [p.name for p in people]
    lines = "\n".join(
        f"{p.name} ({'; '.join(x for x in (p.role, p.country) if x) or 'office not given'})"
        for p in people
    )
    messages = load_prompt("names").render(people=lines)
    try:
        answer: NamesDraft = yield from src.ask(
            NamesAnswer,
            messages,
            question="names",
            max_tokens=60 + 40 * len(people),
            names="\n".join(names),
        )
    except ExtractionError as exc:
        draft = _fitted(NamesDraft, exc.last_completion, src.notes, "names")
        if draft is None:
            src.notes.append(f"names: no usable answer ({exc})")
            return {}
        problems = names_problems(draft, names)
        for problem in problems.values():
            src.notes.append(f"names: {problem}: dropped")
        return {
            a.name.strip(): a.english_name.strip()
            for a in draft.names
            if a.name.strip() not in problems
        }
    return {a.name.strip(): a.english_name.strip() for a in answer.names}


def _english_form(person: Participant, english: str | None, src: _Source) -> Participant:
    """The participant with its English form (none where it only repeats the name), marked
    as the article's own words or the model's."""
    if english is None or same_person(english, person.name):
        return person.model_copy(update={"english_name": None, "english_name_by": None})
    by: Literal["text", "model"] = "text" if src.grounding.has_phrase(english) else "model"
    return person.model_copy(update={"english_name": english, "english_name_by": by})


def _passage_of(src: _Source, meetings: list[Meeting], i: int) -> str:
    """The text the `content` question reads for meeting `i`: the whole body when it is the
    only meeting and the body fits, else from the paragraph that reports it to the paragraph
    that reports the next held meeting, at most CONTENT_CHARS."""
    held = sorted(
        m.evidence.start for m in meetings if m.status == "held" and m.evidence is not None
    )
    evidence = meetings[i].evidence
    if (len(held) <= 1 and len(src.body) <= CONTENT_CHARS) or evidence is None:
        return src.body if len(src.body) <= CONTENT_CHARS else _lead(src.body)
    text = src.article.text
    start = text.rfind("\n", 0, evidence.start) + 1
    after = [s for s in held if s > evidence.start]
    end = text.rfind("\n", 0, after[0]) if after else len(text)
    if end <= start:
        end = len(text)
    passage = body_between(text, src.meta, start, end)
    return passage if len(passage) <= CONTENT_CHARS else _lead(passage, CONTENT_CHARS)


def _with_content(
    src: _Source, meeting: Meeting, quotes: list[QuoteCandidate], passage: str
) -> Steps[Meeting]:
    names = " and ".join(p.name for p in meeting.participants)
    messages = load_prompt("content").render(participants=names, article=passage)
    try:
        content: ContentDraft = yield from src.ask(
            ContentAnswer, messages, question="content", max_tokens=500
        )
    except ExtractionError as exc:
        content = _salvage_content(exc, src, names)
    outcomes = _outcomes(content, src)
    statements = yield from _statements(src, meeting, quotes)
    return meeting.model_copy(
        update={"topics": _dedupe(content.topics), "outcomes": outcomes, "statements": statements}
    )


def _meeting_from(item: MeetingItem, src: _Source, plan: Span | None = None) -> Meeting:
    """A checked meeting item as the brief keeps it: names, place, forum, date, how they met
    and whether it was held, each resolved by code, in that order of steps. An item read from
    a `plan` sentence (see `_plans`) is reported there, and announced."""
    participants = _participants(item, src)
    names = [p.name for p in participants]
    evidence = plan or _report_sentence(src, names)
    sentence = src.article.text[evidence.start : evidence.end] if evidence else ""
    date = _meeting_date(
        item.when or None, src, evidence, names, plan=plan is not None, held=item.status == "held"
    )
    recorded = plan is None and _recorded_here(src, names) and not _ahead_of(date, src)
    if recorded:
        date = _transcript_date(item, src, date)
    forum = _checked_forum(item, src, evidence, date)
    if item.forum and forum is None:
        item = item.model_copy(update={"forum": ""})  # a dropped forum lends no city
    location = _location(item, src)
    if recorded and location.city is None and (place := _recorded_at(src)):
        src.notes.append(f"meeting of {_names(item)}: held where its transcript was: {place}")
        location = _location(item.model_copy(update={"city": place, "venue": ""}), src)
    if forum and _named_for_elsewhere(forum, location.city):
        src.notes.append(
            f"meeting of {_names(item)}: forum {item.forum!r} is named for another place than "
            f"{location.city}, where they met: dropped"
        )
        forum = None
    mode = _mode(src, names, sentence, forum)
    if mode == "phone":
        location = Location()
        if forum and not forum_mentioned(forum, sentence):
            src.notes.append(
                f"meeting of {_names(item)}: forum {item.forum!r} is not named where the call "
                "is reported: dropped"
            )
            forum = None
    elif location.city is None and location.country:
        location = _unless_a_sides_country(item, src, participants, location)
    elif mode == "visit" and location == Location() and (host := _hosts_country(src, names)):
        src.notes.append(
            f"meeting of {_names(item)}: a visit, in the country of its host: {host.name}"
        )
        location = Location(country=host.name)
    status = "announced" if plan else "held" if recorded else _status(item, sentence, date, src)
    if status == "announced" and date.basis == "publication date":
        date = DateInfo()  # the week before publication is where an undated report falls
    elif status == "announced":  # the model's word for it: a day may be a held meeting's
        date = _ahead(date, src.meta.published, src.grounding.language, days=False)
    return Meeting(
        participants=participants,
        date=date,
        location=location,
        forum=forum,
        mode=mode,
        status=status,
        evidence=evidence,
    )


def _participants(item: MeetingItem, src: _Source) -> list[Participant]:
    """The item's people, once each: a country only where the article names it, an English
    form only where it differs from the name, marked as the article's or the model's."""
    participants: list[Participant] = []
    for person in item.participants:
        if any(same_person(person.name, p.name) for p in participants):
            continue
        country = None
        if person.country and country_mentioned(person.country, src.body, src.grounding.language):
            found = find_country(person.country)
            country = found.name if found else person.country
        english = person.english_name
        if english and same_person(english, person.name):
            english = None
        by: Literal["text", "model"] | None = None
        if english is not None:
            by = "text" if src.grounding.has_phrase(english) else "model"
        participants.append(
            Participant(
                name=person.name,
                role=person.role,
                country=country,
                english_name=english,
                english_name_by=by,
            )
        )
    return participants


def _ahead_of(date: DateInfo, src: _Source) -> bool:
    """Whether `date` is after the article's publication date."""
    published = src.meta.published
    return published is not None and date.start is not None and date.start > published


def _transcript_date(item: MeetingItem, src: _Source, date: DateInfo) -> DateInfo:
    """A meeting the article is the transcript of (`_recorded_here`) is on its day."""
    published = src.meta.published
    if published is None or date.iso == published.isoformat():
        return date
    src.notes.append(
        f"meeting of {_names(item)}: the article is the transcript of the meeting itself: "
        f"dated {published.isoformat()}, not {date.iso or 'unknown'}"
    )
    return on_day(published).stated(None, None, "publication date")


def _checked_forum(
    item: MeetingItem, src: _Source, evidence: Span | None, date: DateInfo
) -> str | None:
    """The item's forum, canonical where it is a known body, if it is a gathering the article
    tells they met at: one that names a body or event, named as a gathering where the meeting
    is told of, and not only with another date than the meeting's."""
    if not item.forum:
        return None
    forum = canonical_forum(item.forum) or item.forum
    near = (evidence.start, evidence.end) if evidence else None
    if unnamed_gathering(forum):
        problem = "names no body or event"
    elif not any(
        forum_held(forum, src.article.text, at, reach) for at, reach in _told_at(item, src, near)
    ):
        problem = "is named only as a body, not as a gathering they met at"
    elif _dated_apart(item.forum, date, src):
        problem = "is named only with another date than the meeting's"
    elif item.status == "held" and _prepared_only(item.forum, src):
        problem = "is named only for a meeting the sentence tells is being prepared"
    else:
        return forum
    src.notes.append(f"meeting of {_names(item)}: forum {item.forum!r} {problem}: dropped")
    return None


# "a call Saturday from visiting Deputy Secretary of State John Negroponte": the words before
# a name that make its bearer the guest of a visit (read up to the name, a few words apart);
# "visiting" as an adjective, after an article or a preposition, not the verb ("the first
# American president in years visiting Kishida at home").
_VISITING = re.compile(
    r"\b(?:the|a|an|from|with|by|for|of|to|and)\s+visiting\s+(?:[\w.'\u2019-]+\s+){0,6}$", re.I
)
_HEADS = ("president", "prime minister", "premier", "chancellor", "king", "leader")
# "the Peruvian president" is someone else's office, not the one a name holds ("as Pakistani
# president", "Chilean President Gabriel Boric").
_ANOTHERS_HEAD = re.compile(rf"\b(?:the|a|an)\s+\S+\s+(?:{'|'.join(_HEADS)})\b", re.I)


def _hosts_country(src: _Source, names: list[str]) -> Country | None:
    """Where a visit of two people was, when no answer places it: the host's country. The
    guest is the one of them the article calls visiting ("a call Saturday from visiting
    Deputy Secretary of State John Negroponte"); the host, the other, is placed by the one
    country whose demonym the article writes before a head's office in a sentence naming
    them ("... when he begins another five-year term as Pakistani president"; not "the
    Peruvian president", someone else)."""
    if len(names) != 2 or src.grounding.language not in (None, "en"):
        return None
    text = src.article.text
    sentences = src.sentences

    def naming(name: str) -> list[tuple[int, int]]:
        tokens = {fold_token(w) for w in name.split()[-1:]}  # the family name, as news repeats it
        return [(a, b) for a, b in sentences if tokens & text_tokens(text[a:b])]

    def visiting(name: str) -> bool:
        family = re.compile(rf"\b{re.escape(name.split()[-1])}\b")
        return any(
            _VISITING.search(text[max(a, m.start() - 80) : m.start()]) is not None
            for a, b in naming(name)
            for m in family.finditer(text, a, b)
        )

    guests = [name for name in names if visiting(name)]
    if len(guests) != 1:
        return None
    host = next(name for name in names if name not in guests)
    found = {
        country
        for a, b in naming(host)
        for head in _HEADS
        for country in demonym_before(head, _ANOTHERS_HEAD.sub(" ", text[a:b]))
    }
    return found.pop() if len(found) == 1 else None


def _unless_a_sides_country(
    item: MeetingItem, src: _Source, participants: list[Participant], location: Location
) -> Location:
    """A place given as a country alone that is one side's (the model's "Russia" for talks
    with a Russian minister), dropped unless the article names it as a place."""
    sides = {find_country(p.country) for p in participants if p.country} - {None}
    here = find_country(location.country or "")
    told = here and country_as_place(here.name, src.body, src.grounding.language)
    if here in sides and len(sides) > 1 and told is False:
        src.notes.append(
            f"meeting of {_names(item)}: country {location.country!r} is a participant's, "
            "and the article never names it as where they met: dropped"
        )
        return location.model_copy(update={"country": None})
    return location


def _told_at(
    item: MeetingItem, src: _Source, near: tuple[int, int] | None
) -> list[tuple[tuple[int, int] | None, int | None]]:
    """Where the article tells of the meeting, for its forum to be named as a gathering
    there, each with how far from it (None: `gazetteer.REACH`): near the sentence that reports
    it or another that names them all, or inside a sentence that names the city the answer
    gives ("The meeting took place at the air base in Busan - soon after Xi arrived for the
    Apec summit")."""
    places: list[tuple[tuple[int, int] | None, int | None]] = [(near, None)]
    names = [p.name for p in item.participants]
    places += [
        ((span.start, span.end), None)
        for span, every in _naming_sentences(src, names)
        if every and (span.start, span.end) != near
    ]
    city = (item.city or "").partition(",")[0].strip()
    if near is None or not city:
        return places
    return places + [(span, 0) for span in _sentences_naming(src, city)]


def _sentence_at(src: _Source, pos: int) -> tuple[int, int] | None:
    """The sentence of its paragraph that holds the article's offset `pos` (a hard-wrapped
    article's paragraphs end at blank lines only)."""
    text = src.article.text
    mark = "\n\n" if src.wrapped else "\n"
    line = text.rfind(mark, 0, pos) + 1
    stop = text.find(mark, pos)
    stop = len(text) if stop < 0 else stop
    return next(((a, b) for a, b in sentence_spans(text, line, stop) if a <= pos < b), None)


def _sentences_naming(src: _Source, phrase: str) -> list[tuple[int, int]]:
    """The body's sentences that name `phrase` as whole words ("Lima", not "climate")."""
    text = src.article.text
    starts = [
        a
        for a, b in find_all_normalized(phrase, src.index)
        if not (a > 0 and text[a - 1].isalnum()) and not (b < len(text) and text[b].isalnum())
    ]
    if not starts:
        return []
    return [
        (x, y)
        for a, b in body_spans(text, src.meta)
        for x, y in sentence_spans(text, a, b)
        if any(x <= start < y for start in starts)
    ]


def _recorded_here(src: _Source, names: list[str]) -> bool:
    """Whether the article is the transcript of this meeting itself: two of its participants
    speak turns of it ("PRESIDENT BIDEN:", "PRESIDENT XI:"), so it was held where and when
    the transcript was made, and every other date the speakers name is another event's."""
    speaking = sum(any(_names_one_of(turn, [name]) for turn in src.turns) for name in names)
    return speaking >= 2


def _recorded_at(src: _Source) -> str | None:
    """Where a transcript was made: its dateline ("Mulia Hotel / Bali, Indonesia"), else the
    place its title ends with ("Remarks ... Before Bilateral Meeting | Lima, Peru")."""
    places = [src.body[a:b] for a, b in src.grounding.filed]
    title = src.meta.headline or ""
    ending = re.split(r"\s[|\u2013\u2014-]\s", title)
    if len(ending) > 1:
        places.append(ending[-1].strip())
    for place in places:
        city = find_city(place.partition(",")[0].strip())
        if city is not None and city.population >= DATELINE_CITY:  # as `dateline_spans`
            return place
    return None


def _dated_apart(forum: str, date: DateInfo, src: _Source) -> bool:
    """Whether every sentence naming the forum dates it apart from the meeting: "The last
    time we met was in 2017, during the World Economic Forum in Davos", "one year ago, we
    met in the Woodside Summit": another gathering of the same body, or of the same people."""
    if date.start is None or (date.basis == "publication date" and date.precision != "day"):
        return False  # undated: the week before publication is no date to set apart from
    text, language = src.article.text, src.grounding.language
    published = src.meta.published

    def apart(_start: int, a: int, b: int) -> bool:
        values = [
            resolve(m, published, language=language)
            for m in find_dates(text, a, b, language=language)
        ]
        known = [v for v in values if v.start is not None]
        years = years_named(text, a, b, published, language=language)
        assert date.start is not None and date.end is not None
        return bool(known or years) and not (
            any(v.compatible(date) for v in known)
            or any(date.start.year <= y <= date.end.year for y in years)
        )

    return _every_mention(forum, src, apart)


def _every_mention(forum: str, src: _Source, holds: Callable[[int, int, int], bool]) -> bool:
    """Whether the article names the forum (as a known body's mentions, else as written) and
    `holds(start, a, b)` for each mention at `start`, in its sentence text[a:b]."""
    spans = forum_mentions(forum, src.article.text)
    if spans is None:
        spans = find_all_normalized(forum, src.index)
    if not spans:
        return False
    for start, _end in spans:
        sentence = _sentence_at(src, start)
        if sentence is None or not holds(start, *sentence):
            return False
    return True


def _prepared_only(forum: str, src: _Source) -> bool:
    """Whether every mention of the forum follows, in its sentence, words preparing another
    meeting (`tense.before_plan`) that go on to a date after publication: "met ... to set the
    stage for a bilateral, most likely on the sidelines of the APEC summit next month". An
    agreement reached at the meeting ("agreed to resume military talks at their meeting on
    the sidelines of the APEC summit on Wednesday") dates nothing to come."""
    text, language = src.article.text, src.grounding.language

    def prepared(start: int, a: int, b: int) -> bool:  # a date prepared after the cue
        return prepares_another(text[a:start], language) and any(
            _prepared_date(
                src,
                Span(start=m.start, end=m.end),
                resolve(m, src.meta.published, language=language),
            )
            for m in find_dates(text, a, b, language=language)
        )

    return _every_mention(forum, src, prepared)


_PLACE_GATHERING = re.compile(
    r"^(?:the\s+)?(?P<place>.+?)\s+(?:summit|talks|meeting|conference|dialogue)$", re.I
)


def _unless_commentary(
    src: _Source, meetings: list[Meeting]
) -> tuple[list[Meeting], list[BackgroundEvent]]:
    """The meetings, and no background; in commentary (the writer gives their own view in
    the first person: `quotes.writers_view`) the held meetings it discusses are background,
    not meetings it reports, and the meetings to come stay."""
    view = writers_view(src.article.text, src.meta, src.grounding.language)
    if view is None:
        return meetings, []
    text = src.article.text
    discussed = [
        BackgroundEvent(
            text=text[m.evidence.start : m.evidence.end],
            span=m.evidence,
            date=m.date,
            relation="unknown",
        )
        for m in meetings
        if m.status == "held" and m.evidence is not None
    ]
    if any(m.status == "held" for m in meetings):
        src.notes.append(
            f"the writer gives their own view ({view[:90]!r}): commentary, not a report; the "
            "meetings it discusses are background"
        )
    return [m for m in meetings if m.status != "held"], discussed


MAX_PLAN_SENTENCES = 3
MAX_LATER_PLAN_SENTENCES = 2


def _plans(src: _Source, meetings: list[Meeting]) -> Steps[list[Meeting]]:
    """Step 3: the meetings the article says are still to come, asked sentence by sentence
    (the `meetings` answer lists few of them), in the `plans` question: the first
    MAX_PLAN_SENTENCES sentences of a plan (`_plan_sentences`), then, in a round of their
    own, at most MAX_LATER_PLAN_SENTENCES later ones that name a person whom no meeting
    listed or planned names (a press briefing's sixth plan sentence, "a potential trip by
    Secretary of State Antony Blinken this year to Beijing"). A held meeting of the same
    people does not stop a plan (they met today and will meet again tomorrow). An entry
    whose people the article names is an announced meeting (`_sentence_plans`), unless an
    announced one of the same people is listed already."""
    found = _plan_sentences(src, meetings)
    plans: list[Meeting] = []
    for first, span in found[:MAX_PLAN_SENTENCES]:
        plans += yield from _sentence_plans(src, first, span, meetings, plans)
    later = _naming_others(src, found[MAX_PLAN_SENTENCES:], [*meetings, *plans])
    for first, span in later[:MAX_LATER_PLAN_SENTENCES]:
        plans += yield from _sentence_plans(src, first, span, meetings, plans)
    return plans


def _plan_sentences(src: _Source, meetings: list[Meeting]) -> list[tuple[int, Span]]:
    """The body sentences that may tell of a meeting to come, each with where the passage
    shown for it starts: a sentence that speaks only of a meeting to come
    (`tense.tells_of_plan`), or of the future with a famous venue as where someone is or goes
    and nothing done ("he expected Ukrainian President Volodymyr Zelensky at the White House
    within two weeks"; `gazetteer.venue_as_place`), and reports no announced meeting listed.
    The passage starts with the sentence before where it refers back to people or a meeting
    (who "the two" are: `questions.refers_back`; the model answered "It precedes expected
    visits by Yellen and Blinken" with the Biden and Xi of the sentence before)."""
    text, language = src.article.text, src.grounding.language
    # A sentence that reports an announced meeting listed already is not asked about again; one
    # that a held meeting was found in ("Putin and Modi, who met informally on Monday, will
    # hold official talks on Tuesday") still may announce another.
    reported = {m.evidence for m in meetings if m.evidence is not None and m.status == "announced"}
    found: list[tuple[int, Span]] = []
    for a, b in body_spans(text, src.meta):
        sentences = sentence_spans(text, a, b)
        for i, (start, end) in enumerate(sentences):
            span = Span(start=start, end=end)
            headline = text[start:end].strip() == (src.meta.headline or "").strip()
            sentence = text[start:end]
            expected_at = (
                language in (None, "en")
                and future_only(sentence, language)
                and venue_as_place(sentence)
            )
            if span not in reported and (
                tells_of_plan(sentence, language, headline=headline) or expected_at
            ):
                before = i and refers_back(sentence, language)
                found.append((sentences[i - 1][0] if before else start, span))
    return found


def _naming_others(
    src: _Source, found: list[tuple[int, Span]], listed: list[Meeting]
) -> list[tuple[int, Span]]:
    """Of the sentences `found`, those that name a person the article names in full
    (`_people_named_in_full`) whom no meeting `listed` names, by a word of their name that is
    neither an office's nor an acronym ("CMC Vice Chairman Zhang Zouxia" by Zhang or Zouxia)."""
    names = [p.name for m in listed for p in m.participants]
    others = [
        {fold_token(w) for w in person.split() if not (w.isupper() or is_title(w))}
        for person in src.people
        if not any(same_person(person, name) for name in names)
    ]
    text = src.article.text
    return [
        (first, span)
        for first, span in found
        if any(tokens & text_tokens(text[span.start : span.end]) for tokens in others)
    ]


def _sentence_plans(
    src: _Source, first: int, span: Span, meetings: list[Meeting], plans: list[Meeting]
) -> Steps[list[Meeting]]:
    """The plans the `plans` answer about one sentence gives (the passage from `first`),
    each checked: its people as the sentence tells them (`_answered_people`), named by the
    article (an office given is its holder's: `_person_meant`), none a plan of `meetings` or
    `plans` already, nor the held meeting the sentence reports (`_the_held_meeting_again`);
    where none is kept, the leaders the sentence means (`_leaders_plan`)."""
    text = src.article.text
    sentence = text[span.start : span.end]
    where = f"plans at {span.start}"
    answer = yield from _ask_sentence(src, PlansAnswer, PlansDraft, "plans", first, span)
    found: list[Meeting] = []
    for planned in answer.meetings:
        item = plan_item(planned)
        people, problems = _answered_people(
            item, plan_problems(planned, src.grounding, sentence), src, span
        )
        if NOT_IN_SENTENCE in problems:
            src.notes.append(f"{where}: {problems[NOT_IN_SENTENCE]}: dropped")
            continue
        for problem in problems.values():
            src.notes.append(f"{where}: {problem}: dropped")
        for person in item.participants:
            holder = _person_meant(src, person.name) if person not in people else None
            if holder is not None and not any(same_person(holder, p.name) for p in people):
                src.notes.append(f"{where}: {person.name!r} is {holder}, whom the article names so")
                people.append(person.model_copy(update={"name": holder}))
        for person in [p for p in people if not _plainly_named(p.name, src)]:
            src.notes.append(f"{where}: {person.name!r} is no name the article writes: dropped")
            people.remove(person)
        if not people:
            continue
        item = _blanked(item, people, problems, src, where)
        for group in _plan_people(people, src, span, where):
            one = item.model_copy(update={"participants": group})
            meeting = _meeting_from(one, src, plan=span)
            if _announced_already(meeting, [*meetings, *plans, *found]):
                continue  # "Putin to visit China", "Putin will meet Xi in Beijing": one plan
            if _the_held_meeting_again(meeting, meetings, span, src):
                continue
            found.append(meeting)
    if not found:
        found += _leaders_plan(src, span, [*meetings, *plans])
    return found


def _answered_people(
    item: MeetingItem, problems: dict[str, str], src: _Source, span: Span
) -> tuple[list[PersonAnswer], dict[str, str]]:
    """The people of a plan answer the article supports, and the answer's problems, as the
    plan's own sentence tells them: where its words preparing a meeting name others than the
    answer (`_prepared_people`) or it names a traveller by their trip and the answer no one it
    names (`_traveller`), those are the people, and a "when" said outside the words of that
    meeting is dropped; a "when" copied from the sentence shown before it is dropped; who told
    of the plan in a tag at its end (`questions.attributed_to`) is not one to meet."""
    text, language = src.article.text, src.grounding.language
    sentence = text[span.start : span.end]
    where = f"plans at {span.start}"
    answered = [p.name for p in item.participants]
    people = [p for p in item.participants if f"participant {p.name}" not in problems]
    prepared = _prepared_people(sentence, answered, src)
    traveller = _traveller(sentence, answered, src) if not prepared else None
    instead = prepared or ([traveller] if traveller is not None else [])
    if instead:
        told = (
            "meeting the sentence tells of as prepared" if prepared else "trip the sentence names"
        )
        src.notes.append(
            f"{where}: the {told} is of {' and '.join(instead)}, not of {' and '.join(answered)}"
        )
        people = [PersonAnswer(name=name, role=None, country=None) for name in instead]
        problems = {
            key: why
            for key, why in problems.items()
            if not key.startswith("participant") and key != NOT_IN_SENTENCE
        }
        ahead = sentence[len(before_plan(sentence, language)) :] if prepared else sentence
        if item.when and norm(item.when) not in norm(ahead):
            problems["when"] = f"when {item.when!r} is not said of the prepared meeting"
    if item.when and "when" not in problems and norm(item.when) not in norm(sentence):
        problems["when"] = f"when {item.when!r} is said in another sentence than the plan's"
    source = attributed_to(sentence, language)
    for person in [p for p in people if source and same_person(p.name, source)]:
        src.notes.append(f"{where}: {person.name!r} is who told of it, not one to meet: dropped")
        people.remove(person)
    return people, problems


_Person = TypeVar("_Person", PersonAnswer, Participant)


def _plan_people(
    people: list[_Person], src: _Source, span: Span, where: str
) -> list[list[_Person]]:
    """A plan's people as its own sentence tells them, as one plan or several. Where the
    sentence names some of them and refers to no one else who takes part
    (`questions.unnamed_party`), the ones it does not name are not in the plan: "The two
    leaders agreed that Blinken will visit China" is Blinken's; an analyst quoted in the
    sentence before is no one's. Where it names two travellers or more of trips in the
    plural (`questions.trips_taken_by`), each makes a plan of their own, with the others
    (a host) in each."""
    sentence = src.article.text[span.start : span.end]
    language = src.grounding.language

    def named_in_part(person: _Person, part: str) -> bool:  # "a Biden-Xi call" names Xi
        return _names_one_of(part, [person.name]) or named_in(person.name, part, text_tokens(part))

    named = [p for p in people if named_in_part(p, sentence)]
    if named and len(named) < len(people) and not unnamed_party(sentence, language):
        for person in people:
            if person not in named:
                src.notes.append(
                    f"{where}: {person.name!r} is not named in the plan's sentence, which "
                    "refers to no one else: dropped"
                )
        people = named
    pair = coordinated_meetings(sentence, language)
    if pair is not None:
        met = [[p for p in people if named_in_part(p, sentence[a:b])] for a, b in pair]
        if all(met) and not set(map(id, met[0])) & set(map(id, met[1])):
            subjects = [p for p in people if p not in met[0] and p not in met[1]]
            if subjects:
                src.notes.append(
                    f"{where}: two meetings told by two verbs: with "
                    f"{' and '.join(p.name for p in met[0])}, and with "
                    f"{' and '.join(p.name for p in met[1])}"
                )
                return [subjects + met[0], subjects + met[1]]
    region = trips_taken_by(sentence, language)
    if region is None:
        return [people]
    travellers = [p for p in people if named_in_part(p, sentence[region[0] : region[1]])]
    if len(travellers) < 2:
        return [people]
    others: list[_Person] = [p for p in people if p not in travellers]
    src.notes.append(
        f"{where}: trips in the plural: one plan for each of "
        f"{' and '.join(p.name for p in travellers)}"
    )
    return [[*others, person] for person in travellers]  # type: ignore[list-item]


def _prepared_people(sentence: str, answered: list[str], src: _Source) -> list[str]:
    """The people of the meeting a sentence's words prepare (`tense.before_plan`: "... to lay
    the groundwork for the first face-to-face talks between Biden and Chinese President Xi
    Jinping", "to set the stage for a Joe Biden-Xi Jinping bilateral"), where the answer for
    it has none of them: each person the article names in full whom those words name, up to
    a clause of its own (", who succeeded ...", ";"), by any of their names ("Biden"). Empty
    where the sentence prepares no meeting, those words name fewer than two people, or the
    answer has one of them."""
    done = before_plan(sentence, src.grounding.language)
    prepared = re.split(r";|,\s+(?:who|whom|whose|which)\b", sentence[len(done) :])[0]
    if not prepared:
        return []
    found = [
        name
        for name in src.people
        if _names_one_of(prepared, [name])
        and not any(same_person(name, other) for other in answered)
    ]
    if len(found) < 2 or any(_names_one_of(prepared, [name]) for name in answered):
        return []
    return found


def _traveller(sentence: str, answered: list[str], src: _Source) -> str | None:
    """The traveller a plan's sentence names by their trip (`questions.trip_of`: "welcomed
    further discussions during Senior Advisor to the President for International Climate
    Policy John Podesta's upcoming travel to China"), where the answer for it names no one the
    sentence names: their name, title words before its given name left (`from_given_name`)."""
    at = trip_of(sentence, src.grounding.language)
    if at is None or _names_one_of(sentence, answered):
        return None
    language = src.grounding.language
    opening = len(sentence) - len(sentence.lstrip())
    runs = [
        _opening_word_aside(run, a - opening, src)
        for run, (a, b) in _runs_without_dates(sentence, language)
        if a < at <= b
    ]
    word = re.search(r"[A-ZÀ-ÖØ-Þ][\w-]*$", sentence[:at])  # "Blinken's planned visit"
    run = runs[0] if runs else word.group(0) if word is not None else None
    name = _person_named(re.sub(r"['\u2019]s$", "", run), src) if run is not None else None
    return from_given_name(name) if name is not None else None


def _opening_word_aside(run: str, start: int, src: _Source) -> str:
    """A run of capitalised words without its first where the run opens its sentence
    (`start` 0) and the article never writes that word capitalised inside a sentence
    ("Since Xi", "During Ng")."""
    first, _, rest = run.partition(" ")
    return rest if start == 0 and rest and first not in src.capitalised_within else run


def _people_named_in_full(src: _Source) -> list[str]:
    """The people the article's body names in full (`_person_named` of its runs of
    capitalised words), one form each, the longest, in the order of first mention: those it
    names once at least with an office before the name ("Chinese President Xi Jinping") or
    by a known given name ("Joe Biden"; `names.has_given_name`), not a run that is neither
    ("South China Sea", "Middle East"). A run of two full names joined by a hyphen ("a Joe
    Biden-Xi Jinping bilateral") is two."""
    people: list[str] = []
    persons: set[int] = set()  # of `people`, those named once at least as a person is
    text, language = src.article.text, src.grounding.language
    runs = [
        _opening_word_aside(run, start, src)
        for a, b in src.sentences
        for run, (start, _) in _runs_without_dates(text[a:b].strip(), language)
    ]
    for whole in runs:
        parts = re.split(r"-(?=[A-ZÀ-ÖØ-Þ])", re.sub(r"['\u2019]s$", "", whole))
        for run in parts if all(" " in part.strip() for part in parts) else [whole]:
            run = re.sub(r"['\u2019]s$", "", run)
            name = _person_named(run, src)
            if name is None:
                continue
            same = next((i for i, known in enumerate(people) if same_person(name, known)), None)
            if same is None:
                same = len(people)
                people.append(name)
            elif len(name) > len(people[same]):
                people[same] = name
            titles = run.split()[: len(run.split()) - len(name.split())]
            if has_given_name(name) or any(is_title(w) for w in titles):
                persons.add(same)
    return [name for i, name in enumerate(people) if i in persons]


def _the_held_meeting_again(
    plan: Meeting, meetings: list[Meeting], span: Span, src: _Source
) -> bool:
    """Whether a plan's answer gives the people of the held meeting its very sentence
    reports, where the sentence's words after those preparing another meeting name others:
    "Blinken met Wang Yi ... to set the stage for a Joe Biden-Xi Jinping bilateral" was
    answered as a plan of Blinken and Wang Yi. A visit the same people plan in another
    sentence ("He said Xi invited him to China", after their call) is theirs. Noted when so."""
    if not any(
        m.status == "held" and _people_within(plan, m) and _people_within(m, plan) for m in meetings
    ):
        return False
    sentence = src.article.text[span.start : span.end]
    language = src.grounding.language
    done = before_plan(sentence, language)  # the words before those preparing another
    names = [p.name for p in plan.participants]
    if not (told_as_done(done, language) and all(_names_one_of(done, [n]) for n in names)):
        return False
    others = [name for name, _ in _others_named(sentence[len(done) :], names, src)]
    if not others:
        return False
    src.notes.append(
        f"plans at {span.start}: {' and '.join(p.name for p in plan.participants)} met in this "
        f"sentence; what it prepares is of {', '.join(map(repr, others))}: dropped"
    )
    return True


def _announced_as_told(src: _Source, meetings: list[Meeting]) -> list[Meeting]:
    """Each announced meeting of the `meetings` answer with its people as the sentence that
    tells of it has them (`_plan_people`), as one plan or several: its report sentence, else
    the first that names one of them and speaks of a meeting to come ("The two leaders
    welcomed ... upcoming visits by Secretary Yellen and Secretary Blinken" is no plan of
    Biden's; "Modi will address the Indian community" tells of no meeting). Held meetings
    are as they were."""
    text, language = src.article.text, src.grounding.language
    told: list[Meeting] = []
    for meeting in meetings:
        span = meeting.evidence
        if meeting.status == "announced" and span is None:
            names = [p.name for p in meeting.participants]
            span = next(
                (
                    Span(start=a, end=b)
                    for x, y in body_spans(text, src.meta)
                    for a, b in sentence_spans(text, x, y)
                    if _names_one_of(text[a:b], names)
                    and speaks_of_future(text[a:b], language)
                    and speaks_of_meeting(text[a:b], language)
                ),
                None,
            )
        if meeting.status != "announced" or span is None:
            told.append(meeting)
            continue
        where = f"meeting of {' and '.join(p.name for p in meeting.participants)}"
        for group in _plan_people(meeting.participants, src, span, where):
            one = meeting.model_copy(update={"participants": group})
            if group == meeting.participants or not _announced_already(one, told):
                told.append(one)
    return told


def _leaders_plan(src: _Source, span: Span, listed: list[Meeting]) -> list[Meeting]:
    """Where no answer about a plan's sentence was kept and the sentence means the leaders
    ("a telephone call between the two leaders in the coming months", "a leader-level call"):
    their announced meeting, with the two heads of state or government the article names
    (`names.leaders_meant`, English), unless one of them is listed already."""
    if src.grounding.language not in (None, "en"):
        return []
    leaders = leaders_meant(src.article.text[span.start : span.end], src.body)
    if leaders is None:
        return []
    item = plan_item(PlannedMeeting(participants=leaders, when="", city=""))
    meeting = _meeting_from(item, src, plan=span)
    if _announced_already(meeting, listed):
        return []
    src.notes.append(f"plans at {span.start}: the leaders meant are {' and '.join(leaders)}")
    return [meeting]


def _announced_already(meeting: Meeting, listed: list[Meeting]) -> bool:
    """Whether an announced meeting of `listed` has the people of `meeting`, or they all
    take part in `meeting`."""
    return any(
        _people_within(meeting, m) or _people_within(m, meeting)
        for m in listed
        if m.status == "announced"
    )


MAX_NAME_WORDS = 5
_OFFICE_LINKS = {"of", "for", "the", "and"}  # "Secretary of State", "Minister for Law"


def _plainly_named(name: str, src: _Source) -> bool:
    """Whether the article writes `name` as a name: at most MAX_NAME_WORDS words, each
    capitalised but for particles ("bin", "van", "de"; in a script with case), not initials
    alone, and written whole or by its family name exactly, not a respelling. A plan's people
    are checked so (one traveller makes a plan: a word such as "all", an office, a body, a
    capital standing for its government, or a name one letter off another, would make one of
    nothing). An office before the name is read past ("Secretary of State Blinken")."""
    words = name.split()
    while len(words) > 1 and (
        words[0].lower() in _OFFICE_LINKS or office_words_only(words[0], lambda w: False)
    ):
        words = words[1:]
    name = " ".join(words)
    cased = [w for w in words if any(ch.isupper() or ch.islower() for ch in w)]
    if len(words) > MAX_NAME_WORDS or any(
        not w[0].isupper() and w.lower() not in NAME_PARTICLES for w in cased
    ):
        return False  # "Both sides", "potential peace talks", "INDOPACOM commander"
    if cased and not any(len(w.strip(".")) > 1 for w in cased):
        return False  # initials only: "U. S."
    if office_words_only(name, lambda w: _ACRONYM.fullmatch(w) is not None or _a_place(w)):
        return False  # a body or an office: "PLA", "CMC Vice Chairman"
    if _a_place(name):
        return False  # "Beijing", "Kyiv": a capital standing for its government
    last = words[-1].strip(".,;:'\u2019") if words else ""
    if cased and not _written_mid_sentence(last, src.body):
        return False  # a capitalised word only at the start of sentences: "Media", "Leaders"
    if src.grounding.has_phrase(name):
        return True
    tokens = name_tokens(name)
    return bool(tokens) and tokens[-1] in src.grounding.tokens


_ACRONYM = re.compile(r"[A-Z]{2,5}")


def _a_place(name: str) -> bool:
    """Whether `name` is a country or a city of KNOWN_CITY people or more, by its own name."""
    city = find_city(name)
    known = city is not None and city.population >= KNOWN_CITY and norm(city.name) == norm(name)
    return known or find_country(name) is not None


def _written_mid_sentence(word: str, body: str) -> bool:
    """Whether `word` stands, as written, somewhere after the first word of a sentence (a
    name is capitalised there too; a common noun only at a sentence's start)."""
    for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", body):
        before = body[: found.start()].rstrip(" \t\"'\u201c\u00ab(")
        if before and before[-1] not in ".!?\n:\u2014\u2013-":
            return True
    return False


def _people_within(a: Meeting, b: Meeting) -> bool:
    """Whether every person of `a` is someone of `b`."""
    return all(any(same_person(x.name, y.name) for y in b.participants) for x in a.participants)


def _named_for_elsewhere(forum: str, city: str | None) -> bool:
    """Whether a forum no list knows is a gathering named for a place ("the Woodside
    Summit") other than the city they met in: the event the meeting follows up, not the one
    it was held at."""
    # Each run of blanks made one first (a line break if it holds one: the place reads no line
    # break): `find_city` reads a name whatever its spacing, and a long run of blanks in a
    # forum answer was split every way, cubic in its length.
    single = re.sub(r"\s+", lambda m: "\n" if "\n" in m[0] else " ", forum.strip())
    found = _PLACE_GATHERING.match(single)
    if not city or canonical_forum(forum) or found is None:
        return False
    place, here = find_city(found["place"]), find_city(city)
    return place is not None and here is not None and place != here


def _visit_if_hosted(meeting: Meeting) -> Meeting:
    """Where nothing says how they met (no word, no forum, after repeats are folded), a
    meeting in the country of some of them and not of the others is a visit: "Jaishankar met
    Lavrov in Moscow"."""
    if meeting.mode != "other" or meeting.forum:
        return meeting
    where = find_country(meeting.location.country) if meeting.location.country else None
    countries = [find_country(p.country) if p.country else None for p in meeting.participants]
    if where is None or None in countries:
        return meeting
    if where in countries and any(c != where for c in countries):
        return meeting.model_copy(update={"mode": "visit"})
    return meeting


def _report_sentence(src: _Source, names: list[str]) -> Span | None:
    """The first sentence of the body that names every participant (at least two), read by
    code: where the meeting is reported, and what its mode and status are read from."""
    spans = _naming_sentences(src, names)
    every = [span for span, all_named in spans if all_named]
    return every[0] if every else (spans[0][0] if spans else None)


def _naming_sentences(src: _Source, names: list[str]) -> list[tuple[Span, bool]]:
    """The body's sentences that name at least two of the participants (all of them, if
    fewer), in order, each with whether it names them all."""
    key = tuple(names)
    if key in src.naming:
        return src.naming[key]
    text = src.article.text
    need = min(len(names), 2)
    found: list[tuple[Span, bool]] = src.naming.setdefault(key, [])
    if not names:
        return found
    for a, b in body_spans(text, src.meta):
        for start, end in sentence_spans(text, a, b):
            sentence = text[start:end]
            tokens = text_tokens(sentence)
            named = sum(named_in(name, sentence, tokens) for name in names)
            if named >= need:
                found.append((Span(start=start, end=end), named >= len(names)))
    return found


def _mode(src: _Source, names: list[str], sentence: str, forum: str | None) -> Mode:
    """How they met: from a word of the report sentence, or where it has none ("Biden spoke
    today with Xi", a terse "Macron and Putin hold first call"), of the headline where it
    names them ("Readout of Biden's Call with Xi") and then of the next sentences that name
    them (up to 3); a forum they met at makes it "sidelines" only where no word says."""
    headline = src.meta.headline or ""
    named = sum(named_in(name, headline, text_tokens(headline)) for name in names)
    text = src.article.text
    candidates = [sentence]
    if names and named >= min(len(names), 2):
        candidates.append(headline)
    candidates += [text[s.start : s.end] for s, _ in _naming_sentences(src, names)[:3]]
    for candidate in candidates:
        found = infer_mode(candidate, None)
        if found != "other":
            return found
    return infer_mode(sentence, forum)


def _location(item: MeetingItem, src: _Source) -> Location:
    """City, country and venue: a venue given as the city is moved to the venue (and its
    city, where it is a famous one, taken), a city given as the venue to the city; a US
    state given as the country is the United States; the city's country from GeoNames (for a
    small city, when the article names that country or US state) when the answer gives none,
    or gives a participant's country instead (New York, "Mexico"); "the Saudi capital" when
    the article names no city otherwise."""
    venue = item.venue or None
    if venue and not is_venue(venue):  # a city given as the venue (checked as a city)
        item = item.model_copy(update={"city": item.city or venue, "venue": ""})
        venue = None
    city_part, _, rest = (item.city or "").partition(",")
    city = city_part.strip() or None
    if city is not None and is_venue(city):
        venue, city = venue or city, venue_city(city)
    if city is None and venue is not None:
        city = venue_city(venue)
    given = item.country or rest.strip()
    country = (find_country(given) or country_of_region(given)) if given else None
    if city is None and item.forum and forum_held(item.forum, src.body):
        held = forum_city(item.forum, src.body)  # "the G20 Summit in Rio de Janeiro"
        city = held.name if held else None
    if city is None and not item.country:
        capitals = capital_phrase_city(src.body)
        city = capitals[0] if len(capitals) == 1 else None
    if city is not None:
        found = find_city(item.city if rest.strip() else city, src.body, src.grounding.language)
        placed = found is not None and (
            found.population >= KNOWN_CITY
            or bool(rest.strip())
            or city_placed(found, src.body, src.grounding.language)
        )
        if found is not None and placed:
            if not _respelling(found.name, city):
                city = found.name  # another language's name: Pékin, Moscou, Рияд
            sides = {find_country(p.country) for p in item.participants if p.country}
            # "Gyeongju, North Korea": the city's own country wins where a sentence naming
            # the city names it too ("South Korea's eastern city of Gyeongju") and the
            # answer's country has no city of that name; "Bali, Indonesia" written so stays
            # (GeoNames' larger Bāli is in India).
            if country is not None and country != found.country:
                text = src.article.text
                named = not phrase_in(f"{city}, {country.name}", src.body) and any(
                    country_mentioned(found.country.name, text[a:b], src.grounding.language)
                    for a, b in _sentences_naming(src, city)
                )
                there = find_city(f"{found.name}, {country.name}") if named else None
                if named and (there is None or there.country != country):
                    src.notes.append(
                        f"meeting of {_names(item)}: no {city} is in {country.name}: "
                        f"{found.country.name}"
                    )
                    country = None
                elif country in sides:
                    src.notes.append(
                        f"meeting of {_names(item)}: country {item.country!r} is a "
                        f"participant's, not {city}'s: {found.country.name}"
                    )
                    country = None
            country = country or found.country
    return Location(
        city=city,
        country=country.name if country else item.country or None,
        venue=venue,
    )


KNOWN_CITY = 100_000
"""Population from which an unqualified city name is taken to be its GeoNames namesake."""


def _respelling(found: str, answer: str) -> bool:
    """Whether GeoNames' name only extends or respells the answer ('New York City' for
    'New York'), so the article's form is kept."""
    a, b = norm(found), norm(answer)
    return a.startswith(b) or b.startswith(a) or a[:3] == b[:3]


# How they met, read from the sentence that reports the meeting (not from the whole lead).
_PHONE = re.compile(
    any_han_script(
        r"\b(?:phone|phoned|telephone\w*|video\s?(?:call|link|conference)\w*|virtual|"
        r"videoconference|call\s+(?:with|between)|"
        r"called\s+(?:him|her|his|each other)|t[ée]l[ée]phon\w*|visioconf[ée]rence|"
        r"telef[oó]nic\w*|videollamada|telefon\w*|videokonferenz|liga[cç][aã]o|"
        r"телефон\w*|видеосвяз\w*)\b|通话|通电话|视频|電話|통화|화상",
    ),
    re.I,
)
# "a call" alone is a call unless it is an appeal: one heeded, rejected or renewed ("refused to
# heed such a call from visiting Deputy Secretary Negroponte"), or a call for something or to
# do something ("a call for restraint", "a call to lift the emergency"; "a call to Xi" is one).
_BARE_CALL = re.compile(
    r"\b(?i:a|the|their|in a)\s+(?i:call)\b"
    r"(?!\s+(?i:for)\b|\s+(?i:to)\s+(?!(?:the|his|her|their|its|an?)\b)[a-z])"
)
_APPEAL_BEFORE = re.compile(
    r"\b(?:heed\w*|answer\w*|echo\w*|issu\w*|renew\w*|reject\w*|rebuff\w*|refus\w*|"
    r"respond\w*\s+to|repeat\w*|join\w*|ignor\w*|defi\w*|resist\w*)"
    r"(?:\s+(?:such|this|that|his|her|their|its|the|U\.S\.|\w+'s))?\s+$",
    re.I,
)
_SIDELINES = re.compile(
    any_han_script(
        r"\b(?:sidelines|margins?|fringes?|en marge|al margen|am rande|[àa] margem|на полях)\b"
        r"|期间|際に|계기",
    ),
    re.I,
)
_VISIT = re.compile(
    any_han_script(
        r"\b(?:visit\w*|trip|arrived|hosted|received|welcomed|visite|accueilli\w*|re[çc]u|visita\w*|"
        r"recibi[oó]|besuch\w*|empf\w*|recebeu|визит\w*|принял\w*|прибыл\w*)\b|访问|访华|訪問|방문",
    ),
    re.I,
)


def infer_mode(sentence: str, forum: str | None) -> Mode:
    """How they met, read by code from the sentence that reports it: a call, talks at a
    multilateral event, a visit."""
    if _tells_of_call(sentence):
        return "phone"
    if forum or _SIDELINES.search(sentence):
        return "sidelines"
    if _VISIT.search(sentence):
        return "visit"
    return "other"


def _tells_of_call(text: str) -> bool:
    """Whether `text` tells of a phone or video call: in so many words (`_PHONE`), or as "a
    call" (`_BARE_CALL`) in the sense of a conversation, not of an appeal someone heeds or
    rejects (`_APPEAL_BEFORE`)."""
    return bool(_PHONE.search(text)) or any(
        not _APPEAL_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        for m in _BARE_CALL.finditer(text)
    )


def _status(item: MeetingItem, sentence: str, date: DateInfo, src: _Source) -> Status:
    """Held or announced: the model's answer, unless the sentence that reports the meeting
    speaks only of the future or its date lies after the publication date."""
    if item.status == "announced" and not _told_as_done_only(item, src):
        return "announced"
    if item.status == "announced":
        src.notes.append(f"meeting of {_names(item)}: told as done where they are named: held")
    published = src.meta.published
    if published is not None and date.start is not None and date.start > published:
        src.notes.append(f"meeting of {_names(item)}: dated after publication: announced")
        return "announced"
    headline = sentence.strip() == (src.meta.headline or "").strip()
    ahead = future_only(sentence, src.grounding.language, headline=headline)
    if ahead and not _told_as_past(item, src):
        src.notes.append(f"meeting of {_names(item)}: reported as still to come: announced")
        return "announced"
    return "held"


def _told_as_past(item: MeetingItem, src: _Source) -> bool:
    """Whether a sentence naming every participant tells of the meeting in the past ("Trump
    called Zelenskyy after speaking with Putin"), where the first one that names them speaks
    of another, future meeting ("... planned to meet with Putin ... without Zelenskyy")."""
    text = src.article.text
    return any(
        all_named and told_as_done(text[span.start : span.end], src.grounding.language)
        for span, all_named in _naming_sentences(src, [p.name for p in item.participants])
    )


def _told_as_done_only(item: MeetingItem, src: _Source) -> bool:
    """Whether the sentences naming every participant tell of the meeting as done and never
    as still to come: one has a meeting verb in the past and no future word, and none speaks
    of the future only. The model called "Blinken met Wang Yi" announced when the sentence
    went on to a summit "next month"."""
    text, language = src.article.text, src.grounding.language
    sentences = [
        text[span.start : span.end]
        for span, all_named in _naming_sentences(src, [p.name for p in item.participants])
        if all_named
    ]
    done = any(told_as_done(s, language) and not speaks_of_future(s, language) for s in sentences)
    return done and not any(future_only(s, language) for s in sentences)


def _names(item: MeetingItem) -> str:
    return " and ".join(p.name for p in item.participants)


def _distinct(meetings: list[Meeting], src: _Source) -> list[Meeting]:
    """One entry per meeting: an item repeating an earlier one (the same people, status and
    a date that can name the same day; or the same day, once held and once announced) is
    folded into it."""
    kept: list[Meeting] = []
    for meeting in meetings:
        twin = next((n for n, k in enumerate(kept) if _same_meeting(k, meeting)), None)
        if twin is None:
            kept.append(meeting)
            continue
        src.notes.append("meetings: an entry repeating another was folded into it")
        kept[twin] = _fold(kept[twin], meeting)
    return kept


# The time of another event, set by a meeting: "The denial comes a week after Rubio and
# Lavrov held discussions", "weeks after Biden met Xi". Before the first participant's name.
_TIME_OF_OTHER = re.compile(
    r"\b(?:comes?|came|follows?|followed|days?|weeks?|months?|shortly|just)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:after|since)\b[^,;:]{0,60}$",
    re.I,
)


def _one_side_away(meeting: Meeting, src: _Source) -> bool:
    """Whether a held meeting names people of one country only, met somewhere else or at no
    place the article gives (after `_sides_joined` found no other side to join): a delegation
    or a leader with an aide ("Sullivan and President Biden" in Lima), not the meeting the
    article reports. Noted when so. A meeting in the people's own country is kept: there, one
    country given for all may be the place copied to each (and officials of one country do
    meet at home)."""
    side = _one_side(meeting)
    if meeting.status != "held" or side is None or len(meeting.participants) < 2:
        return False
    place = meeting.location.country
    if place is not None and norm(place) == norm(side):
        return False
    names = " and ".join(p.name for p in meeting.participants)
    where = f"in {place}" if place else "at no place the article gives"
    src.notes.append(
        f"meeting of {names}: all of {side}, {where}, and no other side named: "
        "not a meeting between sides, dropped"
    )
    return True


_ONE_MORE = re.compile(
    r"\b(?:also|in addition|additionally|tambi[eé]n|adem[aá]s|aussi|[eé]galement|auch|"
    r"au[sß]erdem|также|тоже)\b",
    re.I,
)
"""Words by which a sentence tells of one more meeting of the same occasion ("Minister
Shanmugam also met ...")."""


def _same_occasion(meetings: list[Meeting], src: _Source) -> list[Meeting]:
    """A held meeting told of as one more (`_ONE_MORE`: "Minister Shanmugam also met
    Ukraine's Minister of Justice") that gives no place, forum or day of its own took place
    where and when the held meeting reported before it of one of the same people at a forum
    did (a round-up of one gathering): those it lacks are taken from that one, with a note.
    Without a gathering ("Meloni also called Rutte") nothing says it was the same day."""
    text = src.article.text
    reported = sorted(
        (m for m in meetings if m.status == "held" and m.evidence is not None),
        key=lambda m: m.evidence.start if m.evidence else 0,
    )
    out: list[Meeting] = []
    for meeting in meetings:
        ev = meeting.evidence
        if meeting.status != "held" or ev is None or not _ONE_MORE.search(text[ev.start : ev.end]):
            out.append(meeting)
            continue
        earlier = [
            m
            for m in reported
            if m.evidence is not None
            and m.evidence.start < ev.start
            and m.forum is not None
            and any(
                same_person(a.name, b.name) for a in m.participants for b in meeting.participants
            )
        ]
        out.append(_taken_from(meeting, earlier[-1], src) if earlier else meeting)
    return out


def _taken_from(meeting: Meeting, before: Meeting, src: _Source) -> Meeting:
    update: dict[str, Any] = {}
    if meeting.location == Location() and before.location != Location():
        update["location"] = before.location
    if meeting.forum is None and before.forum is not None:
        update["forum"] = before.forum
        if meeting.mode == "other":
            update["mode"] = before.mode
    own_day = meeting.date.start is not None and meeting.date.basis != "publication date"
    if not own_day and before.date.start is not None and before.date.basis != "publication date":
        update["date"] = before.date
    if not update:
        return meeting
    names = " and ".join(p.name for p in meeting.participants)
    src.notes.append(
        f"meeting of {names}: told of as one more meeting: {', '.join(update)} taken from the "
        f"meeting of {' and '.join(p.name for p in before.participants)} before it"
    )
    return meeting.model_copy(update=update)


def _call_if_placeless(meeting: Meeting, src: _Source) -> Meeting:
    """A held meeting that no word tells how they met (mode "other") and that has no place
    is the call the article tells of, where it tells of one ("disclosing a call between the
    two leaders", "The phone call came shortly after ...": names are not repeated there)."""
    placeless = meeting.location == Location() and meeting.forum is None
    if meeting.status != "held" or meeting.mode != "other" or not placeless:
        return meeting
    if not _tells_of_call(src.body):
        return meeting
    src.notes.append(
        f"meeting of {' and '.join(p.name for p in meeting.participants)}: no word says how "
        "they met, it has no place, and the article tells of a call: phone"
    )
    return meeting.model_copy(update={"mode": "phone"})


def _in_passing(meeting: Meeting, src: _Source) -> bool:
    """Whether a held meeting is named only as the time of the article's own news (its
    report sentence dates another event by it): background, not a meeting the article
    reports. Noted when so."""
    if meeting.status != "held" or meeting.evidence is None:
        return False
    sentence = src.article.text[meeting.evidence.start : meeting.evidence.end]
    tokens = [t for p in meeting.participants for t in name_tokens(p.name) if len(t) >= 3]
    starts = [m.start() for t in tokens if (m := re.search(re.escape(t), sentence, re.I))]
    if not starts or not _TIME_OF_OTHER.search(sentence[: min(starts)]):
        return False
    names = " and ".join(p.name for p in meeting.participants)
    src.notes.append(
        f"meeting of {names}: named only as the time of another event: background, dropped"
    )
    return True


def _sides_joined(meetings: list[Meeting], src: _Source) -> list[Meeting]:
    """Talks between delegations listed as one entry per delegation ("The US delegation
    included A, B and C. Russia was represented by D, E and F."): two entries that each name
    people of one country only, of different countries, with no one in common, the same
    status, dates that can name the same day and no other city, are one meeting of both
    sides. Its report sentence, date and mode are read again for all its people."""
    kept: list[Meeting] = []
    for meeting in meetings:
        side = _one_side(meeting)
        partner = next(
            (
                n
                for n, k in enumerate(kept)
                if side is not None
                and _one_side(k) not in (None, side)
                and k.status == meeting.status
                and k.date.compatible(meeting.date)
                and _same_city(k.location, meeting.location)
            ),
            None,
        )
        if partner is None:
            kept.append(meeting)
            continue
        src.notes.append("meetings: two entries naming one side each were joined into one")
        kept[partner] = _both_sides(kept[partner], meeting, src)
    return kept


def _one_side(meeting: Meeting) -> str | None:
    """The one country every participant represents, if the text gives each one's country."""
    countries = {p.country for p in meeting.participants}
    return countries.pop() if len(countries) == 1 and None not in countries else None


def _same_city(a: Location, b: Location) -> bool:
    return not (a.city and b.city) or norm(a.city) == norm(b.city)


def _both_sides(first: Meeting, second: Meeting, src: _Source) -> Meeting:
    joined = _fold(first, second)
    people = [*first.participants, *second.participants]
    evidence = _report_sentence(src, [p.name for p in people])
    sentence = src.article.text[evidence.start : evidence.end] if evidence else ""
    date = joined.date
    names = [p.name for p in people]
    if date.phrase is None:  # neither entry said when: the joint report sentence may
        date = _meeting_date(None, src, evidence, names)
    mode = _mode(src, names, sentence, joined.forum) if evidence else joined.mode
    return joined.model_copy(
        update={
            "participants": people,
            "evidence": evidence,
            "date": date,
            "mode": mode,
            "location": Location() if mode == "phone" else joined.location,
        }
    )


def _fold(first: Meeting, repeat: Meeting) -> Meeting:
    """`first` with what only `repeat` gives: a place, a forum, a date, a venue (every value
    of either was checked against the article)."""
    where, other = first.location, repeat.location
    location = Location(
        city=where.city or other.city,
        country=where.country or other.country,
        venue=where.venue or other.venue,
    )
    date = first.date if first.date.phrase or not repeat.date.phrase else repeat.date
    mode = first.mode if first.mode != "other" else repeat.mode
    if mode == "phone":
        location = Location()
    return first.model_copy(
        update={
            "location": location,
            "forum": first.forum or repeat.forum,
            "date": date,
            "mode": mode,
            "status": "held" if "held" in (first.status, repeat.status) else first.status,
        }
    )


def _same_meeting(a: Meeting, b: Meeting) -> bool:
    names_a = [p.name for p in a.participants]
    names_b = [p.name for p in b.participants]
    same_people = all(any(same_person(x, y) for y in names_b) for x in names_a) and all(
        any(same_person(y, x) for x in names_a) for y in names_b
    )
    # One day told twice, once as held and once as announced, is one meeting: it was held.
    one_day = a.date.precision == "day" and a.date.iso == b.date.iso
    return same_people and (a.status == b.status or one_day) and a.date.compatible(b.date)


def _quotes_by_meeting(
    src: _Source, held: list[Meeting], side: Span | None
) -> list[list[QuoteCandidate]]:
    """Each quote given to the held meeting whose report comes last before it (the first
    meeting for quotes before any report); quotes after the report of an encounter that is
    no meeting of the brief are left out."""
    by_meeting: list[list[QuoteCandidate]] = [[] for _ in held]
    if not held:
        return by_meeting
    starts = [m.evidence.start if m.evidence else 0 for m in held]
    for quote in find_quotes(src.article.text, src.meta):
        if side is not None and quote.start >= side.start:
            src.notes.append(
                f"quote at {quote.start}: left out, it follows the report of another encounter"
            )
            continue
        before = [n for n, start in enumerate(starts) if start <= quote.start]
        by_meeting[max(before, key=lambda n: starts[n]) if before else 0].append(quote)
    return by_meeting


def _side(src: _Source, held: list[Meeting]) -> Span | None:
    """The report of an encounter with someone else after every held meeting's own report."""
    if not held:
        return None
    side = other_encounter(src.article.text, src.meta, held[-1])
    last = max((m.evidence.start for m in held if m.evidence), default=0)
    return side if side is not None and side.start > last else None


def _meeting_date(
    when: str | None,
    src: _Source,
    evidence: Span | None,
    people: list[str],
    *,
    plan: bool = False,
    held: bool = True,
) -> DateInfo:
    """The meeting's date: from the model's `when` (checked words of the article, not another
    event's date, nor a plan's for a meeting told as `held`, and a date where the article
    writes it; a date on a line of its own, the story's stamp, only if the report gives
    none); where it gave none (or none that passed),
    from the sentences `_date_sentences` lists, in order: the report sentence, the earlier
    sentences of its paragraph that name one of `people` ("Trump said Wednesday he had a call
    with Putin. ... Trump called Zelenskyy after speaking with Putin"), then each other
    sentence naming them all with its paragraph's; else the weekday alone where no publication
    date fixes it, else the week before publication. A meeting still to come (`plan`) is dated
    from its own sentence only (from the words preparing it on, where the words before them
    tell of a meeting done: "met Barcena on Tuesday to set the stage for a summit next
    month"), a weekday read forward ("will meet on Thursday"), else unknown."""
    published = src.meta.published
    language = src.grounding.language
    if when and src.locate(when) is None:  # a date the article names in its own words
        own = same_date_in(when, src.body, published, language=language)
        when = own.phrase if own is not None else when
    located = src.locate(when) if when else None
    text = src.article.text
    done = held and not plan
    if when and located is not None and _another_events_date(src, located, people, held=done):
        src.notes.append(f"meeting date: {when!r} is the date of another event: dropped")
        when = None
    if when and located and not find_dates(text, located.start, located.end, language=language):
        src.notes.append(f"meeting date: {when!r} names no date where the article writes it")
        when = None
    stamp = None
    if when and located is not None and _stamp_line(src, located):
        stamp, when = when, None  # the report's own date first, if it gives one

    def stated(phrase: str) -> DateInfo:
        mentions = find_dates(phrase, language=language)
        value = parse_date_phrase(phrase, published, language=language) if mentions else UNKNOWN
        whole = None  # "July.8" with no publication date, written "July 8, 2024" elsewhere
        if value.start is None and [m.kind for m in mentions] == ["month_day"]:
            whole = _written_whole_elsewhere(src, mentions[0])
        value = whole if whole is not None else value
        relative = (
            whole is None and bool(mentions) and not any(m.kind in STATED_KINDS for m in mentions)
        )
        basis = "relative to publication date" if relative else "stated"
        if value.start is None:
            basis = "none"
        value = value.stated(phrase, src.locate(phrase), basis)
        return _ahead(value, published, language) if plan else value

    if when:
        return stated(when)
    weekday_only: DateInfo | None = None  # "on Tuesday" where no publication date fixes it
    if plan and evidence is not None:  # from the words preparing it on, after a meeting done
        told = text[evidence.start : evidence.end]
        done_part = before_plan(told, language)
        cut = len(done_part) if prepares_another(told, language) else 0
        sentences = [
            (evidence.start + (cut if told_as_done(done_part, language) else 0), evidence.end)
        ]
    elif plan:
        sentences = []
    else:
        sentences = _date_sentences(src, evidence, people)
    for n, (a, b) in enumerate(sentences):
        for mention in find_dates(src.article.text, a, b, language=language):
            found = Span(start=mention.start, end=mention.end)
            if _another_events_date(src, found, people, held=done):
                continue
            value = resolve(mention, published, language=language)
            if done and _prepared_date(src, found, value):
                continue
            if value.start is None and mention.kind == "month_day":
                value = _written_whole_elsewhere(src, mention) or value
            if value.start is None and value.weekday and weekday_only is None:
                span = Span(start=mention.start, end=mention.end)
                weekday_only = value.stated(mention.phrase, span, "none")
            if value.start is not None:
                basis = "stated" if mention.kind in STATED_KINDS else "relative to publication date"
                span = Span(start=mention.start, end=mention.end)
                if stamp is not None:
                    src.notes.append(
                        f"meeting date: {stamp!r} is a date line of its own, not the report's: "
                        f"{mention.phrase!r} read where they are named"
                    )
                elif n > 0:
                    src.notes.append(
                        f"meeting date: {mention.phrase!r} read from another sentence naming them"
                    )
                value = value.stated(mention.phrase, span, basis)
                return _ahead(value, published, language) if plan else value
    if stamp is not None:
        return stated(stamp)
    if weekday_only is not None:
        return weekday_only
    if plan:
        return DateInfo()
    if published is not None:
        return recent_window(published).stated(None, None, "publication date")
    src.notes.append("meeting date: the article does not say when, and has no publication date")
    return DateInfo()


def _written_whole_elsewhere(src: _Source, mention: DateMention) -> DateInfo | None:
    """A day and month with no year to read them by (no publication date), that the article
    writes elsewhere with its year ("late on July.8" and a caption's "July 8, 2024"): that
    date. None unless exactly one year is so written for that day."""
    language = src.grounding.language
    anchor = resolve(mention, date(2000, 6, 30), language=language).start
    if anchor is None:
        return None
    whole = {
        value.start: value
        for m in find_dates(src.article.text, language=language)
        if m.kind in STATED_KINDS
        and (value := resolve(m, None, language=language)).precision == "day"
        and value.start is not None
        and (value.start.month, value.start.day) == (anchor.month, anchor.day)
    }
    if len(whole) != 1:
        return None
    (value,) = whole.values()
    src.notes.append(
        f"meeting date: {mention.phrase!r} has no year; the article writes it whole as {value.iso}"
    )
    return value


_BACKWARD = re.compile(
    r"\b(?:last|past|previous|earlier|ago|this|pasad[oa]s?|[uú]ltim[oa]s?|dernier|dernière|"
    r"passée?|letzte[nrms]?|vergangene[nrms]?|прошл\w*)\b",
    re.I,
)
"""Words that fix a date in the past or the present ("last Thursday", "in April this year")."""
_FORWARD_KINDS = frozenset({"in_month", "month_possessive", "month_day"})
"""Kinds of date phrase that name a month (and day) with no year and no word fixing when
("in April", "April's", "on April 10"): what a plan may mean next year."""


def _ahead(
    value: DateInfo, published: date | None, language: str | None, *, days: bool = True
) -> DateInfo:
    """The date of a meeting still to come, told without its year, read forward where it
    would lie wholly before publication: "will visit Beijing in April" in November is next
    April; if `days`, "will meet on Thursday" in a Monday's paper is the coming Thursday, not
    the last one, and "on April 10" next April's. A date whose year is written, or told by a
    word that fixes it ("last month", "in April this year", "last Thursday"), stays."""
    if published is None or value.start is None or value.end is None or value.end >= published:
        return value
    if value.basis == "stated" or not value.phrase or _BACKWARD.search(value.phrase):
        return value
    kinds = {m.kind for m in find_dates(value.phrase, language=language)}
    forward = _FORWARD_KINDS if days else _FORWARD_KINDS - {"month_day"}
    if kinds and kinds <= forward:
        start, end = _next_year(value.start), _next_year(value.end)
        if start and value.precision == "month":  # a month's last day, 29 February included
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    elif days and kinds == {"weekday"} and value.precision == "day":
        start, end = shifted(value.start, 7), shifted(value.end, 7)
    else:
        return value
    if start is None or end is None:
        return value  # forward would pass the calendar's last day: the date as read stays
    return DateInfo.model_validate({**value.model_dump(), "start": start, "end": end})


def _next_year(day: date) -> date | None:
    """The same day a year on (28 February for a 29th); None in the calendar's last year."""
    if day.year == date.max.year:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


_IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{4}")
_TIME_OF_DAY = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s*m\.?)?", re.I)
STAMP_WORDS = 8
"""At most this many words besides its dates and times make a line a date stamp."""


def _stamp_line(src: _Source, span: Span) -> bool:
    """Whether the date at `span` stands on a line of its own, a stamp of when the story was
    posted or updated ("Updated 5:36 a.m. ET, November 14, 2022"), not in a sentence: the
    line ends in no full stop and has at most STAMP_WORDS words besides dates and times."""
    text, language = src.article.text, src.grounding.language
    breaks = "\n\n" if src.wrapped else "\n"  # a wrapped line is no line of its own
    start = text.rfind(breaks, 0, span.start) + 1
    end = text.find(breaks, span.end)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if line.endswith((".", "!", "?", "\u3002", "\uff01", "\uff1f", '"', "\u201d", ")", "\uff09")):
        return False
    if _IDEOGRAPHS.search(line):
        return False  # CJK text has no spaces to count words by: no stamp read there
    for mention in reversed(find_dates(text, start, end, language=language)):
        line = line[: mention.start - start] + " " + line[mention.end - start :]
    words = re.findall(r"[^\W\d_]+", _TIME_OF_DAY.sub(" ", line))
    return len(words) <= STAMP_WORDS


_FULL_STOP = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])[.!?]\s")


def _another_events_date(src: _Source, span: Span, people: list[str], *, held: bool) -> bool:
    """Whether the date at `span` is another event's: its sentence puts a relation word
    before it ("after", "following": tense.after_relation) and names none of `people`
    between that word and the date; or, for a meeting told as `held`, the words just before
    it tell of a plan ("agreed to visit Beijing in April ... following a phone call": April
    is the visit's, not the call's)."""
    text = src.article.text
    line = text.rfind("\n\n" if src.wrapped else "\n", 0, span.start) + 1
    start = max(
        (a for a, _ in sentence_spans(text, line, span.start) if a < span.start), default=line
    )
    before = text[start : span.start]
    # "The last meeting between Mr. Sullivan and ...": the sentence splitter ends a sentence at
    # "Mr.", so the earlier encounter is looked for in the paragraph, up to a real full stop.
    since = after_earlier_encounter(text[line : span.start], src.grounding.language)
    ended = since is not None and _FULL_STOP.search(since) is not None
    if since is not None and not ended and not find_dates(since, language=src.grounding.language):
        return True  # the first date after "the last meeting between them"
    if held and plan_before(before, src.grounding.language):
        return True
    rest = after_relation(before, src.grounding.language)
    return rest is not None and not _names_one_of(rest, people)


def _prepared_date(src: _Source, span: Span, value: DateInfo) -> bool:
    """Whether the date at `span` (its `value`), after the publication date, follows words of
    its sentence that prepare another meeting (`tense.prepares_another`): a meeting told as
    held is not dated by the meeting it sets the stage for."""
    if not _ahead_of(value, src):
        return False
    sentence = _sentence_at(src, span.start)
    start = sentence[0] if sentence is not None else span.start
    before = src.article.text[start : span.start]
    return prepares_another(before, src.grounding.language)


def _date_sentences(
    src: _Source, evidence: Span | None, people: list[str]
) -> list[tuple[int, int]]:
    """Where a meeting's date is looked for when the answer gave none: its report sentence
    and then each other sentence that names all its people, each followed by the earlier
    sentences of its paragraph that name one of them, nearest first. An earlier sentence
    that reports a meeting of its own, not of all these people, dates that meeting ("In
    April 2022, Biden and Modi held virtual talks." before a sentence on Modi and Putin),
    unless the sentence after it ties to another event ("Trump called Zelenskyy after
    speaking with Putin")."""
    if evidence is None:
        return []
    text = src.article.text
    language = src.grounding.language
    wrapped = src.wrapped
    others = [span for span, every in _naming_sentences(src, people) if every and span != evidence]
    found: list[tuple[int, int]] = []
    for anchor in (evidence, *others):
        start = text.rfind("\n\n" if wrapped else "\n", 0, anchor.start) + 1
        tied = relates_to_another(text[anchor.start : anchor.end], language)
        earlier = [
            (a, b)
            for a, b in sentence_spans(text, start, anchor.start)
            if b <= anchor.start
            and _names_one_of(text[a:b], people)
            and (tied or not _reports_another_meeting(text[a:b], people, language))
        ]
        found += [(anchor.start, anchor.end), *reversed(earlier)]
    return found


def _reports_another_meeting(sentence: str, people: list[str], language: str | None) -> bool:
    """Whether `sentence` tells of a meeting held that does not name all of `people`."""
    return (
        _MEETING_CUE.search(sentence) is not None
        and told_as_done(sentence, language)
        and not all(_names_one_of(sentence, [person]) for person in people)
    )


def _names_one_of(sentence: str, people: list[str]) -> bool:
    tokens = text_tokens(sentence)
    return any(t in tokens for name in people for t in name_tokens(name) if len(t) >= 2)


def _salvage_content(exc: ExtractionError, src: _Source, names: str) -> ContentDraft:
    """After every re-ask failed: the topics and agreements of the last answer that pass their
    checks; the others are dropped with a note (they never fail the article)."""
    draft = _fitted(ContentDraft, exc.last_completion, src.notes, f"content of {names}")
    if draft is None:
        src.notes.append(f"content of the meeting of {names}: {exc.problem}: dropped")
        return ContentDraft(topics=[], agreements=[])
    problems = content_problems(draft, src.grounding)
    src.notes.extend(f"content of the meeting of {names}: {p}: dropped" for p in problems if p)
    n = len(draft.topics)
    return ContentDraft(
        topics=[t for t, p in zip(draft.topics, problems[:n], strict=True) if p is None],
        agreements=[a for a, p in zip(draft.agreements, problems[n:], strict=True) if p is None],
    )


def _outcomes(content: ContentDraft, src: _Source) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for agreement in content.agreements:
        span = src.locate(agreement.evidence)
        if span is None:
            src.notes.append(f"outcome {agreement.what!r}: evidence found only in boilerplate")
            continue
        outcomes.append(Outcome(text=agreement.what, evidence=agreement.evidence, span=span))
    return outcomes


def _statements(
    src: _Source, meeting: Meeting, quotes: list[QuoteCandidate]
) -> Steps[list[Statement]]:
    statements: list[Statement] = []
    for quote in quotes:
        speaker = adjacent_speaker(src.article.text, quote) or lead_speaker(src.article.text, quote)
        attributed_by: Literal["text", "model"] = "text"
        if speaker is None:
            speaker, attributed_by = (yield from _ask_speaker(src, quote)), "model"
        if speaker is None:
            continue
        if _a_place(speaker) and (teller := _teller(src, quote, meeting)) is not None:
            src.notes.append(
                f"quote at {quote.start}: {speaker!r} is a place; {teller!r} is said to say it"
            )
            speaker, attributed_by = teller, "text"
        elif attributed_by == "model" and (meant := _person_meant(src, speaker)):
            src.notes.append(f"quote at {quote.start}: {speaker!r} is {meant!r}")
            speaker = meant
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


_TELLS = re.compile(
    r"\s+(?:told|said|says|tells|warned|stressed|insisted|added|noted|declared)\b", re.I
)


def _person_meant(src: _Source, speaker: str) -> str | None:
    """The person a speaker answer given as an office stands for ("the spokesman" of a quote
    is the "ministry spokesman Anurag Srivastava" the article names before): the one person
    the article names right after those words. None for a name, a place or a body, or an
    office the article gives no one person. An office with a country ("the US President")
    is never taken for a participant of that country: two people may hold such words."""
    language = src.grounding.language

    def a_name(name: str) -> bool:  # "Vladimir" is a city too; "Russia Today" is no name
        return not any(
            office_words_only(w, lambda x: find_country(x) is not None)
            or find_dates(w, language=language)
            for w in name.split()
        )

    words = [w for w in speaker.split() if w.lower() not in {"the", "a", "an"}]
    offices = [w for w in words if office_words_only(w, lambda _: False) and not _a_place(w)]
    if not offices or not office_words_only(speaker, _a_place):
        return None  # a name, a place ("the US"), or more than an office
    return office_holder(src.body, speaker, a_name)


def _teller(src: _Source, quote: QuoteCandidate, meeting: Meeting) -> str | None:
    """The participant whom the quote's sentence, before the quote, names as telling it ("Mr
    Wang told Mr Blinken that Beijing had "no room to compromise""), if exactly one."""
    text = src.article.text
    sentence = _sentence_at(src, quote.start)
    before = text[sentence[0] : quote.start] if sentence else ""
    tellers = [
        p.name
        for p in meeting.participants
        if any(
            re.search(rf"(?<!\w){re.escape(word)}{_TELLS.pattern}", before, re.I)
            for word in _name_words(p.name)
        )
    ]
    return tellers[0] if len(tellers) == 1 else None


def _name_words(name: str) -> list[str]:
    """The ways a name may stand before a verb: as written without titles ("Wang Yi"), and
    each of its words of three letters or more ("Wang")."""
    kept = set(name_tokens(name))
    words = [w for w in name.split() if fold_token(w) in kept]
    whole = [" ".join(words)] if len(words) > 1 else []
    return whole + [w for w in words if len(w) >= 3 or (len(words) == 1 and len(w) >= 2)]


def _ask_speaker(src: _Source, quote: QuoteCandidate) -> Steps[str | None]:
    a, b = quote.window(src.article.text)
    passage = body_between(src.article.text, src.meta, a, b)  # never a set-aside line
    try:
        answer = yield from src.ask(
            SpeakerAnswer,
            load_prompt("speaker").render(passage=passage, quote=quote.text),
            question="speaker",
            max_tokens=60,
            grounding=Grounding(passage, src.meta.published, src.grounding.language),
            quote=quote.text,
            outlet=src.meta.outlet or "",
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
