"""The model endpoint: settings, the instructor client, retries. The only module that calls a model.

Where the endpoint comes from, first match wins:
1. `Settings(base_url=...)` or `SUMMARIZER_BASE_URL` (else `OPENAI_BASE_URL`): any
   OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp); `SUMMARIZER_MODEL` names the model.
2. An API key (`SUMMARIZER_API_KEY`, else `OPENAI_API_KEY`) and no base URL: OpenAI itself.
3. Neither: the embedded model, served on loopback for as long as the `LLM` is open.

Two kinds of retry, kept apart: transient endpoint failures (429 honouring Retry-After, 5xx,
timeouts, refused connections) are retried by tenacity with jittered exponential backoff;
answers that fail validation are re-asked here, one instructor attempt at a time, with the
problems fed back and the rejected answer echoed at most ECHO_CHARS long.

Articles are data, never templates: instructor renders messages through Jinja when given a
`context`, so none is given; validators read theirs from `VALIDATION_CONTEXT` instead.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import os
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx2
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
from summarizer.redact import (
    family,
    install_log_redaction,
    redact,
    redact_head,
    register_secret,
)
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
MAX_TIMEOUT = 86_400.0
"""The longest deadline per request (a day): a larger one, such as inf, overflows the socket
timeouts below it, and every request would fail as a misleading connection error."""
ECHO_CHARS = 1500
"""A rejected answer is echoed back to the model at most this long: a hostile or runaway
endpoint's 10 MB value must not make every re-ask larger than the last."""
PROBLEM_CHARS = 1500

_CREDENTIAL_NAME = re.compile(r"key|token|secret|pass|pwd|auth|sig|code|cred", re.I)
"""Query parameters that carry a credential (`?key=`, `?code=`, `?sig=`): their values are
masked run by run too (see `redact`); any other value (`api-version`) is masked whole."""

VALIDATION_CONTEXT: ContextVar[dict[str, Any] | None] = ContextVar(
    "summarizer_validation_context", default=None
)
"""What the response models validate against (the article, the quote, ...), set around each
question. A context variable, not instructor's `context`, which would template the article."""

log = logging.getLogger(__name__)
install_log_redaction("summarizer", "httpx2", "openai", "openai._base_client", "instructor")


@dataclass(frozen=True)
class Settings:
    """How to reach the model. Unset fields fall back to the environment (see module doc).

    `timeout` is one overall deadline per request in seconds (connect, send, and the whole
    answer), not a per-read timeout: a server that trickles its answer cannot stretch it.
    """

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

    def __post_init__(self) -> None:
        register_secret(self.api_key)
        if self.base_url:
            try:
                parts = urlsplit(self.base_url)
                password = parts.password
            except ValueError:  # a malformed URL: `checked` refuses it; regexes mask it
                return
            register_secret(password)
            for name, value in parse_qsl(parts.query):
                register_secret(value, runs=bool(_CREDENTIAL_NAME.search(name)))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={redact(repr(getattr(self, name)))}"
            for name in self.__dataclass_fields__
            if name != "api_key"
        )
        return f"Settings({shown})"

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
        for name, kind in (
            ("max_reasks", int),
            ("max_retries", int),
            ("context_tokens", int),
            ("timeout", float),
        ):
            raw = env.get(f"SUMMARIZER_{name.upper()}")
            if raw:
                try:
                    values[name] = kind(raw)
                except ValueError:
                    what = "a whole number" if kind is int else "a number of seconds"
                    raise ConfigurationError(
                        f"SUMMARIZER_{name.upper()}={raw!r} is not {what}"
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
        if not (math.isfinite(self.timeout) and 0 < self.timeout <= MAX_TIMEOUT):
            raise ConfigurationError(
                f"timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g} "
                f"(--timeout, SUMMARIZER_TIMEOUT), not {self.timeout:g}"
            )
        if self.base_url:
            problem = _url_problem(self.base_url)
            if problem:
                raise ConfigurationError(f"base URL {self.base_url!r} {problem}")
        if self.base_url and not self.model:
            raise ConfigurationError(
                f"a base URL is set ({self.base_url}) but no model: set SUMMARIZER_MODEL "
                "(or pass model=...) to the model name that server serves"
            )
        return self

    @property
    def embedded(self) -> bool:
        return not self.base_url and not self.api_key

    def answer_settings(self) -> dict[str, Any]:
        """The settings that change what the model answers (part of a brief's fingerprint)."""
        return {
            "mode": self.mode,
            "max_reasks": self.max_reasks,
            "temperature": self.temperature,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class ModelFacts:
    """What the steps of a brief need of the model that answers them, which they never call:
    its name, backend and the settings that change its answers (the brief's provenance and
    fingerprint), and its context size, which an article's questions must fit. An `LLM`
    gives them (`LLM.facts`); a driver that asks another way (a batch engine) can give its own."""

    model: str
    backend: str
    context_tokens: int | None
    answer_settings: dict[str, Any]
    """`Settings.answer_settings`: those that change what the model answers (no credentials)."""


class LLM:
    """An open connection to the model; use as a context manager (it may own a server)."""

    def __init__(
        self, settings: Settings | None = None, *, client: openai.OpenAI | None = None
    ) -> None:
        self.settings = (settings or Settings.from_env()).checked()
        self._server: EmbeddedServer | None = None
        self._client = client
        self._owns_client = client is None
        self._lock = threading.Lock()
        self._in_flight = 0
        self._close_when_idle = False
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

    @property
    def facts(self) -> ModelFacts:
        """What a brief's steps need of this model (`ModelFacts`); opens no connection."""
        return ModelFacts(
            self.model, self.backend, self.context_tokens, self.settings.answer_settings()
        )

    def open(self) -> LLM:
        with self._lock:
            self._connected()
        return self

    def _connected(self) -> openai.OpenAI:
        """Under the lock: the connection, opened if it is not."""
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> openai.OpenAI:
        base_url = self.settings.base_url
        api_key = self.settings.api_key
        if self.settings.embedded:
            self._server = EmbeddedServer().start()
            base_url, api_key = self._server.base_url, "embedded"
        headers: dict[str, str] = {}
        query: dict[str, str] = {}
        if base_url:  # credentials go in headers and parameters, never in a URL we log
            parts = urlsplit(base_url)
            if parts.username is not None:
                pair = f"{parts.username}:{parts.password or ''}".encode()
                headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
            query = dict(parse_qsl(parts.query))
            base_url = _public_url(base_url)
        return openai.OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            max_retries=0,  # retries are ours (tenacity), so they are counted and bounded
            timeout=self.settings.timeout,
            default_headers=headers or None,
            default_query=query or None,
            http_client=openai.DefaultHttpxClient(
                transport=_DeadlineTransport(httpx2.HTTPTransport(), self.settings.timeout),
                timeout=self.settings.timeout,
            ),
        )

    def forget(self) -> None:
        """Start the next questions afresh (before each article and each record summary):
        the embedded server forgets the last prompt (`EmbeddedServer.forget`), so that what
        it answers does not depend on what was asked before. Nothing to do for endpoints
        this process does not run."""
        self.open()
        if self._server is not None:
            self._server.forget(timeout=self.settings.timeout)

    def close(self) -> None:
        """Close the connection this LLM opened (not a client it was given) and stop the
        server it runs, if any. Requests still being answered (worker threads of a batch run
        left by Ctrl-C) keep the connection until the last of them ends, which closes it.
        It may be opened again."""
        with self._lock:
            if self._in_flight:
                self._close_when_idle = True
            else:
                self._close_client()
            server, self._server = self._server, None
        if server is not None:
            server.stop()

    def _close_client(self) -> None:
        """Under the lock: close the client this LLM opened, if any."""
        self._close_when_idle = False
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    @contextmanager
    def _request(self) -> Iterator[openai.OpenAI]:
        """The connection for one request, counted so that `close` waits for it."""
        with self._lock:
            client = self._connected()
            self._in_flight += 1
        try:
            yield client
        finally:
            with self._lock:
                self._in_flight -= 1
                if not self._in_flight and self._close_when_idle:
                    self._close_client()

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
        """One validated answer; raises ExtractionError or BackendError naming `source_id`.

        Each attempt is one instructor call; an answer that fails validation is re-asked up
        to `max_reasks` times with the problems and a capped echo of the answer appended.
        """
        with self._request() as connection:
            return self._ask(
                response_model, messages, connection, question, source_id, context, max_tokens
            )

    def _ask(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        connection: openai.OpenAI,
        question: str,
        source_id: str,
        context: dict[str, Any],
        max_tokens: int,
    ) -> tuple[T, Usage]:
        tally = _Tally()
        client = instructor.from_openai(connection, mode=MODES[self.settings.mode])
        client.on("completion:kwargs", tally.on_call)
        client.on("completion:response", tally.on_response)
        extra: dict[str, Any] = {"temperature": self.settings.temperature}
        if self.settings.seed is not None:
            extra["seed"] = self.settings.seed
        conversation = list(messages)
        token = VALIDATION_CONTEXT.set(context)
        try:
            for attempt in range(self.settings.max_reasks + 1):
                try:
                    with _quiet_instructor():
                        answer = self._retrying()(
                            client.chat.completions.create,
                            model=self.model,
                            response_model=response_model,
                            messages=conversation,
                            max_retries=0,  # one attempt: re-asks are ours (below)
                            max_tokens=max_tokens,
                            **extra,
                        )
                    return answer, tally.usage()
                except InstructorRetryException as exc:
                    cause = exc.__cause__
                    if isinstance(cause, openai.OpenAIError):
                        raise _backend_error(cause, source_id, tally) from None
                    if cause is not None and _raised_by_us(cause):  # a validator's bug
                        raise cause from None
                    completion = _completion_text(exc.last_completion)
                    if completion is None:  # no tool call, no text: re-asking cannot help
                        raise _not_an_answer(exc, source_id, tally, self.backend) from None
                    if attempt == self.settings.max_reasks:
                        problem = _problems(cause or exc, for_people=True)
                        raise tally.failure(source_id, question, problem, completion) from None
                    tally.reasks += 1
                    conversation = [*messages, *_reask(completion, _problems(cause or exc))]
                except IncompleteOutputException as exc:
                    problem = f"the answer was cut off at max_tokens={max_tokens}"
                    completion = _completion_text(exc.last_completion)
                    raise tally.failure(source_id, question, problem, completion) from None
                except InstructorError as exc:
                    raise _not_an_answer(exc, source_id, tally, self.backend) from None
                except openai.OpenAIError as exc:
                    raise _backend_error(exc, source_id, tally) from None
        finally:
            VALIDATION_CONTEXT.reset(token)
        raise AssertionError("unreachable")  # pragma: no cover

    def _retrying(self) -> Retrying:
        return Retrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(self.settings.max_retries + 1),
            wait=_wait_for(self.settings.retry_wait_max),
            reraise=True,
        )


def _reask(completion: str | None, problem: str) -> list[dict[str, str]]:
    """The turns that ask again: the rejected answer (capped) and what was wrong with it.
    Not redacted: they go only to the endpoint, which holds the key already, and redaction
    would garble the model's own words ("basic principles" reads as a Basic credential)."""
    echoed = completion or ""
    if len(echoed) > ECHO_CHARS:
        echoed = echoed[:ECHO_CHARS] + " …(cut)"
    return [
        {"role": "assistant", "content": echoed or "(no usable answer)"},
        {
            "role": "user",
            "content": "That answer failed these checks: "
            + problem[:PROBLEM_CHARS]
            + "\nAnswer the question again, correcting them. Use only what the text states.",
        },
    ]


def _problems(exc: BaseException, *, for_people: bool = False) -> str:
    """The validation problems of a failed answer, one short line each: as the model reads
    them in a re-ask, or, `for_people` (an error's message), redacted before they are cut."""
    cut = redact_head if for_people else _head
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            lines = [str(e.get("msg", "")).removeprefix("Value error, ") for e in errors()]
        except (TypeError, AttributeError):
            lines = []
        if lines:
            return "; ".join(cut(line, 400) for line in lines)
    return cut(_first_lines(str(exc)), 500)


def _head(text: str, limit: int) -> str:
    return text[:limit]


class _InstructorNoise(logging.Filter):
    """Drops instructor's ERROR logs for attempts this module handles itself."""

    active = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(self.active, "on", False)


_NOISE = _InstructorNoise()
for _logger in family("instructor"):
    _logger.addFilter(_NOISE)


class _quiet_instructor:
    def __enter__(self) -> None:
        _InstructorNoise.active.on = True

    def __exit__(self, *exc: object) -> None:
        _InstructorNoise.active.on = False


class _DeadlineTransport(httpx2.BaseTransport):
    """One overall deadline per request: the answer must be complete `seconds` after it was
    sent. httpx's own timeouts are per read, so a server that trickles a byte a second never
    trips them. Also notes what kind of body answered, to explain answers that are not JSON."""

    last_content_type = threading.local()

    def __init__(self, inner: httpx2.BaseTransport, seconds: float) -> None:
        self.inner = inner
        self.seconds = seconds

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        deadline = time.monotonic() + self.seconds
        response = self.inner.handle_request(request)
        self.last_content_type.value = response.headers.get("content-type", "")
        response.stream = _DeadlineStream(response.stream, deadline, self.seconds, request)
        return response

    def close(self) -> None:
        self.inner.close()


class _DeadlineStream(httpx2.SyncByteStream):
    def __init__(
        self, inner: Any, deadline: float, seconds: float, request: httpx2.Request
    ) -> None:
        self.inner, self.deadline, self.seconds, self.request = inner, deadline, seconds, request

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.inner:
            if time.monotonic() > self.deadline:
                raise httpx2.ReadTimeout(
                    f"no complete answer within the {self.seconds:g} s deadline",
                    request=self.request,
                )
            yield chunk

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()


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

    def failure(
        self, source_id: str, question: str, problem: str, completion: str | None
    ) -> ExtractionError:
        return ExtractionError(
            source_id,
            problem,
            question=question,
            attempts=max(self.calls, 1),
            last_completion=completion,
            usage=self.usage(),
        )

    def usage(self) -> Usage:
        return Usage(
            calls=self.calls,
            reasks=self.reasks,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
        )


def _tls_failure(exc: BaseException) -> bool:
    """Whether a connection failed in the TLS handshake (https:// to a plain-HTTP port)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "SSL" in type(seen).__name__:
            return True
        if "ssl" in str(seen).lower() and isinstance(seen, httpx2.ConnectError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _transient_cause(exc: BaseException) -> BaseException | None:
    cause: BaseException | None = exc
    if isinstance(exc, InstructorRetryException):
        cause = exc.__cause__
    if isinstance(cause, openai.APIStatusError):
        return cause if cause.status_code == 429 or cause.status_code >= 500 else None
    if isinstance(cause, openai.APIConnectionError):  # includes APITimeoutError
        return None if _tls_failure(cause) else cause
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


def _backend_error(exc: BaseException, source_id: str, tally: _Tally) -> BackendError:
    status = getattr(exc, "status_code", None)
    kind = type(exc).__name__
    detail = redact_head(_first_lines(str(exc)), 200)  # redact first: a cut key leaves its head
    if _tls_failure(exc):
        detail += (
            " (the TLS handshake failed: if the server speaks plain HTTP, use an http:// base URL)"
        )
    elif isinstance(exc, openai.APITimeoutError):
        detail += " (no complete answer within the timeout; raise --timeout / SUMMARIZER_TIMEOUT)"
    return BackendError(
        f"{source_id}: model endpoint failed after {max(tally.calls, 1)} call(s): {kind}: {detail}",
        status_code=status,
        retry_after=retry_after_seconds(exc),
        attempts=max(tally.calls, 1),
        usage=tally.usage(),
    )


_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def _raised_by_us(exc: BaseException) -> bool:
    """Whether `exc` came out of summarizer's own code (a validator's KeyError), not out of
    the answer's checks (ValueError and AssertionError are how validators reject an answer)
    nor out of the client reading a reply that is not an answer."""
    if isinstance(exc, (ValueError, AssertionError)):
        return False
    tb = exc.__traceback__
    while tb is not None:
        if os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_PACKAGE + os.sep):
            return True
        tb = tb.tb_next
    return False


def _not_an_answer(exc: BaseException, source_id: str, tally: _Tally, backend: str) -> BackendError:
    """An endpoint that answered, but not with a chat completion (an HTML page, a proxy's
    error text): say what came back and what to check, instead of instructor's words."""
    content_type = getattr(_DeadlineTransport.last_content_type, "value", "") or "unknown"
    return BackendError(
        f"{source_id}: the endpoint {backend} did not answer with an OpenAI chat completion "
        f"(it sent {content_type} with no answer in it): check the base URL "
        "(OpenAI-compatible servers usually end in /v1) and the model name",
        attempts=max(tally.calls, 1),
        usage=tally.usage(),
    )


def _url_problem(url: str) -> str | None:
    """What is wrong with a base URL (None if nothing): the parts the client reads from it
    (scheme, host, port) must be there and valid, or it fails later with a traceback."""
    try:
        parts = urlsplit(url)
        port = parts.port  # reading it checks it ("Port out of range 0-65535")
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme not in {"http", "https"}:
        return "is not an http:// or https:// URL"
    if not parts.hostname:
        return "names no host (write it as http://HOST:PORT/v1)"
    if port == 0:
        return "names port 0, which no server listens on"
    return None


def _public_url(url: str) -> str:
    """The URL without user:password or a query string, safe to write into outputs."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _first_lines(text: str) -> str:
    """The first three lines of an error's text, joined, not cut: the caller cuts, after
    redacting where people will read it."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return " ".join(lines[:3]) if lines else "unknown error"


def _completion_text(completion: Any) -> str | None:
    """The raw text of an answer: its tool call's arguments, or its content."""
    try:
        message = completion.choices[0].message
        if message.tool_calls:
            return str(message.tool_calls[0].function.arguments)
        return None if message.content is None else str(message.content)
    except (AttributeError, IndexError, TypeError):
        return None


def answer_json(completion: str | None) -> dict[str, Any] | None:
    """A rejected answer's JSON object, for a caller that salvages what it can."""
    if not completion:
        return None
    try:
        value = json.loads(completion)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
