"""The output folder: layout, manifest, atomic writes, the run lock. Touches disk; no model.

    OUT/manifest.json            per source: sha256, fingerprint, brief and its sha256, usage
    OUT/briefs/<id>.json         one brief per source
    OUT/meetings/<id>.json|.md   one record per meeting
    OUT/report.md                every meeting, every statement with its sources
    OUT/changes.json             what the last run changed; OUT/changelog.jsonl keeps them all
    OUT/.lock                    held while a run writes
    OUT/.summarizer-output       marks the folder as output: no run reads it as sources

Safety rules, kept here and nowhere else:
- Every path built from an id goes through `safe_name` (one path component, no `..`, no
  separator, not hidden, valid UTF-8), so no id can point outside the folder.
- The tool only overwrites or deletes files it wrote: the manifest lists them (`outputs`),
  and a brief or record file it wrote before the manifest caught up is recognised by its
  content. A folder holding anything else where outputs go is refused before any model call.
  The manifest is read as data that may have been edited: an `outputs` entry that is not the
  path of an output (`briefs/<id>.json`, `meetings/<id>.json|.md`, a top-level output) makes
  it damaged, and a `manifest.json` that is not the tool's (other keys, no `sources`) is
  refused, never overwritten.
- Every file is written to a temporary `.NAME.PID.partial` and renamed, so an interrupted run
  leaves each file old or new, never half-written; the next run removes stale partials of
  its own outputs (a `.NAME.PID.partial` whose NAME is an output's), no other file.
- Every OS error becomes one StoreError line naming the path and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import filelock
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from summarizer.article import DEFAULT_MAX_BYTES, load_article, read_bytes
from summarizer.errors import ArticleError, RunLocked, StoreError, UsageError
from summarizer.schema import ArticleBrief, MeetingRecord, RunChanges, Usage
from summarizer.sources import OUTPUT_FILES, OUTPUT_MARKER, check_one_id_each

MANIFEST_VERSION = 2
KNOWN_VERSIONS = (1, 2)
M = TypeVar("M", bound=BaseModel)

TOP_LEVEL_OUTPUTS = tuple(name for name in OUTPUT_FILES if name != "manifest.json")
_PARTIAL = re.compile(r"^\.(?P<name>.+)\.\d+\.partial$")
_UNSAFE = re.compile(r"[/\\\x00-\x1f]")
_NAME_MAX = 200


def safe_name(identifier: str, what: str = "id", fix: str = "rename the source") -> str:
    """`identifier` if it can be a file name inside the output folder, else StoreError
    whose message ends in `fix` (what the caller can do: an article id is its file's name).

    One rule for every path built from an id: a single path component, not `.`/`..`, not
    hidden (leading dot), no separator or control character, at most 200 characters.
    """
    if (
        not identifier
        or identifier.startswith(".")
        or _UNSAFE.search(identifier)
        or len(identifier) > _NAME_MAX
        or not is_utf8(identifier)
    ):
        raise StoreError(
            f"{what} {identifier[:80]!r} cannot be a file name in the output folder "
            f"(it would point outside it, be hidden, is too long or not UTF-8); {fix}"
        )
    return identifier


def is_utf8(text: str) -> bool:
    """Whether `text` is valid Unicode: a file name that was not UTF-8 reaches Python with
    lone surrogates, which no JSON output can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_output_path(relative: str) -> bool:
    """Whether `relative` is the path of one of the tool's outputs: a top-level output file,
    `briefs/<id>.json` or `meetings/<id>.json|.md` with a safe id. Nothing else is ever
    written or deleted, whatever a manifest lists."""
    if relative in TOP_LEVEL_OUTPUTS:
        return True
    folder, _, name = relative.partition("/")
    stem, _, suffix = name.rpartition(".")
    allowed = {"briefs": ("json",), "meetings": ("json", "md")}.get(folder, ())
    if suffix not in allowed:
        return False
    try:
        safe_name(stem)
    except StoreError:
        return False
    return True


class SourceEntry(BaseModel):
    """What the manifest remembers of one source."""

    article_id: str
    path: str
    sha256: str
    fingerprint: dict[str, str] = Field(default_factory=dict)
    model: str
    backend: str
    brief: str
    brief_sha256: str = ""
    schema_version: str = ""
    usage: Usage = Field(default_factory=Usage)
    seconds: float = 0.0

    @field_validator("article_id")
    @classmethod
    def _safe(cls, value: str) -> str:
        try:
            return safe_name(value, "article id")
        except StoreError as exc:
            raise ValueError(str(exc)) from None


class SummaryEntry(BaseModel):
    """A record's summary outcome (the model's, or the template after a failure), reused
    while the record's facts and what writes summaries stay the same."""

    facts_sha256: str
    fingerprint: dict[str, str] = Field(default_factory=dict)
    summary: str
    summary_by: str
    notes: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


class Manifest(BaseModel):
    # A manifest.json with other keys is someone else's file (a web app's manifest.json):
    # never read as the tool's, never overwritten.
    model_config = ConfigDict(extra="forbid")

    version: int = MANIFEST_VERSION
    sources: dict[str, SourceEntry] = Field(default_factory=dict)
    summaries: dict[str, SummaryEntry] = Field(default_factory=dict)
    outputs: list[str] = Field(
        default_factory=list, description="Every file the tool wrote, relative to the folder."
    )

    @field_validator("outputs")
    @classmethod
    def _outputs_only(cls, value: list[str]) -> list[str]:
        for relative in value:
            if not is_output_path(relative):
                raise ValueError(f"{relative[:80]!r} is not the path of an output")
        return value


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename (StoreError on failure)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise _store_error(path, "cannot write", exc) from None


def _store_error(path: Path, doing: str, exc: OSError) -> StoreError:
    reason = (exc.strerror or type(exc).__name__).lower()
    hint = {
        errno.ENOSPC: "free some space and run again: finished briefs are kept",
        errno.EDQUOT: "free some space and run again: finished briefs are kept",
        errno.EACCES: "make it writable or choose another --out",
        errno.EPERM: "make it writable or choose another --out",
        errno.EROFS: "choose an --out on a writable file system",
        errno.EISDIR: "move that folder away; the tool keeps a file there",
        errno.ENOTDIR: "a file stands where a folder should be; move it or choose another --out",
    }.get(exc.errno or 0, "check the folder and run again")
    return StoreError(f"{path}: {doing} ({reason}); {hint}")


class Store:
    """One output folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest = Manifest()

    # -- opening -----------------------------------------------------------------------------

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder's lock; a second run gets RunLocked at once. The OS releases it
        if the process dies, so a crash never leaves the folder locked."""
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root}: is a file, not a folder; choose another --out")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = filelock.FileLock(self.root / ".lock", timeout=0)
            lock.acquire()
        except filelock.Timeout:
            raise RunLocked(
                f"{self.root}: another summarizer run is writing this folder; wait for it "
                "or choose another --out"
            ) from None
        except OSError as exc:
            raise _store_error(self.root, "cannot lock the output folder", exc) from None
        try:
            yield
        finally:
            lock.release()

    def open(self) -> Manifest:
        """Load the manifest, check the folder can be written and holds nothing foreign where
        outputs go, mark it as output and remove stale partial files. Call under `lock`."""
        self.manifest = self.load_manifest()
        foreign = self.foreign_files()
        if foreign:
            listed = ", ".join(foreign[:3]) + (
                f" and {len(foreign) - 3} more" if foreign[3:] else ""
            )
            raise StoreError(
                f"{self.root}: holds files summarizer did not write where its outputs go "
                f"({listed}); move them away or choose another --out"
            )
        self._clean_partials()
        self._write_marker()
        self._probe(self.root / "briefs")
        return self.manifest

    def load_manifest(self) -> Manifest:
        path = self.root / "manifest.json"
        if not path.exists():
            return Manifest()
        try:
            raw = json.loads(path.read_bytes())
        except OSError as exc:
            raise _store_error(path, "cannot read the manifest", exc) from None
        except ValueError as exc:
            raise StoreError(
                f"{path}: not a summarizer manifest ({str(exc).splitlines()[0]}); "
                "move it away to start this folder afresh"
            ) from None
        if not isinstance(raw, dict) or not isinstance(raw.get("sources"), dict):
            raise StoreError(
                f"{path}: not a summarizer manifest (no sources); move it away or choose "
                "another --out"
            )
        version = raw.get("version")
        if version not in KNOWN_VERSIONS:
            raise StoreError(
                f"{path}: manifest version {version!r} is unknown to this summarizer (it reads "
                f"{', '.join(map(str, KNOWN_VERSIONS))}); use the summarizer that wrote it, "
                "or choose another --out"
            )
        try:
            manifest = Manifest.model_validate(_upgrade(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            message = str(first["msg"]).removeprefix("Value error, ")
            raise StoreError(
                f"{path}: damaged manifest, or not summarizer's ({where}: {message}); move it "
                "away to start this folder afresh"
            ) from None
        if version == 1:
            manifest.outputs = self._v1_outputs(manifest)
        return manifest

    def _v1_outputs(self, manifest: Manifest) -> list[str]:
        """A version-1 manifest did not list its outputs: they are its briefs, the records
        it can read back, and the fixed top-level files if the folder is marked as the
        tool's (a `report.md` beside a hand-made version-1 manifest stays the user's)."""
        owned = {e.brief for e in manifest.sources.values() if is_output_path(e.brief)}
        if (self.root / OUTPUT_MARKER).is_file():
            owned |= {name for name in TOP_LEVEL_OUTPUTS if (self.root / name).is_file()}
        for path in (self.root / "meetings").glob("*.json"):
            if self._is_record(path):
                owned |= {f"meetings/{path.name}", f"meetings/{path.stem}.md"}
        return sorted(owned)

    def foreign_files(self) -> list[str]:
        """Files where outputs go that the tool did not write (relative paths)."""
        owned = set(self.manifest.outputs)
        candidates: list[Path] = [self.root / name for name in TOP_LEVEL_OUTPUTS]
        for folder in ("briefs", "meetings"):
            directory = self.root / folder
            if directory.is_dir():
                candidates.extend(directory.iterdir())
            elif directory.exists():
                candidates.append(directory)
        foreign: list[str] = []
        for path in candidates:
            relative = path.relative_to(self.root).as_posix()
            if not (path.exists() or path.is_symlink()) or relative in owned:
                continue
            if _PARTIAL.match(path.name) and path.is_file():
                continue
            if path.is_symlink() or not path.is_file() or not self._recognised(path):
                foreign.append(relative)
        return sorted(foreign)

    def _recognised(self, path: Path) -> bool:
        """A brief or record this tool wrote before its manifest caught up with it."""
        folder = path.parent.name
        if path.parent == self.root and path.name in TOP_LEVEL_OUTPUTS:
            return (self.root / OUTPUT_MARKER).is_file()  # a folder this tool marked as its own
        if folder == "briefs" and path.suffix == ".json":
            brief = _try_parse(path, ArticleBrief)
            return brief is not None and brief.article_id == path.stem
        if folder == "meetings" and path.suffix == ".json":
            return self._is_record(path)
        if folder == "meetings" and path.suffix == ".md":
            return self._is_record(path.with_suffix(".json"))
        return False

    @staticmethod
    def _is_record(path: Path) -> bool:
        record = _try_parse(path, MeetingRecord) if path.is_file() else None
        return record is not None and record.meeting_id == path.stem

    def _clean_partials(self) -> None:
        """Remove what an interrupted write of an output left: `.NAME.PID.partial` files
        whose NAME is an output's (a user's `.backup.2024.partial` is not)."""
        for folder in (self.root, self.root / "briefs", self.root / "meetings"):
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if self._own_partial(path) and path.is_file() and not path.is_symlink():
                    try:
                        path.unlink()
                    except OSError as exc:
                        raise _store_error(
                            path, "cannot remove a stale partial file", exc
                        ) from None

    def _own_partial(self, path: Path) -> bool:
        found = _PARTIAL.match(path.name)
        if found is None:
            return False
        name = found.group("name")
        if path.parent == self.root:
            return name in OUTPUT_FILES or name == OUTPUT_MARKER
        if path.parent.parent == self.root and name == "probe":
            return True
        return path.parent.parent == self.root and is_output_path(f"{path.parent.name}/{name}")

    def _write_marker(self) -> None:
        marker = self.root / OUTPUT_MARKER
        if not marker.exists():
            atomic_write(marker, "This folder holds summarizer outputs; runs never read it.\n")

    def _probe(self, folder: Path) -> None:
        """Fail now, before any model call, if briefs could not be written."""
        probe = folder / f".probe.{os.getpid()}.partial"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise _store_error(folder, "cannot write briefs", exc) from None

    # -- writing -----------------------------------------------------------------------------

    def write(self, relative: str, text: str) -> None:
        """Write an output file: one the tool wrote before, or a new one; never another file."""
        if not is_output_path(relative):
            raise StoreError(f"internal: {relative!r} is not the path of an output")
        if relative not in self.manifest.outputs:
            self.write_check(relative)
            self.manifest.outputs = sorted({*self.manifest.outputs, relative})
        atomic_write(self.root / relative, text)

    def remove(self, relative: str) -> None:
        """Delete an output file the tool wrote (any other file is left alone)."""
        if relative not in self.manifest.outputs or not is_output_path(relative):
            return
        try:
            (self.root / relative).unlink(missing_ok=True)
        except OSError as exc:
            raise _store_error(self.root / relative, "cannot remove", exc) from None
        self.manifest.outputs = [o for o in self.manifest.outputs if o != relative]

    def save_manifest(self) -> None:
        atomic_write(self.root / "manifest.json", self.manifest.model_dump_json(indent=2) + "\n")

    def brief_relative(self, article_id: str) -> str:
        return f"briefs/{safe_name(article_id, 'article id')}.json"

    def brief_path(self, article_id: str) -> Path:
        return self.root / self.brief_relative(article_id)

    def write_brief(self, brief: ArticleBrief) -> tuple[str, str]:
        """Write a brief; returns its relative path and the sha256 of what was written."""
        relative = self.brief_relative(brief.article_id)
        text = brief.model_dump_json(indent=2) + "\n"
        self.write(relative, text)
        return relative, hashlib.sha256(text.encode("utf-8")).hexdigest()

    def read_brief(self, article_id: str, sha256: str | None = None) -> ArticleBrief | None:
        """The stored brief, or None if it is missing, unreadable, damaged, or (given
        `sha256`) not the file the manifest recorded."""
        path = self.brief_path(article_id)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if sha256 and hashlib.sha256(data).hexdigest() != sha256:
            return None
        try:
            brief = ArticleBrief.model_validate_json(data)
        except ValueError:
            return None
        return brief if brief.article_id == article_id else None

    def remove_brief(self, article_id: str) -> None:
        self.remove(self.brief_relative(article_id))

    def read_records(self) -> list[MeetingRecord]:
        """The records of the last run that can still be read (a damaged one is skipped: it
        is rewritten or removed by this run)."""
        folder = self.root / "meetings"
        if not folder.is_dir():
            return []
        records = (_try_parse(path, MeetingRecord) for path in sorted(folder.glob("*.json")))
        return [r for r in records if r is not None]

    def read_changes(self) -> RunChanges:
        """The last run's changes.json (none: no changes). It is checked whole, since the
        report trusts it: a hand-edited `"failed": "x"` is a StoreError, not a traceback."""
        path = self.root / "changes.json"
        if not path.exists():
            return RunChanges()
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: cannot read ({exc}); delete it to have it rebuilt") from None
        try:
            return RunChanges.model_validate(value, strict=True)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"]) or "the file"
            raise StoreError(
                f"{path}: not the changes a run writes ({where}: {first['msg']}); delete it "
                "to have it rebuilt"
            ) from None

    def write_records(self, records: list[MeetingRecord], markdown: dict[str, str]) -> None:
        """Write every record (JSON and Markdown) and remove the tool's files of records now
        gone. The manifest lists the new files first, so a crash leaves none unowned."""
        wanted: dict[str, str] = {}
        for record in records:
            # merge_records makes every id a file name: only a record made otherwise fails
            fix = "merge the briefs again: merge_records gives ids that are file names"
            name = safe_name(record.meeting_id, "meeting id", fix)
            wanted[f"meetings/{name}.json"] = record.model_dump_json(indent=2) + "\n"
            wanted[f"meetings/{name}.md"] = markdown[record.meeting_id]
        for relative in wanted:
            if relative not in self.manifest.outputs:
                self.write_check(relative)
        self.manifest.outputs = sorted({*self.manifest.outputs, *wanted})
        self.save_manifest()
        for relative, text in wanted.items():
            atomic_write(self.root / relative, text)
        for relative in list(self.manifest.outputs):
            if relative.startswith("meetings/") and relative not in wanted:
                self.remove(relative)

    def write_check(self, relative: str) -> None:
        """StoreError if a file the tool did not write stands at `relative`."""
        path = self.root / relative
        if (path.exists() or path.is_symlink()) and not (
            path.is_file() and not path.is_symlink() and self._recognised(path)
        ):
            raise StoreError(
                f"{path}: exists and was not written by summarizer; move it away or choose "
                "another --out"
            )

    def source_texts(self, briefs: list[ArticleBrief]) -> dict[str, str]:
        """The text of each brief's source, read from the manifest's path (a relative one
        from the current folder, else beside the output folder) as the pipeline reads it (a
        saved page: its extracted text), and only if its digest is still the brief's: a
        source that changed, vanished or cannot be read has none."""
        texts: dict[str, str] = {}
        for brief in briefs:
            entry = self.manifest.sources.get(brief.article_id)
            if entry is None:
                continue
            found = located(Path(entry.path), self.root)
            try:
                article = load_article(found) if found else None
            except ArticleError:
                continue
            if article is not None and article.sha256 == brief.source_sha256:
                texts[brief.article_id] = article.text
        return texts

    def append_changelog(self, changes: RunChanges) -> None:
        written = changes.model_dump(mode="json", by_alias=True)
        self.write("changes.json", json.dumps(written, indent=2) + "\n")
        log = self.root / "changelog.jsonl"
        previous = ""
        if "changelog.jsonl" in self.manifest.outputs and log.is_file():
            try:
                previous = log.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                previous = ""
        self.write("changelog.jsonl", previous + json.dumps(written, sort_keys=True) + "\n")


# -- `summarizer brief --out DIR`: loose brief files, no manifest ----------------------------


def check_brief_folder(folder: Path, files: list[Path], markdown: bool) -> None:
    """Before any model call: `folder` must be a folder (or not exist yet), no two articles
    may share an id (their briefs would be one file), and no article's Markdown brief may be
    the article itself (`story.md` briefed into its own folder). UsageError."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is a file, not a folder; choose another --out")
    check_one_id_each(files)
    for path in files:
        page = folder / f"{safe_name(path.stem, 'article id')}.md"
        if markdown and page.exists() and path.exists() and os.path.samefile(page, path):
            raise UsageError(f"{path}: its Markdown brief would replace it; choose another --out")


def write_brief_file(
    folder: Path, brief: ArticleBrief, page: Callable[[ArticleBrief], str] | None = None
) -> None:
    """DIR/<id>.json, and DIR/<id>.md rendered by `page` if given: each a new file, or one
    holding this article's brief already (the .md: `page` of that brief); never any other
    file, so never the article itself. StoreError, before anything is written."""
    name = safe_name(brief.article_id, "article id")
    target = folder / f"{name}.json"
    ours: ArticleBrief | None = None
    if target.exists() or target.is_symlink():  # a link was never written by summarizer
        ours = None if target.is_symlink() else _loose_brief(target)
        if ours is None or ours.article_id != brief.article_id:
            raise StoreError(
                f"{target}: exists and is not a brief of {brief.article_id!r}; "
                "move it away or choose another --out"
            )
    markdown = folder / f"{name}.md"
    if page is not None and (markdown.exists() or markdown.is_symlink()):
        try:
            written = None if markdown.is_symlink() else markdown.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            written = None
        if ours is None or written != page(ours):
            raise StoreError(
                f"{markdown}: exists and was not written by summarizer; move it away or choose "
                "another --out"
            )
    atomic_write(target, brief.model_dump_json(indent=2) + "\n")
    if page is not None:
        atomic_write(markdown, page(brief))


def _loose_brief(path: Path) -> ArticleBrief | None:
    """The brief in `path`, read up to an article's size (a huge file there is no brief)."""
    try:
        return ArticleBrief.model_validate_json(read_bytes(path, DEFAULT_MAX_BYTES))
    except (ArticleError, ValueError):
        return None


def located(path: Path, out: Path) -> Path | None:
    """Where a source the manifest lists is now: at its path (an older run wrote it relative
    to the folder it started in: from here, or beside the output folder), or None."""
    candidates = [path] if path.is_absolute() else [path, out.resolve().parent / path]
    return next((c for c in candidates if c.is_file()), None)


def _upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    """A version-1 manifest in today's shape (its sources become stale by fingerprint)."""
    if raw.get("version") != 1:
        return raw
    sources = {}
    for key, entry in (raw.get("sources") or {}).items():
        if isinstance(entry, dict):
            entry = {k: v for k, v in entry.items() if k != "prompt_versions"}
        sources[key] = entry
    return {"version": MANIFEST_VERSION, "sources": sources, "summaries": {}, "outputs": []}


def _try_parse(path: Path, model: type[M]) -> M | None:
    try:
        return model.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None
