"""API keys never reach cassettes, logs, manifests or outputs."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

import pytest

import summarizer
from summarizer import BackendError, Settings
from summarizer.backend import LLM
from summarizer.cli import main
from summarizer.redact import MASK, redact, redact_head, register_secret
from tests.conftest import CASSETTES
from tests.fake_server import ARTICLE, FakeModel, FakeServer, Reply, ask_with

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


# -- a key cut by a length limit ------------------------------------------------------------

CUT_KEY = "gsk_7f3Kq9ZpL2mX8vB4nR6tY1wE5uI0oPaSdFgHjKl"  # not sk-…: only registration masks it


def fragments(key: str, size: int = 8) -> set[str]:
    """Every run of `size` characters of `key`: a longer leaked run holds one of them."""
    return {key[i : i + size] for i in range(len(key) - size + 1)}


def leaked(text: str, key: str = CUT_KEY) -> list[str]:
    return sorted(f for f in fragments(key) if f in text)


class KeyEcho(FakeServer):
    """Answers 401 with a body echoing `key` after `pads[n]` characters (request n)."""

    def __init__(self, pads: list[int], key: str = CUT_KEY) -> None:
        super().__init__([])
        self.pads, self.key = pads, key

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        pad = self.pads[min(len(self.requests), len(self.pads)) - 1]
        return 401, {}, {"error": {"message": "." * pad + self.key + " is not a valid key"}}


PADS = list(range(0, 260, 2))  # the key starts before, across and after every cut


def test_a_key_echoed_across_the_cut_of_an_error_leaves_no_fragment_of_it():
    with KeyEcho(PADS) as echo:
        settings = Settings(base_url=echo.base_url, model="m", api_key=CUT_KEY, max_retries=0)
        with LLM(settings) as llm:
            for pad in PADS:
                with pytest.raises(BackendError) as caught:
                    ask_with(llm)
                error = caught.value
                assert error.status_code == 401
                assert not leaked(str(error)), (pad, str(error))
                assert not leaked(repr(error)), (pad, repr(error))
    assert len(echo.requests) == len(PADS)


def test_an_unregistered_key_across_the_cut_is_masked_whole_before_the_cut():
    other = "sk-proj-" + "Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7" * 2  # known only by its look
    with KeyEcho(PADS, key=other) as echo:
        settings = Settings(base_url=echo.base_url, model="m", api_key="sk-test", max_retries=0)
        with LLM(settings) as llm:
            for pad in PADS:
                with pytest.raises(BackendError) as caught:
                    ask_with(llm)
                assert not leaked(str(caught.value), other), (pad, str(caught.value))


def test_a_run_against_such_an_endpoint_writes_and_prints_no_fragment_of_the_key(
    tmp_path: Path, monkeypatch, capsys, caplog
):
    class Repeating(FakeServer):  # the key over and over: some copy crosses any cut
        def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
            return 401, {}, {"error": {"message": " ".join([CUT_KEY] * 12)}}

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text(ARTICLE.format(n=1, extra=""))
    caplog.set_level(logging.DEBUG)
    with Repeating([]) as echo:
        monkeypatch.setenv("SUMMARIZER_API_KEY", CUT_KEY)
        monkeypatch.setenv("SUMMARIZER_BASE_URL", echo.base_url)
        monkeypatch.setenv("SUMMARIZER_MODEL", "m")
        monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "0")
        code = main(["run", str(folder), "--out", str(tmp_path / "out")])
    shown = capsys.readouterr()
    assert code == 1 and "401" in shown.err
    written = {p.name: p.read_text() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert {"changes.json", "changelog.jsonl", "report.html"} <= set(written)
    for name, text in {**written, "stdout": shown.out, "stderr": shown.err}.items():
        assert not leaked(text), name
    assert not leaked(caplog.text)


def test_redact_masks_a_run_of_a_registered_secret_cut_at_either_end():
    secret = "pw-Zq81LmXk20vTe77Hs"
    register_secret(secret)
    assert redact(f"body: {secret[:12]}") == f"body: {MASK}"
    assert redact(f"{secret[-9:]} was refused") == f"{MASK} was refused"
    assert redact(f"({secret[3:15]}) and ({secret[:8]})") == f"({MASK}) and ({MASK})"
    assert redact(f"{secret[:7]} stays: too short to be told from other text") == (
        f"{secret[:7]} stays: too short to be told from other text"
    )
    assert redact("an ordinary message about a bad key") == "an ordinary message about a bad key"


def test_runs_of_a_key_are_masked_but_not_runs_of_other_registered_values():
    Settings(
        base_url="http://h.example/v1?api-version=2024-02-15-preview&key=Zx81kLmQ20pVtR7yy",
        api_key="sk-no-key-required",  # a local server's made-up key: ordinary words
        model="m",
    )
    assert redact("the meeting of 2024-02-10; Field required") == (
        "the meeting of 2024-02-10; Field required"
    )
    assert redact("version 2024-02-15-preview, key sk-no-key-required") == (
        f"version {MASK}, key {MASK}"
    )
    assert redact("echoed: Zx81kLmQ20p") == f"echoed: {MASK}"


def test_redacting_a_huge_text_takes_no_longer_than_reading_it():
    register_secret(CUT_KEY)
    for huge in ("Q" * 300_000, "?" * 300_000, "a://" * 100_000):
        started = time.monotonic()
        redact(huge)
        assert time.monotonic() - started < 3  # was quadratic: minutes
    started = time.monotonic()
    head = redact_head("x" * 10_000_000 + CUT_KEY, 200)
    assert head == "x" * 200 and time.monotonic() - started < 1


def test_redact_head_cuts_after_redacting_and_never_shows_its_own_cut():
    other = "sk-" + "Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7" * 2  # known only by its look
    for pad in range(0, 400, 7):
        text = "." * pad + other + " and more"
        assert not leaked(redact_head(text, 200), other), pad
    register_secret(CUT_KEY)
    for start in range(4500, 5600, 3):  # masks before it shrink the head: its cut comes into view
        keys, dots = divmod(start, len(CUT_KEY) + 1)
        text = "." * dots + f"{CUT_KEY} " * keys + other
        assert not leaked(redact_head(text, 1000), other), start
