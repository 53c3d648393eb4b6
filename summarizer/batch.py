"""Batch runs over a folder of articles that regenerate only what changed.

A source needs a model call when it is new, its bytes changed (sha256), its stored brief is
missing, damaged or edited (the manifest keeps the brief's sha256), or what produced its brief
changed (any part of `fingerprint.brief_fingerprint`: prompt texts, response schemas, model,
settings, pipeline version); otherwise its stored brief is reused. Briefs of deleted sources
are removed. Records are rebuilt from all briefs (pure, cheap); a record's summary outcome,
the template one included, is reused while its facts and what writes summaries are the same,
so an unchanged re-run makes no model call at all.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from summarizer.article import DEFAULT_MAX_BYTES, check_max_bytes, load_article, read_bytes
from summarizer.backend import LLM, Settings
from summarizer.brief import answer_steps, brief_steps
from summarizer.errors import ArticleError, ArticleLoadError, BackendError, StoreError, UsageError
from summarizer.fingerprint import brief_fingerprint, changed_parts, summary_fingerprint
from summarizer.merge import merge_records
from summarizer.render import record_markdown, records_markdown
from summarizer.report import write_report
from summarizer.schema import (
    SCHEMA_VERSION,
    ArticleBrief,
    FieldChange,
    MeetingRecord,
    RecordChanges,
    RunChanges,
    Usage,
)
from summarizer.sources import as_folder, as_specs, collect_sources
from summarizer.store import (
    Manifest,
    SourceEntry,
    Store,
    SummaryEntry,
    is_utf8,
    located,
    safe_name,
)
from summarizer.synthesis import facts_text, summarize

State = Literal["new", "changed", "stale", "unchanged", "kept", "removed", "unreadable"]
MANIFEST_EVERY = 1.0  # seconds between manifest saves during a run
TO_BRIEF = frozenset({"new", "changed", "stale"})


@dataclass(frozen=True)
class SourceStatus:
    """Where one source stands against the output folder."""

    article_id: str
    path: str
    state: State
    reason: str = ""


@dataclass
class Event:
    """Progress: `kind` is plan (`total`: how many sources), start, done, reused, failed or
    removed."""

    kind: Literal["plan", "start", "done", "reused", "failed", "removed"]
    article_id: str
    detail: str = ""
    usage: Usage | None = None
    seconds: float = 0.0
    total: int = 0


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
    changes: RunChanges = field(default_factory=RunChanges)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures


def plan(
    sources: list[Path],
    manifest: Manifest,
    store: Store,
    llm: LLM,
    max_bytes: int,
    read: dict[str, ArticleBrief] | None = None,
) -> list[SourceStatus]:
    """Each source's state, and the removed ones, without calling a model. Every stored
    brief it reads whole is put in `read`, so that a run reads each brief once."""
    fingerprint = brief_fingerprint(llm.facts)
    statuses: list[SourceStatus] = []
    for path in sources:
        article_id = path.stem
        problem = _unusable_path(path)
        if problem:  # one odd name fails alone, never the whole run
            shown = _printable(str(path))
            statuses.append(SourceStatus(_printable(article_id), shown, "unreadable", problem))
            continue
        try:
            digest = hashlib.sha256(read_bytes(path, max_bytes)).hexdigest()
        except ArticleLoadError as exc:
            statuses.append(SourceStatus(article_id, str(path), "unreadable", exc.problem))
            continue
        entry = manifest.sources.get(article_id) or _adopt(store, article_id, path, digest)
        if entry is not None and _another_file(Path(entry.path), path):
            reason = (
                f"shares its id {article_id!r} with {entry.path}, whose brief this folder holds; "
                "rename one, or brief them into different folders"
            )
            statuses.append(SourceStatus(article_id, str(path), "unreadable", reason))
            continue
        if entry is None or not store.brief_path(article_id).is_file():
            statuses.append(SourceStatus(article_id, str(path), "new"))
            continue
        # where the source is now (it may have moved since it was briefed)
        entry = entry.model_copy(update={"path": str(path.absolute())})
        manifest.sources[article_id] = entry
        if digest != entry.sha256:
            statuses.append(SourceStatus(article_id, str(path), "changed", "text changed"))
            continue
        stored = store.read_brief(article_id, entry.brief_sha256)
        if stored is None:
            reason = "stored brief was edited or damaged"
            statuses.append(SourceStatus(article_id, str(path), "stale", reason))
            continue
        if read is not None:
            read[article_id] = stored
        stale = changed_parts(entry.fingerprint, fingerprint)
        if entry.schema_version != SCHEMA_VERSION:
            stale.append("brief schema")
        state: State = "stale" if stale else "unchanged"
        reason = ", ".join(stale) + " changed" if stale else ""
        statuses.append(SourceStatus(article_id, str(path), state, reason))
    current = {s.article_id for s in statuses}
    others = {a: e for a, e in manifest.sources.items() if a not in current}
    statuses += _not_named(others, store, fingerprint, read)
    return statuses


def _not_named(
    entries: dict[str, SourceEntry],
    store: Store,
    fingerprint: dict[str, str],
    read: dict[str, ArticleBrief] | None,
) -> list[SourceStatus]:
    """The sources the folder holds briefs of but this run does not name. A run over some
    sources keeps the others' briefs (`kept`), since a run spends calls only on the sources
    it names; only a source deleted has its brief removed. A kept brief that cannot be read
    back is a failure that says how to brief it again."""
    statuses: list[SourceStatus] = []
    for article_id, entry in sorted(entries.items()):
        if located(Path(entry.path), store.root) is None:
            statuses.append(SourceStatus(article_id, entry.path, "removed", "source deleted"))
            continue
        stored = store.read_brief(article_id, entry.brief_sha256)
        if stored is None:
            reason = "its stored brief was edited or damaged; name its source to brief it again"
            statuses.append(SourceStatus(article_id, entry.path, "unreadable", reason))
            continue
        if read is not None:
            read[article_id] = stored
        stale = changed_parts(entry.fingerprint, fingerprint)
        reason = "not named in this run; its source is still there"
        if stale:
            reason += f" ({', '.join(stale)} changed since: name it to brief it again)"
        statuses.append(SourceStatus(article_id, entry.path, "kept", reason))
    return statuses


def _unusable_path(path: Path) -> str | None:
    """Why no output can be kept for this source (its id cannot be a file name, its path is
    not UTF-8 and cannot be stored), or None."""
    try:
        safe_name(path.stem, "its name")
    except StoreError as exc:
        return str(exc)
    if not is_utf8(str(path)):
        return "its folder's name is not UTF-8 and cannot be stored; rename the folder"
    return None


def _another_file(recorded: Path, path: Path) -> bool:
    """Whether the file a manifest entry was briefed from still exists and is not `path`:
    two files with one id, in different runs."""
    if not recorded.is_absolute() or not recorded.is_file():
        return False  # moved (or recorded relative by an older run): the same source
    try:
        return not os.path.samefile(recorded, path)
    except OSError:
        return False


def _printable(text: str) -> str:
    """`text` as it can be printed and stored in JSON: a file name that was not UTF-8 keeps
    its odd bytes as escapes (`caf\\xe9.txt`)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _adopt(store: Store, article_id: str, path: Path, digest: str) -> SourceEntry | None:
    """A manifest entry rebuilt from a brief file written but not yet listed (a run stopped
    between the two), when the brief is of this very source text."""
    brief = store.read_brief(article_id)
    if brief is None or brief.source_sha256 != digest:
        return None
    relative = store.brief_relative(article_id)
    sha = hashlib.sha256(store.brief_path(article_id).read_bytes()).hexdigest()
    store.manifest.outputs = sorted({*store.manifest.outputs, relative})
    return _entry(brief, str(path), relative, sha)


def _entry(
    brief: ArticleBrief, path: str, relative: str, brief_sha256: str, seconds: float = 0.0
) -> SourceEntry:
    return SourceEntry(
        article_id=brief.article_id,
        path=str(Path(path).absolute()),  # found again from any folder a later run starts in
        sha256=brief.source_sha256,
        fingerprint=brief.provenance.fingerprint,
        model=brief.provenance.model,
        backend=brief.provenance.backend,
        brief=relative,
        brief_sha256=brief_sha256,
        schema_version=brief.provenance.schema_version,
        usage=brief.provenance.usage,
        seconds=round(seconds, 3),
    )


def status(
    specs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[SourceStatus]:
    """New, changed, stale, unchanged, unreadable and removed sources; no model is called or
    started and nothing is written."""
    folder = as_folder(out)
    store = Store(folder)
    manifest = store.load_manifest()
    store.manifest = manifest
    sources = collect_sources(as_specs(specs), out=folder)
    return plan(sources, manifest, store, LLM(settings), max_bytes)


def run(
    specs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    out: str | os.PathLike[str],
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

    `force` re-briefs every source; `dry_run` only reports what would be done and writes
    nothing. A failing article is recorded in `failures` and never stops the others; only a
    folder that cannot be written stops the run (StoreError), before any model call if it can
    be seen then, and at the first brief that cannot be kept otherwise.
    """
    if not isinstance(concurrency, int) or concurrency < 1:
        raise UsageError("concurrency must be a whole number, 1 or more")
    check_max_bytes(max_bytes)  # before the folder is touched
    sources_specs = as_specs(specs)
    folder = as_folder(out)
    started = time.monotonic()
    store = Store(folder)
    connection = llm or LLM(settings)
    notify = on_event or (lambda event: None)
    if dry_run:
        statuses = status(sources_specs, folder, settings=connection.settings, max_bytes=max_bytes)
        return RunResult(statuses=statuses, dry_run=True)
    with store.lock():
        manifest = store.open()
        sources = collect_sources(sources_specs, out=folder)
        stored: dict[str, ArticleBrief] = {}
        statuses = plan(sources, manifest, store, connection, max_bytes, stored)
        result = RunResult(statuses=statuses)
        todo = [s for s in statuses if s.state in TO_BRIEF or (force and s.state == "unchanged")]
        todo_ids = {s.article_id for s in todo}
        notify(Event("plan", "", total=len(statuses)))
        old_records = store.read_records()
        briefs: dict[str, ArticleBrief] = {}
        for s in statuses:
            if s.state == "removed":
                store.remove_brief(s.article_id)
                manifest.sources.pop(s.article_id, None)
                result.removed.append(s.article_id)
                notify(Event("removed", s.article_id, s.path))
                continue
            if s.state == "unreadable":
                message = f"{s.path}: {s.reason}"
                result.failures[s.path] = message
                notify(Event("failed", s.article_id, message))
            if s.article_id in todo_ids or s.article_id not in manifest.sources:
                continue  # nothing stored for it (a new source, or a name no file can hold)
            entry = manifest.sources.get(s.article_id)
            brief = stored.get(s.article_id) or store.read_brief(
                s.article_id, entry.brief_sha256 if entry else None
            )
            if brief is not None:
                briefs[s.article_id] = brief
                if s.state != "unreadable":
                    result.reused.append(s.article_id)
                    notify(Event("reused", s.article_id, s.path))
        store.save_manifest()
        try:
            if todo:
                connection.open()
            _brief_all(
                todo, store, manifest, connection, briefs, result, concurrency, max_bytes, notify
            )
            records = merge_records(briefs.values())
            records = _summaries(records, manifest, connection, result)
        finally:
            if llm is None:  # interrupted: requests still answered close it when they end
                connection.close()
        result.records = records
        store.write_records(records, {r.meeting_id: record_markdown(r) for r in records})
        store.write("report.md", records_markdown(records))
        result.changes = changelog(old_records, records, result)
        store.append_changelog(result.changes)
        write_report(store, records=records, briefs=list(briefs.values()), changes=result.changes)
        store.save_manifest()
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
    An interrupt (Ctrl-C lands here) cancels what is queued and waits for the questions in
    flight, no other being asked: a brief they finish is written and recorded while the
    folder is still locked. A second interrupt stops the wait; then no worker writes again
    (a brief written but not yet in the manifest is adopted by the next run's plan, so
    nothing finished is redone). A brief that cannot be written stops the queue: no model
    call is made whose answer cannot be kept."""

    stop = threading.Event()  # set by the first brief that cannot be written
    # Set on the way out: after Ctrl-C a worker still briefing asks no further question (the
    # one in flight ends), so the process ends in one request's time, not an article's.
    leaving = threading.Event()
    # Set, under `writing`, before the folder's lock is released: no brief is written after.
    closed = threading.Event()
    writing = threading.Lock()

    def work(source: SourceStatus) -> tuple[ArticleBrief, str, str, float]:
        if stop.is_set():
            raise StoreError(
                f"{source.path}: not briefed: the run stopped because briefs cannot be written"
            )
        if leaving.is_set():
            raise ArticleError(source.article_id, "not briefed: the run stopped")
        notify(Event("start", source.article_id, source.path))
        began = time.monotonic()
        article = load_article(Path(source.path), max_bytes=max_bytes)
        brief = answer_steps(brief_steps(article, llm.facts), llm, stop=leaving)
        with writing:
            if closed.is_set():
                raise ArticleError(source.article_id, "not kept: the run was stopped at once")
            try:
                relative, sha = store.write_brief(brief)
            except StoreError:
                stop.set()
                leaving.set()  # the other workers ask no question whose answer cannot be kept
                raise
        return brief, relative, sha, time.monotonic() - began

    pool = ThreadPoolExecutor(max_workers=concurrency)
    futures = {pool.submit(work, s): s for s in todo}
    pending = set(futures)
    saved = time.monotonic()

    def settle(done: set[Future[tuple[ArticleBrief, str, str, float]]]) -> None:
        for future in sorted(done, key=lambda f: futures[f].article_id):
            _settle(future, futures[future], manifest, briefs, result, notify)

    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            settle(done)
            if time.monotonic() - saved >= MANIFEST_EVERY:
                store.save_manifest()
                saved = time.monotonic()
    finally:
        leaving.set()
        pool.shutdown(wait=False, cancel_futures=True)
        # The questions in flight end, none other is asked; what they finish is kept. (A
        # future cancelled above is never "done" to `wait`: it is left out.)
        running = [f for f in pending if not f.cancelled()]
        try:
            settle({f for f in wait(running).done if not f.exception()})
        finally:
            with writing:
                closed.set()
            store.save_manifest()


def _settle(
    future: Future[tuple[ArticleBrief, str, str, float]],
    source: SourceStatus,
    manifest: Manifest,
    briefs: dict[str, ArticleBrief],
    result: RunResult,
    notify: Callable[[Event], None],
) -> None:
    """Record one finished job (a failure among others, or a brief)."""
    try:
        brief, relative, sha, seconds = future.result()
    except (ArticleError, BackendError, StoreError) as exc:
        message = str(exc) if str(exc).startswith(source.path) else f"{source.path}: {exc}"
        result.failures[source.path] = message
        result.usage += getattr(exc, "usage", None) or Usage()
        notify(Event("failed", source.article_id, message))
        return
    manifest.sources[brief.article_id] = _entry(brief, source.path, relative, sha, seconds)
    briefs[brief.article_id] = brief
    result.briefed.append(brief.article_id)
    result.usage += brief.provenance.usage
    notify(Event("done", brief.article_id, source.path, brief.provenance.usage, seconds))


def _summaries(
    records: list[MeetingRecord], manifest: Manifest, llm: LLM, result: RunResult
) -> list[MeetingRecord]:
    """Each record with its summary: the cached outcome while the facts and what writes
    summaries are unchanged (the template outcome too), else a new one."""
    fingerprint = summary_fingerprint(llm.facts)
    done: list[MeetingRecord] = []
    kept: dict[str, SummaryEntry] = {}
    for record in records:
        digest = hashlib.sha256(facts_text(record).encode()).hexdigest()
        cached = manifest.summaries.get(record.meeting_id)
        merged_notes = list(record.notes)
        if cached and cached.facts_sha256 == digest and cached.fingerprint == fingerprint:
            record = record.model_copy(
                update={
                    "summary": cached.summary,
                    "summary_by": cached.summary_by,
                    "summary_usage": cached.usage,
                    "notes": [*merged_notes, *cached.notes],
                }
            )
        else:
            llm.open()
            record, final = summarize(record, llm)
            result.usage += record.summary_usage
            if not final:
                done.append(record)
                continue
        kept[record.meeting_id] = SummaryEntry(
            facts_sha256=digest,
            fingerprint=fingerprint,
            summary=record.summary,
            summary_by=record.summary_by,
            notes=record.notes[len(merged_notes) :],
            usage=record.summary_usage,
        )
        done.append(record)
    manifest.summaries = kept
    return done


def changelog(old: list[MeetingRecord], new: list[MeetingRecord], result: RunResult) -> RunChanges:
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
    changed = {
        record.meeting_id: diff
        for record in new
        if (before := matched.get(record.meeting_id)) and (diff := _record_diff(before, record))
    }
    return RunChanges(
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        briefed=sorted(result.briefed),
        reused=sorted(result.reused),
        removed_sources=sorted(result.removed),
        failed=dict(sorted(result.failures.items())),
        meetings_added=sorted(r.meeting_id for r in new if r.meeting_id not in matched),
        meetings_removed=sorted(o.meeting_id for o in old if o.meeting_id not in used),
        meetings_changed=changed,
    )


def _record_diff(before: MeetingRecord, after: MeetingRecord) -> RecordChanges:
    old_sources = {s.article_id for s in before.sources}
    new_sources = {s.article_id for s in after.sources}
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
    renamed = FieldChange(before=before.meeting_id, after=after.meeting_id)
    return RecordChanges(
        sources_gained=sorted(new_sources - old_sources),
        sources_lost=sorted(old_sources - new_sources),
        meeting_id=renamed if renamed.before != renamed.after else None,
        fields={k: FieldChange(before=a, after=b) for k, (a, b) in fields.items() if a != b},
    )
