"""API keys never reach cassettes, logs, manifests or outputs."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import summarizer
from summarizer import Settings
from summarizer.backend import LLM
from tests.conftest import CASSETTES
from tests.fake_server import ARTICLE, FakeModel

SECRET = "sk-live-0123456789abcdefABCDEF0123456789"
KEY_LIKE = re.compile(r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+\S{8,}")


def test_a_key_never_reaches_outputs_manifest_or_logs(tmp_path: Path, caplog):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text(ARTICLE.format(n=1, extra=""))
    (folder / "empty.txt").write_text("")
    caplog.set_level(logging.DEBUG)
    with FakeModel() as fake:
        settings = Settings(base_url=fake.base_url, api_key=SECRET, model="m")
        result = summarizer.run([folder], tmp_path / "out", settings=settings)
    assert result.briefed == ["a1"] and result.failures
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != ".lock"]
    assert written
    for path in written:
        assert SECRET not in path.read_text(encoding="utf-8"), path
    assert SECRET not in caplog.text
    assert SECRET not in repr(settings) and SECRET not in repr(result)


def test_credentials_in_a_base_url_are_not_written_as_the_backend():
    llm = LLM(Settings(base_url="https://user:hunter2@llm.example/v1?key=abc", model="m"))
    assert llm.backend == "https://llm.example/v1"


def test_no_cassette_holds_a_key_or_an_authorization_header():
    for path in CASSETTES.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not KEY_LIKE.search(text), path.name
        assert "authorization" not in text.lower(), path.name
