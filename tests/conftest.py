"""Cassettes are infrastructure: replay by default, record with `pytest --record='*'`.

Replay (the default, and CI): requests must match a recorded one on method, path and JSON
body, so a changed prompt or schema fails loudly instead of replaying an old answer; every
recorded interaction must be played; nothing reaches the network (the client points at a
closed loopback port with a dummy key).

Record: `pytest --record='*' TESTS` starts the embedded model (or uses SUMMARIZER_BASE_URL
and SUMMARIZER_MODEL) and rewrites every cassette the selected tests use; `--record=PATTERN`
rewrites only the cassettes whose names match (e.g. `--record='merge_*'`), replaying the
rest; several patterns are separated by commas. Give the pattern with `=`: a bare
`--record` takes the next word as its pattern.
Authorization, cookies and the varying `x-stainless-*` / server headers are scrubbed before
anything is written.
"""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vcr
from hypothesis import settings
from vcr.request import Request

from summarizer import ArticleBrief, Summarizer
from summarizer.article import SUFFIXES
from summarizer.backend import LLM, Settings
from summarizer.embedded import MODEL_ALIAS
from tests.fake_server import FakeModel

# Properties are checked for what they state, not for speed (benchmarks/ measure that): no
# per-example deadline, which failed correct tests on a machine busy with a model run.
settings.register_profile("summarizer", deadline=None)
settings.load_profile("summarizer")

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "cassettes"
SEEDS = ROOT / "seeds"
DUMMY_KEY = "sk-test-dummy-not-a-real-key"
_KEEP_RESPONSE_HEADERS = {"content-type"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record",
        nargs="?",
        const="*",
        default=None,
        metavar="PATTERN",
        help="re-record cassettes (all, or those matching PATTERN) on the embedded model "
        "or SUMMARIZER_BASE_URL",
    )


@pytest.fixture(scope="session")
def recording(request: pytest.FixtureRequest) -> str | None:
    """The pattern of cassette names to re-record, or None to replay everything."""
    pattern = request.config.getoption("--record")
    return str(pattern) if pattern else None


def _json_body(r1: Request, r2: Request) -> None:
    def parsed(r: Request) -> Any:
        body = r.body or b""
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        return json.loads(body) if body else None

    assert parsed(r1) == parsed(r2), "request JSON bodies differ"


def _scrub_request(request: Request) -> Request | None:
    if request.path.endswith("/completions") and not request.path.endswith("/chat/completions"):
        return None  # the embedded server's forget() between articles: no question, not kept
    for name in list(request.headers):
        lowered = name.lower()
        if lowered in {
            "authorization",
            "cookie",
            "openai-organization",
            "openai-project",
            "api-key",
        } or lowered.startswith("x-"):
            del request.headers[name]
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    response["headers"] = {
        k: v for k, v in response["headers"].items() if k.lower() in _KEEP_RESPONSE_HEADERS
    }
    return response


def make_vcr(recording: bool) -> vcr.VCR:
    """The project's VCR: JSON-body matching, scrubbing, replay-only unless recording."""
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="all" if recording else "none",
        match_on=["method", "path", "json_body"],
        before_record_request=_scrub_request,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
        serializer="yaml",
    )
    recorder.register_matcher("json_body", _json_body)
    return recorder


@pytest.fixture(scope="session")
def cassettes(recording: str | None) -> Cassettes:
    return Cassettes(recording)


class Cassettes:
    """Opens a named cassette, recording it if it matches the --record pattern."""

    def __init__(self, pattern: str | None) -> None:
        self.pattern = pattern

    def __call__(self, name: str) -> _Played:
        record = self.pattern is not None and any(
            fnmatch.fnmatch(name, p) for p in self.pattern.split(",")
        )
        return _Played(make_vcr(record), name, record)


@pytest.fixture(scope="session")
def llm(recording: str | None) -> Iterator[LLM]:
    """The model connection tests use: the real one when recording, a dead port otherwise."""
    if recording:
        settings = Settings.from_env(model=os.environ.get("SUMMARIZER_MODEL") or MODEL_ALIAS)
    else:
        settings = Settings(
            base_url="http://127.0.0.1:9/v1", api_key=DUMMY_KEY, model=MODEL_ALIAS, max_retries=0
        )
    with LLM(settings) as connection:
        yield connection


class _Played:
    """A cassette context that, on replay, insists every interaction was played."""

    def __init__(self, recorder: vcr.VCR, name: str, recording: bool) -> None:
        if recording:  # vcrpy's "all" mode appends: start from an empty cassette
            (CASSETTES / name).unlink(missing_ok=True)
        self.context = recorder.use_cassette(name)
        self.recording = recording

    def __enter__(self) -> Any:
        self.cassette = self.context.__enter__()
        return self.cassette

    def __exit__(self, *exc: Any) -> None:
        self.context.__exit__(*exc)
        if exc[0] is None and not self.recording:
            assert self.cassette.all_played, f"{self.cassette._path}: interactions left unplayed"


@pytest.fixture
def model() -> Iterator[FakeModel]:
    """A loopback fake model that answers every question with a grounded answer."""
    with FakeModel() as fake:
        yield fake


SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


class Briefs(dict[str, ArticleBrief]):
    """Builds each article's brief on first use, under its own cassette `<prefix><name>.yaml`
    (so `pytest --record=PATTERN` re-records only the articles the selected tests touch)."""

    def __init__(
        self,
        summarizer: Summarizer,
        cassettes: Cassettes,
        folder: Path = SEEDS,
        prefix: str = "brief_",
    ) -> None:
        super().__init__()
        self.summarizer, self.cassettes = summarizer, cassettes
        self.folder, self.prefix = folder, prefix

    def __missing__(self, name: str) -> ArticleBrief:
        (path,) = [p for p in self.folder.glob(f"{name}.*") if p.suffix in SUFFIXES]
        with self.cassettes(f"{self.prefix}{name}.yaml"):
            self[name] = self.summarizer.brief(path)
        return self[name]

    def all(self) -> list[ArticleBrief]:
        return [self[seed] for seed in SEED_IDS]


@pytest.fixture(scope="session")
def briefs(llm: LLM, cassettes: Cassettes) -> Briefs:
    """The five seed briefs, replayed from their cassettes."""
    return Briefs(Summarizer(llm=llm), cassettes)
