"""Which files a run reads: files, folders and globs, resolved safely. Reads directories only.

A folder is walked with its links followed, but never the same directory twice (a link loop
ends at once); hidden files and folders are skipped; and no output is ever read as a source:
in the run's own `--out` (which may sit inside, or be, a source folder) and in any other
folder a summarizer run wrote (it holds `OUTPUT_MARKER`), the output subfolders and files
(`OUTPUT_FOLDERS`, `OUTPUT_FILES`) are passed over. Globs use wcmatch's matcher (with
`**` over any depth) against the same safe walk, instead of `glob.glob`, which follows link
loops until the path is too long.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from wcmatch import glob as wcglob

from summarizer.article import SUFFIXES
from summarizer.errors import UsageError

OUTPUT_MARKER = ".summarizer-output"
"""A file every output folder holds, so that no later run reads its outputs as articles."""
OUTPUT_FOLDERS = ("briefs", "meetings")
OUTPUT_FILES = ("report.md", "report.html", "changes.json", "changelog.jsonl", "manifest.json")

_MAGIC = frozenset("*?[")


def as_specs(specs: object, what: str = "sources") -> list[str | os.PathLike[str]]:
    """A list of source specs from a list, a tuple, or one path (a bare str or Path counts as
    one source); anything else is a UsageError that says what to pass."""
    if isinstance(specs, str | os.PathLike):
        specs = [specs]
    if isinstance(specs, bytes | bytearray) or specs is None or not isinstance(specs, Iterable):
        raise UsageError(
            f"{what} must be a list of file, folder or glob paths (str or Path), "
            f"not {type(specs).__name__}"
        )
    items = list(specs)
    for item in items:
        if not isinstance(item, str | os.PathLike):
            raise UsageError(
                f"{what} must be file, folder or glob paths (str or Path); "
                f"got {type(item).__name__}: {item!r:.60}"
            )
        if not os.fspath(item):  # "" would be the current folder, read whole
            raise UsageError(f"{what} must not be an empty path")
    return items


def as_folder(value: object, what: str = "out") -> Path:
    """An output folder argument as a Path (str and os.PathLike accepted)."""
    if isinstance(value, str | os.PathLike) and str(value):
        return Path(value)
    raise UsageError(f"{what} must be a folder path (str or Path), not {type(value).__name__}")


def collect_sources(
    specs: Iterable[str | os.PathLike[str]], *, out: Path | None = None
) -> list[Path]:
    """Files, folders (their .txt/.md/.html files, recursively) and globs, sorted, without repeats,
    never inside `out` or another output folder.

    A spec that matches nothing, or two sources with one id (file stem), is a UsageError.
    """
    excluded = _real(out) if out is not None else None
    found: dict[Path, None] = {}
    passed_over: list[str] = []
    for spec in specs:
        text = os.fspath(spec)
        path = Path(text)
        if path.is_dir():
            matches = [p for p in walk(path, excluded) if p.suffix.lower() in SUFFIXES]
        elif path.exists() or path.is_symlink():
            # An output named as a file (a shell's `**/*.md` lists report.md and the
            # records) is passed over as it is in a folder: the tool's output is not news.
            if _output_file(path, excluded):
                passed_over.append(text)
                continue
            matches = [path]
        elif _MAGIC & set(text):
            matches = _glob(text, excluded)
        else:
            matches = []
        if not matches:
            raise UsageError(f"{text}: no such file, folder or matching .txt/.md/.html files")
        for match in sorted(matches):
            found.setdefault(match, None)
    if passed_over and not found:
        raise UsageError(f"{passed_over[0]}: is summarizer's own output, not an article")
    check_one_id_each(found)
    return sorted(found, key=lambda p: (p.stem, str(p)))


def check_one_id_each(paths: Iterable[Path]) -> None:
    """An article's id is its file name without the suffix: two files of one id (`a/x.txt`,
    `b/x.md`) would share one brief. UsageError, before any model call."""
    by_id: dict[str, Path] = {}
    for path in paths:
        other = by_id.setdefault(path.stem, path)
        if other != path:
            raise UsageError(
                f"{other} and {path} would share the id {path.stem!r} and its brief; rename one"
            )


def walk(root: Path, excluded: Path | None = None) -> Iterator[Path]:
    """Every non-hidden file below `root`, following links to folders but entering each
    directory once, passing over the outputs of an output folder (or of `excluded`)."""
    seen: set[tuple[int, int]] = set()
    for directory, folders, files in os.walk(root, followlinks=True):
        here = Path(directory)
        try:
            info = os.stat(here)
        except OSError:
            folders[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            folders[:] = []
            continue
        seen.add(key)
        output = _is_output(here, excluded)
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and not (output and f in OUTPUT_FOLDERS)
        )
        for name in sorted(files):
            if not name.startswith(".") and not (output and name in OUTPUT_FILES):
                candidate = here / name
                if candidate.is_file():
                    yield candidate


def _glob(pattern: str, excluded: Path | None) -> list[Path]:
    fixed = list(_until_magic(Path(pattern).parts))
    base = Path(*fixed) if fixed else Path(".")
    if not base.is_dir():
        return []
    return [
        path
        for path in walk(base, excluded)
        if wcglob.globmatch(str(path), pattern, flags=wcglob.GLOBSTAR)
    ]


def _until_magic(parts: tuple[str, ...]) -> Iterator[str]:
    for part in parts[:-1]:
        if _MAGIC & set(part):
            return
        yield part


def _output_file(path: Path, excluded: Path | None) -> bool:
    """Whether `path` is one of an output folder's files: a top-level output, or a file of
    its `briefs/` or `meetings/`."""
    parent = path.parent
    if path.name in OUTPUT_FILES and _is_output(parent, excluded):
        return True
    return parent.name in OUTPUT_FOLDERS and _is_output(parent.parent, excluded)


def _is_output(folder: Path, excluded: Path | None) -> bool:
    if (folder / OUTPUT_MARKER).exists():
        return True
    return excluded is not None and _real(folder) == excluded


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
