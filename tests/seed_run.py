"""The seeds' run folder, as `summarizer run seeds --out OUT` writes it, with no model: the
five brief cassettes and the record-summary cassette are replayed together as one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import summarizer
from summarizer.backend import LLM
from tests.conftest import CASSETTES, ROOT, make_vcr

_made: dict[str, Path] = {}


def seed_run_folder(factory: pytest.TempPathFactory, llm: LLM) -> Path:
    """OUT of a replayed seed run (made once per test session)."""
    if "out" in _made:
        return _made["out"]
    folder = factory.mktemp("seed-run")
    interactions: list[object] = []
    for path in [*sorted(CASSETTES.glob("brief_*.yaml")), CASSETTES / "merge_seeds.yaml"]:
        interactions += yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
    combined = folder / "seeds.yaml"
    combined.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}))
    out = folder / "out"
    with make_vcr(False).use_cassette(str(combined)) as cassette:
        result = summarizer.run([ROOT / "seeds"], out, llm=llm)
        assert result.ok, result.failures
        assert cassette.all_played, "the seed run did not replay every recorded exchange"
    _made["out"] = out
    return out
