"""Bad and hostile input, without a model: refused early with a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import ArticleError, Settings, Summarizer
from tests.fake_server import ARTICLE, FakeModel


def test_an_article_whose_questions_exceed_the_context_is_refused_before_any_call(
    tmp_path: Path,
):
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE.format(n=1, extra="Many words follow. " * 2000))
    with FakeModel() as fake:
        settings = Settings(base_url=fake.base_url, model="m", context_tokens=1024)
        with Summarizer(settings) as s, pytest.raises(ArticleError) as caught:
            s.brief(path)
    assert fake.requests == []
    assert "more than the model's context of 1,024" in str(caught.value)


def test_a_long_article_is_read_by_passages_that_fit_the_context(tmp_path: Path):
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE.format(n=1, extra="Many words follow. " * 2000))  # ~38,000 chars
    with FakeModel() as fake:
        settings = Settings(base_url=fake.base_url, model="m", context_tokens=8192)
        with Summarizer(settings) as s:
            assert s.brief(path).reports_meeting
    longest = max(len(json.dumps(r["messages"])) for r in fake.requests)
    assert longest < 8192  # characters: no question carries the whole article


def test_remote_endpoints_are_not_length_checked_unless_told(tmp_path: Path):
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE.format(n=1, extra="Many words follow. " * 2000))
    with FakeModel() as fake, Summarizer(Settings(base_url=fake.base_url, model="m")) as s:
        assert s.brief(path).reports_meeting
