"""The output folder: layout, manifest, atomic writes, the run lock. Touches disk; no model.

    OUT/manifest.json            per source: sha256, prompts, schema, model, brief, usage, time
    OUT/briefs/<id>.json         one brief per source
    OUT/meetings/<id>.json|.md   one record per meeting
    OUT/report.md                every meeting, every statement with its sources
    OUT/changes.json             what the last run changed; OUT/changelog.jsonl keeps them all
    OUT/.lock                    held while a run writes

Every file is written to a temporary name and renamed, so an interrupted run leaves each
file either old or new, never half-written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import filelock
from pydantic import BaseModel, Field, ValidationError

from summarizer.errors import RunLocked, StoreError
from summarizer.schema import ArticleBrief, MeetingRecord, Usage

MANIFEST_VERSION = 1
M = TypeVar("M", bound=BaseModel)


class SourceEntry(BaseModel):
    """What the manifest remembers of one source."""

    article_id: str
    path: str
    sha256: str
    prompt_versions: dict[str, str]
    schema_version: str
    model: str
    backend: str
    brief: str
    usage: Usage = Field(default_factory=Usage)
    seconds: float = 0.0


class SummaryEntry(BaseModel):
    """A record summary, reused while the record's facts and the model stay the same."""

    facts_sha256: str
    model: str
    prompt_version: str
    summary: str
    usage: Usage = Field(default_factory=Usage)


class Manifest(BaseModel):
    version: int = MANIFEST_VERSION
    sources: dict[str, SourceEntry] = Field(default_factory=dict)
    summaries: dict[str, SummaryEntry] = Field(default_factory=dict)


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


class Store:
    """One output folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder's lock; a second run gets RunLocked at once. The OS releases it
        if the process dies, so a crash never leaves the folder locked."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(self.root / ".lock", timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise RunLocked(
                f"{self.root}: another summarizer run is writing this folder; wait for it "
                "or choose another --out"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def brief_path(self, article_id: str) -> Path:
        return self.root / "briefs" / f"{article_id}.json"

    def load_manifest(self) -> Manifest:
        path = self.root / "manifest.json"
        if not path.exists():
            return Manifest()
        return _parse(path, Manifest)

    def save_manifest(self, manifest: Manifest) -> None:
        atomic_write(self.root / "manifest.json", manifest.model_dump_json(indent=2) + "\n")

    def write_brief(self, brief: ArticleBrief) -> str:
        path = self.brief_path(brief.article_id)
        atomic_write(path, brief.model_dump_json(indent=2) + "\n")
        return str(path.relative_to(self.root))

    def read_brief(self, article_id: str) -> ArticleBrief | None:
        path = self.brief_path(article_id)
        return _parse(path, ArticleBrief) if path.exists() else None

    def remove_brief(self, article_id: str) -> None:
        self.brief_path(article_id).unlink(missing_ok=True)

    def read_records(self) -> list[MeetingRecord]:
        folder = self.root / "meetings"
        if not folder.is_dir():
            return []
        return [_parse(path, MeetingRecord) for path in sorted(folder.glob("*.json"))]

    def write_records(self, records: list[MeetingRecord], markdown: dict[str, str]) -> None:
        """Write every record (JSON and Markdown) and remove the files of records now gone."""
        folder = self.root / "meetings"
        keep: set[str] = set()
        for record in records:
            atomic_write(
                folder / f"{record.meeting_id}.json", record.model_dump_json(indent=2) + "\n"
            )
            atomic_write(folder / f"{record.meeting_id}.md", markdown[record.meeting_id])
            keep |= {f"{record.meeting_id}.json", f"{record.meeting_id}.md"}
        if folder.is_dir():
            for path in folder.iterdir():
                if path.suffix in {".json", ".md"} and path.name not in keep:
                    path.unlink()

    def write_text(self, name: str, text: str) -> None:
        atomic_write(self.root / name, text)

    def append_changelog(self, changes: dict[str, Any]) -> None:
        atomic_write(self.root / "changes.json", json.dumps(changes, indent=2) + "\n")
        with (self.root / "changelog.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(changes, sort_keys=True) + "\n")


def _parse(path: Path, model: type[M]) -> M:
    try:
        return model.model_validate_json(path.read_bytes())
    except (ValidationError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"{path}: cannot read ({first}); delete it to have it rebuilt") from None
