"""The narrow questions put to the model, as instructor response models that check themselves.

Each model validates its answer against the article (via `Grounding`, in the validation
context: pydantic's, or `backend.VALIDATION_CONTEXT` while a question is asked). A failed check
raises, the backend feeds the message back, and the model is re-asked.
Field descriptions are prompt text: changing one changes the request and its cassettes.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Generic, Literal, Self, TypeVar

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from summarizer.backend import VALIDATION_CONTEXT
from summarizer.dates import clamped, find_dates, parse_date_phrase, same_date_in
from summarizer.gazetteer import (
    canonical_forum,
    capital_of,
    capital_phrase_city,
    city_named,
    country_mentioned,
    find_city,
    find_country,
    forum_mentioned,
    is_device,
    is_venue,
    phrase_in,
)
from summarizer.names import (
    RESEMBLANCE_FLOOR,
    RESEMBLANCE_MARGIN,
    described_not_named,
    ideographic,
    latin_only,
    name_tokens,
    named_in,
    office_words_only,
    resemblance,
    surname_mentioned,
    text_tokens,
    token_named,
)
from summarizer.quotes import is_news_agency
from summarizer.schema import Usage
from summarizer.text import Normalized, any_han_script, find_normalized, norm, normalize

_NULLS = {"", "none", "null", "n/a", "unknown", "not specified", "not mentioned", "not stated"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "the statement", "the ministry"}


@dataclass
class Grounding:
    """The article text a model answer is checked against (boilerplate already removed)."""

    body: str
    published: date | None
    language: str | None = None
    """ISO 639-1 code of the article's language, for reading its date phrases."""
    filed: tuple[tuple[int, int], ...] = ()
    """Spans of `body` that name where the story was filed (its dateline)."""
    normalized: Normalized = field(init=False)
    tokens: set[str] = field(init=False)
    unfiled: str = field(init=False)
    """The body with its dateline places blanked: what a meeting place must be named in."""

    def __post_init__(self) -> None:
        self.normalized = normalize(self.body)
        self.tokens = text_tokens(self.body)
        text = self.body
        for a, b in self.filed:
            text = text[:a] + " " * (b - a) + text[b:]
        self.unfiled = text

    def has_phrase(self, phrase: str) -> bool:
        return find_normalized(phrase, self.normalized) is not None


Answer = TypeVar("Answer", bound=BaseModel)
R = TypeVar("R")


@dataclass(frozen=True)
class Question(Generic[Answer]):
    """One question about one article, as a step of its brief yields it: what `LLM.ask` is
    given. The step is sent back `(answer, usage)`, or has the ExtractionError thrown in."""

    response_model: type[Answer]
    messages: list[dict[str, str]]
    name: str
    """Which question ("meetings", "plans", ...), for messages and counts."""
    source_id: str
    context: dict[str, Any]
    """The validation context: the grounding and what else the checks read."""
    max_tokens: int


Steps = Generator[Question[Any], tuple[Any, Usage], R]
"""Work that asks questions: a generator that yields each `Question` and is sent its answer
(and the usage), so that whoever drives it decides how questions are answered: one after
another (`brief.build_brief`), or gathered from many articles into rounds for a batch engine."""


def _shown(value: object, limit: int = 80) -> str:
    """A value as a problem message quotes it: at most `limit` characters, so re-asks stay
    small whatever the model (or a hostile endpoint) sent."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "…'"


def _context(info: ValidationInfo) -> dict[str, Any]:
    """The validation context: pydantic's if given, else the one set around a question."""
    context = info.context if info.context is not None else VALIDATION_CONTEXT.get()
    return context if isinstance(context, dict) else {}


def _grounding(info: ValidationInfo) -> Grounding:
    grounding = _context(info).get("grounding")
    if not isinstance(grounding, Grounding):
        raise ValueError("internal: validation context lacks 'grounding'")
    return grounding


def _blank_if_null(value: Any) -> Any:
    if value is None:
        return ""
    return "" if _none_if_blank(value) is None else value.strip()


def _none_if_blank(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in _NULLS:
        return None
    return value.strip() if isinstance(value, str) else value


MAX_MEETINGS = 5
MAX_PEOPLE = 6
"""Bounds on an answer's lists and strings: they reach the server's grammar as maxItems and
maxLength, so a small model that starts repeating itself stops instead of running into its
token limit with half an answer."""


class PersonAnswer(BaseModel):
    name: str = Field(max_length=80, description="Full name exactly as the article writes it")
    english_name: str | None = Field(
        default=None,
        max_length=80,
        description="The name as English news writes it, if the article writes it otherwise",
    )
    role: str | None = Field(max_length=100, description="Office, e.g. Foreign Minister")
    country: str | None = Field(max_length=60, description="Country the person represents")

    _blank = field_validator("english_name", "role", "country", mode="before")(_none_if_blank)


class MeetingItem(BaseModel):
    """One meeting or call the article reports."""

    participants: list[PersonAnswer] = Field(
        max_length=MAX_PEOPLE, description="The people who met or spoke"
    )
    status: Literal["held", "announced"] = Field(
        description="held: it took place; announced: planned, expected or proposed, not yet held"
    )
    city: str = Field(max_length=80, description="City where they met; '' if not stated or a call")
    country: str = Field(
        max_length=60, description="Country where they met; '' if not stated or a call"
    )
    venue: str = Field(
        max_length=100, description="Building or residence where they met; '' if not stated"
    )
    forum: str = Field(
        max_length=100, description="Summit or organisation meeting it was held at; '' if none"
    )
    when: str = Field(
        max_length=80,
        description="The article's exact words that say on which day they met; '' if not stated",
    )

    _blank = field_validator("city", "country", "venue", "forum", "when", mode="before")(
        _blank_if_null
    )


class MeetingsDraft(BaseModel):
    """Every meeting or call between officials the article reports (unchecked)."""

    meetings: list[MeetingItem] = Field(
        max_length=MAX_MEETINGS,
        description="Each meeting or call the article reports; [] if it reports none",
    )


class MeetingsAnswer(MeetingsDraft):
    """Every meeting or call between officials the article reports."""

    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> Self:
        """Re-asked only when no entry is a meeting the article supports (two participants it
        names): a usable answer is kept part by part by the caller, each failing field blanked
        and each failing entry dropped with a note (`meeting_problems`). Re-asking about one
        field rarely mends it: on the recorded runs the model repeated 96 % of the problems it
        was told of (EVALUATION.md)."""
        _none_supported(self.meetings, _grounding(info), least=2, source="article")
        return self


MAX_PLANS = 2


class PlannedMeeting(BaseModel):
    """One meeting a sentence says is still to come."""

    participants: list[str] = Field(
        max_length=MAX_PEOPLE,
        description="Names of the people who are to meet or speak, as the passage writes them",
    )
    when: str = Field(max_length=80, description="The passage's exact words for when; '' if none")
    city: str = Field(max_length=80, description="City where they are to meet; '' if not stated")

    _blank = field_validator("when", "city", mode="before")(_blank_if_null)


class PlansDraft(BaseModel):
    """The meetings a sentence says are still to come (unchecked)."""

    meetings: list[PlannedMeeting] = Field(
        max_length=MAX_PLANS,
        description="Each meeting the sentence says is still to come; [] if none",
    )


class PlansAnswer(PlansDraft):
    """The meetings a sentence says are still to come. Re-asked only when no entry names a
    person of the article; the caller keeps the entries that pass (`plan_item`)."""

    # (The docstring is the tool's description the model reads: changed, it changes every
    # request.) Checked by `plan_problems`: no entry naming a person of the article whom the
    # plan's sentence (the context's `sentence`) names or refers to is re-asked.
    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> Self:
        g, sentence = _grounding(info), str(_context(info).get("sentence", ""))
        found = [plan_problems(m, g, sentence) for m in self.meetings]
        _raise_if_none_supported(found, source="passage", essential=(*ESSENTIAL, NOT_IN_SENTENCE))
        return self


class MetMeeting(BaseModel):
    """One meeting a sentence says took place."""

    participants: list[str] = Field(
        max_length=MAX_PEOPLE,
        description="Names of the people who met or spoke, both sides, as the passage writes them",
    )
    when: str = Field(max_length=80, description="The passage's exact words for when; '' if none")
    city: str = Field(max_length=80, description="City where they met; '' if not stated")

    _blank = field_validator("when", "city", mode="before")(_blank_if_null)


class MetDraft(BaseModel):
    """The meetings a sentence says took place (unchecked)."""

    meetings: list[MetMeeting] = Field(
        max_length=MAX_PLANS,
        description="Each meeting the sentence says took place; [] if none",
    )


class MetAnswer(MetDraft):
    """The meetings a sentence says took place. Re-asked only when no entry names two people
    of the article that the sentence names or refers to (`met_problems`)."""

    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> Self:
        g, sentence = _grounding(info), str(_context(info).get("sentence", ""))
        found = [met_problems(m, g, sentence) for m in self.meetings]
        _raise_if_none_supported(found, source="passage", essential=(*ESSENTIAL, NOT_IN_SENTENCE))
        return self


_REFERENCE = re.compile(
    r"\b(?:they|them|their|both|he|she|his|her|him|each other|one another|the two|the pair|"
    r"the leaders|the presidents|the ministers|the sides|the officials|"
    r"(?:the|this|that|these|such)\s+(?:[\w'\u2019-]+\s+){0,2}?"
    r"(?:talks|meeting|visit|call|summit|trip|conversation)s?)\b",
    re.I,
)
"""Words by which an English sentence refers to people or a meeting named before it ("the
two will meet", "The talks will cover ..."): its people may then be named in the sentence
before."""


_OFFICE_NOUN = (
    r"(?:leaders?|president|premier|prime\s+minister|chancellor|minister|counterparts?|king|"
    r"queen|emperor|delegation|officials?|envoy|secretary|adviser|advisor)"
)
_UNNAMED_PARTY = re.compile(
    # who is to meet, referred to just before the meeting verb: "the two will meet", "they are
    # expected to hold talks", "He will travel to", "The chancellor is due to travel"
    r"\b(?:they|he|she|both(?:\s+(?:leaders|sides|men|presidents|ministers))?|the\s+two"
    r"(?:\s+(?:leaders|sides|men|presidents|ministers))?|the\s+(?:sides|pair)|"
    rf"the\s+(?:[\w'\u2019-]+\s+){{0,2}}?{_OFFICE_NOUN})\s+(?:\S+\s+){{0,4}}?"
    r"(?:meet|hold|visit|talk|speak|sit|travel|host|receive)\w*\b|"
    # the meeting itself, told of before: "The meeting will take place ...", "the first
    # meeting for both leaders", "talks between the two"
    r"^\W*(?:the|this|that|such\s+a)\s+(?:\S+\s+){0,2}?(?:meeting|talks|visit|call|summit|"
    r"trip)s?\b|\b(?:for|between|of)\s+(?:both|the\s+two)(?:\s+(?:leaders|sides|men|"
    r"presidents|ministers|parties))?\b|\bbetween\s+them\b|"
    # whom they are to meet, referred to just after it: "will host him", "to meet his
    # counterpart", "talks with the Chinese leader", "to meet North Korea's leader"
    r"\b(?:meet|meeting|host|hosting|receive|receiving|welcome|visit|visiting|call|calling|"
    r"talks?|speak|speaking|sit\s+down)(?:\s+(?:with|to))?\s+(?:him|her|them|each\s+other|"
    r"one\s+another|(?:his|her|their)\s+(?:\S+\s+)?counterparts?|(?:the\s+)?"
    rf"(?:[\w'\u2019-]+\s+){{0,2}}?{_OFFICE_NOUN}\b)",
    re.I,
)


def unnamed_party(sentence: str, language: str | None) -> bool:
    """Whether an English sentence of a meeting to come refers to one who takes part in it
    without naming them, as the one to meet ("they will meet", "He will meet Putin", "The
    chancellor is due to travel to Beijing") or the one met ("will host him", "to meet his
    counterpart", "to meet North Korea's leader"); a sentence in another language always (no
    such reading of it here). Where it does not, its people are the ones it names: "The two
    leaders agreed that Blinken will visit China" is Blinken's plan, not Biden's."""
    return language not in (None, "en") or _UNNAMED_PARTY.search(sentence) is not None


_TRIPS_BY = re.compile(r"\b(?:visits|trips)\b[^.;]{0,40}?\bby\b", re.I)
_TRIPS_OF = re.compile(
    r"['\u2019]s\s+(?:(?:upcoming|expected|planned|separate|respective)\s+)?(?:visits|trips)\b",
    re.I,
)


_NAMEISH = r"[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*){0,3}"
_ATTRIBUTION = re.compile(
    rf",\s*(?:(?:[a-z][\w'\u2019-]*\s+){{0,4}}(?P<before>{_NAMEISH})\s+"
    r"(?:said|says|added|told\s+(?:reporters|journalists))|"
    rf"(?:said|says|added|according\s+to)\s+(?P<after>{_NAMEISH}))\s*[.!?\"\u201d]*\s*$"
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|us)\b")


def attributed_to(sentence: str, language: str | None) -> str | None:
    """Who an English sentence says it is reported by, in a tag at its end ("He will also
    meet leaders from Japan, Leavitt said."; "..., according to Reuters"): one who told of
    the plan, not one who takes part in it. None where it has no such tag, or what it
    reports has a first person ("I will meet Xi next week, Trump said": the speaker's own)
    or names the speaker ("Trudeau will host Sheinbaum next month, Trudeau told reporters")."""
    if language not in (None, "en"):
        return None
    sentence = sentence.strip()
    found = _ATTRIBUTION.search(sentence)
    if found is None or _FIRST_PERSON.search(sentence[: found.start()]):
        return None
    speaker = (found.group("before") or found.group("after")).rstrip(".")
    told = text_tokens(sentence[: found.start()])
    return None if any(t in told for t in name_tokens(speaker)) else speaker


_TRIP_OF = re.compile(
    r"['\u2019]s\s+(?:(?:upcoming|expected|planned|proposed|forthcoming|first|next)\s+)*"
    r"(?:visit|trip|travel|journey)\b",
    re.I,
)


def trip_of(sentence: str, language: str | None) -> int | None:
    """Where an English sentence names a traveller by their trip ("John Podesta's upcoming
    travel to China", "Blinken's planned visit"): the position of the possessive after the
    traveller's name. None where it names none so."""
    if language not in (None, "en"):
        return None
    found = _TRIP_OF.search(sentence)
    return found.start() if found is not None else None


def trips_taken_by(sentence: str, language: str | None) -> tuple[int, int] | None:
    """Where an English sentence names the travellers of trips in the plural: after "visits
    ... by" ("expected visits to China by Yellen and Blinken") or before "'s ... visits"
    ("Yellen's and Blinken's upcoming trips"); each traveller named there makes a trip of
    their own, not one meeting with the others. None where it names no such trips (the verb
    "Xi visits Moscow", "during their visits")."""
    if language not in (None, "en"):
        return None
    by = _TRIPS_BY.search(sentence)
    if by is not None:
        return (by.end(), len(sentence))
    of = _TRIPS_OF.search(sentence)
    return (0, of.start() + 2) if of is not None else None


_COORDINATED = re.compile(
    r"\b(?:meet|speak\s+(?:with|to)|talk\s+(?:with|to)|hold\s+talks\s+with|call|host)\b"
    r"(?P<first>[^.;]+?)\band\s+(?:then\s+|also\s+|later\s+)?"
    r"(?:meet|speak\s+(?:with|to)|talk\s+(?:with|to)|hold\s+talks\s+with|call|host)\b"
    r"(?P<second>[^.;]+)",
    re.I,
)


_ZH_MEETING_VERB = re.compile(any_han_script("会见|会晤|见面|通话|通电话"))
_ZH_WITH = re.compile(any_han_script("与|和|同|跟"))


def coordinated_meetings(sentence: str, language: str | None) -> list[tuple[int, int]] | None:
    """Where a sentence tells of two meetings of one person by two verbs ("is scheduled to
    meet Jake Sullivan and speak with President Joe Biden"; in Chinese, two clauses each with
    a verb of meeting: "王毅还将会见国家安全顾问沙利文, 据报他亦会与总统拜登见面"): the spans of
    whom each verb takes, the people met in each (in Chinese, from the verb on, or from the
    "与" of "与拜登见面"). None where it has no such pair, or the language has no reading."""
    if language == "zh":
        spans: list[tuple[int, int]] = []
        start = 0
        for clause in re.split(r"[\uff0c,\uff1b;]", sentence):  # full-width too
            end = start + len(clause)
            verb = _ZH_MEETING_VERB.search(clause)
            if verb is not None:
                partner = _ZH_WITH.search(clause, 0, verb.start())
                spans.append((start + (partner or verb).start(), end))
            start = end + 1
        return spans[:2] if len(spans) >= 2 else None
    if language not in (None, "en"):
        return None
    found = _COORDINATED.search(sentence)
    if found is None:
        return None
    return [found.span("first"), found.span("second")]


def refers_back(sentence: str, language: str | None) -> bool:
    """Whether the people of a sentence's meeting may be named in the sentence before it: an
    English sentence that refers to people or a meeting named before ("the two", "the
    talks"); a sentence in another language always (no such reading of it here). An English
    sentence that does not may only name its people itself (`plan_problems`)."""
    return language not in (None, "en") or _REFERENCE.search(sentence) is not None


def plan_problems(planned: PlannedMeeting, g: Grounding, sentence: str) -> dict[str, str]:
    """What in a planned meeting the article does not support (`meeting_problems`, one
    person enough), and, in English, people not named in the plan's own `sentence` where it
    names none of them and refers to no one ("It precedes expected visits by Yellen and
    Blinken" is not about the Biden and Xi of the sentence before). Checks only."""
    return _sentence_problems(plan_item(planned), g, sentence, least=1)


def met_problems(met: MetMeeting, g: Grounding, sentence: str) -> dict[str, str]:
    """What in a meeting read from one `sentence` the article does not support: as
    `plan_problems`, with two people named (a meeting has two sides)."""
    return _sentence_problems(met_item(met), g, sentence, least=2)


def _sentence_problems(
    item: MeetingItem, g: Grounding, sentence: str, *, least: int
) -> dict[str, str]:
    problems = meeting_problems(item, g, least=least)
    if not sentence or g.language not in (None, "en") or not item.participants:
        return problems
    if any(key.startswith("participant") for key in problems):
        return problems  # people the article does not name: said so already
    tokens = text_tokens(sentence)
    named = any(named_in(p.name, sentence, tokens) for p in item.participants)
    if not named and not refers_back(sentence, g.language):
        people = ", ".join(_shown(p.name) for p in item.participants)
        problems[NOT_IN_SENTENCE] = (
            f"the last sentence names neither {people} nor refers to them; give the people "
            "it says are to meet"
        )
    return problems


def _none_supported(items: list[MeetingItem], g: Grounding, *, least: int, source: str) -> None:
    """Raise (for a re-ask) when no entry names `least` people of the article: every entry's
    problems, numbered, fed back."""
    found = [meeting_problems(item, g, least=least) for item in items]
    _raise_if_none_supported(found, source=source)


def _raise_if_none_supported(
    found: list[dict[str, str]], *, source: str, essential: tuple[str, ...] = ()
) -> None:
    """Raise (for a re-ask) when every entry has a problem in an ESSENTIAL field (or one of
    `essential`): every entry's problems, numbered, fed back."""
    essential = essential or ESSENTIAL
    if found and all(any(key in p for key in essential) for p in found):
        problems = [
            f"meeting {i + 1}: {problem}"
            for i, item_problems in enumerate(found)
            for problem in item_problems.values()
        ]
        raise ValueError("; ".join(problems) + f". Answer only with what the {source} states.")


def plan_item(planned: PlannedMeeting) -> MeetingItem:
    """A planned meeting as a meeting item (announced), for the checks every item passes."""
    return _item(planned, "announced")


def met_item(met: MetMeeting) -> MeetingItem:
    """A meeting read from one sentence as a meeting item (held: code decides, `_status`)."""
    return _item(met, "held")


def _item(entry: PlannedMeeting | MetMeeting, status: Literal["held", "announced"]) -> MeetingItem:
    return MeetingItem(
        participants=[PersonAnswer(name=n, role=None, country=None) for n in entry.participants],
        status=status,
        city=entry.city,
        country="",
        venue="",
        forum="",
        when=entry.when,
    )


ESSENTIAL = ("participants",)
NOT_IN_SENTENCE = "participants of another sentence"
"""`plan_problems`' key for people the plan's own sentence neither names nor refers to."""
"""Fields without which an item is no meeting; any other failing field can be dropped."""


def meeting_problems(item: MeetingItem, g: Grounding, *, least: int = 2) -> dict[str, str]:
    """What in `item` the article does not support, by field ('participants', 'evidence',
    'participant <name>', 'city', ...): fewer than `least` named participants fail it (a
    trip still to come may name one traveller). Checks only; never changes the item."""
    problems: dict[str, str] = {}
    named = 0
    for person in item.participants:
        if find_country(person.name) is not None:
            problems[f"participant {person.name}"] = (
                f"participant {_shown(person.name)} is a country, not a person"
            )
        elif is_news_agency(person.name, None):
            problems[f"participant {person.name}"] = (
                f"participant {_shown(person.name)} is a news agency, not a person"
            )
        elif described_not_named(person.name):
            problems[f"participant {person.name}"] = (
                f"participant {_shown(person.name)} describes a group, not a person; give "
                "the names of the people who met"
            )
        elif office_words_only(person.name, lambda w: find_country(w) is not None):
            problems[f"participant {person.name}"] = (
                f"participant {_shown(person.name)} is an office, not a person; give the name "
                "of who holds it"
            )
        elif not _person_named(person.name, g):
            problems[f"participant {person.name}"] = (
                f"participant {_shown(person.name)} is not named in the article"
            )
        else:
            named += 1
    if named < least:
        problems["participants"] = (
            "a meeting needs at least two participants named in the article"
            if least == 2
            else "name who is to meet, as the article writes it"
        )
    for name in ("city", "country", "venue", "forum", "when"):
        if _echoes(getattr(item, name)):
            problems[name] = (
                f"{name} {_shown(getattr(item, name))} repeats the question; answer with the "
                "article's words, or ''"
            )
    checks = {
        "city": _check_city(item.city, g),
        "country": _check_country(item.country, g),
        "venue": _check_venue(item.venue, g),
        "forum": _check_forum(item.forum, g),
        "when": _check_when(item.when, g, ahead=item.status == "announced"),
    }
    problems.update({n: p for n, p in checks.items() if p and n not in problems})
    return problems


def _echoes(value: str) -> bool:
    """Whether an answer of three words or more is copied from a field description (the
    question's own text: "Summit or organisation meeting it was held at")."""
    words = norm(value).split()
    return len(words) >= 3 and any(
        " ".join(words) in norm(field.description or "")
        for model in (MeetingItem, PersonAnswer)
        for field in model.model_fields.values()
    )


def _person_named(name: str, g: Grounding) -> bool:
    """Whether the article names the person: every token of the name (spelling variants
    allowed), or all but one given name beside a surname it names ("Joe Biden" in a readout
    that says "President Biden"); names in scripts without spaces are matched as written."""
    tokens = name_tokens(name)
    if not tokens:
        return False
    unnamed = [t for t in tokens if not token_named(t, g.tokens)]
    if not unnamed:
        return True
    if g.has_phrase(name):
        return True
    named = [t for t in tokens if t not in unnamed]
    return len(unnamed) == 1 and len(tokens) >= 2 and any(len(t) >= 2 for t in named)


def _check_venue(venue: str, g: Grounding) -> str | None:
    """A building, residence or estate the article names ("the White House", "Filoli
    estate"); a summit or a channel is not a venue. A city the article names ("Kazan,
    Russia") passes: the caller reads it as the city."""
    if not venue:
        return None
    place = venue.partition(",")[0].strip()
    if not is_venue(venue) and _check_city(venue, g) is None and find_city(place, g.body):
        return None  # a city (or "City, Country") given as the venue: read as the city
    if not g.has_phrase(venue):
        return f"venue {_shown(venue)} is not named in the article"
    if not is_venue(venue):
        return (
            f"venue {_shown(venue)} is not a building or residence (such as 'the White "
            "House'); give '' if the article names none"
        )
    return None


def _check_city(city: str, g: Grounding) -> str | None:
    """A city the article names; "City, Country" (or "City, State") is split and each part
    checked, since that is how people write a place, not an invention. A venue or a country
    is not a city (a city-state such as Singapore is both)."""
    if not city:
        return None
    place, _, rest = city.partition(",")
    if rest.strip() and place.strip():
        return _check_city(place.strip(), g) or (
            None
            if country_mentioned(rest.strip(), g.body, g.language)
            or phrase_in(rest.strip(), g.body)
            else f"{_shown(rest.strip())} in city {_shown(city)} is not named in the article"
        )
    if is_venue(city):
        return f"city {_shown(city)} is a venue, not a city; give its city, or ''"
    country = find_country(city)
    if country is not None and norm(capital_of(country) or "") != norm(city):
        return f"city {_shown(city)} is a country; give the city, or ''"
    if not (
        phrase_in(city, g.body)
        or city in capital_phrase_city(g.body)
        or city_named(city, g.body, g.language)
    ):
        return f"city {_shown(city)} is not named in the article"
    if not (
        phrase_in(city, g.unfiled)
        or city in capital_phrase_city(g.unfiled)
        or city_named(city, g.unfiled, g.language)
    ):
        return (
            f"city {_shown(city)} is only the dateline, where the story was filed; give the "
            "city where they met, or ''"
        )
    return None


def _check_country(country: str, g: Grounding) -> str | None:
    if country and not country_mentioned(country, g.body, g.language):
        return f"country {_shown(country)} is not named in the article"
    return None


def _check_forum(forum: str, g: Grounding) -> str | None:
    if not forum:
        return None
    if is_device(forum):
        return (
            f"forum {_shown(forum)} is a channel of communication, not a summit or "
            "organisation; give ''"
        )
    if is_venue(forum):
        return (
            f"forum {_shown(forum)} is a venue, not a summit or organisation; "
            "give it as venue, or ''"
        )
    if not forum_mentioned(forum, g.body):
        return f"forum {_shown(forum)} is not named in the article"
    if canonical_forum(forum) is None and not names_gathering(forum):
        return (
            f"forum {_shown(forum)} is not a summit or meeting of a body (such as the G20 or "
            "an SCO meeting); give '' if they met at none"
        )
    return None


# What an unlisted forum must be: a gathering, not the name of a country or bare organisation
# ("U.N." in "forums from the U.N. to the G20").
_GATHERING_WORDS = (
    "summit|meeting|conference|forum|dialogue|ceremony|session|assembly|council|congress|"
    "convention|talks|ministerial|sommet|cumbre|gipfel|réunion|reunión|treffen"
)
_GATHERING = re.compile(rf"\b(?:{_GATHERING_WORDS})\b", re.I)
# Words that say what kind of gathering it was, not which one: "the summit", "le sommet",
# "bilateral talks" name no forum.
_GENERIC_WORD = re.compile(
    rf"(?:{_GATHERING_WORDS}|summits|meetings|rencontre|encontro|encuentro|cúpula|reunião|"
    r"the|a|an|this|their|bilateral|annual|two-day|leaders'?|virtual|video|online|in-person|"
    r"face-to-face|informal|official|high-level|first|le|la|les|l'|du|de|des|el|los|"
    r"das|der|die|den|o|os|саммит\w*|встреч\w*|переговор\w*)",
    re.I,
)


def names_gathering(text: str) -> bool:
    """Whether `text` has a word of a gathering ("summit", "talks", "sommet"): a forum's
    name must, a person's name does not."""
    return _GATHERING.search(text) is not None


def unnamed_gathering(forum: str) -> bool:
    """Whether a forum answer is only a kind of gathering ("the summit", "le sommet"), with
    no name of the body or event it was."""
    words = forum.replace("l'", "l' ").split()
    return bool(words) and all(_GENERIC_WORD.fullmatch(w) for w in words)


def _check_when(when: str, g: Grounding, *, ahead: bool = False) -> str | None:
    """`when` must be the article's words (after normalisation), or name a date the article
    names in its own words (both resolved against the publication date), and name a day or
    date, in the article's language; a date clearly after publication (by more than a day:
    time zones) cannot be when they met, unless the meeting is still to come (`ahead`)."""
    if not when:
        return None
    written = g.has_phrase(when)
    own = None if written else same_date_in(when, g.body, g.published, language=g.language)
    if not written and own is None:
        return (
            f"when {_shown(when)} is not words of the article, nor a date it names; copy them "
            "exactly, or ''"
        )
    if not find_dates(when, language=g.language):
        return f"when {_shown(when)} names no date or day; give the words that say when, or ''"
    # the date the article's own words name ("le 20 février" for "on February 20, 2025")
    value = parse_date_phrase(own.phrase if own else when, g.published, language=g.language)
    if not ahead and g.published and value.start and value.start > clamped(g.published, 1):
        return f"when {_shown(when)} is after the article's publication date {g.published}"
    return None


class AgreementAnswer(BaseModel):
    what: str = Field(max_length=150, description="What they agreed, in a few words")
    evidence: str = Field(
        max_length=400, description="The article's sentence that states it, copied exactly"
    )


class ContentDraft(BaseModel):
    """What the meeting covered (unchecked)."""

    topics: list[Annotated[str, Field(max_length=100)]] = Field(
        max_length=8, description="Topics they discussed, a few words each"
    )
    agreements: list[AgreementAnswer] = Field(
        default_factory=list,
        max_length=4,
        description="What they agreed or committed to; empty if none",
    )


class ContentAnswer(ContentDraft):
    """What the meeting covered."""

    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> Self:
        problems = [p for p in content_problems(self, _grounding(info)) if p]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def content_problems(content: ContentDraft, g: Grounding) -> list[str | None]:
    """One entry per topic, then one per agreement: the problem with it, or None. Checks only."""
    topics = [
        None
        if topic.strip() and len(topic.split()) <= 10
        else f"topic {_shown(topic)} must be a short phrase of 1 to 10 words"
        for topic in content.topics
    ]
    agreements = [
        None
        if g.has_phrase(agreement.evidence)
        else f"evidence {_shown(agreement.evidence)} is not in the article word for word; "
        "copy the sentence exactly"
        for agreement in content.agreements
    ]
    return topics + agreements


class SpeakerAnswer(BaseModel):
    """Who said a quotation."""

    speaker: str | None = Field(
        max_length=80,
        description="The speaker's name as the passage writes it, or null if it does not say",
    )

    _blank = field_validator("speaker", mode="before")(_none_if_blank)

    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> Self:
        g = _grounding(info)
        if self.speaker is None:
            return self
        if is_news_agency(self.speaker, _context(info).get("outlet") or None):
            raise ValueError(
                f"{_shown(self.speaker)} is the news outlet that reported it, not its speaker; "
                "name who said it, or null"
            )
        if self.speaker.lower() in _PRONOUNS:
            raise ValueError(
                f"{_shown(self.speaker)} is not a name; name the person or institution"
            )
        if not surname_mentioned(self.speaker, g.tokens):
            raise ValueError(f"speaker {_shown(self.speaker)} is not named in the passage")
        quote = _context(info).get("quote", "")
        if quote and _inside(self.speaker, quote):
            raise ValueError(f"{_shown(self.speaker)} is in the quotation itself, not its speaker")
        return self


def _inside(name: str, quote: str) -> bool:
    tokens = name_tokens(name)
    quoted = text_tokens(quote)
    return bool(tokens) and all(t in quoted for t in tokens)


_AGREEMENT = re.compile(r"\b(agree[ds]?|agreements?|pledged?|signed|committed)\b", re.I)
_SENTENCE_START = {
    "the",
    "they",
    "both",
    "in",
    "on",
    "at",
    "during",
    "their",
    "this",
    "he",
    "she",
    "it",
    "a",
    "an",
    "and",
    "as",
    "with",
    "while",
    "according",
    "foreign",
    "minister",
    "ministers",
}


class RecordSummaryAnswer(BaseModel):
    """A short summary of one meeting record."""

    summary: str = Field(description="Two or three neutral sentences")

    @model_validator(mode="after")
    def grounded(self, info: ValidationInfo) -> Self:
        """Every name, place, number and month in the summary must be in the facts."""
        facts = norm(_context(info).get("facts", ""))
        words = len(self.summary.split())
        if not 8 <= words <= 120:
            raise ValueError(f"the summary has {words} words; write two or three sentences")
        unknown = sorted({w for w in proper_terms(self.summary) if not _grounded_term(w, facts)})
        if _AGREEMENT.search(self.summary) and "agreed:" not in facts:
            raise ValueError(
                "the facts list no agreement; do not say they agreed, pledged or signed anything"
            )
        if unknown:
            raise ValueError(
                "the summary names what the facts do not: "
                + ", ".join(unknown)
                + ". Use only the facts."
            )
        return self


def _grounded_term(term: str, facts: str) -> bool:
    """A term is grounded if the facts hold it, or it is the demonym of a country they name."""
    if norm(term) in facts:
        return True
    country = find_country(term)
    return country is not None and any(norm(form) in facts for form in country.names)


def proper_terms(text: str) -> list[str]:
    """Capitalised words, numbers and month names in `text`: what a summary may not invent."""
    terms: list[str] = []
    for m in re.finditer(r"[A-Z][\w\u2019'-]*|\d[\d,./-]*\d|\d", text):
        word = m.group(0).rstrip("\u2019's").rstrip("'")
        if not word or word.lower() in _SENTENCE_START:
            continue
        terms.append(word)
    return terms


class EnglishNameAnswer(BaseModel):
    name: str = Field(max_length=80, description="The name exactly as listed")
    english_name: str = Field(
        max_length=80, description="The name as English-language news spells it"
    )


class NamesDraft(BaseModel):
    """English forms of the names an article writes otherwise (unchecked)."""

    names: list[EnglishNameAnswer] = Field(max_length=MAX_MEETINGS * MAX_PEOPLE)


class NamesAnswer(NamesDraft):
    """English forms of names, each checked against the name it spells (`names_problems`)."""

    @model_validator(mode="after")
    def checked(self, info: ValidationInfo) -> Self:
        listed = [n for n in str(_context(info).get("names", "")).split("\n") if n]
        problems = names_problems(self, listed)
        if problems:
            raise ValueError("; ".join(problems.values()))
        return self


def names_problems(answer: NamesDraft, listed: list[str]) -> dict[str, str]:
    """Listed name (or the answered one, if it is not listed) -> what is wrong with its
    answer. An English form must be in Latin letters, a name of 1 to 5 words, resemble the
    name's Latin reading (alphabetic scripts; `names.RESEMBLANCE_FLOOR`), and no other listed
    name clearly more (`names.RESEMBLANCE_MARGIN`: catches two forms swapped). Checks only."""
    problems: dict[str, str] = {}
    given = {a.name.strip(): a.english_name.strip() for a in answer.names}
    for name, english in given.items():
        if name not in listed:
            problems[name] = f"{_shown(name)} is not one of the listed names; copy each exactly"
        elif _none_if_blank(english) is None:
            problems[name] = f"give the English form of {_shown(name)}"
        elif not latin_only(english) or not 1 <= len(english.split()) <= 5:
            problems[name] = f"{_shown(english)} must be a name in Latin letters, 1 to 5 words"
        elif not ideographic(name) and resemblance(name, english) < RESEMBLANCE_FLOOR:
            problems[name] = f"{_shown(english)} does not spell {_shown(name)}"
        else:
            mine = resemblance(name, english)
            closer = [
                o
                for o in listed
                if o != name and resemblance(o, english) > mine + RESEMBLANCE_MARGIN
            ]
            if closer:
                problems[name] = (
                    f"{_shown(english)} spells {_shown(closer[0])} rather than {_shown(name)}"
                )
    for name in listed:
        if name not in given:
            problems[name] = f"give the English form of {_shown(name)} too"
    return problems


QUESTIONS: dict[str, type[BaseModel]] = {
    "meetings": MeetingsAnswer,
    "plans": PlansAnswer,
    "names": NamesAnswer,
    "content": ContentAnswer,
    "speaker": SpeakerAnswer,
}
"""The questions of a brief: prompt name (`prompts/<name>.md`) -> the response model."""
