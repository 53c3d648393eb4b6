"""The per-article state the steps of a brief share, and the people the article names.

`ArticleState` holds the article, its metadata, the grounding the answers are checked
against, the body's sentences, the notes and the usage, each read once; `ask` and
`ask_sentence` put a question to the model through the steps' driver. The readers here find
the people the text names (runs of capitalised words, offices, names written in full) and
the person an office given as an answer stands for. No model is called here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from summarizer.article import Article
from summarizer.dates import (
    find_dates,
)
from summarizer.errors import ExtractionError
from summarizer.gazetteer import (
    find_city,
    find_country,
)
from summarizer.language import detect_language
from summarizer.metadata import (
    Metadata,
    body_between,
    body_spans,
    body_text,
    dateline_spans,
    read_metadata,
)
from summarizer.names import (
    NAME_PARTICLES,
    has_given_name,
    is_title,
    name_tokens,
    office_words_only,
    same_person,
    text_tokens,
)
from summarizer.prompts import load_prompt
from summarizer.questions import (
    Grounding,
    Question,
    Steps,
    names_gathering,
)
from summarizer.quotes import (
    office_holder,
    turn_speakers,
)
from summarizer.schema import (
    Span,
    Usage,
)
from summarizer.text import (
    Normalized,
    find_all_normalized,
    hard_wrapped,
    norm,
    normalize,
    sentence_spans,
)

T = TypeVar("T", bound=BaseModel)


@dataclass
class ArticleState:
    """The article with its metadata and a normalised index for locating phrases."""

    article: Article
    meta: Metadata
    body: str
    grounding: Grounding
    usage: Usage = field(default_factory=Usage)
    notes: list[str] = field(default_factory=list)
    naming: dict[tuple[str, ...], list[tuple[Span, bool]]] = field(default_factory=dict)
    """The sentences naming a set of participants (`meeting._naming_sentences`), read once per set:
    the report sentence, the mode and the status all look for them."""

    @classmethod
    def read(cls, article: Article) -> ArticleState:
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


_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
_NAME_RUN = re.compile(
    r"(?<![\w'\u2019])[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*+"
    rf"(?:\s+(?:(?:{_PARTICLE})\s+)*[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*+)+"
)
"""Two or more capitalised words in a row (particles between): how a news lead names a
person in full ("Xi Jinping", "Ursula von der Leyen"), offices and places aside."""


def runs_without_dates(sentence: str, language: str | None) -> list[tuple[str, tuple[int, int]]]:
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


def person_named(run: str, src: ArticleState) -> str | None:
    """The name of a person in a run of capitalised words, offices and places before it read
    past ("President Trump", "Russian President Vladimir Putin"); None where the run is a
    place, ends with an office or a place (a name does not), or names a gathering ("BRICS
    Summit") or no one plainly."""
    run = run.rstrip(".,;:")
    words = run.split()

    def aside(word: str) -> bool:
        return office_words_only(word, lambda w: find_country(w) is not None or a_place(w))

    if a_place(run) or not words or aside(words[-1]):
        return None  # "Saudi Arabia"; "Minister for Home Affairs", "Top Russian" officials
    while aside(words[0]):
        words = words[1:]
    name = " ".join(words)
    if names_gathering(name):
        return None
    if find_dates(name, language=src.grounding.language) or not plainly_named(name, src):
        return None
    return name


def others_named(
    text: str, besides: list[str], src: ArticleState
) -> list[tuple[str, tuple[int, int]]]:
    """The people `text` names in full (`person_named`, dates cut off the runs), each with
    its span, who are none of `besides` (by any token of their names)."""
    tokens = {t for name in besides for t in name_tokens(name)}
    return [
        (name, at)
        for run, at in runs_without_dates(text, src.grounding.language)
        if (name := person_named(run, src)) is not None and not tokens & set(name_tokens(name))
    ]


def ask_sentence(
    src: ArticleState,
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
        fitted = fitted_answer(draft, exc.last_completion, src.notes, question)
        if fitted is None:
            src.notes.append(f"{question} at {span.start}: no usable answer ({exc.problem})")
            return draft.model_validate({"meetings": []})
        return fitted


def fitted_answer(model: type[T], completion: object, notes: list[str], what: str) -> T | None:
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


def sentence_at(src: ArticleState, pos: int) -> tuple[int, int] | None:
    """The sentence of its paragraph that holds the article's offset `pos` (a hard-wrapped
    article's paragraphs end at blank lines only)."""
    text = src.article.text
    mark = "\n\n" if src.wrapped else "\n"
    line = text.rfind(mark, 0, pos) + 1
    stop = text.find(mark, pos)
    stop = len(text) if stop < 0 else stop
    return next(((a, b) for a, b in sentence_spans(text, line, stop) if a <= pos < b), None)


def opening_word_aside(run: str, start: int, src: ArticleState) -> str:
    """A run of capitalised words without its first where the run opens its sentence
    (`start` 0) and the article never writes that word capitalised inside a sentence
    ("Since Xi", "During Ng")."""
    first, _, rest = run.partition(" ")
    return rest if start == 0 and rest and first not in src.capitalised_within else run


def _people_named_in_full(src: ArticleState) -> list[str]:
    """The people the article's body names in full (`person_named` of its runs of
    capitalised words), one form each, the longest, in the order of first mention: those it
    names once at least with an office before the name ("Chinese President Xi Jinping") or
    by a known given name ("Joe Biden"; `names.has_given_name`), not a run that is neither
    ("South China Sea", "Middle East"). A run of two full names joined by a hyphen ("a Joe
    Biden-Xi Jinping bilateral") is two."""
    people: list[str] = []
    persons: set[int] = set()  # of `people`, those named once at least as a person is
    text, language = src.article.text, src.grounding.language
    runs = [
        opening_word_aside(run, start, src)
        for a, b in src.sentences
        for run, (start, _) in runs_without_dates(text[a:b].strip(), language)
    ]
    for whole in runs:
        parts = re.split(r"-(?=[A-ZÀ-ÖØ-Þ])", re.sub(r"['\u2019]s$", "", whole))
        for run in parts if all(" " in part.strip() for part in parts) else [whole]:
            run = re.sub(r"['\u2019]s$", "", run)
            name = person_named(run, src)
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


MAX_NAME_WORDS = 5
_OFFICE_LINKS = {"of", "for", "the", "and"}  # "Secretary of State", "Minister for Law"


def plainly_named(name: str, src: ArticleState) -> bool:
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
    if office_words_only(name, lambda w: _ACRONYM.fullmatch(w) is not None or a_place(w)):
        return False  # a body or an office: "PLA", "CMC Vice Chairman"
    if a_place(name):
        return False  # "Beijing", "Kyiv": a capital standing for its government
    last = words[-1].strip(".,;:'\u2019") if words else ""
    if cased and not _written_mid_sentence(last, src.body):
        return False  # a capitalised word only at the start of sentences: "Media", "Leaders"
    if src.grounding.has_phrase(name):
        return True
    tokens = name_tokens(name)
    return bool(tokens) and tokens[-1] in src.grounding.tokens


_ACRONYM = re.compile(r"[A-Z]{2,5}")


def a_place(name: str) -> bool:
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


KNOWN_CITY = 100_000
"""Population from which an unqualified city name is taken to be its GeoNames namesake."""


def names_one_of(sentence: str, people: list[str]) -> bool:
    tokens = text_tokens(sentence)
    return any(t in tokens for name in people for t in name_tokens(name) if len(t) >= 2)


def person_meant(src: ArticleState, speaker: str) -> str | None:
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
    offices = [w for w in words if office_words_only(w, lambda _: False) and not a_place(w)]
    if not offices or not office_words_only(speaker, a_place):
        return None  # a name, a place ("the US"), or more than an office
    return office_holder(src.body, speaker, a_name)
