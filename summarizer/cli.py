"""The `summarizer` command: parse arguments, call the library, print, return an exit code."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from summarizer import batch
from summarizer.api import Summarizer, merge_briefs
from summarizer.article import DEFAULT_MAX_BYTES, read_bytes
from summarizer.backend import Settings
from summarizer.errors import ArticleError, SummarizerError, UsageError
from summarizer.evaluate import evaluate_run, load_gold, scores_table
from summarizer.redact import redact, redact_head
from summarizer.render import brief_markdown, records_markdown
from summarizer.report import rebuild_report
from summarizer.schema import ArticleBrief, MeetingRecord
from summarizer.store import check_brief_folder, write_brief_file

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

PAGE_READERS = ("trafilatura", "htmldate", "courlan", "justext")
"""Libraries whose log lines never reach the terminal: why a page held no article text is
told once, by summarizer's own error; their lines ("discarding data: None") would make two."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    try:
        code = _command(argv)
        _flush_stdout()  # a full disk shows here, while it can still be told in one line
    except _StdoutError as exc:
        return _stdout_failed(exc.error)
    return code


def _command(argv: Sequence[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a mistake told in one line by `_Parser.error`
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    _log_to_stderr()
    interrupts = _Interrupts()
    with interrupts.handled():
        return _handled(args, interrupts)


def _handled(args: argparse.Namespace, interrupts: _Interrupts) -> int:
    try:
        return int(args.handler(args))
    except UsageError as exc:
        print(f"summarizer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SummarizerError as exc:
        print(f"summarizer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return _interrupted(told=interrupts.told)
    except _StdoutError:
        raise
    except Exception:  # a bug in summarizer itself: the one case that shows a traceback
        print(redact(traceback.format_exc()), file=sys.stderr, end="")
        print(
            "summarizer: this is a bug in summarizer, not a problem with your input; "
            "please report it with the traceback above",
            file=sys.stderr,
        )
        return EXIT_BUG


def _log_to_stderr() -> None:
    """Warnings on stderr, one line each, but none from the page readers (a filter on the
    handler, not a logger level: trafilatura sets htmldate's level itself when imported, and
    a logger's own filters miss its children's records)."""
    handler = logging.StreamHandler()
    handler.addFilter(_NotFrom(PAGE_READERS))
    logging.basicConfig(
        level=logging.WARNING, format="summarizer: %(name)s: %(message)s", handlers=[handler]
    )
    # instructor logs every failed attempt at ERROR; re-asks and retries are ours to report.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


class _NotFrom(logging.Filter):
    """Drops the records of the named libraries (and of their modules)."""

    def __init__(self, libraries: Sequence[str]) -> None:
        super().__init__()
        self.libraries = frozenset(libraries)

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.partition(".")[0] not in self.libraries


class _Interrupts:
    """Ctrl-C while a command runs: the first says at once what happens and interrupts the
    command (a run then waits for its questions in flight, the folder still locked: see
    `batch`); a second stops the process at once."""

    def __init__(self) -> None:
        self.told = False

    @contextlib.contextmanager
    def handled(self) -> Iterator[None]:
        try:
            previous = signal.signal(signal.SIGINT, self._on_ctrl_c)
        except ValueError:  # not the main thread: Python's own KeyboardInterrupt stays
            yield
            return
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    def _on_ctrl_c(self, signum: int, frame: FrameType | None) -> None:
        if self.told:
            _stop_now()
        self.told = True
        _tell_interrupted()
        raise KeyboardInterrupt


def _tell_interrupted() -> None:
    busy = bool(_workers())
    line = (
        "interrupted; waiting for the questions in flight, no other is asked "
        "(Ctrl-C again to stop now)"
        if busy
        else "interrupted"
    )
    with contextlib.suppress(RuntimeError):  # stderr was being written when Ctrl-C came
        print(f"summarizer: {line}", file=sys.stderr, flush=True)


def _workers() -> list[threading.Thread]:
    """The threads the interpreter's exit would wait for: a run's workers."""
    current = threading.current_thread()
    return [t for t in threading.enumerate() if t is not current and not t.daemon]


def _interrupted(*, told: bool) -> int:
    """After Ctrl-C: the workers' questions in flight end (the batch asks none after them,
    and every brief finished is kept), and a second Ctrl-C stops at once. The wait is here, not in
    the interpreter's exit, because interrupted there it prints a traceback of its own
    ("Exception ignored in: <module 'threading'>")."""
    try:  # all of it: a second Ctrl-C may come as soon as the first line shows
        if not told:
            _tell_interrupted()
        for thread in _workers():
            thread.join()
    except KeyboardInterrupt:
        _stop_now()
    return EXIT_INTERRUPTED


def _stop_now() -> NoReturn:
    with contextlib.suppress(ValueError):  # a third Ctrl-C must not interrupt the stop
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("summarizer: stopped", file=sys.stderr, flush=True)
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    os._exit(EXIT_INTERRUPTED)  # the interpreter's exit would wait for the threads again


class _StdoutError(Exception):
    """Standard output cannot be written (a full disk, a closed pipe). Never leaves `main`,
    which tells it in one line: it is neither the input's fault nor a bug."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _out(text: str) -> None:
    """Write `text` to standard output."""
    try:
        sys.stdout.write(text)
    except OSError as exc:
        raise _StdoutError(exc) from None


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        raise _StdoutError(exc) from None


def _stdout_failed(error: OSError) -> int:
    """One line (none for a reader that went away, as `| head` does) and a failed exit."""
    try:
        fd: int | None = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's capture): nothing flushes it at exit
        fd = None
    if fd is not None:  # what is still buffered goes nowhere, or exiting fails on it again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    if not isinstance(error, BrokenPipeError):
        reason = (error.strerror or type(error).__name__).lower()
        print(f"summarizer: cannot write to standard output ({reason})", file=sys.stderr)
    return EXIT_FAILED


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake in the arguments is one line, like every other usage error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"summarizer: {message} (see {self.prog} --help)\n")


def _source(text: str) -> str:
    """A source argument (a file, folder or glob), kept as written. An empty one is refused:
    as a path it is the current folder, which a run would read whole."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return text


def _path(text: str) -> Path:
    """A file or folder argument; an empty one is refused (Path("") is the current folder)."""
    return Path(_source(text))


def _size(text: str) -> int:
    """A size limit in bytes: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of bytes, 1 or more, not {text!r}"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="summarizer", description="Turn news articles about meetings into verified briefs."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    brief = commands.add_parser("brief", help="write the brief of each article")
    brief.add_argument(
        "files", nargs="+", type=_path, metavar="FILE", help=".txt, .md or .html articles"
    )
    brief.add_argument("--markdown", action="store_true", help="print a readable view, not JSON")
    brief.add_argument("--out", type=_path, metavar="DIR", help="write DIR/<id>.json (and .md)")
    _backend_options(brief)
    brief.set_defaults(handler=_brief)

    run = commands.add_parser("run", help="brief what changed, rebuild the meeting records")
    run.add_argument(
        "sources", nargs="+", type=_source, metavar="SOURCE", help="files, folders or globs"
    )
    run.add_argument("--out", type=_path, default=Path("out"), help="output folder (default out)")
    run.add_argument("--force", action="store_true", help="re-brief every source")
    run.add_argument("--dry-run", action="store_true", help="say what would be done, do nothing")
    run.add_argument("--concurrency", type=int, default=1, help="articles briefed at once")
    _backend_options(run)
    run.set_defaults(handler=_run)

    status = commands.add_parser("status", help="new/changed/stale/removed sources, no model call")
    status.add_argument(
        "sources", nargs="+", type=_source, metavar="SOURCE", help="files, folders or globs"
    )
    status.add_argument(
        "--out", type=_path, default=Path("out"), help="output folder (default out)"
    )
    _backend_options(status)
    status.set_defaults(handler=_status)

    merge = commands.add_parser("merge", help="merge brief JSON files into meeting records")
    merge.add_argument("briefs", nargs="+", type=_path, metavar="BRIEF.json")
    merge.add_argument("--markdown", action="store_true", help="print the report, not JSON")
    merge.add_argument("--no-summary", action="store_true", help="template summaries, no model")
    _backend_options(merge)
    merge.set_defaults(handler=_merge)

    evaluate = commands.add_parser("eval", help="score a run's output against a gold file")
    evaluate.add_argument("--gold", type=_path, required=True, help="gold JSON (see README)")
    evaluate.add_argument("out", type=_path, metavar="OUT_DIR", help="a run's output folder")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(handler=_eval)

    report = commands.add_parser("report", help="rebuild OUT/report.html; no model call")
    report.add_argument("out", type=_path, metavar="OUT", help="a run's output folder")
    report.set_defaults(handler=_report)

    schema = commands.add_parser("schema", help="print a JSON Schema (brief or record)")
    schema.add_argument("which", nargs="?", choices=["brief", "record"], default="brief")
    schema.set_defaults(handler=_schema)
    return parser


def _backend_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--base-url", help="OpenAI-compatible endpoint (SUMMARIZER_BASE_URL)")
    command.add_argument("--model", help="model name (env SUMMARIZER_MODEL)")
    command.add_argument("--mode", help="instructor mode: tools, json, md_json")
    command.add_argument("--max-reasks", type=int, help="validation re-asks per question")
    command.add_argument(
        "--timeout", type=float, help="overall deadline per request, seconds (SUMMARIZER_TIMEOUT)"
    )
    command.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, help="size limit")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        base_url=args.base_url,
        model=args.model,
        mode=args.mode,
        max_reasks=args.max_reasks,
        timeout=args.timeout,
    )


def _brief(args: argparse.Namespace) -> int:
    settings = _settings(args)
    briefs: list[ArticleBrief] = []
    failures: list[str] = []
    total = len(args.files)
    if args.out:
        check_brief_folder(args.out, args.files, args.markdown)
    with Summarizer(settings, max_bytes=args.max_bytes) as summarizer:
        for number, path in enumerate(args.files, 1):
            started = time.monotonic()
            try:
                brief = summarizer.brief(path)
                if args.out:
                    write_brief_file(args.out, brief, brief_markdown if args.markdown else None)
            except UsageError:
                raise
            except SummarizerError as exc:
                message = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
                failures.append(message)
                _progress(f"[{number}/{total}] {message}: FAILED")
                continue
            briefs.append(brief)
            usage = brief.provenance.usage
            _progress(
                f"[{number}/{total}] {path}: ok — {len(brief.meetings)} meeting(s), "
                f"{usage.calls} calls, {usage.reasks} re-asks, "
                f"{time.monotonic() - started:.1f} s"
            )
    if not args.out:
        _print(briefs, args.markdown)
    _progress(f"{len(briefs)} brief(s) written, {len(failures)} failed")
    for failure in failures:
        print(f"summarizer: {failure}", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _print(briefs: list[ArticleBrief], markdown: bool) -> None:
    if markdown:
        _out("\n".join(brief_markdown(b) for b in briefs))
    elif len(briefs) == 1:
        _out(briefs[0].model_dump_json(indent=2) + "\n")
    elif briefs:
        payload = [json.loads(b.model_dump_json()) for b in briefs]
        _out(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _run(args: argparse.Namespace) -> int:
    with Progress(sys.stderr) as progress:
        result = batch.run(
            args.sources,
            args.out,
            settings=_settings(args),
            force=args.force,
            dry_run=args.dry_run,
            concurrency=args.concurrency,
            max_bytes=args.max_bytes,
            on_event=progress.event,
        )
    if result.dry_run:
        for s in result.statuses:
            action = (
                "brief"
                if s.state in batch.TO_BRIEF or (args.force and s.state == "unchanged")
                else {"removed": "remove", "unreadable": "fail"}.get(s.state, "keep")
            )
            _out(
                f"{action:6} {s.state:9} {s.path}" + (f"  ({s.reason})" if s.reason else "") + "\n"
            )
        return EXIT_OK
    u = result.usage
    _progress(
        f"{len(result.statuses)} source(s): {len(result.briefed)} briefed, "
        f"{len(result.reused)} reused, {len(result.removed)} removed, "
        f"{len(result.failures)} failed; {u.calls} model calls ({u.reasks} re-asks), "
        f"{u.prompt_tokens + u.completion_tokens:,} tokens; {len(result.records)} meeting(s); "
        f"{result.seconds:.1f} s -> {args.out}"
    )
    for record in result.records:
        flags = []
        if record.conflicts:
            flags.append(f"{len(record.conflicts)} conflict(s)")
        if record.inconsistencies:
            flags.append(f"{len(record.inconsistencies)} inconsistency(ies)")
        sources = ", ".join(s.article_id for s in record.sources)
        extra = f" — {'; '.join(flags)}" if flags else ""
        _out(f"{record.meeting_id}  [{sources}]{extra}\n")
    for message in result.failures.values():
        print(f"summarizer: {message}", file=sys.stderr)
    return EXIT_FAILED if result.failures else EXIT_OK


def _status(args: argparse.Namespace) -> int:
    for s in batch.status(args.sources, args.out, settings=_settings(args)):
        _out(f"{s.state:9} {s.path}" + (f"  ({s.reason})" if s.reason else "") + "\n")
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    briefs = [read_brief_file(path) for path in args.briefs]
    if args.no_summary:
        records = merge_briefs(briefs, summaries=False)
    else:
        with Summarizer(_settings(args)) as summarizer:
            records = summarizer.merge(briefs)
    if args.markdown:
        _out(records_markdown(records))
    else:
        payload = [json.loads(r.model_dump_json()) for r in records]
        _out(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    _out(f"{rebuild_report(args.out)}\n")
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    scores = evaluate_run(load_gold(args.gold), args.out)
    if args.json:
        _out(json.dumps(scores.as_dict(), indent=2) + "\n")
    else:
        _out(scores_table(scores) + "\n")
    return EXIT_OK


def read_brief_file(path: Path) -> ArticleBrief:
    """A brief JSON file, or an ArticleError naming it."""
    try:
        return ArticleBrief.model_validate_json(read_bytes(path, 10 * DEFAULT_MAX_BYTES))
    except ValueError as exc:
        first = str(exc).splitlines()[0]
        raise ArticleError(str(path), f"not a brief JSON file ({first})") from None


def _schema(args: argparse.Namespace) -> int:
    model = ArticleBrief if args.which == "brief" else MeetingRecord
    _out(json.dumps(model.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


class Progress:
    """A progress bar on a terminal, one line per article otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: RichProgress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Progress:
        if self.stream.isatty():
            self.bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task("articles", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def event(self, event: batch.Event) -> None:
        if event.kind == "plan":
            if self.bar is not None and self.task is not None:
                self.bar.update(self.task, total=event.total)
            return
        line = {
            "start": f"… {event.article_id}",
            "done": f"✓ {event.article_id} ({event.usage.calls if event.usage else 0} calls, "
            f"{event.seconds:.1f} s)",
            "reused": f"= {event.article_id} (unchanged)",
            "removed": f"- {event.article_id} (source deleted)",
            "failed": f"✗ {event.detail}",
        }[event.kind]
        if self.bar is not None and self.task is not None:
            if event.kind != "start":
                self.bar.advance(self.task)
            self.bar.update(self.task, description=redact_head(line, 70))
            if event.kind in {"failed", "done"}:
                self.bar.console.print(line)
        elif event.kind != "start":
            print(line, file=self.stream, flush=True)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
