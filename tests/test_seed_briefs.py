"""The five seed articles, end to end, replayed from cassettes recorded on the embedded model."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer import ArticleBrief, load_article
from summarizer.names import same_person
from summarizer.schema import Span
from tests.conftest import SEED_IDS, SEEDS


def _text(seed: str) -> str:
    return load_article(SEEDS / f"{seed}.txt").text


def _only_meeting(brief: ArticleBrief):
    """The article's one meeting of Lavrov and Wang Yi (004 also reports Wang's meeting
    with Jaishankar)."""
    assert brief.reports_meeting
    (meeting,) = [
        m
        for m in brief.meetings
        if m.status == "held"
        and {"lavrov", "wang"} <= {t for p in m.participants for t in p.name.lower().split()}
    ]
    return meeting


def _in_boilerplate(brief: ArticleBrief, span: Span) -> bool:
    return any(span.start < b.span.end and b.span.start < span.end for b in brief.boilerplate)


def test_publication_dates(briefs):
    assert briefs["004_2ff3d2902ccdc45c"].published == date(2024, 11, 19)
    assert briefs["001_a426523f9bff1c04"].published == date(2025, 7, 14)
    assert briefs["000_90cea018b8dc4cf0"].published is None
    assert briefs["002_cf793b93e251b79b"].published is None


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_quote_is_verbatim_at_its_offsets(briefs, seed):
    text = _text(seed)
    for meeting in briefs[seed].meetings:
        for statement in meeting.statements:
            assert text[statement.span.start : statement.span.end] == statement.quote
            assert not _in_boilerplate(briefs[seed], statement.span)


@pytest.mark.parametrize("seed", SEED_IDS)
def test_nothing_comes_from_boilerplate(briefs, seed):
    brief = briefs[seed]
    text = _text(seed)
    spans = [e.span for e in brief.background]
    for meeting in brief.meetings:
        spans += [o.span for o in meeting.outcomes]
        if meeting.date.phrase_span:
            spans.append(meeting.date.phrase_span)
            assert meeting.date.phrase is not None
            phrase = text[meeting.date.phrase_span.start : meeting.date.phrase_span.end]
            assert " ".join(phrase.split()) == " ".join(meeting.date.phrase.split())
    assert all(not _in_boilerplate(brief, span) for span in spans)


@pytest.mark.parametrize("seed", ["000_90cea018b8dc4cf0", "004_2ff3d2902ccdc45c"])
def test_unprecedented_stage_is_lavrovs(briefs, seed):
    meeting = _only_meeting(briefs[seed])
    quoted = [s for s in meeting.statements if s.quote.startswith("We are truly at an")]
    assert len(quoted) == 1
    assert same_person(quoted[0].speaker, "Sergei Lavrov")
    assert quoted[0].by_participant


@pytest.mark.parametrize("seed", SEED_IDS)
def test_lavrov_and_wang_yi_met(briefs, seed):
    names = [p.name for p in _only_meeting(briefs[seed]).participants]
    assert any(same_person(n, "Sergey Lavrov") for n in names)
    assert any(same_person(n, "Wang Yi") for n in names)


def test_sunday_resolved_against_publication_date(briefs):
    when = _only_meeting(briefs["001_a426523f9bff1c04"]).date
    assert (when.iso, when.precision, when.phrase) == ("2025-07-13", "day", "on Sunday")
    assert when.basis == "relative to publication date"


def test_sunday_without_publication_date_stays_unknown_but_keeps_the_weekday(briefs):
    when = _only_meeting(briefs["003_380a0c385a6d10f3"]).date
    assert when.iso is None and when.precision == "unknown"
    assert when.weekday == "sunday"


def test_stated_date(briefs):
    when = _only_meeting(briefs["002_cf793b93e251b79b"]).date
    assert (when.iso, when.precision, when.basis) == ("2025-02-20", "day", "stated")


def test_rio_meeting_falls_in_november_2024(briefs):
    when = _only_meeting(briefs["004_2ff3d2902ccdc45c"]).date
    assert when.start is not None and when.end is not None
    assert date(2024, 11, 1) <= when.start <= when.end <= date(2024, 11, 30)


@pytest.mark.parametrize(
    ("seed", "city", "forum"),
    [
        ("001_a426523f9bff1c04", "Beijing", "SCO"),
        ("002_cf793b93e251b79b", "Johannesburg", "G20"),
        ("003_380a0c385a6d10f3", "Beijing", "SCO"),
        ("004_2ff3d2902ccdc45c", "Rio de Janeiro", "G20"),
    ],
)
def test_place_and_forum(briefs, seed, city, forum):
    meeting = _only_meeting(briefs[seed])
    assert meeting.location.city == city
    assert meeting.forum == forum
    assert meeting.mode == "sidelines"


def test_a_remark_after_another_encounter_is_not_attributed_to_this_meeting(briefs):
    """004 also reports Wang Yi's meeting with Jaishankar, which the model left out of its
    answer on this recording: the quote after that report is then left out, not given to the
    Lavrov meeting (tests/test_meetings.py covers a reported second meeting)."""
    brief = briefs["004_2ff3d2902ccdc45c"]
    meeting = _only_meeting(brief)
    assert all("mutual trust" not in s.quote for m in brief.meetings for s in m.statements)
    assert meeting.mode == "sidelines"
    assert any("Jaishankar" in e.text for e in brief.background)


def test_background_is_dated_and_before_the_meeting(briefs):
    background = briefs["004_2ff3d2902ccdc45c"].background
    dated = [e for e in background if e.date.iso]
    assert {e.date.iso for e in dated} >= {"2022-02", "2024-05"}
    assert all(e.relation == "before" for e in dated)


def test_provenance_counts_every_call(briefs):
    for brief in briefs.all():
        usage = brief.provenance.usage
        assert usage.calls >= 2
        assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
        assert {"prompt meetings", "schema content", "settings", "pipeline"} <= set(
            brief.provenance.fingerprint
        )
