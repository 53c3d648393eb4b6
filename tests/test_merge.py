"""Merging hand-built briefs: no model, no HTTP, milliseconds each."""

from __future__ import annotations

from datetime import date
from hashlib import sha256

from hypothesis import example, given, settings
from hypothesis import strategies as st

import summarizer.merge as merge_module
from summarizer import merge_briefs
from summarizer.merge import MAX_ID_CHARS
from summarizer.schema import (
    ArticleBrief,
    BackgroundEvent,
    DateInfo,
    Location,
    Meeting,
    Participant,
    Provenance,
    Span,
    Statement,
)
from summarizer.store import safe_name

LAVROV = Participant(name="Sergei Lavrov", role="Foreign Minister", country="Russia")
LAVROV_Y = Participant(name="Sergey Lavrov", role="Foreign Minister", country="Russia")
WANG = Participant(name="Wang Yi", role="Foreign Minister", country="China")


def day(iso: str) -> DateInfo:
    d = date.fromisoformat(iso)
    return DateInfo(iso=iso, precision="day", start=d, end=d, basis="stated")


def brief(
    article_id: str,
    when: DateInfo,
    *,
    city: str | None = "Beijing",
    country: str | None = "China",
    forum: str | None = "SCO",
    people: tuple[Participant, ...] = (LAVROV, WANG),
    status: str = "held",
    statements: tuple[Statement, ...] = (),
    background: tuple[BackgroundEvent, ...] = (),
    topics: tuple[str, ...] = ("Ukraine",),
) -> ArticleBrief:
    meeting = Meeting(
        participants=list(people),
        date=when,
        location=Location(city=city, country=country),
        forum=forum,
        mode="sidelines" if forum else "visit",
        status=status,  # type: ignore[arg-type]
        topics=list(topics),
        statements=list(statements),
    )
    return ArticleBrief(
        article_id=article_id,
        source_sha256=article_id * 4,
        headline=f"Headline {article_id}",
        outlet="Outlet",
        published=None,
        reports_meeting=True,
        meetings=[meeting],
        background=list(background),
        summary="s",
        provenance=Provenance(model="m", backend="b", fingerprint={}),
    )


def merge(briefs):
    return merge_briefs(briefs, summaries=False)


def test_the_same_pair_on_two_dates_are_two_records():
    records = merge([brief("a", day("2025-07-13")), brief("b", day("2025-02-20"))])
    assert len(records) == 2
    assert [r.meeting_id for r in records] == [
        "2025-02-20-beijing-sergei-lavrov-wang-yi",
        "2025-07-13-beijing-sergei-lavrov-wang-yi",
    ]


def test_spelling_variants_are_one_participant_with_both_spellings():
    records = merge(
        [
            brief("a", day("2025-07-13"), people=(LAVROV, WANG)),
            brief("b", day("2025-07-13"), people=(LAVROV_Y, WANG)),
            brief("c", day("2025-07-13"), people=(LAVROV_Y, WANG)),
        ]
    )
    assert len(records) == 1
    lavrov = next(p for p in records[0].participants if "Lavrov" in p.name)
    assert lavrov.name == "Sergey Lavrov"  # most sources spell it so
    assert lavrov.spellings == ["Sergei Lavrov", "Sergey Lavrov"]
    assert lavrov.sources == ["a", "b", "c"]
    assert records[0].source_count == 3


def test_sources_disagreeing_on_the_date_keep_both_values_and_flag_it():
    records = merge([brief("a", day("2025-07-13")), brief("b", day("2025-07-14"))])
    assert len(records) == 1
    (conflict,) = [c for c in records[0].conflicts if c.field == "date"]
    assert {(v.value, tuple(v.sources)) for v in conflict.values} == {
        ("2025-07-13", ("a",)),
        ("2025-07-14", ("b",)),
    }
    assert records[0].date.iso == "2025-07-13"  # tie: the first article


def test_sources_disagreeing_on_the_city_keep_both_values_and_flag_it():
    records = merge(
        [
            brief("a", day("2025-07-13"), city="Beijing"),
            brief("b", day("2025-07-13"), city="Tianjin"),
            brief("c", day("2025-07-13"), city="Tianjin"),
        ]
    )
    assert len(records) == 1
    (conflict,) = [c for c in records[0].conflicts if c.field == "city"]
    assert [(v.value, v.sources) for v in conflict.values] == [
        ("Tianjin", ["b", "c"]),
        ("Beijing", ["a"]),
    ]
    assert records[0].location.city == "Tianjin"
    assert records[0].provenance["city"] == conflict.values


def test_dates_far_apart_or_other_countries_are_other_meetings():
    assert len(merge([brief("a", day("2025-07-13")), brief("b", day("2025-07-20"))])) == 2
    other_country = brief("b", day("2025-07-13"), city="Moscow", country="Russia")
    assert len(merge([brief("a", day("2025-07-13")), other_country])) == 2


def test_an_announced_meeting_never_becomes_a_record():
    assert merge([brief("a", day("2025-09-01"), status="announced")]) == []


def test_a_recalled_background_event_never_becomes_a_record():
    recalled = BackgroundEvent(
        text="In May 2024, Putin and Xi Jinping met in Beijing.",
        span=Span(start=0, end=10),
        date=DateInfo(
            iso="2024-05",
            precision="month",
            start=date(2024, 5, 1),
            end=date(2024, 5, 31),
            basis="stated",
        ),
        relation="before",
    )
    records = merge([brief("a", day("2025-07-13"), background=(recalled,))])
    assert len(records) == 1
    assert {p.name for p in records[0].participants} == {"Sergei Lavrov", "Wang Yi"}


def test_an_undated_report_joins_the_dated_meeting_it_fits_not_another():
    undated_sunday = DateInfo(precision="unknown", weekday="sunday", phrase="on Sunday")
    records = merge(
        [
            brief("dated", day("2025-07-13")),  # a Sunday
            brief("undated", undated_sunday),
            brief(
                "feb", day("2025-02-20"), city="Johannesburg", country="South Africa", forum="G20"
            ),
        ]
    )
    assert [sorted(s.article_id for s in r.sources) for r in records] == [
        ["feb"],
        ["dated", "undated"],
    ]
    assert records[1].date.iso == "2025-07-13"


def _with_mode(made: ArticleBrief, mode: str) -> ArticleBrief:
    meeting = made.meetings[0].model_copy(update={"mode": mode})
    return made.model_copy(update={"meetings": [meeting]})


def test_an_undated_call_does_not_join_the_meeting_in_person_of_the_same_pair():
    undated = DateInfo(precision="unknown")
    met = brief("met", day("2022-11-14"), city="Bali", country="Indonesia", forum=None)
    call = _with_mode(brief("call", undated, city=None, country=None, forum=None), "phone")
    records = merge([met, call])
    assert sorted(sorted(s.article_id for s in r.sources) for r in records) == [["call"], ["met"]]
    other = _with_mode(brief("other", undated, city=None, country=None, forum=None), "other")
    records = merge([met, other])  # a report that does not tell how they met may join
    assert [sorted(s.article_id for s in r.sources) for r in records] == [["met", "other"]]
    dated = brief("dated", day("2022-11-14"), city="Bali", country="Indonesia", forum=None)
    records = merge([met, _with_mode(dated, "phone")])  # the same day: one mode is wrong
    assert [sorted(s.article_id for s in r.sources) for r in records] == [["dated", "met"]]


def test_an_undated_report_joins_the_meeting_it_agrees_with_on_most_fields():
    undated = DateInfo(precision="unknown")
    records = merge(
        [
            brief("call", day("2024-04-02"), city=None, country=None, forum=None),
            brief("summit", day("2023-11-15"), city="Woodside", country="United States"),
            brief("report", undated, city="Woodside", country="United States"),
        ]
    )
    assert sorted(sorted(s.article_id for s in r.sources) for r in records) == [
        ["call"],
        ["report", "summit"],
    ]


def test_an_undated_report_that_fits_two_meetings_equally_is_placed_in_neither():
    undated = DateInfo(precision="unknown")
    records = merge(
        [
            brief("a", day("2023-11-15"), city=None, country=None, forum=None),
            brief("b", day("2024-04-02"), city=None, country=None, forum=None),
            brief("c", undated, city=None, country=None, forum=None),
        ]
    )
    assert sorted(sorted(s.article_id for s in r.sources) for r in records) == [
        ["a"],
        ["b"],
        ["c"],
    ]


def test_cities_are_compared_as_places_across_languages():
    records = merge(
        [
            brief("en", day("2022-11-08"), city="Moscow", country="Russia", forum=None),
            brief("de", day("2022-11-08"), city="Moskau", country="Russia", forum=None),
            brief("ru", day("2022-11-08"), city="Москва", country="Russia", forum=None),
        ]
    )
    assert len(records) == 1
    assert records[0].location.city == "Moscow"  # one spelling each: GeoNames' name wins
    assert records[0].provenance["city"][0].sources == ["de", "en", "ru"]
    assert not any(c.field == "city" for c in records[0].conflicts)


def test_a_report_naming_one_side_does_not_keep_out_one_naming_both():
    rubio = Participant(name="Marco Rubio", country="United States")
    ushakov = Participant(name="Yuri Ushakov", country="Russia")
    dmitriev = Participant(name="Kirill Dmitriev", country="Russia")
    riyadh = {"city": "Riyadh", "country": "Saudi Arabia", "forum": None}
    for both, one_side, other in (("a", "b", "c"), ("c", "a", "b"), ("b", "c", "a")):
        records = merge(
            [
                brief(both, day("2025-02-18"), people=(rubio, LAVROV, ushakov), **riyadh),
                brief(one_side, day("2025-02-18"), people=(LAVROV, ushakov), **riyadh),
                brief(other, day("2025-02-18"), people=(rubio, ushakov, dmitriev), **riyadh),
            ]
        )
        assert len(records) == 1, (both, one_side, other)


def test_a_dated_report_fitting_two_meetings_equally_joins_one_whatever_the_ids():
    for ids in (("a", "b", "c"), ("c", "a", "b"), ("b", "c", "a")):
        riyadh, jeddah, report = ids
        records = merge(
            [
                brief(riyadh, day("2025-02-18"), city="Riyadh", country="Saudi Arabia"),
                brief(jeddah, day("2025-02-21"), city="Jeddah", country="Saudi Arabia"),
                brief(report, day("2025-02-19"), city=None, country="Saudi Arabia"),
            ]
        )
        assert len(records) == 2, ids


def test_a_record_that_names_a_forum_they_met_at_is_sidelines_though_most_say_visit():
    records = merge(
        [
            brief("a", day("2023-11-15"), forum="APEC"),
            brief("b", day("2023-11-15"), forum=None),
            brief("c", day("2023-11-15"), forum=None),
        ]
    )
    (record,) = records
    assert (record.forum, record.mode) == ("APEC", "sidelines")
    (record,) = merge([brief("b", day("2023-11-15"), forum=None)])
    assert record.mode == "visit"


def test_names_in_another_alphabet_with_no_english_form_join_by_their_reading():
    biden = Participant(name="Joe Biden", country="United States")
    xi = Participant(name="Xi Jinping", country="China")
    korean = (Participant(name="바이든"), Participant(name="시진핑"))
    woodside = {"city": "Woodside", "country": "United States", "forum": "APEC"}
    records = merge(
        [
            brief("en", day("2023-11-15"), people=(biden, xi), **woodside),
            brief("ko", day("2023-11-15"), people=korean, **woodside),
        ]
    )
    (record,) = records
    assert {s.article_id for s in record.sources} == {"en", "ko"}
    other = (Participant(name="윤석열"), Participant(name="기시다"))  # Yoon and Kishida
    records = merge(
        [
            brief("en", day("2023-11-15"), people=(biden, xi), **woodside),
            brief("ko", day("2023-11-15"), people=other, **woodside),
        ]
    )
    assert len(records) == 2


def test_a_weekday_that_does_not_fit_keeps_them_apart():
    undated_wednesday = DateInfo(precision="unknown", weekday="wednesday", phrase="on Wednesday")
    assert len(merge([brief("a", day("2025-07-13")), brief("b", undated_wednesday)])) == 2


def test_a_weekday_a_day_off_is_a_report_from_another_time_zone():
    # "Monday night" in Washington is Tuesday in Beijing: the undated report joins both
    monday_night = DateInfo(precision="unknown", weekday="monday", phrase="Monday night")
    (record,) = merge(
        [brief("us", day("2021-11-15")), brief("cn", day("2021-11-16")), brief("x", monday_night)]
    )
    assert {s.article_id for s in record.sources} == {"us", "cn", "x"}


def test_an_undated_report_joins_the_meeting_of_its_own_weekday_over_a_day_off():
    tuesday = DateInfo(precision="unknown", weekday="tuesday", phrase="on Tuesday")
    records = merge(
        [brief("feb", day("2025-02-12")), brief("mar", day("2025-03-18")), brief("x", tuesday)]
    )
    joined = next(r for r in records if any(s.article_id == "x" for s in r.sources))
    assert {s.article_id for s in joined.sources} == {"mar", "x"}


def test_a_statement_carried_by_two_sources_is_listed_once_with_both():
    quote = "We are truly at an unprecedented stage"
    s1 = Statement(
        speaker="Sergei Lavrov",
        quote=quote + ",",
        span=Span(start=5, end=44),
        by_participant=True,
        attributed_by="text",
    )
    s2 = Statement(
        speaker="Lavrov",
        quote=quote,
        span=Span(start=90, end=128),
        by_participant=True,
        attributed_by="model",
    )
    (record,) = merge(
        [
            brief("a", day("2025-07-13"), statements=(s1,)),
            brief("b", day("2025-07-13"), statements=(s2,)),
        ]
    )
    (statement,) = record.statements
    assert [(s.article_id, s.span.start) for s in statement.sources] == [("a", 5), ("b", 90)]


def test_a_future_reference_to_an_event_already_held_is_an_inconsistency():
    expected = BackgroundEvent(
        text="The pair are likely to meet again at the BRICS summit in Kazan in October.",
        span=Span(start=100, end=170),
        date=DateInfo(phrase="in October"),
        relation="unknown",
    )
    # Another record establishes the BRICS summit in Kazan (no hand-kept table of summits).
    kazan = brief(
        "k",
        day("2024-10-24"),
        city="Kazan",
        country="Russia",
        forum="BRICS",
        people=(LAVROV, Participant(name="Narendra Modi", role="Prime Minister", country="India")),
    )
    records = merge([brief("a", day("2025-07-13"), background=(expected,)), kazan])
    record = next(r for r in records if r.sources[0].article_id == "a")
    (problem,) = record.inconsistencies
    assert problem.article_id == "a"
    assert "BRICS in Kazan" in problem.problem and "2024-10-24" in problem.problem


def test_without_a_record_of_the_event_nothing_is_flagged():
    expected = BackgroundEvent(
        text="The pair are likely to meet again at the BRICS summit in Kazan in October.",
        span=Span(start=100, end=170),
        date=DateInfo(phrase="in October"),
        relation="unknown",
    )
    (record,) = merge([brief("a", day("2025-07-13"), background=(expected,))])
    assert record.inconsistencies == []


BRIEFS = [
    brief("a", day("2025-07-13")),
    brief("b", DateInfo(precision="unknown", weekday="sunday")),
    brief("c", day("2025-02-20"), city="Johannesburg", country="South Africa", forum="G20"),
    brief("d", day("2025-07-14"), people=(LAVROV_Y, WANG)),
    brief("e", DateInfo(precision="unknown"), city=None, country="Brazil", forum="G20"),
    brief("f", day("2024-11-18"), city="Rio de Janeiro", country="Brazil", forum="G20"),
]


@settings(max_examples=60, deadline=None)
@given(st.permutations(BRIEFS))
def test_any_order_gives_the_same_records(order):
    assert merge(order) == merge(BRIEFS)


def test_reports_in_two_languages_join_by_the_english_forms_of_names_spelled_apart():
    # Written apart (Cyrillic; French "Poutine"), the English forms agree: one person, one
    # record, shown by the spelling the sources bear out most.
    putin_ru = Participant(name="Владимир Путин", english_name="Vladimir Putin")
    putin_fr = Participant(name="Vladimir Poutine", english_name="Vladimir Putin")
    xi_ru = Participant(name="Си Цзиньпин", english_name="Xi Jinping")
    xi = Participant(name="Xi Jinping")
    at_kazan = {"city": "Kazan", "country": "Russia", "forum": "BRICS"}
    records = merge(
        [
            brief("ru", day("2024-10-22"), people=(putin_ru, xi_ru), **at_kazan),
            brief("fr", day("2024-10-22"), people=(putin_fr, xi), **at_kazan),
        ]
    )
    assert len(records) == 1
    assert sorted(p.name for p in records[0].participants) == ["Vladimir Putin", "Xi Jinping"]


def test_a_name_the_model_put_in_english_wrongly_joins_its_person_by_its_written_form():
    # "Стив Уиткофф" given the English form "Steve Uittoff": no source names both him and
    # Steve Witkoff, and the written name reads as Witkoff: one person, shown as "Steve Witkoff".
    ru = (
        Participant(name="Марко Рубио", english_name="Marco Rubio"),
        Participant(name="Сергей Лавров", english_name="Sergey Lavrov"),
        Participant(name="Стив Уиткофф", english_name="Steve Uittoff"),
    )
    en = (
        Participant(name="Marco Rubio"),
        Participant(name="Sergey Lavrov"),
        Participant(name="Steve Witkoff"),
    )
    records = merge(
        [
            brief(name, day("2025-02-18"), people=people, city="Riyadh", country="Saudi Arabia")
            for name, people in (("ru", ru), ("en", en), ("en2", en))
        ]
    )
    (record,) = records
    assert [p.name for p in record.participants] == [
        "Marco Rubio",
        "Sergey Lavrov",
        "Steve Witkoff",
    ]
    witkoff = record.participants[2]
    assert witkoff.sources == ["en", "en2", "ru"] and "Стив Уиткофф" in witkoff.spellings


def test_two_people_one_source_names_side_by_side_stay_two_however_alike():
    alike = (
        Participant(name="Li Qiang"),
        Participant(name="Li Keqiang"),
        Participant(name="Wang Yi"),
    )
    (record,) = merge([brief("a", day("2025-02-18"), people=alike)])
    assert len(record.participants) == 3


def test_a_wrong_english_form_from_the_model_does_not_hide_a_name_that_reads_alike():
    macron = Participant(name="Emmanuel Macron", country="France")
    xi = Participant(name="Xi Jinping", country="China")
    chinese = (
        Participant(name="习近平", english_name="Xi Jinping", english_name_by="model"),
        Participant(name="马克龙", english_name="Maurice de Montaigne", english_name_by="model"),
    )
    guangzhou = {"city": "Guangzhou", "country": "China"}
    (record,) = merge(
        [
            brief("fr", day("2023-04-07"), people=(macron, xi), **guangzhou),
            brief("zh", day("2023-04-07"), people=chinese, **guangzhou),
        ]
    )
    # one Macron, named as the article wrote him, not as the model guessed
    assert sorted(p.name for p in record.participants) == ["Emmanuel Macron", "Xi Jinping"]


def test_a_mode_one_source_gives_wins_over_sources_that_say_nothing_of_how():
    said = brief("a", day("2023-06-19"), forum=None)  # mode "visit"
    silent = [brief(n, day("2023-06-19"), forum=None) for n in ("b", "c")]
    silent = [
        b.model_copy(update={"meetings": [b.meetings[0].model_copy(update={"mode": "other"})]})
        for b in silent
    ]
    (record,) = merge([said, *silent])
    assert record.mode == "visit"
    assert [v.sources for v in record.provenance["mode"]] == [["a"]]


def test_a_visit_to_two_cities_of_one_country_on_neighbouring_days_is_one_meeting():
    beijing = brief("a", day("2023-04-06"), city="Beijing", forum=None)
    guangzhou = brief("b", day("2023-04-07"), city="Guangzhou", forum=None)
    (record,) = merge([beijing, guangzhou])
    assert {c.field for c in record.conflicts} == {"date", "city"}  # both values kept
    later = brief("c", day("2023-04-09"), city="Guangzhou", forum=None)
    assert len(merge([beijing, later])) == 2  # days apart: date and city disagree
    moscow = brief("d", day("2023-04-07"), city="Moscow", country="Russia", forum=None)
    assert len(merge([beijing, moscow])) == 2  # another country


# --- briefs no run may fail on: dates at the calendar's ends, long meeting ids ---------------


def test_briefs_dated_at_the_ends_of_the_calendar_merge_with_the_others():
    # A stored brief saying "0001-01-01" (or 9999-12-31) made every merge of the folder raise
    # OverflowError: no record for any article, on every run.
    first_month = DateInfo(precision="month", start=date(1, 1, 1), end=date(1, 1, 31))
    last_week = DateInfo(precision="range", start=date(9999, 12, 27), end=date.max)
    records = merge(
        [
            brief("min", day("0001-01-01")),
            brief("max", day("9999-12-31")),
            brief("month", first_month, city="Moscow", country="Russia"),
            brief("week", last_week, city="Moscow", country="Russia"),
            brief("a", day("2025-07-13")),
        ]
    )
    assert [r.meeting_id for r in records] == [
        "0001-01-01-beijing-sergei-lavrov-wang-yi",
        "0001-01-moscow-sergei-lavrov-wang-yi",  # not "1-01-..." (strftime on glibc)
        "2025-07-13-beijing-sergei-lavrov-wang-yi",
        "9999-12-31-beijing-sergei-lavrov-wang-yi",
        "9999-12-moscow-sergei-lavrov-wang-yi",
    ]


GULF = (
    Participant(name="Sheikh Tamim bin Hamad Al Thani", country="Qatar"),
    Participant(name="Mohammed bin Salman bin Abdulaziz Al Saud", country="Saudi Arabia"),
    Participant(name="Hamad bin Isa Al Khalifa", country="Bahrain"),
    Participant(name="Mohamed bin Zayed Al Nahyan", country="United Arab Emirates"),
    Participant(name="Haitham bin Tariq Al Said", country="Oman"),
    Participant(name="Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah", country="Kuwait"),
)


def test_a_summit_of_six_long_names_gets_a_meeting_id_that_is_a_file_name(monkeypatch):
    # The id ran past the 200 characters a file name may have: writing the records failed
    # after every article was briefed, on every run.
    (record,) = merge([brief("a", day("2025-07-13"), people=GULF)])
    meeting_id = record.meeting_id
    assert safe_name(meeting_id) == meeting_id and len(meeting_id) <= MAX_ID_CHARS
    # the whole id cut after a word (a hyphen follows), then a hash of the whole id
    with monkeypatch.context() as patched:
        patched.setattr(merge_module, "MAX_ID_CHARS", 10_000)
        (whole,) = merge([brief("a", day("2025-07-13"), people=GULF)])
    full = whole.meeting_id
    assert len(full) > 200 and full.startswith("2025-07-13-beijing-haitham-bin-tariq-al-said-")
    head, digest = meeting_id.rsplit("-", 1)
    assert full.startswith(head + "-") and digest == sha256(full.encode()).hexdigest()[:10]
    # stable: the same meeting gets the same id in any order of its people, in any run
    (again,) = merge([brief("b", day("2025-07-13"), people=GULF[::-1])])
    assert again.meeting_id == meeting_id
    # unique: a summit that differs only in its last name (past the cut) has its own id
    other = (*GULF[:5], Participant(name="Sheikh Sabah Al-Khalid Al-Hamad Al-Sabah"))
    (second,) = merge([brief("c", day("2025-07-13"), people=other)])
    assert second.meeting_id != meeting_id and len(second.meeting_id) <= MAX_ID_CHARS


def test_two_long_ids_made_distinct_stay_file_names():
    # one id for two records (the same people, place and month): the second gets a number
    early = DateInfo(precision="range", start=date(2025, 7, 1), end=date(2025, 7, 2))
    late = DateInfo(precision="range", start=date(2025, 7, 20), end=date(2025, 7, 21))
    records = merge([brief("a", early, people=GULF), brief("b", late, people=GULF)])
    ids = [r.meeting_id for r in records]
    assert len(set(ids)) == 2
    assert all(safe_name(i) == i and len(i) <= MAX_ID_CHARS for i in ids)


# any text at all: a brief file may be edited by hand, and a model may answer anything
NAMES = st.text(min_size=1, max_size=60)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(NAMES, min_size=1, max_size=8, unique=True),
    st.one_of(st.none(), NAMES),
    st.one_of(st.none(), NAMES),
)
@example(names=["0", "."], city=None, country=None)  # a name of no letters: an empty token
def test_any_names_and_places_give_meeting_ids_that_are_file_names(names, city, country):
    people = tuple(Participant(name=n) for n in names)
    for record in merge([brief("a", day("2025-07-13"), people=people, city=city, country=country)]):
        assert safe_name(record.meeting_id) == record.meeting_id
        assert len(record.meeting_id) <= MAX_ID_CHARS
