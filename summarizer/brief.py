"""Article -> brief: code reads what it can, the model answers narrow questions, code checks them.

The steps never call the model: `brief_steps` is a generator that yields each question (a
`questions.Question`) and is sent its answer, and its driver decides how questions are
answered: `build_brief` one after another on an `LLM`; a batch engine could gather the next
question of many articles into one round. Everything else here is deterministic. A brief is
built in explicit steps over one per-article state (`ArticleState`):
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
     (`plans.py`)
  4. `names` question, for an article not in English or a name in another script: the
     English form of each name it writes otherwise, checked against the name's Latin reading
  5. `content` question per held meeting over its own passage: topics and agreements
  6. quotes (code), each given to the meeting whose report precedes it; the speaker from the
     attribution next to the quote (code) or, where there is none, one `speaker` question
  7. dates, mode, status, background events and the summary (code)
Each entry of an answer becomes a `Meeting` in `meeting.py`; the state the steps share, and
the people the article names, are in `state.py`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from summarizer.article import Article
from summarizer.backend import LLM, ModelFacts
from summarizer.background import background_events, other_encounter
from summarizer.errors import ArticleError, ExtractionError
from summarizer.fingerprint import brief_fingerprint
from summarizer.gazetteer import (
    find_country,
)
from summarizer.meeting import (
    MEETING_CUE,
    meeting_date,
    meeting_from,
    meeting_mode,
    report_sentence,
    tells_of_call,
    with_blanks,
)
from summarizer.metadata import (
    body_between,
    body_spans,
)
from summarizer.names import (
    fold_token,
    name_key,
    name_tokens,
    named_in,
    needs_english_form,
    same_person,
    text_tokens,
)
from summarizer.plans import announced_as_told, ask_plans
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
    Question,
    SpeakerAnswer,
    Steps,
    content_problems,
    meeting_problems,
    met_item,
    met_problems,
    names_problems,
)
from summarizer.quotes import (
    QuoteCandidate,
    adjacent_speaker,
    find_quotes,
    lead_speaker,
    writers_view,
)
from summarizer.render import brief_summary
from summarizer.schema import (
    ArticleBrief,
    BackgroundEvent,
    Boilerplate,
    Location,
    Meeting,
    Outcome,
    Participant,
    Provenance,
    Span,
    Statement,
    Usage,
)
from summarizer.state import (
    ArticleState,
    a_place,
    ask_sentence,
    fitted_answer,
    others_named,
    person_meant,
    sentence_at,
)
from summarizer.tense import (
    done_verbs,
)
from summarizer.text import (
    norm,
    sentence_spans,
)

R = TypeVar("R")
LEAD_CHARS = 1800
CONTENT_CHARS = 2400
CHARS_PER_TOKEN = 3  # conservative: English runs near 4, many other languages lower
PROMPT_TOKENS = 1200  # instructions, the tool schema and the answer


def build_brief(article: Article, llm: LLM) -> ArticleBrief:
    """Turn one loaded article into a validated brief, its questions asked one after another.
    Raises ArticleError or BackendError."""
    return answer_steps(brief_steps(article, llm.facts), llm)


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


def brief_steps(article: Article, facts: ModelFacts) -> Steps[ArticleBrief]:
    """One article's brief as steps (`questions.Steps`): yields each question and is sent its
    answer. `facts` describe the model that answers (its context size, its name and
    fingerprint for the brief's provenance): the steps never call it. Raises ArticleError."""
    src = ArticleState.read(article)
    _check_fits(src, facts)
    meetings = [meeting_from(item, src) for item in (yield from _ask_meetings(src))]
    meetings = [m for m in meetings if not _in_passing(m, src)]
    meetings = [_visit_if_hosted(m) for m in _distinct(_sides_joined(meetings, src), src)]
    meetings = [m for m in meetings if not _one_side_away(m, src)]
    meetings = _same_occasion([_call_if_placeless(m, src) for m in meetings], src)
    meetings, background = _unless_commentary(src, meetings)
    meetings = announced_as_told(src, meetings)
    meetings += yield from ask_plans(src, meetings)
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
            model=facts.model,
            backend=facts.backend,
            fingerprint=brief_fingerprint(facts),
            usage=src.usage,
        ),
    )


def _check_fits(src: ArticleState, facts: ModelFacts) -> None:
    """Refuse, before any call, an article whose questions the model's context cannot hold.
    No question reads the whole of a long article, only passages of it (at most LEAD_CHARS
    for the meetings, CONTENT_CHARS for a meeting's content), so a long article fits wherever
    its longest passage does."""
    if facts.context_tokens is None:
        return
    longest = min(len(src.body), max(LEAD_CHARS, CONTENT_CHARS))
    estimate = longest // CHARS_PER_TOKEN + PROMPT_TOKENS
    if estimate > facts.context_tokens:
        raise ArticleError(
            src.article.id,
            f"its questions are about {estimate:,} tokens long with the prompt, more than the "
            f"model's context of {facts.context_tokens:,}; use a model with a longer context "
            "(SUMMARIZER_CONTEXT_TOKENS)",
        )


LEAD_MIN_CHARS = 900


def _paragraphs(src: ArticleState) -> list[tuple[int, int]]:
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


def _passages(src: ArticleState, budget: int = LEAD_CHARS) -> str:
    """What the `meetings` question reads: the whole body if it fits, else the opening
    paragraphs and then every paragraph that speaks of a meeting or call, up to `budget`."""
    if len(src.body) <= budget:
        return src.body
    chosen: list[tuple[int, int]] = []
    used = 0
    for a, b in _paragraphs(src):
        length = b - a + 1
        opening = used < LEAD_MIN_CHARS
        if used + length > budget or not (opening or MEETING_CUE.search(src.article.text[a:b])):
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


def _ask_meetings(src: ArticleState) -> Steps[list[MeetingItem]]:
    """Step 2: the `meetings` answer, grounded; where it grounds no meeting but names people
    who met no one it names (`_grounded`), step 2b: `_met_by_sentence`."""
    messages = load_prompt("meetings").render(
        headline=src.meta.headline or "(none)", article=_passages(src)
    )
    try:
        answer = yield from src.ask(MeetingsAnswer, messages, question="meetings", max_tokens=900)
        items = answer.meetings
    except ExtractionError as exc:
        draft = fitted_answer(MeetingsDraft, exc.last_completion, src.notes, "meetings")
        if draft is None:  # the last answer cannot be read at all
            raise
        items = draft.meetings
    kept, alone = _grounded(items, src)
    if kept or not alone:
        return kept + (yield from _lead_meeting(src, kept))
    return (yield from _met_by_sentence(src, alone))


LEAD_REACH = 10
"""How many words from a word of a meeting a person the lead names may stand to be asked
about ("Trump spoke with Russian President Vladimir Putin"; "par son homologue chinois Xi
Jinping"), not one named for another reason further on ("following President Biden and
President Xi's Woodside Summit")."""


_RECEIVED = re.compile(
    r"\b(?:re[çc]ue?s?|accueillie?s?|recibid[oa]s?|recebid[oa]s?|empfangen)\b", re.I
)
"""A visitor received, in the passive voice of the languages `MEETING_CUE` has no such word
for ("a été reçu par son homologue")."""


def _words_apart(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many words stand between two spans of `text` (0 where they touch or overlap)."""
    first, second = sorted([a, b])
    return len(text[first[1] : second[0]].split()) if second[0] > first[1] else 0


def _lead_meeting(src: ArticleState, kept: list[MeetingItem]) -> Steps[list[MeetingItem]]:
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
            for a, b in src.sentences
            if text[a:b].strip() != headline and len(text[a:b].split()) >= 8
        ),
        None,
    )
    if lead is None:
        return []
    sentence = text[lead.start : lead.end]
    if not (MEETING_CUE.search(sentence) or _RECEIVED.search(sentence)):
        return []
    verbs = done_verbs(sentence, language)
    listed = [p.name for item in kept for p in item.participants]
    unlisted = [
        name
        for name, at in others_named(sentence, listed, src)
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
    name; '' if none. For the `met` question, which asks no forum: `meeting._checked_forum` checks
    it as it checks an answer."""
    m = _SIDELINES_OF.search(sentence)
    if m is None:
        return ""
    words = m.group("event").split()
    while words and words[-1][0].islower():  # "... Conference on" ends at the name
        words.pop()
    return " ".join(words)


def _grounded(items: list[MeetingItem], src: ArticleState) -> tuple[list[MeetingItem], list[str]]:
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
        kept.append(with_blanks(item, people, problems, src, f"meetings: meeting {n}"))
    return kept, alone


MAX_MET_SENTENCES = 6


def _met_by_sentence(src: ArticleState, alone: list[str]) -> Steps[list[MeetingItem]]:
    """Step 2b, where the `meetings` answer named people but no one they met (a round-up of
    a minister's bilateral meetings answered with the minister alone, over and over): the
    `met` question for each sentence that speaks of a meeting in a paragraph naming one of
    them (the first MAX_MET_SENTENCES), with the sentence before it (who "he" is). An entry
    whose people the article names (two at least) and the sentence names or refers to is a
    meeting item; `meeting._status` still decides whether it was held."""
    text = src.article.text
    asked: list[tuple[int, Span]] = []
    for a, b in body_spans(text, src.meta):
        paragraph = text[a:b]
        if not any(named_in(n, paragraph, text_tokens(paragraph)) for n in alone):
            continue
        sentences = sentence_spans(text, a, b)
        for i, (start, end) in enumerate(sentences):
            if MEETING_CUE.search(text[start:end]):
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


def _met_at(src: ArticleState, first: int, span: Span) -> Steps[list[MeetingItem]]:
    """The `met` question about the sentence at `span`: each entry whose people the article
    names (two at least) and the sentence names or refers to, as a meeting item."""
    sentence = src.article.text[span.start : span.end]
    answer = yield from ask_sentence(src, MetAnswer, MetDraft, "met", first, span)
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
        items.append(with_blanks(item, people, problems, src, f"met at {span.start}"))
    return items


def _with_other_side(items: list[MeetingItem], src: ArticleState) -> list[MeetingItem]:
    """Each entry that names one person only, with the other side where the article says who
    met them: in a round-up the model may give each counterpart alone, the host left out
    ("Minister Shanmugam also met Ukraine Minister of Justice Pavlo Petrenko"). The other side
    is the only person of the other entries whom the first sentence that names the lone person
    with any of them and speaks of a meeting names, unless the answer gives both one
    country ("Scholz and Macron said they would back Kyiv" makes no meeting of them)."""
    everyone = [p for item in items for p in item.participants]
    text = src.article.text
    sentences = [(text[a:b], text_tokens(text[a:b])) for a, b in src.sentences]
    completed: list[MeetingItem] = []
    for item in items:
        if len(item.participants) != 1:
            completed.append(item)
            continue
        (alone,) = item.participants
        sides: dict[str, PersonAnswer] = {}
        for sentence, tokens in sentences:
            if not named_in(alone.name, sentence, tokens) or not MEETING_CUE.search(sentence):
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


def _with_english_forms(src: ArticleState, meetings: list[Meeting]) -> Steps[list[Meeting]]:
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


def _ask_names(src: ArticleState, people: list[Participant]) -> Steps[dict[str, str]]:
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
        draft = fitted_answer(NamesDraft, exc.last_completion, src.notes, "names")
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


def _english_form(person: Participant, english: str | None, src: ArticleState) -> Participant:
    """The participant with its English form (none where it only repeats the name), marked
    as the article's own words or the model's."""
    if english is None or same_person(english, person.name):
        return person.model_copy(update={"english_name": None, "english_name_by": None})
    by: Literal["text", "model"] = "text" if src.grounding.has_phrase(english) else "model"
    return person.model_copy(update={"english_name": english, "english_name_by": by})


def _passage_of(src: ArticleState, meetings: list[Meeting], i: int) -> str:
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
    src: ArticleState, meeting: Meeting, quotes: list[QuoteCandidate], passage: str
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


def _unless_commentary(
    src: ArticleState, meetings: list[Meeting]
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


def _distinct(meetings: list[Meeting], src: ArticleState) -> list[Meeting]:
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


def _one_side_away(meeting: Meeting, src: ArticleState) -> bool:
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


def _same_occasion(meetings: list[Meeting], src: ArticleState) -> list[Meeting]:
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


def _taken_from(meeting: Meeting, before: Meeting, src: ArticleState) -> Meeting:
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


def _call_if_placeless(meeting: Meeting, src: ArticleState) -> Meeting:
    """A held meeting that no word tells how they met (mode "other") and that has no place
    is the call the article tells of, where it tells of one ("disclosing a call between the
    two leaders", "The phone call came shortly after ...": names are not repeated there)."""
    placeless = meeting.location == Location() and meeting.forum is None
    if meeting.status != "held" or meeting.mode != "other" or not placeless:
        return meeting
    if not tells_of_call(src.body):
        return meeting
    src.notes.append(
        f"meeting of {' and '.join(p.name for p in meeting.participants)}: no word says how "
        "they met, it has no place, and the article tells of a call: phone"
    )
    return meeting.model_copy(update={"mode": "phone"})


def _in_passing(meeting: Meeting, src: ArticleState) -> bool:
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


def _sides_joined(meetings: list[Meeting], src: ArticleState) -> list[Meeting]:
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


def _both_sides(first: Meeting, second: Meeting, src: ArticleState) -> Meeting:
    joined = _fold(first, second)
    people = [*first.participants, *second.participants]
    evidence = report_sentence(src, [p.name for p in people])
    sentence = src.article.text[evidence.start : evidence.end] if evidence else ""
    date = joined.date
    names = [p.name for p in people]
    if date.phrase is None:  # neither entry said when: the joint report sentence may
        date = meeting_date(None, src, evidence, names)
    mode = meeting_mode(src, names, sentence, joined.forum) if evidence else joined.mode
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
    src: ArticleState, held: list[Meeting], side: Span | None
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


def _side(src: ArticleState, held: list[Meeting]) -> Span | None:
    """The report of an encounter with someone else after every held meeting's own report."""
    if not held:
        return None
    side = other_encounter(src.article.text, src.meta, held[-1])
    last = max((m.evidence.start for m in held if m.evidence), default=0)
    return side if side is not None and side.start > last else None


def _salvage_content(exc: ExtractionError, src: ArticleState, names: str) -> ContentDraft:
    """After every re-ask failed: the topics and agreements of the last answer that pass their
    checks; the others are dropped with a note (they never fail the article)."""
    draft = fitted_answer(ContentDraft, exc.last_completion, src.notes, f"content of {names}")
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


def _outcomes(content: ContentDraft, src: ArticleState) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for agreement in content.agreements:
        span = src.locate(agreement.evidence)
        if span is None:
            src.notes.append(f"outcome {agreement.what!r}: evidence found only in boilerplate")
            continue
        outcomes.append(Outcome(text=agreement.what, evidence=agreement.evidence, span=span))
    return outcomes


def _statements(
    src: ArticleState, meeting: Meeting, quotes: list[QuoteCandidate]
) -> Steps[list[Statement]]:
    statements: list[Statement] = []
    for quote in quotes:
        speaker = adjacent_speaker(src.article.text, quote) or lead_speaker(src.article.text, quote)
        attributed_by: Literal["text", "model"] = "text"
        if speaker is None:
            speaker, attributed_by = (yield from _ask_speaker(src, quote)), "model"
        if speaker is None:
            continue
        if a_place(speaker) and (teller := _teller(src, quote, meeting)) is not None:
            src.notes.append(
                f"quote at {quote.start}: {speaker!r} is a place; {teller!r} is said to say it"
            )
            speaker, attributed_by = teller, "text"
        elif attributed_by == "model" and (meant := person_meant(src, speaker)):
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


def _teller(src: ArticleState, quote: QuoteCandidate, meeting: Meeting) -> str | None:
    """The participant whom the quote's sentence, before the quote, names as telling it ("Mr
    Wang told Mr Blinken that Beijing had "no room to compromise""), if exactly one."""
    text = src.article.text
    sentence = sentence_at(src, quote.start)
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


def _ask_speaker(src: ArticleState, quote: QuoteCandidate) -> Steps[str | None]:
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
