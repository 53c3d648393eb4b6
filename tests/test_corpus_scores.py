"""The embedded model's scores on the development corpus (all its articles), replayed offline
from cassettes (see tests/corpus_run.py). Each score must hold the figure measured
when the cassettes were recorded (EVALUATION.md): a change that makes the pipeline read real
articles worse fails here. The issues' targets, most not met yet, are in EVALUATION.md."""

from __future__ import annotations

import pytest

from summarizer import Summarizer
from summarizer.backend import LLM
from tests.conftest import Cassettes
from tests.corpus_run import ARTICLES, CorpusRun, corpus_run, gold_for

# The figures measured on the recording of all 100 articles (EVALUATION.md), rounded down; under
# the issues' targets (EVALUATION.md lists them) the gap is the open work of issues #10 and #11.
FLOORS: dict[str, float] = {
    "clustering_f1": 0.9,
    "participants_f1": 0.93,
    "date_match": 0.9,
    "city_match": 0.93,
    "country_match": 0.95,
    "forum_match": 0.97,
    "mode_match": 0.9,
    "announced_kept": 0.92,
    "quotes_right_speaker": 0.9,
}
# Scores that must be perfect whatever the model: they are code's or checked by code.
EXACT = {"quotes_verbatim": 1.0, "published_match": 1.0}


@pytest.fixture(scope="module")
def run(llm: LLM, cassettes: Cassettes) -> CorpusRun:
    return corpus_run(Summarizer(llm=llm), cassettes)


@pytest.mark.parametrize("score", sorted({**FLOORS, **EXACT}))
def test_a_score_holds_its_measured_floor(run, score):
    value = getattr(run.scores, score)
    assert value >= {**FLOORS, **EXACT}[score], f"{score} {value:.2f}"


# Articles that report no held meeting (previews, opinion pieces, a denial) but made a record
# on the recording: EVALUATION.md names them.
WRONG_RECORDS_AT_MOST = 2


def test_distractors_make_no_more_records_than_measured(run):
    assert len(run.scores.wrong_records) <= WRONG_RECORDS_AT_MOST, run.scores.wrong_records


def test_every_article_of_the_corpus_is_briefed(run):
    assert len(run.briefs) == len(ARTICLES)


# Of the 18 reports in other languages of meetings also reported in English, 15 join an
# English report of their meeting on the recording (EVALUATION.md says which do not and why).
JOINED_OTHER_LANGUAGE_REPORTS = 15


def test_reports_in_other_languages_join_the_english_reports_of_their_meeting(run):
    gold = gold_for(set(ARTICLES))
    english = {k for k, a in gold.articles.items() if a.category != "non-english"}
    mixed = [m for m in gold.meetings if set(m.sources) & english and set(m.sources) - english]
    assert mixed, "the corpus has a meeting reported in English and in another language"
    groups = [{s.article_id for s in r.sources} for r in run.records]
    joined = [
        other
        for meeting in mixed
        for other in set(meeting.sources) - english
        if any(other in group and group & set(meeting.sources) & english for group in groups)
    ]
    assert len(joined) >= JOINED_OTHER_LANGUAGE_REPORTS, sorted(joined)
