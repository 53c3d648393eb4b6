"""summarizer: news articles about meetings -> validated briefs (and, later, meeting records).

from summarizer import summarize_article
brief = summarize_article("seeds/001_a426523f9bff1c04.txt")
print(brief.meetings[0].date.iso)   # 2025-07-13
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
    "RunResult",
    "SCHEMA_VERSION",
    "Settings",
    "SourceStatus",
    "Sourced",
    "Statement",
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
