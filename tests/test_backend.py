"""Settings resolution, transient retries and validation re-asks, against a loopback fake."""

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from vcr.request import Request

from summarizer import (
    BackendError,
    ConfigurationError,
    EmbeddedServerError,
    ExtractionError,
    Settings,
    Summarizer,
    embedded,
)
from summarizer.backend import LLM
from summarizer.questions import Grounding, SpeakerAnswer
from tests.conftest import _scrub_request
from tests.fake_server import (
    PASSAGE,
    FakeModel,
    FakeServer,
    ask_with,
    error_reply,
    settings_for,
    tool_reply,
    write_articles,
)
from tests.fake_server import ask_speaker as ask

GOOD = tool_reply("SpeakerAnswer", {"speaker": "Lavrov"})
INVENTED = tool_reply("SpeakerAnswer", {"speaker": "Wang Yi"})


def test_429_and_5xx_are_retried_then_succeed():
    script = [error_reply(429, {"retry-after": "0"}), error_reply(500), error_reply(503), GOOD]
    with FakeServer(script) as server:
        answer, usage = ask(server)
    assert answer.speaker == "Lavrov"
    assert len(server.requests) == 4
    assert usage.calls == 4 and usage.reasks == 0
    assert usage.prompt_tokens == 100  # only the successful response reports usage


def test_retries_are_bounded_and_the_error_names_the_article():
    with FakeServer([error_reply(503)]) as server, pytest.raises(BackendError) as caught:
        ask(server, max_retries=2)
    assert len(server.requests) == 3
    assert caught.value.status_code == 503
    assert "seeds/x.txt" in str(caught.value)


def test_client_errors_are_not_retried():
    with FakeServer([error_reply(401)]) as server, pytest.raises(BackendError) as caught:
        ask(server)
    assert len(server.requests) == 1
    assert caught.value.status_code == 401


def test_refused_connection_is_retried_then_reported():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = Settings(
        base_url=f"http://127.0.0.1:{port}/v1", model="m", max_retries=1, retry_wait_max=0.01
    )
    with LLM(config) as llm, pytest.raises(BackendError, match="APIConnectionError"):
        llm.ask(
            SpeakerAnswer,
            [{"role": "user", "content": "x"}],
            question="speaker",
            source_id="a",
            context={"grounding": Grounding(PASSAGE, None)},
            max_tokens=5,
        )


def test_invalid_answer_is_reasked_with_the_error_fed_back():
    with FakeServer([INVENTED, GOOD]) as server:
        answer, usage = ask(server)
    assert answer.speaker == "Lavrov"
    assert usage.calls == 2 and usage.reasks == 1
    feedback = str(server.requests[1]["messages"])
    assert "not named in the passage" in feedback


def test_reasks_are_bounded_and_raise_extraction_error():
    with FakeServer([INVENTED]) as server, pytest.raises(ExtractionError) as caught:
        ask(server, max_reasks=1)
    assert len(server.requests) == 2
    assert caught.value.attempts == 2
    assert caught.value.source_id == "seeds/x.txt"
    assert "Wang Yi" in caught.value.last_completion


def test_settings_precedence_and_errors():
    env = {
        "SUMMARIZER_BASE_URL": "http://localhost:11434/v1",
        "SUMMARIZER_MODEL": "qwen",
        "OPENAI_API_KEY": "sk-env",
    }
    settings = Settings.from_env(env, model="override")
    assert (settings.base_url, settings.model, settings.api_key) == (
        "http://localhost:11434/v1",
        "override",
        "sk-env",
    )
    assert "sk-env" not in repr(settings)
    assert Settings.from_env({}).embedded
    assert not Settings.from_env({"OPENAI_API_KEY": "sk-x"}).embedded
    with pytest.raises(ConfigurationError, match="SUMMARIZER_MODEL"):
        Settings.from_env({"SUMMARIZER_BASE_URL": "http://x/v1"})
    with pytest.raises(ConfigurationError, match="unknown instructor mode"):
        Settings.from_env({}, mode="telepathy")
    with pytest.raises(ConfigurationError, match="whole number"):
        Settings.from_env({"SUMMARIZER_MAX_REASKS": "two"})


class _ForgettingModel(FakeModel):
    """A fake embedded server: answers questions, and counts the `forget()` prompts (or
    fails them with a 500 if `broken`)."""

    broken = False

    def respond(self, request: dict[str, Any], raw: bytes) -> Any:
        if "prompt" in request:  # POST /v1/completions: the forget() call
            if self.broken:
                return error_reply(500)
            return 200, {}, {"choices": [{"text": "", "index": 0, "finish_reason": "length"}]}
        return super().respond(request, raw)

    def order(self) -> list[str]:
        return ["forget" if "prompt" in r else "question" for r in self.requests]


@pytest.fixture
def forgetting(monkeypatch: pytest.MonkeyPatch) -> Iterator[_ForgettingModel]:
    """`_ForgettingModel` standing in for the embedded server (no llama.cpp started)."""
    fake = _ForgettingModel()
    with fake:
        port = int(fake.base_url.rsplit(":", 1)[1].split("/")[0])

        def start(server: embedded.EmbeddedServer) -> embedded.EmbeddedServer:
            server.port = port
            return server

        monkeypatch.setattr(embedded.EmbeddedServer, "start", start)
        monkeypatch.setattr(embedded.EmbeddedServer, "stop", lambda server: None)
        yield fake


def test_the_embedded_server_forgets_the_last_prompt_before_each_article(tmp_path, forgetting):
    # llama.cpp reuses the prompt prefix it evaluated last, and the quantised model answers a
    # prompt evaluated in other pieces slightly differently: each article starts afresh, the
    # same article briefed again too.
    folder = write_articles(tmp_path / "articles", 2)
    with Summarizer(Settings(max_retries=0)) as s:
        assert s.llm.backend == "embedded"
        for path in [folder / "a1.txt", folder / "a2.txt", folder / "a2.txt"]:
            s.brief(path)
    order = forgetting.order()
    starts = [i for i, step in enumerate(order) if step == "forget"]
    assert len(starts) == 3 and starts[0] == 0
    assert all(b - a > 1 for a, b in zip(starts, [*starts[1:], len(order)], strict=True))


def test_a_server_that_cannot_forget_fails_the_article_with_a_clear_error(tmp_path, forgetting):
    folder = write_articles(tmp_path / "articles", 1)
    forgetting.broken = True
    with Summarizer(Settings(max_retries=0)) as s, pytest.raises(EmbeddedServerError) as err:
        s.brief(folder / "a1.txt")
    assert "failed to clear its prompt cache" in str(err.value)
    assert forgetting.order() == ["forget"]  # no question asked


def test_forget_requests_are_kept_out_of_cassettes():
    def request(path: str) -> Request:
        return Request("POST", f"http://127.0.0.1:8000{path}", b"{}", {})

    assert _scrub_request(request("/v1/completions")) is None
    assert _scrub_request(request("/v1/chat/completions")) is not None


def test_leaving_on_an_exception_closes_the_connection_once_no_request_is_answered():
    with FakeServer([GOOD]) as server:
        llm = LLM(settings_for(server))
        with pytest.raises(KeyboardInterrupt), llm:
            ask_with(llm)
            raise KeyboardInterrupt
        assert llm._client is None  # closed: nothing left for the garbage collector


def test_a_request_still_answered_keeps_the_connection_until_it_ends():
    answers: list[str | None] = []
    with FakeModel(latency=0.5) as model:
        llm = LLM(settings_for(model)).open()
        worker = threading.Thread(target=lambda: answers.append(ask_with(llm)[0].speaker))
        worker.start()
        while not model.requests:  # the request is being answered
            time.sleep(0.01)
        llm.close()  # as a Ctrl-C'd batch run does, with a worker still waiting
        assert llm._client is not None
        worker.join()
    assert answers == [None]  # the worker got its answer over the open connection
    assert llm._client is None  # which its end closed
