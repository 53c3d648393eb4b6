"""Step 3 of a brief: the meetings an article says are still to come.

The `meetings` answer lists few of them, so the sentences that may tell of a plan are asked
about one by one (the `plans` question), and each answer's people are read again from its
sentence: the people of a meeting it prepares, a traveller named by their trip, never who
told of it. Announced meetings of the `meetings` answer are split and regrouped the same way.
"""

from __future__ import annotations

import re
from typing import TypeVar

from summarizer.dates import find_dates
from summarizer.gazetteer import (
    venue_as_place,
)
from summarizer.meeting import meeting_from, with_blanks
from summarizer.metadata import (
    body_spans,
)
from summarizer.names import (
    fold_token,
    from_given_name,
    is_title,
    leaders_meant,
    name_tokens,
    named_in,
    same_person,
    text_tokens,
)
from summarizer.questions import (
    NOT_IN_SENTENCE,
    MeetingItem,
    PersonAnswer,
    PlannedMeeting,
    PlansAnswer,
    PlansDraft,
    Steps,
    attributed_to,
    coordinated_meetings,
    plan_item,
    plan_problems,
    refers_back,
    trip_of,
    trips_taken_by,
    unnamed_party,
)
from summarizer.schema import (
    Meeting,
    Participant,
    Span,
)
from summarizer.state import (
    ArticleState,
    ask_sentence,
    names_one_of,
    opening_word_aside,
    person_meant,
    person_named,
    plainly_named,
    runs_without_dates,
)
from summarizer.tense import (
    before_plan,
    future_only,
    speaks_of_future,
    speaks_of_meeting,
    tells_of_plan,
    told_as_done,
)
from summarizer.text import (
    norm,
    sentence_spans,
)

MAX_PLAN_SENTENCES = 3
MAX_LATER_PLAN_SENTENCES = 2


def ask_plans(src: ArticleState, meetings: list[Meeting]) -> Steps[list[Meeting]]:
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


def _plan_sentences(src: ArticleState, meetings: list[Meeting]) -> list[tuple[int, Span]]:
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
    src: ArticleState, found: list[tuple[int, Span]], listed: list[Meeting]
) -> list[tuple[int, Span]]:
    """Of the sentences `found`, those that name a person the article names in full
    (`ArticleState.people`) whom no meeting `listed` names, by a word of their name that is
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
    src: ArticleState, first: int, span: Span, meetings: list[Meeting], plans: list[Meeting]
) -> Steps[list[Meeting]]:
    """The plans the `plans` answer about one sentence gives (the passage from `first`),
    each checked: its people as the sentence tells them (`_answered_people`), named by the
    article (an office given is its holder's: `person_meant`), none a plan of `meetings` or
    `plans` already, nor the held meeting the sentence reports (`_the_held_meeting_again`);
    where none is kept, the leaders the sentence means (`_leaders_plan`)."""
    text = src.article.text
    sentence = text[span.start : span.end]
    where = f"plans at {span.start}"
    answer = yield from ask_sentence(src, PlansAnswer, PlansDraft, "plans", first, span)
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
            holder = person_meant(src, person.name) if person not in people else None
            if holder is not None and not any(same_person(holder, p.name) for p in people):
                src.notes.append(f"{where}: {person.name!r} is {holder}, whom the article names so")
                people.append(person.model_copy(update={"name": holder}))
        for person in [p for p in people if not plainly_named(p.name, src)]:
            src.notes.append(f"{where}: {person.name!r} is no name the article writes: dropped")
            people.remove(person)
        if not people:
            continue
        item = with_blanks(item, people, problems, src, where)
        for group in _plan_people(people, src, span, where):
            one = item.model_copy(update={"participants": group})
            meeting = meeting_from(one, src, plan=span)
            if _announced_already(meeting, [*meetings, *plans, *found]):
                continue  # "Putin to visit China", "Putin will meet Xi in Beijing": one plan
            if _the_held_meeting_again(meeting, meetings, span, src):
                continue
            found.append(meeting)
    if not found:
        found += _leaders_plan(src, span, [*meetings, *plans])
    return found


def _answered_people(
    item: MeetingItem, problems: dict[str, str], src: ArticleState, span: Span
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
    people: list[_Person], src: ArticleState, span: Span, where: str
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
        return names_one_of(part, [person.name]) or named_in(person.name, part, text_tokens(part))

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


def _prepared_people(sentence: str, answered: list[str], src: ArticleState) -> list[str]:
    """The people of the meeting a sentence's words prepare (`tense.before_plan`: "... to lay
    the groundwork for the first face-to-face talks between Biden and Chinese President Xi
    Jinping", "to set the stage for a Joe Biden-Xi Jinping bilateral"), where the answer for
    it has none of them: each person the article names in full whom those words name, up to
    a clause of its own (", who succeeded ...", ";"), by any of their names ("Biden"). Empty
    where the sentence prepares no meeting, those words name fewer than two people, or the
    answer has one of them."""
    _, prepared = _prepared_part(sentence, src.grounding.language)
    found = _named_in(prepared, answered, src)
    if len(found) < 2 or any(names_one_of(prepared, [name]) for name in answered):
        return []
    return found


def _prepared_part(sentence: str, language: str | None) -> tuple[str, str]:
    """A sentence's words before those preparing another meeting (`tense.before_plan`; the
    whole sentence where none do), and those words up to a clause about a person (", who
    succeeded ...", ";"; a clause about the meeting, ", which Biden and Xi will attend",
    stays); empty where none prepare one."""
    done = before_plan(sentence, language)
    return done, re.split(r";|,\s+(?:who|whom|whose)\b", sentence[len(done) :])[0]


def _named_in(words: str, besides: list[str], src: ArticleState) -> list[str]:
    """The people the article names in full (`ArticleState.people`) whom `words` name by any
    of their names as written, capitalised ("Biden"; in a script without case, any word),
    none of them one of `besides`: the "in" of "meet again in Tokyo" names no Moon Jae-in,
    the "May" of a date no Theresa May."""
    for found in find_dates(words, language=src.grounding.language):
        words = words[: found.start] + " " * (found.end - found.start) + words[found.end :]
    written = text_tokens(" ".join(w for w in words.split() if not w[:1].islower()))
    return [
        name
        for name in src.people
        if any(t in written for t in name_tokens(name) if len(t) >= 2)
        and not any(same_person(name, b) for b in besides)
    ]


def _traveller(sentence: str, answered: list[str], src: ArticleState) -> str | None:
    """The traveller a plan's sentence names by their trip (`questions.trip_of`: "welcomed
    further discussions during Senior Advisor to the President for International Climate
    Policy John Podesta's upcoming travel to China"), where the answer for it names no one the
    sentence names: their name, title words before its given name left (`from_given_name`)."""
    at = trip_of(sentence, src.grounding.language)
    if at is None or names_one_of(sentence, answered):
        return None
    language = src.grounding.language
    opening = len(sentence) - len(sentence.lstrip())
    runs = [
        opening_word_aside(run, a - opening, src)
        for run, (a, b) in runs_without_dates(sentence, language)
        if a < at <= b
    ]
    word = re.search(r"[A-ZÀ-ÖØ-Þ][\w-]*$", sentence[:at])  # "Blinken's planned visit"
    run = runs[0] if runs else word.group(0) if word is not None else None
    name = person_named(re.sub(r"['\u2019]s$", "", run), src) if run is not None else None
    return from_given_name(name) if name is not None else None


def _the_held_meeting_again(
    plan: Meeting, meetings: list[Meeting], span: Span, src: ArticleState
) -> bool:
    """Whether a plan's answer gives the people of the held meeting its very sentence
    reports, where the sentence's words preparing another meeting, to its end, name others
    (`_named_in`, as `_prepared_people` reads them):
    "Blinken met Wang Yi ... to set the stage for a Joe Biden-Xi Jinping bilateral" was
    answered as a plan of Blinken and Wang Yi. A visit the same people plan in another
    sentence ("He said Xi invited him to China", after their call) is theirs. Noted when so."""
    if not any(
        m.status == "held" and _people_within(plan, m) and _people_within(m, plan) for m in meetings
    ):
        return False
    sentence = src.article.text[span.start : span.end]
    language = src.grounding.language
    done = before_plan(sentence, language)
    names = [p.name for p in plan.participants]
    if not (told_as_done(done, language) and all(names_one_of(done, [n]) for n in names)):
        return False
    others = _named_in(sentence[len(done) :], names, src)
    if not others:
        return False
    src.notes.append(
        f"plans at {span.start}: {' and '.join(p.name for p in plan.participants)} met in this "
        f"sentence; what it prepares is of {', '.join(map(repr, others))}: dropped"
    )
    return True


def announced_as_told(src: ArticleState, meetings: list[Meeting]) -> list[Meeting]:
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
                    for a, b in src.sentences
                    if names_one_of(text[a:b], names)
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


def _leaders_plan(src: ArticleState, span: Span, listed: list[Meeting]) -> list[Meeting]:
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
    meeting = meeting_from(item, src, plan=span)
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


def _people_within(a: Meeting, b: Meeting) -> bool:
    """Whether every person of `a` is someone of `b`."""
    return all(any(same_person(x.name, y.name) for y in b.participants) for x in a.participants)
