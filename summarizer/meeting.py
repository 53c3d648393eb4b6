"""One entry of an answer -> a `Meeting` as the article supports it. Calls no model.

Its people, place (city, country, venue; a visit with no place is in its host's country),
forum (checked against where and when the article says it met), mode (visit, sidelines,
call), status (held or announced) and date (the report sentence's words, resolved against
the publication date), each read again from the text where the answer is wrong or silent;
what is dropped or read otherwise is noted on the article's state.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from typing import Literal

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
    venue_city,
)
from summarizer.metadata import (
    DATELINE_CITY,
)
from summarizer.names import (
    fold_token,
    named_in,
    same_person,
    text_tokens,
)
from summarizer.questions import (
    MeetingItem,
    PersonAnswer,
    unnamed_gathering,
)
from summarizer.schema import (
    DateInfo,
    Location,
    Meeting,
    Mode,
    Participant,
    Span,
    Status,
)
from summarizer.state import KNOWN_CITY, ArticleState, names_one_of, sentence_at
from summarizer.tense import (
    after_earlier_encounter,
    after_relation,
    before_plan,
    future_only,
    plan_before,
    prepares_another,
    relates_to_another,
    speaks_of_future,
    told_as_done,
)
from summarizer.text import (
    any_han_script,
    find_all_normalized,
    norm,
    sentence_spans,
)

# Words that report a meeting or a call, in the languages of the development corpus: here,
# whether a sentence tells of one; in brief.py, the paragraphs of a long article that hold
# them are the passages the `meetings` question sees.
MEETING_CUE = re.compile(
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


def with_blanks(
    item: MeetingItem,
    people: list[PersonAnswer],
    problems: dict[str, str],
    src: ArticleState,
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


def meeting_from(item: MeetingItem, src: ArticleState, plan: Span | None = None) -> Meeting:
    """A checked meeting item as the brief keeps it: names, place, forum, date, how they met
    and whether it was held, each resolved by code, in that order of steps. An item read from
    a `plan` sentence (see `ask_plans`) is reported there, and announced."""
    participants = _participants(item, src)
    names = [p.name for p in participants]
    evidence = plan or report_sentence(src, names)
    sentence = src.article.text[evidence.start : evidence.end] if evidence else ""
    date = meeting_date(
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
    mode = meeting_mode(src, names, sentence, forum)
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


def _participants(item: MeetingItem, src: ArticleState) -> list[Participant]:
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


def _ahead_of(date: DateInfo, src: ArticleState) -> bool:
    """Whether `date` is after the article's publication date."""
    published = src.meta.published
    return published is not None and date.start is not None and date.start > published


def _transcript_date(item: MeetingItem, src: ArticleState, date: DateInfo) -> DateInfo:
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
    item: MeetingItem, src: ArticleState, evidence: Span | None, date: DateInfo
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


def _hosts_country(src: ArticleState, names: list[str]) -> Country | None:
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
    item: MeetingItem, src: ArticleState, participants: list[Participant], location: Location
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
    item: MeetingItem, src: ArticleState, near: tuple[int, int] | None
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


def _sentences_naming(src: ArticleState, phrase: str) -> list[tuple[int, int]]:
    """The body's sentences that name `phrase` as whole words ("Lima", not "climate")."""
    text = src.article.text
    starts = [
        a
        for a, b in find_all_normalized(phrase, src.index)
        if not (a > 0 and text[a - 1].isalnum()) and not (b < len(text) and text[b].isalnum())
    ]
    if not starts:
        return []
    return [(x, y) for x, y in src.sentences if any(x <= start < y for start in starts)]


def _recorded_here(src: ArticleState, names: list[str]) -> bool:
    """Whether the article is the transcript of this meeting itself: two of its participants
    speak turns of it ("PRESIDENT BIDEN:", "PRESIDENT XI:"), so it was held where and when
    the transcript was made, and every other date the speakers name is another event's."""
    speaking = sum(any(names_one_of(turn, [name]) for turn in src.turns) for name in names)
    return speaking >= 2


def _recorded_at(src: ArticleState) -> str | None:
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


def _dated_apart(forum: str, date: DateInfo, src: ArticleState) -> bool:
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


def _every_mention(forum: str, src: ArticleState, holds: Callable[[int, int, int], bool]) -> bool:
    """Whether the article names the forum (as a known body's mentions, else as written) and
    `holds(start, a, b)` for each mention at `start`, in its sentence text[a:b]."""
    spans = forum_mentions(forum, src.article.text)
    if spans is None:
        spans = find_all_normalized(forum, src.index)
    if not spans:
        return False
    for start, _end in spans:
        sentence = sentence_at(src, start)
        if sentence is None or not holds(start, *sentence):
            return False
    return True


def _prepared_only(forum: str, src: ArticleState) -> bool:
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


def report_sentence(src: ArticleState, names: list[str]) -> Span | None:
    """The first sentence of the body that names every participant (at least two), read by
    code: where the meeting is reported, and what its mode and status are read from."""
    spans = _naming_sentences(src, names)
    every = [span for span, all_named in spans if all_named]
    return every[0] if every else (spans[0][0] if spans else None)


def _naming_sentences(src: ArticleState, names: list[str]) -> list[tuple[Span, bool]]:
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
    for start, end in src.sentences:
        sentence = text[start:end]
        tokens = text_tokens(sentence)
        named = sum(named_in(name, sentence, tokens) for name in names)
        if named >= need:
            found.append((Span(start=start, end=end), named >= len(names)))
    return found


def meeting_mode(src: ArticleState, names: list[str], sentence: str, forum: str | None) -> Mode:
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


def _location(item: MeetingItem, src: ArticleState) -> Location:
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
    if tells_of_call(sentence):
        return "phone"
    if forum or _SIDELINES.search(sentence):
        return "sidelines"
    if _VISIT.search(sentence):
        return "visit"
    return "other"


def tells_of_call(text: str) -> bool:
    """Whether `text` tells of a phone or video call: in so many words (`_PHONE`), or as "a
    call" (`_BARE_CALL`) in the sense of a conversation, not of an appeal someone heeds or
    rejects (`_APPEAL_BEFORE`)."""
    return bool(_PHONE.search(text)) or any(
        not _APPEAL_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        for m in _BARE_CALL.finditer(text)
    )


def _status(item: MeetingItem, sentence: str, date: DateInfo, src: ArticleState) -> Status:
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


def _told_as_past(item: MeetingItem, src: ArticleState) -> bool:
    """Whether a sentence naming every participant tells of the meeting in the past ("Trump
    called Zelenskyy after speaking with Putin"), where the first one that names them speaks
    of another, future meeting ("... planned to meet with Putin ... without Zelenskyy")."""
    text = src.article.text
    return any(
        all_named and told_as_done(text[span.start : span.end], src.grounding.language)
        for span, all_named in _naming_sentences(src, [p.name for p in item.participants])
    )


def _told_as_done_only(item: MeetingItem, src: ArticleState) -> bool:
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


def meeting_date(
    when: str | None,
    src: ArticleState,
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


def _written_whole_elsewhere(src: ArticleState, mention: DateMention) -> DateInfo | None:
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


def _stamp_line(src: ArticleState, span: Span) -> bool:
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


def _another_events_date(src: ArticleState, span: Span, people: list[str], *, held: bool) -> bool:
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
    return rest is not None and not names_one_of(rest, people)


def _prepared_date(src: ArticleState, span: Span, value: DateInfo) -> bool:
    """Whether the date at `span` (its `value`), after the publication date, follows words of
    its sentence that prepare another meeting (`tense.prepares_another`): a meeting told as
    held is not dated by the meeting it sets the stage for."""
    if not _ahead_of(value, src):
        return False
    sentence = sentence_at(src, span.start)
    start = sentence[0] if sentence is not None else span.start
    before = src.article.text[start : span.start]
    return prepares_another(before, src.grounding.language)


def _date_sentences(
    src: ArticleState, evidence: Span | None, people: list[str]
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
            and names_one_of(text[a:b], people)
            and (tied or not _reports_another_meeting(text[a:b], people, language))
        ]
        found += [(anchor.start, anchor.end), *reversed(earlier)]
    return found


def _reports_another_meeting(sentence: str, people: list[str], language: str | None) -> bool:
    """Whether `sentence` tells of a meeting held that does not name all of `people`."""
    return (
        MEETING_CUE.search(sentence) is not None
        and told_as_done(sentence, language)
        and not all(names_one_of(sentence, [person]) for person in people)
    )
