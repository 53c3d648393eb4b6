"""Batch runs over a folder of articles that regenerate only what changed.

A source needs a model call when it is new, its bytes changed (sha256), or what produced its
brief changed (prompt versions, schema version, model); otherwise its stored brief is reused.
Briefs of deleted sources are removed. Records are rebuilt from all briefs (pure, cheap);
a record's summary is reused while its facts, the summary prompt and the model are the same.
"""

from __future__ import annotations

import glob
import hashlib
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from summarizer.article import DEFAULT_MAX_BYTES, SUFFIXES, load_article
from summarizer.backend import LLM, Settings
from summarizer.brief import build_brief, prompt_versions
from summarizer.errors import ArticleError, BackendError, RunError, UsageError
from summarizer.merge import merge_records
from summarizer.prompts import load_prompt
from summarizer.render import record_markdown, records_markdown
from summarizer.report import write_report
from summarizer.schema import SCHEMA_VERSION, ArticleBrief, MeetingRecord, Usage
from summarizer.store import Manifest, SourceEntry, Store, SummaryEntry
from summarizer.synthesis import facts_text, write_summary

State = Literal["new", "changed", "stale", "unchanged", "removed"]
MANIFEST_EVERY = 1.0  # seconds between manifest saves during a run


@dataclass(frozen=True)
class SourceStatus:
    """Where one source stands against the output folder."""

    article_id: str
    path: str
    state: State
    reason: str = ""


@dataclass
class Event:
    """Progress: `kind` is plan (detail: how many sources), start, done, reused, failed or
    removed."""

    kind: str
    article_id: str
    detail: str = ""
    usage: Usage | None = None
    seconds: float = 0.0


@dataclass
class RunResult:
    """What a run did. `failures` maps a source path to its one-line error."""

    statuses: list[SourceStatus]
    records: list[MeetingRecord] = field(default_factory=list)
    briefed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    seconds: float = 0.0
    changes: dict[str, Any] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures


def collect_sources(specs: Iterable[str | Path]) -> list[Path]:
    """Files, folders (their .txt/.md files, recursively) and globs, sorted, without repeats.

    A spec that matches nothing, or two sources with one id (file stem), is a UsageError.
    """
    found: dict[Path, None] = {}
    for spec in specs:
        text = str(spec)
        path = Path(text)
        if path.is_dir():
            matches = [p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()]
        elif path.exists():
            matches = [path]
        else:
            matches = [Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file()]
        if not matches:
            raise UsageError(f"{text}: no such file, folder or matching .txt/.md files")
        for match in sorted(matches):
            found.setdefault(match, None)
    by_id: dict[str, Path] = {}
    for path in found:
        other = by_id.setdefault(path.stem, path)
        if other != path:
            raise UsageError(f"{other} and {path} would share the id {path.stem!r}; rename one")
    return sorted(found, key=lambda p: (p.stem, str(p)))


def plan(sources: list[Path], manifest: Manifest, store: Store, llm: LLM) -> list[SourceStatus]:
    """Each source's state, and the removed ones, without calling a model."""
    versions = prompt_versions()
    statuses: list[SourceStatus] = []
    for path in sources:
        article_id = path.stem
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        entry = manifest.sources.get(article_id) or _adopt(store, article_id, path, digest)
        if entry is None or not store.brief_path(article_id).exists():
            statuses.append(SourceStatus(article_id, str(path), "new"))
            continue
        manifest.sources[article_id] = entry
        if digest != entry.sha256:
            statuses.append(SourceStatus(article_id, str(path), "changed", "text changed"))
            continue
        stale = [
            what
            for what, old, new in (
                ("prompts", entry.prompt_versions, versions),
                ("schema", entry.schema_version, SCHEMA_VERSION),
                ("model", entry.model, llm.model),
            )
            if old != new
        ]
        state: State = "stale" if stale else "unchanged"
        reason = ", ".join(stale) + " changed" if stale else ""
        statuses.append(SourceStatus(article_id, str(path), state, reason))
    current = {s.article_id for s in statuses}
    for article_id, entry in sorted(manifest.sources.items()):
        if article_id not in current:
            statuses.append(SourceStatus(article_id, entry.path, "removed", "source deleted"))
    return statuses


def _adopt(store: Store, article_id: str, path: Path, digest: str) -> SourceEntry | None:
    """A manifest entry rebuilt from a brief file written but not yet listed (a run stopped
    between the two), when the brief is of this very source text."""
    if not store.brief_path(article_id).exists():
        return None
    try:
        brief = store.read_brief(article_id)
    except RunError:
        return None
    if brief is None or brief.source_sha256 != digest:
        return None
    return _entry(brief, str(path), str(store.brief_path(article_id).relative_to(store.root)))


def _entry(brief: ArticleBrief, path: str, relative: str, seconds: float = 0.0) -> SourceEntry:
    return SourceEntry(
        article_id=brief.article_id,
        path=path,
        sha256=brief.source_sha256,
        prompt_versions=brief.provenance.prompt_versions,
        schema_version=brief.provenance.schema_version,
        model=brief.provenance.model,
        backend=brief.provenance.backend,
        brief=relative,
        usage=brief.provenance.usage,
        seconds=round(seconds, 3),
    )


def status(
    specs: Iterable[str | Path], out: Path, *, settings: Settings | None = None
) -> list[SourceStatus]:
    """New, changed, stale, unchanged and removed sources; no model is called or started."""
    store = Store(out)
    return plan(collect_sources(specs), store.load_manifest(), store, LLM(settings))


def run(
    specs: Iterable[str | Path],
    out: Path,
    *,
    settings: Settings | None = None,
    llm: LLM | None = None,
    force: bool = False,
    dry_run: bool = False,
    concurrency: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_event: Callable[[Event], None] | None = None,
) -> RunResult:
    """Brief what changed, rebuild the records, write everything under `out`.

    `force` re-briefs every source; `dry_run` only reports what would be done. A failing
    article is recorded in `failures` and never stops the others.
    """
    if concurrency < 1:
        raise UsageError("concurrency must be 1 or more")
    started = time.monotonic()
    store = Store(out)
    connection = llm or LLM(settings)
    notify = on_event or (lambda event: None)
    with store.lock():
        sources = collect_sources(specs)
        manifest = store.load_manifest()
        statuses = plan(sources, manifest, store, connection)
        result = RunResult(statuses=statuses, dry_run=dry_run)
        todo = [
            s
            for s in statuses
            if s.state in {"new", "changed", "stale"} or (force and s.state == "unchanged")
        ]
        todo_ids = {s.article_id for s in todo}
        if dry_run:
            return result
        notify(Event("plan", "", str(len(statuses))))
        old_records = store.read_records()
        briefs: dict[str, ArticleBrief] = {}
        for s in statuses:
            if s.state == "removed":
                store.remove_brief(s.article_id)
                manifest.sources.pop(s.article_id, None)
                result.removed.append(s.article_id)
                notify(Event("removed", s.article_id, s.path))
            elif s.article_id not in todo_ids:
                brief = store.read_brief(s.article_id)
                if brief is not None:
                    briefs[s.article_id] = brief
                    result.reused.append(s.article_id)
                    notify(Event("reused", s.article_id, s.path))
        store.save_manifest(manifest)
        try:
            if todo:
                connection.open()
            _brief_all(
                todo, store, manifest, connection, briefs, result, concurrency, max_bytes, notify
            )
            records = merge_records(briefs.values())
            records = _summaries(records, manifest, connection, result)
        finally:
            if llm is None:
                connection.close()
        result.records = records
        store.write_records(records, {r.meeting_id: record_markdown(r) for r in records})
        store.write_text("report.md", records_markdown(records))
        result.changes = changelog(old_records, records, result)
        store.append_changelog(result.changes)
        store.save_manifest(manifest)
        write_report(out, records=records, briefs=list(briefs.values()), changes=result.changes)
    result.seconds = time.monotonic() - started
    return result


def _brief_all(
    todo: list[SourceStatus],
    store: Store,
    manifest: Manifest,
    llm: LLM,
    briefs: dict[str, ArticleBrief],
    result: RunResult,
    concurrency: int,
    max_bytes: int,
    notify: Callable[[Event], None],
) -> None:
    """Workers load, brief and write each brief file (atomically); this thread records them
    in the manifest, saved at most every MANIFEST_EVERY seconds and always on the way out.
    An interrupt (Ctrl-C lands here) cancels what is queued; a brief written but not yet in
    the manifest is adopted by the next run's plan, so nothing finished is redone."""

    def work(source: SourceStatus) -> tuple[ArticleBrief, str, float]:
        notify(Event("start", source.article_id, source.path))
        began = time.monotonic()
        article = load_article(Path(source.path), max_bytes=max_bytes)
        brief = build_brief(article, llm)
        return brief, store.write_brief(brief), time.monotonic() - began

    pool = ThreadPoolExecutor(max_workers=concurrency)
    futures = {pool.submit(work, s): s for s in todo}
    saved = time.monotonic()
    try:
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: futures[f].article_id):
                _settle(future, futures[future], manifest, briefs, result, notify)
            if time.monotonic() - saved >= MANIFEST_EVERY:
                store.save_manifest(manifest)
                saved = time.monotonic()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        store.save_manifest(manifest)


def _settle(
    future: Future[tuple[ArticleBrief, str, float]],
    source: SourceStatus,
    manifest: Manifest,
    briefs: dict[str, ArticleBrief],
    result: RunResult,
    notify: Callable[[Event], None],
) -> None:
    try:
        brief, relative, seconds = future.result()
    except (ArticleError, BackendError) as exc:
        message = str(exc) if str(exc).startswith(source.path) else f"{source.path}: {exc}"
        result.failures[source.path] = message
        result.usage += getattr(exc, "usage", None) or Usage()
        notify(Event("failed", source.article_id, message))
        return
    manifest.sources[brief.article_id] = _entry(brief, source.path, relative, seconds)
    briefs[brief.article_id] = brief
    result.briefed.append(brief.article_id)
    result.usage += brief.provenance.usage
    notify(Event("done", brief.article_id, source.path, brief.provenance.usage, seconds))


def _summaries(
    records: list[MeetingRecord], manifest: Manifest, llm: LLM, result: RunResult
) -> list[MeetingRecord]:
    version = load_prompt("record_summary").version
    done: list[MeetingRecord] = []
    kept: dict[str, SummaryEntry] = {}
    for record in records:
        digest = hashlib.sha256(facts_text(record).encode()).hexdigest()
        cached = manifest.summaries.get(record.meeting_id)
        if cached and (cached.facts_sha256, cached.model, cached.prompt_version) == (
            digest,
            llm.model,
            version,
        ):
            record = record.model_copy(
                update={
                    "summary": cached.summary,
                    "summary_by": cached.model,
                    "summary_usage": cached.usage,
                }
            )
        else:
            llm.open()
            record = write_summary(record, llm)
            result.usage += record.summary_usage
        if record.summary_by != "template":
            kept[record.meeting_id] = SummaryEntry(
                facts_sha256=digest,
                model=record.summary_by,
                prompt_version=version,
                summary=record.summary,
                usage=record.summary_usage,
            )
        done.append(record)
    manifest.summaries = kept
    return done


def changelog(
    old: list[MeetingRecord], new: list[MeetingRecord], result: RunResult
) -> dict[str, Any]:
    """Which meetings appeared or went, which gained or lost sources, which fields changed.

    An old record is matched to the new one sharing most sources (ids can change when a
    record's date becomes more precise)."""
    matched: dict[str, MeetingRecord] = {}
    for record in new:
        mine = {s.article_id for s in record.sources}
        best = max(
            old,
            key=lambda o: (len(mine & {s.article_id for s in o.sources}), o.meeting_id),
            default=None,
        )
        if best is not None and mine & {s.article_id for s in best.sources}:
            matched[record.meeting_id] = best
    used = {o.meeting_id for o in matched.values()}
    changed: dict[str, Any] = {}
    for record in new:
        before = matched.get(record.meeting_id)
        if before is None:
            continue
        diff = _record_diff(before, record)
        if diff:
            changed[record.meeting_id] = diff
    return {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "briefed": sorted(result.briefed),
        "reused": sorted(result.reused),
        "removed_sources": sorted(result.removed),
        "failed": dict(sorted(result.failures.items())),
        "meetings_added": sorted(r.meeting_id for r in new if r.meeting_id not in matched),
        "meetings_removed": sorted(o.meeting_id for o in old if o.meeting_id not in used),
        "meetings_changed": changed,
    }


def _record_diff(before: MeetingRecord, after: MeetingRecord) -> dict[str, Any]:
    diff: dict[str, Any] = {}
    old_sources = {s.article_id for s in before.sources}
    new_sources = {s.article_id for s in after.sources}
    if new_sources - old_sources:
        diff["sources_gained"] = sorted(new_sources - old_sources)
    if old_sources - new_sources:
        diff["sources_lost"] = sorted(old_sources - new_sources)
    if before.meeting_id != after.meeting_id:
        diff["meeting_id"] = {"from": before.meeting_id, "to": after.meeting_id}
    fields = {
        "date": (before.date.iso, after.date.iso),
        "city": (before.location.city, after.location.city),
        "country": (before.location.country, after.location.country),
        "forum": (before.forum, after.forum),
        "mode": (before.mode, after.mode),
        "participants": (
            sorted(p.name for p in before.participants),
            sorted(p.name for p in after.participants),
        ),
        "statements": (len(before.statements), len(after.statements)),
        "conflicts": (len(before.conflicts), len(after.conflicts)),
    }
    changed = {k: {"from": a, "to": b} for k, (a, b) in fields.items() if a != b}
    if changed:
        diff["fields"] = changed
    return diff
