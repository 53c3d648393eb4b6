"""The seeds' three meetings of Lavrov and Wang Yi, merged from the replayed briefs; summaries
replayed too. (004 also reports Wang Yi's meeting with Jaishankar; the model left it out of its
answer on this recording, see EVALUATION.md.)"""

from __future__ import annotations

from datetime import date

import pytest

from summarizer import MeetingRecord, Summarizer
from summarizer.embedded import MODEL_ALIAS
from summarizer.merge import template_summary
from summarizer.names import same_person
from summarizer.questions import RecordSummaryAnswer
from summarizer.synthesis import facts_text

RIO, JOBURG, BEIJING = (
    ("000_90cea018b8dc4cf0", "004_2ff3d2902ccdc45c"),
    ("002_cf793b93e251b79b",),
    ("001_a426523f9bff1c04", "003_380a0c385a6d10f3"),
)
LAVROV_WANG = (RIO, JOBURG, BEIJING)


@pytest.fixture(scope="module")
def records(llm, briefs, cassettes) -> dict[tuple[str, ...], MeetingRecord]:
    seed_briefs = briefs.all()
    with cassettes("merge_seeds.yaml"):
        merged = Summarizer(llm=llm).merge(seed_briefs)
    return {tuple(s.article_id for s in r.sources): r for r in merged}


def test_exactly_three_meetings_with_the_right_sources(records):
    assert sorted(records) == sorted(LAVROV_WANG)


def test_rio_de_janeiro_g20_november_2024(records):
    r = records[RIO]
    assert (r.location.city, r.location.country, r.forum) == ("Rio de Janeiro", "Brazil", "G20")
    assert r.date.start and r.date.end
    assert date(2024, 11, 1) <= r.date.start <= r.date.end <= date(2024, 11, 30)
    (lavrov,) = [s for s in r.statements if s.quote.startswith("We are truly")]
    assert same_person(lavrov.speaker, "Sergey Lavrov")
    assert [s.article_id for s in lavrov.sources] == list(RIO)


def test_johannesburg_g20_foreign_ministers_2025_02_20(records):
    r = records[JOBURG]
    assert (r.date.iso, r.location.city, r.forum) == ("2025-02-20", "Johannesburg", "G20")
    assert r.meeting_id == "2025-02-20-johannesburg-sergei-lavrov-wang-yi"


def test_beijing_2025_07_13_with_the_undated_report_joined(records):
    r = records[BEIJING]
    assert (r.date.iso, r.location.city, r.forum) == ("2025-07-13", "Beijing", "SCO")
    assert {v.value for v in r.provenance["date"]} == {"2025-07-13", "a Sunday"}
    assert r.conflicts == []


def test_every_lavrov_wang_record_has_both_ministers_with_their_spellings(records):
    for r in (records[key] for key in LAVROV_WANG):
        names = [p.name for p in r.participants]
        assert len(names) == 2
        assert any(same_person(n, "Sergei Lavrov") for n in names)
        assert any(same_person(n, "Wang Yi") for n in names)
    lavrov = next(p for p in records[RIO].participants if "Lavrov" in p.name)
    assert lavrov.spellings == ["Sergey Lavrov"]
    assert lavrov.sources == list(RIO)


def test_the_reference_that_cannot_fit_the_date_is_flagged(records):
    problems = records[BEIJING].inconsistencies
    assert {p.article_id for p in problems} == {"003_380a0c385a6d10f3"}
    assert any("G20 in Rio de Janeiro" in p.problem for p in problems)
    # No seed record establishes the BRICS summit in Kazan, and there is no hand-kept table
    # of summits any more: only the G20 in Rio (the Rio record's own event) is flagged.
    assert not any("BRICS in Kazan" in p.problem for p in problems)
    assert all(not r.inconsistencies for key, r in records.items() if key != BEIJING)


def test_summaries_name_nothing_absent_from_the_facts(records):
    """A model summary passes the checks; where the model failed them on every re-ask (Rio
    and Johannesburg on this recording) the record keeps the template summary and says so."""
    for r in records.values():
        if r.summary_by == MODEL_ALIAS:
            RecordSummaryAnswer.model_validate(
                {"summary": r.summary}, context={"facts": facts_text(r)}
            )
        else:
            assert r.summary_by == "template" and r.summary == template_summary(r)
            assert r.summary_usage.reasks >= 1 and r.notes
    assert MODEL_ALIAS in {r.summary_by for r in records.values()}
