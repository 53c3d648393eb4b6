from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.dates import (
    STATED_KINDS,
    UNKNOWN,
    clamped,
    find_dates,
    parse_date_phrase,
    recent_window,
    shifted,
)
from summarizer.schema import WEEKDAYS, DateInfo


def day_of(day: date) -> DateInfo:
    return DateInfo(precision="day", start=day, end=day)


def after(value: DateInfo, reference: date) -> bool:
    """Whether a date falls after its reference: a meeting still to come."""
    return value.start is not None and value.start > reference


def test_explicit_forms():
    assert parse_date_phrase("on February 20, 2025", None).iso == "2025-02-20"
    assert parse_date_phrase("Monday, 14 July 2025", None).iso == "2025-07-14"
    assert parse_date_phrase("date 2024-11-19", None).iso == "2024-11-19"
    assert parse_date_phrase("28.02.2025", None).iso == "2025-02-28"
    assert parse_date_phrase("in February 2022", None).iso == "2022-02"


def test_relative_forms_need_a_reference():
    published = date(2025, 7, 14)  # a Monday
    assert parse_date_phrase("on Sunday", published).iso == "2025-07-13"
    assert parse_date_phrase("yesterday", published).iso == "2025-07-13"
    assert parse_date_phrase("In May this year", date(2024, 11, 19)).iso == "2024-05"
    assert parse_date_phrase("Last month", date(2024, 11, 19)).iso == "2024-10"
    assert parse_date_phrase("1,000 days ago", date(2024, 11, 19)).iso == "2022-02-23"
    assert parse_date_phrase("last week", published).iso == "2025-07-07/2025-07-13"
    unresolved = parse_date_phrase("on Sunday", None)
    assert unresolved.iso is None and unresolved.weekday == "sunday"


def test_invalid_calendar_date_is_unknown():
    assert parse_date_phrase("February 30, 2025", None).precision == "unknown"


def test_may_the_verb_is_not_a_month():
    assert find_dates("Moscow may press its case") == []
    assert [d.phrase for d in find_dates("In May 2024, they met")] == ["May 2024"]


def test_unknown_weekday_is_compatible_only_with_that_weekday():
    sunday = day_of(date(2025, 7, 13))
    monday = day_of(date(2025, 7, 14))
    hint = parse_date_phrase("on Sunday", None)
    assert hint.compatible(sunday) and sunday.compatible(hint)
    assert not hint.compatible(monday)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.sampled_from(WEEKDAYS))
def test_on_weekday_resolves_to_that_weekday_within_the_week_before(published, weekday):
    value = parse_date_phrase(f"on {weekday.title()}", published)
    assert value.start is not None
    assert WEEKDAYS[value.start.weekday()] == weekday
    assert published - timedelta(days=6) <= value.start <= published


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)))
def test_explicit_dates_round_trip(day):
    for phrase in (day.isoformat(), day.strftime("%B %d, %Y"), day.strftime("%d %B %Y")):
        assert parse_date_phrase(phrase, None).start == day


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)))
def test_recent_window_ends_on_publication(published):
    window = recent_window(published)
    assert window.end == published and window.start is not None and window.start < published
    assert window.compatible(day_of(published))


# --- any language, relative to the publication date ----------------------------------------

THU = date(2023, 11, 16)  # a Thursday


def iso(phrase, reference=THU, language=None):
    return parse_date_phrase(phrase, reference, language=language).iso


def test_month_day_without_a_year_takes_the_year_before_publication():
    assert iso("Wednesday morning, Nov. 15") == "2023-11-15"
    assert iso("Nov. 15") == "2023-11-15"
    assert iso("late on July.8") == "2023-07-08"
    assert iso("on Tuesday (March 18)") == "2023-03-18"
    assert iso("Nov. 30") == "2022-11-30"  # more than a few days after: last year's


def test_year_inference_around_new_year():
    assert iso("Dec. 30", date(2024, 1, 2)) == "2023-12-30"
    assert iso("on December 31", date(2024, 1, 1)) == "2023-12-31"
    assert iso("Jan. 3", date(2023, 12, 30)) == "2024-01-03"  # announced, a few days ahead
    assert after(parse_date_phrase("Jan. 3", date(2023, 12, 30)), date(2023, 12, 30))
    assert not after(parse_date_phrase("Dec. 30", date(2024, 1, 2)), date(2024, 1, 2))
    assert iso("in December", date(2024, 1, 5)) == "2023-12"


def test_a_few_days_after_publication_is_read_as_after_it():
    value = parse_date_phrase("Nov. 18", THU)
    assert value.iso == "2023-11-18" and after(value, THU)
    assert not after(parse_date_phrase("Nov. 15", THU), THU)


def test_ranges():
    assert iso("November 18-19, 2023", None) == "2023-11-18/2023-11-19"
    assert iso("January 26-27", date(2024, 2, 20)) == "2024-01-26/2024-01-27"
    assert iso("met on August 27\u201328", date(2024, 8, 28)) == "2024-08-27/2024-08-28"
    assert iso("18 and 19 November", date(2023, 11, 20)) == "2023-11-18/2023-11-19"
    assert iso("18 y 19 de noviembre", date(2023, 11, 20), "es") == "2023-11-18/2023-11-19"
    assert iso("1月26日至27日", date(2024, 1, 28), "zh") == "2024-01-26/2024-01-27"
    value = parse_date_phrase("November 18-19", THU)  # announced
    assert value.precision == "range" and after(value, THU)


def test_weekday_pairs_are_a_two_day_range():
    assert iso("The two-day talks on Friday and Saturday", date(2024, 2, 20)) == (
        "2024-02-16/2024-02-17"
    )
    assert iso("Friday and Saturday", date(2024, 1, 27)) == "2024-01-26/2024-01-27"
    assert iso("周五和周六", date(2024, 1, 27), "zh") == "2024-01-26/2024-01-27"


def test_relative_days_and_weeks():
    assert iso("two days ago") == "2023-11-14"
    assert iso("earlier this week") == "2023-11-13/2023-11-16"
    assert iso("last week") == "2023-11-06/2023-11-12"
    value = parse_date_phrase("next Thursday", THU)
    assert value.iso == "2023-11-23" and after(value, THU)


def test_a_weekday_on_the_publication_day_is_that_day():
    assert iso("on Thursday") == "2023-11-16"
    assert iso("jeudi", language="fr") == "2023-11-16"


@pytest.mark.parametrize(
    ("language", "phrase", "expected"),
    [
        ("fr", "le 14 juillet", "2023-07-14"),
        ("fr", "mardi", "2023-11-14"),
        ("fr", "mercredi 15 novembre", "2023-11-15"),
        ("fr", "ce jeudi 6 avril", "2023-04-06"),
        ("fr", "depuis hier", "2023-11-15"),
        ("fr", "il y a 3 jours", "2023-11-13"),
        ("es", "el martes", "2023-11-14"),
        ("es", "este miércoles", "2023-11-15"),
        ("es", "hoy", "2023-11-16"),
        ("es", "15 de noviembre del 2023", "2023-11-15"),
        ("pt", "nesta quarta-feira (15)", "2023-11-15"),
        ("pt", "ontem", "2023-11-15"),
        ("de", "am Dienstag", "2023-11-14"),
        ("de", "am 8. November", "2023-11-08"),
        ("de", "gestern", "2023-11-15"),
        ("de", "vor 2 Tagen", "2023-11-14"),
        ("ru", "в пятницу", "2023-11-10"),
        ("ru", "во вторник", "2023-11-14"),
        ("ru", "18 февраля", "2023-02-18"),
        ("ru", "вчера", "2023-11-15"),
        ("ko", "5일", "2023-11-05"),
        ("ko", "15일(현지시간)", "2023-11-15"),
        ("ko", "3월 5일", "2023-03-05"),
        ("ko", "어제", "2023-11-15"),
        ("ko", "금요일", "2023-11-10"),
        ("ja", "5日", "2023-11-05"),
        ("ja", "現地時間10月26日", "2023-10-26"),
        ("ja", "3月5日", "2023-03-05"),
        ("ja", "金曜日", "2023-11-10"),
        ("ja", "昨日", "2023-11-15"),
        ("zh", "3月5日", "2023-03-05"),
        ("zh", "当地时间10月22日下午", "2023-10-22"),
        ("zh", "5日", "2023-11-05"),
        ("zh", "星期五", "2023-11-10"),
        ("zh", "周五", "2023-11-10"),
        ("zh", "昨天", "2023-11-15"),
        ("zh", "上周", "2023-11-06/2023-11-12"),
        ("zh", "2023年11月15日", "2023-11-15"),
    ],
)
def test_date_phrases_in_the_articles_language(language, phrase, expected):
    assert iso(phrase, language=language) == expected


def test_a_day_of_the_month_alone_later_than_publication_is_last_month():
    assert iso("20日", date(2023, 11, 5), "zh") == "2023-10-20"
    assert iso("31일", date(2023, 12, 2), "ko") is None  # November has no 31st
    assert iso("4日", date(2023, 12, 2), "zh") == "2023-12-04"  # announced, two days ahead


def test_without_a_reference_the_weekday_is_kept():
    for phrase, language, weekday in [
        ("Wednesday morning, Nov. 15", None, "wednesday"),
        ("el martes", "es", "tuesday"),
        ("в пятницу", "ru", "friday"),
        ("周五", "zh", "friday"),
    ]:
        value = parse_date_phrase(phrase, None, language=language)
        assert value.precision == "unknown" and value.weekday == weekday, phrase


def test_precision_is_kept():
    assert parse_date_phrase("in October", THU).precision == "month"
    assert parse_date_phrase("en octobre", THU, language="fr").iso == "2023-10"
    assert parse_date_phrase("février 2022", None, language="fr").iso == "2022-02"
    assert parse_date_phrase("last month", THU).iso == "2023-10"
    assert parse_date_phrase("the talks", THU) == UNKNOWN


def test_find_dates_in_running_text_keeps_offsets_and_kinds():
    text = "Lavrov said on Tuesday that talks held on 18 February in Riyadh went well."
    mentions = find_dates(text)
    assert [(m.phrase, m.kind) for m in mentions] == [
        ("on Tuesday", "weekday"),
        ("18 February", "month_day"),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.phrase
    fr = find_dates("Le président s'est entretenu mardi avec son homologue.", language="fr")
    assert [m.phrase for m in fr] == ["mardi"]
    zh = find_dates("习近平10月22日下午在喀山会见普京。", language="zh")
    assert [(m.phrase, m.kind) for m in zh] == [("10月22日", "month_day")]


def test_words_that_only_look_like_dates_are_not_dates():
    assert find_dates("A segunda reunião foi produtiva.", language="pt") == []
    assert find_dates("They may meet again; 5 days of talks", language="en") == []
    assert find_dates("会谈持续了3日间", language="ja") == []


def test_english_stays_the_default_and_unknown_languages_fall_back_to_it():
    assert find_dates("le 14 juillet") == []
    assert iso("on Sunday", language="xx") == "2023-11-12"


def test_stated_kinds_need_no_reference():
    for phrase, language in [
        ("15 de noviembre del 2023", "es"),
        ("2023年11月15日", "zh"),
        ("8. November 2022", "de"),
        ("August 27-28, 2024", None),
    ]:
        (mention,) = find_dates(phrase, language=language)
        assert mention.kind in STATED_KINDS, phrase
        assert parse_date_phrase(phrase, None, language=language).start is not None


def test_find_dates_reads_every_date_of_a_long_text():
    # about 130,000 characters; its speed is benchmark f (benchmarks/dates_long.py)
    text = "Le ministre a rencontré mardi 15 novembre son homologue à Pékin. " * 2000
    assert len(find_dates(text, language="fr")) == 2000


def test_iso_is_derived_so_a_date_read_back_stays_consistent():
    value = parse_date_phrase("November 18-19, 2023", None)
    again = DateInfo.model_validate_json(value.model_dump_json())
    assert again == value and again.iso == "2023-11-18/2023-11-19"
    forged = DateInfo.model_validate({**value.model_dump(), "iso": "1999-01-01"})
    assert forged.iso == "2023-11-18/2023-11-19"


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("thanks for giving up your Sunday morning", "en", []),
        ("they could show up on a Sunday evening", "en", []),
        ("the two spoke one-on-one on Tuesday", "en", ["on Tuesday"]),
        ("in a Tuesday call with Putin", "en", ["Tuesday"]),
        ("after his Sunday meeting with Xi", "en", ["Sunday"]),
        ("ils se voient chaque lundi, et se sont vus le lundi 4 mars", "fr", ["le lundi 4 mars"]),
        ("se reunieron el lunes; se ven cada lunes", "es", ["el lunes"]),
    ],
)
def test_a_weekday_that_means_any_such_day_is_no_date(text, language, found):
    assert [m.phrase for m in find_dates(text, language=language)] == found


def test_years_are_read_as_numbers_and_relative_to_the_publication_date():
    from summarizer.dates import years_named

    def years(text: str, language: str = "en") -> list[int]:
        return years_named(text, 0, len(text), date(2024, 11, 16), language=language)

    assert years("The last time we met was in 2017, in Davos.") == [2017]
    assert years("One year ago, we met in San Francisco.") == [2023]
    assert years("Il y a deux ans, au sommet du G20.", "fr") == [2022]
    assert years("They met on 2024-11-16 at the summit.") == []
    assert years("their first formal talks in five years, and the first since 2019") == []
    assert years("The summit, attended by 2000 delegates, opened at 1900 GMT.") == []
    assert years("They pledged to meet the 2030 Agenda goals.") == []


def test_a_year_the_model_added_to_a_day_the_article_writes_without_one_is_the_articles_day():
    from summarizer.dates import same_date_in

    text = "L\u2019échange a eu lieu le 20 février, quatre jours avant la guerre."
    june = date(2022, 6, 30)
    found = same_date_in("on February 20, 2025", text, june, language="fr")
    assert found is not None and found.phrase == "20 février"
    assert same_date_in("on February 21, 2025", text, june, language="fr") is None
    twice = text + " Le 20 mars, ils se sont revus."
    assert same_date_in("on February 20, 2025", twice, june, language="fr") is not None
    assert same_date_in("on March 20, 2025", twice, june, language="fr") is not None
    # a day the article writes with its year is compared whole: another year is another day
    assert same_date_in("on June 1, 2021", "They met on June 1, 2022.", june) is None


def test_a_day_and_month_named_otherwise_is_the_articles_where_no_publication_date_gives_a_year():
    from summarizer.dates import same_date_in

    text = "En una reunión con Putin en Samarcanda el 16 de septiembre, le había dicho que no."
    found = same_date_in("on the 16 of September", text, None, language="es")
    assert found is not None and found.phrase == "16 de septiembre"
    assert same_date_in("September 16", text, None, language="es") is not None
    assert same_date_in("on the 17 of September", text, None, language="es") is None
    # a day or a month alone is no day and month
    assert same_date_in("in September", text, None, language="es") is None
    assert same_date_in("on Friday", text, None, language="es") is None
    # a day tied to another event is not the meeting's
    for tied in ("before September 16", "on Monday, days after the summit of September 16"):
        assert same_date_in(tied, text, None, language="es") is None, tied
        assert same_date_in(tied, text, date(2022, 9, 20), language="es") is None, tied
    held = "They met on Tuesday, November 7."
    assert same_date_in("Nov. 7", held, None).phrase == "on Tuesday, November 7."


# --- the ends of the calendar and years no news date has -----------------------------------

# Every reading that counts days from the reference: weekdays back and forward, weekday
# pairs, weeks, a grace period after it, the month before it, the year after it.
RELATIVE = (
    "on Sunday",
    "next Monday",
    "Friday and Saturday",
    "this week",
    "last week",
    "today",
    "yesterday",
    "two weeks ago",
    "in December",
    "December 30",
    "December 18-19",
    "December this year",
    "December next year",
    "5日",
    "3月5日",
)
NEAR_THE_ENDS = st.one_of(
    st.dates(max_value=date(1, 2, 15)), st.dates(min_value=date(9999, 11, 15))
)


@given(NEAR_THE_ENDS, st.sampled_from(RELATIVE))
def test_reading_near_the_ends_of_the_calendar_never_raises(reference, phrase):
    # a publication date of 0001-01-01 or 9999-12-31 overflowed (OverflowError, ValueError)
    value = parse_date_phrase(phrase, reference)
    assert (value.start is None) == (value.end is None)
    assert value.start is None or value.start <= value.end


def test_a_day_past_the_calendar_is_unknown_and_a_bound_stops_at_it():
    assert date.min.weekday() == 0  # a Monday: the Sunday before it does not exist
    before = parse_date_phrase("on Sunday", date.min)
    assert (before.iso, before.weekday) == (None, "sunday")
    assert parse_date_phrase("next Monday", date.max).iso is None
    assert parse_date_phrase("on Sunday", date.max).iso == "9999-12-26"
    assert parse_date_phrase("this week", date.max).iso == "9999-12-27/9999-12-31"
    assert parse_date_phrase("December 30", date.max).iso == "9999-12-30"
    assert recent_window(date.min).iso == "0001-01-01/0001-01-01"
    assert (shifted(date.max, 1), shifted(date.min, -1)) == (None, None)
    assert (clamped(date.max, 3), clamped(date.min, -3)) == (date.max, date.min)
    assert clamped(date(2025, 7, 13), -3) == shifted(date(2025, 7, 13), -3) == date(2025, 7, 10)


@pytest.mark.parametrize(
    "phrase",
    [
        "on 31 December 9999",
        "on December 31, 9999",
        "on 0001-01-01",
        "9999-12-31",
        "1 January 0001",
        "in December 9999",
        "9999年12月31日",
        "31.12.9999",
        "on 4 July 1776",
        "November 18-19, 2150",
    ],
)
def test_a_written_year_no_news_date_has_is_unknown_not_another_year(phrase):
    # "on 31 December 9999" was read as 31 December of the publication's year
    published = date(2025, 1, 2)
    assert parse_date_phrase(phrase, published).iso is None
    assert parse_date_phrase(phrase, None).iso is None
    # the whole phrase is one date, so no part of it is read as a date of its own (where the
    # number ends it: "March 5, 1500 soldiers" is a date and a count)
    (mention,) = find_dates(f"In Beijing they met {phrase}.")
    assert mention.phrase == phrase.removeprefix("on ").removeprefix("in ")


def test_the_years_of_news_dates_are_read_to_their_ends():
    assert iso("on 1 January 1800", None) == "1800-01-01"
    assert iso("31 December 2099", None) == "2099-12-31"
    assert iso("2099-12-31", None) == "2099-12-31"
    assert iso("on 31 December 1799", None) is None
    assert iso("Sunday, 31 December 9999") is None
    assert parse_date_phrase("Sunday, 31 December 9999", THU).weekday == "sunday"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("On March 5, 1500 soldiers marched", "March 5"),
        ("5 March 1200 protesters gathered", "5 March"),
        ("on 31 December 9999.", "31 December 9999"),
    ],
)
def test_a_number_after_a_date_is_a_count_unless_it_ends_the_phrase(text, phrase):
    assert [m.phrase for m in find_dates(text)] == [phrase]
