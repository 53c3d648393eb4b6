"""Every Python example in the README runs: the first against the recorded seed cassette (and
the values it shows are the ones it returns), the rest against the loopback fake endpoint."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
from pathlib import Path

import pytest

from summarizer.embedded import MODEL_ALIAS
from tests.conftest import DUMMY_KEY, ROOT, SEEDS
from tests.fake_server import FakeModel

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 2


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _shown_pairs(block: str) -> list[tuple[str, object]]:
    """(expression, value shown in the comment under it) for each `# (...)` line."""
    lines = block.splitlines()
    pairs = []
    for before, after in itertools.pairwise(lines):
        if after.startswith("# (") and not before.startswith("#"):
            pairs.append((before.split("  #")[0].strip(), ast.literal_eval(after[2:])))
    return pairs


def test_the_first_example_returns_what_it_shows(workdir, monkeypatch, cassettes):
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", MODEL_ALIAS)
    monkeypatch.setenv("SUMMARIZER_API_KEY", DUMMY_KEY)
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "0")
    namespace: dict[str, object] = {}
    with cassettes("brief_001_a426523f9bff1c04.yaml"):
        exec(compile(BLOCKS[0], "README.md", "exec"), namespace)
    pairs = _shown_pairs(BLOCKS[0])
    assert pairs
    for expression, shown in pairs:
        assert eval(expression, namespace) == shown, expression


@pytest.mark.parametrize("index", range(1, len(BLOCKS)))
def test_the_other_examples_run(workdir, monkeypatch, index):
    with FakeModel() as fake:
        monkeypatch.setenv("SUMMARIZER_BASE_URL", fake.base_url)
        monkeypatch.setenv("SUMMARIZER_MODEL", "fake-model")
        monkeypatch.setenv("SUMMARIZER_API_KEY", DUMMY_KEY)
        exec(compile(BLOCKS[index], "README.md", "exec"), {})
        assert fake.requests
