"""Settings resolution, transient retries and validation re-asks, against a loopback fake."""

import socket

import pytest

from summarizer import BackendError, ConfigurationError, ExtractionError, Settings
from summarizer.backend import LLM
from summarizer.questions import Grounding, SpeakerAnswer
from tests.fake_server import PASSAGE, FakeServer, error_reply, tool_reply
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
