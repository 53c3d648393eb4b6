"""What produced a brief or a summary, fingerprinted from the content itself. Pure.

A brief is stale when anything that shaped the model's requests or answers changed: a prompt
template's text, a response model's JSON schema (field descriptions are prompt text: instructor
sends them as the tool schema), the settings that change answers (model, mode, re-asks,
temperature, seed), or the pipeline's own version (code that reads articles). Each part is
hashed on its own, so `status` can say which one changed.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata

from pydantic import BaseModel

from summarizer.backend import ModelFacts
from summarizer.prompts import load_prompt
from summarizer.questions import QUESTIONS, RecordSummaryAnswer
from summarizer.schema import SCHEMA_VERSION

PIPELINE_VERSION = "20"
"""Bump when code that reads articles or assembles briefs changes what a brief holds."""


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@cache
def _question_parts(name: str, model: type[BaseModel]) -> dict[str, str]:
    """Hashed once per process: prompts are read once (`load_prompt` caches) and a response
    model's schema cannot change while the process runs."""
    prompt = load_prompt(name)
    return {
        f"prompt {name}": _digest([prompt.system, prompt.user]),
        f"schema {name}": _digest(model.model_json_schema()),
    }


def _version() -> str:
    try:
        package = metadata.version("summarizer")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        package = "unknown"
    return f"{package}/{PIPELINE_VERSION}/{SCHEMA_VERSION}"


def brief_fingerprint(facts: ModelFacts) -> dict[str, str]:
    """The parts that produced a brief made by the model `facts` describes, each hashed."""
    parts: dict[str, str] = {"pipeline": _version(), "model": facts.model}
    for name, model in QUESTIONS.items():
        parts.update(_question_parts(name, model))
    parts["settings"] = _digest(facts.answer_settings)
    return parts


def summary_fingerprint(facts: ModelFacts) -> dict[str, str]:
    """The parts that produced a record summary."""
    parts: dict[str, str] = {"pipeline": _version(), "model": facts.model}
    parts.update(_question_parts("record_summary", RecordSummaryAnswer))
    parts["settings"] = _digest(facts.answer_settings)
    return parts


def changed_parts(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Which parts differ, by name (a part only one side has counts as changed)."""
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
