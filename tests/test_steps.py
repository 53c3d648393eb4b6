"""A brief's questions are explicit steps: whoever drives them decides how they are answered.

`brief.build_brief` answers one article's questions one after another. The same steps, driven
in rounds (every article's next question, then every article's next), must give the same
briefs from the same answers: what a batch engine (the OpenAI Batch API, vLLM, Ray) would do
with one round of questions at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarizer import ArticleBrief, load_article
from summarizer.backend import LLM
from summarizer.brief import answer, answer_steps, brief_steps, build_brief
from summarizer.errors import BackendError, ExtractionError
from summarizer.questions import Question, SpeakerAnswer, Steps
from tests.conftest import CASSETTES, make_vcr
from tests.corpus_run import CORPUS

# Articles with many questions of every kind: a visit with quotes whose speakers are asked
# (04), a round-up asked sentence by sentence (77), a Chinese report whose names are asked (54).
ARTICLES = (
    "04_republicworld-jaishankar-meets-lavrov-moscow",
    "54_ktsf-wang-yi-visits-us-blinken",
    "77_urdupoint-jaishankar-bilateral-talks-sco-ministerial",
)


def _path(article_id: str) -> Path:
    return next(p for p in (CORPUS / "articles").iterdir() if p.stem == article_id)


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    """One cassette holding the recorded exchanges of every article of ARTICLES."""
    interactions: list[Any] = []
    for article_id in ARTICLES:
        recorded = yaml.safe_load((CASSETTES / f"corpus_{article_id}.yaml").read_text("utf-8"))
        interactions += recorded["interactions"]
    path = tmp_path / "merged.yaml"
    path.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}), "utf-8")
    return path


def _in_rounds(steps: dict[str, Steps[ArticleBrief]], llm: LLM) -> tuple[dict[str, Any], int]:
    """Drive every article's steps in rounds: each round asks every unfinished article its
    next question, then hands every answer back. The briefs, and how many rounds it took."""
    pending: dict[str, Question[Any]] = {k: next(s) for k, s in steps.items()}
    done: dict[str, Any] = {}
    rounds = 0
    while pending:
        rounds += 1
        # the round: one question of each article, asked before any reply is handed back
        replies = {key: answer(question, llm) for key, question in pending.items()}
        for key, reply in replies.items():
            try:
                if isinstance(reply, ExtractionError):
                    pending[key] = steps[key].throw(reply)
                else:
                    pending[key] = steps[key].send(reply)
            except StopIteration as finished:
                done[key] = finished.value
                del pending[key]
    return done, rounds


def test_steps_in_rounds_give_the_briefs_of_one_after_another(llm: LLM, merged: Path) -> None:
    recorder = make_vcr(recording=False)
    articles = {a: load_article(_path(a)) for a in ARTICLES}
    with recorder.use_cassette(str(merged)) as cassette:
        one_by_one = {a: build_brief(article, llm) for a, article in articles.items()}
        assert cassette.all_played
    with recorder.use_cassette(str(merged)) as cassette:
        steps = {a: brief_steps(article, llm.facts) for a, article in articles.items()}
        in_rounds, rounds = _in_rounds(steps, llm)
        assert cassette.all_played
    usages = [b.provenance.usage for b in one_by_one.values()]
    questions = sum(u.calls - u.reasks for u in usages)
    assert rounds < questions  # questions of several articles were asked in one round
    for a in ARTICLES:
        assert in_rounds[a].model_dump() == one_by_one[a].model_dump(), a


class _Failing:
    """An LLM stand-in whose every question fails at the endpoint."""

    forgotten = 0

    def forget(self) -> None:
        self.forgotten += 1

    def ask(self, *_: Any, **__: Any) -> Any:
        raise BackendError("x: the endpoint is down")


def test_a_failing_endpoint_ends_the_steps_it_was_driving() -> None:
    ended: list[bool] = []

    def steps() -> Iterator[Question[Any]]:
        try:
            yield Question(SpeakerAnswer, [], name="q", source_id="x", context={}, max_tokens=1)
        finally:
            ended.append(True)

    failing = _Failing()
    with pytest.raises(BackendError):
        answer_steps(steps(), failing)  # type: ignore[arg-type]
    assert ended == [True]
    assert failing.forgotten == 1  # the server forgets before the article's first question


def test_steps_that_ask_nothing_cost_no_call() -> None:
    def steps() -> Steps[str]:
        return "no question"
        yield  # a generator that finishes before its first question

    failing = _Failing()
    assert answer_steps(steps(), failing) == "no question"  # type: ignore[arg-type]
    assert failing.forgotten == 0


def test_a_stopped_driver_asks_no_further_question() -> None:
    import threading

    from summarizer.errors import ArticleError

    def steps() -> Steps[str]:
        yield Question(SpeakerAnswer, [], name="q", source_id="x", context={}, max_tokens=1)
        return "never"

    stop = threading.Event()
    stop.set()
    failing = _Failing()  # would raise BackendError if asked
    with pytest.raises(ArticleError, match="run stopped"):
        answer_steps(steps(), failing, stop=stop)  # type: ignore[arg-type]
    assert failing.forgotten == 0  # a stopped run does not wake the server again
