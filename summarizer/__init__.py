"""summarizer: news articles about meetings -> validated briefs -> one record per meeting.

import summarizer
result = summarizer.run(["seeds"], "out")          # briefs, records, report, manifest
with summarizer.Summarizer() as s:                 # or step by step
    records = s.merge([s.brief("a.txt"), s.brief("b.txt")])
"""

from summarizer.api import Summarizer, merge_briefs, summarize_article
from summarizer.article import Article, load_article
from summarizer.backend import Settings
from summarizer.batch import RunResult, SourceStatus, run, status
from summarizer.errors import (
    ArticleError,
    ArticleLoadError,
    BackendError,
    ConfigurationError,
    EmbeddedServerError,
    ExtractionError,
    LocalModelUnavailable,
    PromptTemplateError,
    RunError,
    RunLocked,
    StoreError,
    SummarizerError,
    UsageError,
)
from summarizer.render import brief_markdown, records_markdown
from summarizer.schema import (
    SCHEMA_VERSION,
    ArticleBrief,
    BackgroundEvent,
    Conflict,
    DateInfo,
    Inconsistency,
    Location,
    Meeting,
    MeetingRecord,
    Outcome,
    Participant,
    Sourced,
    Statement,
)

__all__ = [
    "Article",
    "ArticleBrief",
    "ArticleError",
    "ArticleLoadError",
    "BackendError",
    "BackgroundEvent",
    "ConfigurationError",
    "Conflict",
    "DateInfo",
    "EmbeddedServerError",
    "ExtractionError",
    "Inconsistency",
    "LocalModelUnavailable",
    "Location",
    "Meeting",
    "MeetingRecord",
    "Outcome",
    "Participant",
    "PromptTemplateError",
    "RunError",
    "RunLocked",
    "RunResult",
    "SCHEMA_VERSION",
    "Settings",
    "SourceStatus",
    "Sourced",
    "Statement",
    "StoreError",
    "Summarizer",
    "SummarizerError",
    "UsageError",
    "brief_markdown",
    "load_article",
    "merge_briefs",
    "records_markdown",
    "run",
    "status",
    "summarize_article",
]
