"""Every error summarizer raises, in one tree.

    SummarizerError
    ├── UsageError                 the caller must change something; retrying will not help
    │   ├── ConfigurationError     bad settings or environment (unknown mode, missing key, ...)
    │   ├── PromptTemplateError    a prompt file is malformed or a variable is missing
    │   ├── LocalModelUnavailable  the `local` extra is not installed
    │   └── RunLocked              another run is writing the same output folder
    └── RunError                   something failed while working
        ├── ArticleError           one article could not be turned into a brief (has source_id)
        │   ├── ArticleLoadError   missing, unreadable, not text, undecodable or too large
        │   └── ExtractionError    the model's answers failed validation after every re-ask
        ├── BackendError           the model endpoint failed (status_code, retry_after, usage)
        │   └── EmbeddedServerError  the embedded llama.cpp server would not start or failed
        └── StoreError             the output folder cannot be read or written as needed

Messages are one line, name the file or endpoint, and say what to do where there is a fix.
Every message passes through `redact`, so no credential reaches a log or an output.
"""

from __future__ import annotations

from typing import Any

from summarizer.redact import redact


class SummarizerError(Exception):
    """Base class of every error this library raises; its message holds no credential."""

    def __init__(self, message: str = "") -> None:
        super().__init__(redact(" ".join(str(message).split())))


class UsageError(SummarizerError):
    """A caller mistake: configuration, arguments or templates."""


class ConfigurationError(UsageError):
    """Settings or environment variables are invalid."""


class PromptTemplateError(UsageError):
    """A prompt template is malformed, or rendering it lacks a declared variable."""


class LocalModelUnavailable(UsageError):
    """No endpoint is configured and the embedded model's extra is not installed."""


class RunLocked(UsageError):
    """Another run is writing the same output folder."""


class RunError(SummarizerError):
    """A failure while working (input, model or endpoint)."""


class ArticleError(RunError):
    """One article failed; `source_id` names it (a path or an article id)."""

    def __init__(self, source_id: str, message: str) -> None:
        self.source_id = source_id
        self.problem = redact(message)
        super().__init__(f"{source_id}: {message}")


class ArticleLoadError(ArticleError):
    """The article could not be read as text."""


class ExtractionError(ArticleError):
    """The model's answer to a question kept failing validation.

    `question` names the prompt, `attempts` counts the model calls spent on it,
    `last_completion` holds the last raw answer (model output, for debugging) and `usage`
    the tokens spent (a `summarizer.schema.Usage`).
    """

    def __init__(
        self,
        source_id: str,
        message: str,
        *,
        question: str,
        attempts: int,
        last_completion: Any = None,
        usage: Any = None,
    ) -> None:
        self.question = question
        self.attempts = attempts
        self.last_completion = last_completion
        self.usage = usage
        super().__init__(source_id, f"{question}: {message} (after {attempts} attempts)")


class BackendError(RunError):
    """The model endpoint failed after the transient-error retries; `usage` counts the calls
    spent (a `summarizer.schema.Usage`, or None)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        retry_after: float | None = None,
        attempts: int = 1,
        usage: Any = None,
    ) -> None:
        self.status_code = status_code
        self.retry_after = retry_after
        self.attempts = attempts
        self.usage = usage
        super().__init__(message)


class EmbeddedServerError(BackendError):
    """The embedded llama.cpp server did not start, died, or failed a request of its own."""


class StoreError(RunError):
    """The output folder cannot be used: a file cannot be read or written, a file the tool
    did not write stands where an output goes, or the manifest is of an unknown version."""
