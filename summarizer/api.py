"""The entry points users call: a `Summarizer` that keeps one model connection open, and
`summarize_article` for a single article."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from summarizer.article import DEFAULT_MAX_BYTES, check_max_bytes, load_article
from summarizer.backend import LLM, Settings
from summarizer.brief import build_brief
from summarizer.merge import merge_records
from summarizer.schema import ArticleBrief, MeetingRecord
from summarizer.synthesis import write_summary


class Summarizer:
    """Turns articles into briefs over one model connection (and one embedded server).

    with Summarizer() as s:
        brief = s.brief("seeds/001_a426523f9bff1c04.txt")
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        llm: LLM | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        check_max_bytes(max_bytes)
        self.llm = llm or LLM(settings)
        self.max_bytes = max_bytes

    def brief(self, source: str | Path, *, article_id: str | None = None) -> ArticleBrief:
        """The brief of one article (a path, or the article's text)."""
        article = load_article(source, article_id=article_id, max_bytes=self.max_bytes)
        self.llm.open()
        return build_brief(article, self.llm)

    def merge(self, briefs: Iterable[ArticleBrief]) -> list[MeetingRecord]:
        """One record per meeting, each with a model-written, validated summary."""
        records = merge_records(briefs)
        if records:
            self.llm.open()
        return [write_summary(record, self.llm) for record in records]

    def close(self) -> None:
        self.llm.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.llm.close()  # requests still answered (Ctrl-C) close it when they end


def summarize_article(
    source: str | Path,
    *,
    settings: Settings | None = None,
    article_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArticleBrief:
    """Turn one article (a `.txt`/`.md` path, or its text) into a validated brief.

    `settings` defaults to `Settings.from_env()`; with no endpoint configured the embedded
    model is started for this call and stopped after it (use `Summarizer` for many articles).
    """
    with Summarizer(settings, max_bytes=max_bytes) as summarizer:
        return summarizer.brief(source, article_id=article_id)


def merge_briefs(
    briefs: Iterable[ArticleBrief],
    *,
    settings: Settings | None = None,
    summaries: bool = True,
) -> list[MeetingRecord]:
    """Cluster briefs into one record per real meeting, with provenance and conflicts.

    Pure but for the summaries: with `summaries=False` no model is called and each record
    keeps its template summary (`summary_by == "template"`).
    """
    if not summaries:
        return merge_records(briefs)
    with Summarizer(settings) as summarizer:
        return summarizer.merge(briefs)
