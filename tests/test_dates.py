from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from summarizer.dates import WEEKDAYS, DateValue, find_dates, parse_date_phrase, recent_window


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
    sunday = DateValue("day", date(2025, 7, 13), date(2025, 7, 13))
    monday = DateValue("day", date(2025, 7, 14), date(2025, 7, 14))
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
    assert window.compatible(DateValue("day", published, published))
