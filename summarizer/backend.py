"""The model endpoint: settings, the instructor client, retries. The only module that calls a model.

Where the endpoint comes from, first match wins:
1. `Settings(base_url=...)` or `SUMMARIZER_BASE_URL` (else `OPENAI_BASE_URL`): any
   OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp); `SUMMARIZER_MODEL` names the model.
2. An API key (`SUMMARIZER_API_KEY`, else `OPENAI_API_KEY`) and no base URL: OpenAI itself.
3. Neither: the embedded model, served on loopback for as long as the `LLM` is open.

Two kinds of retry, kept apart: transient endpoint failures (429 honouring Retry-After, 5xx,
timeouts, refused connections) are retried by tenacity with jittered exponential backoff;
answers that fail validation are re-asked by instructor with the error fed back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import instructor
import openai
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorError,
    InstructorRetryException,
)
from pydantic import BaseModel
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_random_exponential

from summarizer.embedded import CONTEXT_TOKENS, MODEL_ALIAS, EmbeddedServer
from summarizer.errors import BackendError, ConfigurationError, ExtractionError
from summarizer.schema import Usage

T = TypeVar("T", bound=BaseModel)

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
MAX_RETRY_AFTER = 120.0


@dataclass(frozen=True)
class Settings:
    """How to reach the model. Unset fields fall back to the environment (see module doc)."""

    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None
    mode: str = "tools"
    max_reasks: int = 2
    max_retries: int = 4
    timeout: float = 300.0
    temperature: float = 0.0
    seed: int | None = 0
    retry_wait_max: float = 30.0
    context_tokens: int | None = None
    """The model's context window; articles that cannot fit are refused before any call.
    Defaults to the embedded model's; unknown (not checked) for other endpoints unless set."""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from `overrides`, then SUMMARIZER_* / OPENAI_* environment variables."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {
            "base_url": env.get("SUMMARIZER_BASE_URL") or env.get("OPENAI_BASE_URL"),
            "api_key": env.get("SUMMARIZER_API_KEY") or env.get("OPENAI_API_KEY"),
            "model": env.get("SUMMARIZER_MODEL"),
        }
        if env.get("SUMMARIZER_MODE"):
            values["mode"] = env["SUMMARIZER_MODE"]
        for name in ("max_reasks", "max_retries", "context_tokens"):
            raw = env.get(f"SUMMARIZER_{name.upper()}")
            if raw:
                try:
                    values[name] = int(raw)
                except ValueError:
                    raise ConfigurationError(
                        f"SUMMARIZER_{name.upper()}={raw!r} is not a whole number"
                    ) from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values).checked()

    def checked(self) -> Settings:
        if self.mode not in MODES:
            raise ConfigurationError(
                f"unknown instructor mode {self.mode!r}; use one of {', '.join(MODES)}"
            )
        if self.max_reasks < 0 or self.max_retries < 0:
            raise ConfigurationError("max_reasks and max_retries must be 0 or more")
        if self.base_url and not self.model:
            raise ConfigurationError(
                f"a base URL is set ({self.base_url}) but no model: set SUMMARIZER_MODEL "
                "(or pass model=...) to the model name that server serves"
            )
        return self

    @property
    def embedded(self) -> bool:
        return not self.base_url and not self.api_key


class LLM:
    """An open connection to the model; use as a context manager (it may own a server)."""

    def __init__(
        self, settings: Settings | None = None, *, client: openai.OpenAI | None = None
    ) -> None:
        self.settings = (settings or Settings.from_env()).checked()
        self._server: EmbeddedServer | None = None
        self._client = client
        self.model = self.settings.model or (
            MODEL_ALIAS if self.settings.embedded else DEFAULT_OPENAI_MODEL
        )
        self.backend = (
            "embedded"
            if self.settings.embedded
            else _public_url(self.settings.base_url or "openai")
        )
        self.context_tokens = self.settings.context_tokens or (
            CONTEXT_TOKENS if self.settings.embedded else None
        )

    def open(self) -> LLM:
        if self._client is None:
            base_url = self.settings.base_url
            api_key = self.settings.api_key
            if self.settings.embedded:
                self._server = EmbeddedServer().start()
                base_url, api_key = self._server.base_url, "embedded"
            self._client = openai.OpenAI(
                base_url=base_url,
                api_key=api_key or "not-needed",
                max_retries=0,  # retries are ours (tenacity), so they are counted and bounded
                timeout=self.settings.timeout,
            )
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> LLM:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def ask(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        *,
        question: str,
        source_id: str,
        context: dict[str, Any],
        max_tokens: int,
    ) -> tuple[T, Usage]:
        """One validated answer; raises ExtractionError or BackendError naming `source_id`."""
        if self._client is None:
            self.open()
        assert self._client is not None
        tally = _Tally()
        client = instructor.from_openai(self._client, mode=MODES[self.settings.mode])
        client.on("completion:kwargs", tally.on_call)
        client.on("completion:response", tally.on_response)
        client.on("parse:error", tally.on_parse_error)
        retrying = Retrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(self.settings.max_retries + 1),
            wait=_wait_for(self.settings.retry_wait_max),
            reraise=True,
        )
        extra: dict[str, Any] = {"temperature": self.settings.temperature}
        if self.settings.seed is not None:
            extra["seed"] = self.settings.seed
        try:
            answer = retrying(
                client.chat.completions.create,
                model=self.model,
                response_model=response_model,
                messages=messages,
                max_retries=self.settings.max_reasks,
                context=context,
                max_tokens=max_tokens,
                **extra,
            )
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.OpenAIError):
                raise _backend_error(cause, source_id, tally.calls) from None
            problem = _first_line(str(cause or exc))
            raise tally.failure(source_id, question, problem, exc.last_completion) from None
        except IncompleteOutputException as exc:
            problem = f"the answer was cut off at max_tokens={max_tokens}"
            raise tally.failure(source_id, question, problem, exc.last_completion) from None
        except InstructorError as exc:
            raise tally.failure(source_id, question, _first_line(str(exc)), None) from None
        except openai.OpenAIError as exc:
            raise _backend_error(exc, source_id, tally.calls) from None
        return answer, tally.usage()


@dataclass
class _Tally:
    calls: int = 0
    reasks: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def on_call(self, *args: Any, **kwargs: Any) -> None:
        self.calls += 1

    def on_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)

    def on_parse_error(self, *args: Any, **kwargs: Any) -> None:
        self.reasks += 1

    def failure(
        self, source_id: str, question: str, problem: str, completion: Any
    ) -> ExtractionError:
        return ExtractionError(
            source_id,
            problem,
            question=question,
            attempts=max(self.calls, 1),
            last_completion=_completion_text(completion),
            usage=self.usage(),
        )

    def usage(self) -> Usage:
        reasks = min(self.reasks, max(self.calls - 1, 0))  # the last failure asks no more
        return Usage(
            calls=self.calls,
            reasks=reasks,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
        )


def _transient_cause(exc: BaseException) -> BaseException | None:
    cause: BaseException | None = exc
    if isinstance(exc, InstructorRetryException):
        cause = exc.__cause__
    if isinstance(cause, openai.APIStatusError):
        return cause if cause.status_code == 429 or cause.status_code >= 500 else None
    if isinstance(cause, openai.APIConnectionError):  # includes APITimeoutError
        return cause
    return None


def _is_transient(exc: BaseException) -> bool:
    return _transient_cause(exc) is not None


def retry_after_seconds(exc: BaseException) -> float | None:
    """The delay a 429/503 response asks for (Retry-After seconds or retry-after-ms)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        raw = headers.get(name)
        if raw:
            try:
                return min(float(raw) * scale, MAX_RETRY_AFTER)
            except ValueError:
                continue
    return None


def _wait_for(wait_max: float) -> Callable[[RetryCallState], float]:
    backoff = wait_random_exponential(multiplier=0.5, max=wait_max)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        cause = _transient_cause(exc) if exc else None
        asked = retry_after_seconds(cause) if cause else None
        return asked if asked is not None else float(backoff(state))

    return wait


def _backend_error(exc: BaseException, source_id: str, calls: int) -> BackendError:
    status = getattr(exc, "status_code", None)
    kind = type(exc).__name__
    detail = _first_line(str(exc))[:200]
    return BackendError(
        f"{source_id}: model endpoint failed after {max(calls, 1)} call(s): {kind}: {detail}",
        status_code=status,
        retry_after=retry_after_seconds(exc),
        attempts=max(calls, 1),
    )


def _public_url(url: str) -> str:
    """The URL without user:password or a query string, safe to write into outputs."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return " ".join(lines[:3])[:500] if lines else "unknown error"


def _completion_text(completion: Any) -> Any:
    try:
        message = completion.choices[0].message
        if message.tool_calls:
            return message.tool_calls[0].function.arguments
        return message.content
    except (AttributeError, IndexError, TypeError):
        return None
