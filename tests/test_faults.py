"""Faults at the endpoint: each ends in a bounded retry or one clear error naming the article."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

import summarizer
from summarizer import BackendError, ExtractionError, Settings, questions
from tests.fake_server import ARTICLE, FakeModel, FakeServer, Reply, tool_reply
from tests.fake_server import ask_speaker as ask


class Raw(FakeServer):
    """Replies with raw bytes (not JSON) or after a delay."""

    def __init__(self, body: bytes = b"", delay: float = 0.0, then: Reply | None = None):
        super().__init__([])
        self.body, self.delay, self.then = body, delay, then

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        if self.delay and len(self.requests) == 1:
            time.sleep(self.delay)
        if self.then and len(self.requests) > 1:
            return self.then
        return 200, {}, self.body.decode()


def test_a_hung_request_times_out_and_is_retried():
    good = tool_reply("SpeakerAnswer", {"speaker": "Lavrov"})
    with Raw(delay=1.5, then=good) as server:
        answer, usage = ask(server, timeout=0.3, max_retries=2)
    assert answer.speaker == "Lavrov"
    assert usage.calls == 2


def test_a_request_that_always_hangs_ends_in_a_clear_error():
    with Raw(delay=1.5) as server, pytest.raises(BackendError, match=r"seeds/x\.txt.*Timeout"):
        ask(server, timeout=0.3, max_retries=0)


def test_a_malformed_json_body_is_a_clear_bounded_error():
    with Raw(body=b"{not json") as server, pytest.raises(BackendError) as caught:
        ask(server, max_retries=1, max_reasks=2)
    assert str(caught.value).startswith("seeds/x.txt: the endpoint")
    assert "did not answer with an OpenAI chat completion" in str(caught.value)
    assert len(server.requests) == 1  # re-asking cannot mend a body that is not an answer


def test_a_bug_in_a_validator_is_raised_as_itself_not_blamed_on_the_endpoint(monkeypatch):
    def broken(*args, **kwargs):
        return {}["key"]  # what a slip in summarizer's own checking code raises

    monkeypatch.setattr(questions, "surname_mentioned", broken)
    good = tool_reply("SpeakerAnswer", {"speaker": "Lavrov"})
    with FakeServer([good, good]) as server, pytest.raises(KeyError):
        ask(server, max_retries=1, max_reasks=1)
    assert len(server.requests) == 1  # neither retried nor re-asked


def test_output_cut_off_at_max_tokens_is_a_clear_extraction_error():
    status, headers, body = tool_reply("SpeakerAnswer", {"speaker": "Lav"})
    body["choices"][0]["finish_reason"] = "length"
    body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = '{"speaker": "Lav'
    with FakeServer([(status, headers, body)]) as server, pytest.raises(ExtractionError) as caught:
        ask(server)
    assert "cut off" in str(caught.value) and "seeds/x.txt" in str(caught.value)


def test_schema_invalid_output_on_every_attempt_is_bounded():
    wrong = tool_reply("SpeakerAnswer", {"speaker": 42, "extra": [1, 2]})
    with FakeServer([wrong]) as server, pytest.raises(ExtractionError) as caught:
        ask(server, max_reasks=2)
    assert len(server.requests) == 3 and caught.value.attempts == 3


class Dies(FakeModel):
    """Answers normally, then stops listening after `limit` requests."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        if len(self.requests) >= self.limit:
            self.httpd.socket.close()  # the server is gone: later connections are refused
        return super().respond(request, raw)


def test_the_server_killed_mid_batch_loses_no_finished_brief(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(1, 5):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n, extra=""))
    out = tmp_path / "out"
    with Dies(limit=4) as server:  # two articles' worth of answers, then nothing
        settings = Settings(base_url=server.base_url, model="m", max_retries=1, retry_wait_max=0.01)
        result = summarizer.run([folder], out, settings=settings)
    assert sorted(result.briefed) == ["a1", "a2"]
    assert sorted(Path(p).name for p in result.failures) == ["a3.txt", "a4.txt"]
    assert all("APIConnectionError" in m for m in result.failures.values())
    assert sorted(p.name for p in (out / "briefs").iterdir()) == ["a1.json", "a2.json"]
    assert len(result.records) == 1 and result.records[0].summary_by == "template"
