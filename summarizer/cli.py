"""The `summarizer` command: parse arguments, call the library, print, return an exit code."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from summarizer.api import Summarizer
from summarizer.article import DEFAULT_MAX_BYTES
from summarizer.backend import Settings
from summarizer.errors import ArticleError, SummarizerError, UsageError
from summarizer.render import brief_markdown
from summarizer.schema import ArticleBrief

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="summarizer: %(name)s: %(message)s")
    # instructor logs every failed attempt at ERROR; re-asks and retries are ours to report.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    try:
        return int(args.handler(args))
    except UsageError as exc:
        print(f"summarizer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SummarizerError as exc:
        print(f"summarizer: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer", description="Turn news articles about meetings into verified briefs."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    brief = commands.add_parser("brief", help="write the brief of each article")
    brief.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".txt or .md articles")
    brief.add_argument("--markdown", action="store_true", help="print a readable view, not JSON")
    brief.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<id>.json (and .md)")
    brief.add_argument("--base-url", help="OpenAI-compatible endpoint (env SUMMARIZER_BASE_URL)")
    brief.add_argument("--model", help="model name (env SUMMARIZER_MODEL)")
    brief.add_argument("--mode", help="instructor mode: tools, json, md_json (env SUMMARIZER_MODE)")
    brief.add_argument("--max-reasks", type=int, help="validation re-asks per question (default 2)")
    brief.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="size limit")
    brief.set_defaults(handler=_brief)

    schema = commands.add_parser("schema", help="print the brief's JSON Schema")
    schema.set_defaults(handler=_schema)
    return parser


def _brief(args: argparse.Namespace) -> int:
    settings = Settings.from_env(
        base_url=args.base_url, model=args.model, mode=args.mode, max_reasks=args.max_reasks
    )
    briefs: list[ArticleBrief] = []
    failures: list[str] = []
    total = len(args.files)
    with Summarizer(settings, max_bytes=args.max_bytes) as summarizer:
        for number, path in enumerate(args.files, 1):
            started = time.monotonic()
            try:
                brief = summarizer.brief(path)
            except ArticleError as exc:
                failures.append(str(exc))
                _progress(f"[{number}/{total}] {path}: FAILED: {exc.problem}")
                continue
            briefs.append(brief)
            usage = brief.provenance.usage
            _progress(
                f"[{number}/{total}] {path}: ok — {len(brief.meetings)} meeting(s), "
                f"{usage.calls} calls, {usage.reasks} re-asks, "
                f"{time.monotonic() - started:.1f} s"
            )
            if args.out:
                _write(args.out / f"{brief.article_id}.json", brief.model_dump_json(indent=2))
                if args.markdown:
                    _write(args.out / f"{brief.article_id}.md", brief_markdown(brief))
    if not args.out:
        _print(briefs, args.markdown)
    _progress(f"{len(briefs)} brief(s) written, {len(failures)} failed")
    for failure in failures:
        print(f"summarizer: {failure}", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _print(briefs: list[ArticleBrief], markdown: bool) -> None:
    if markdown:
        sys.stdout.write("\n".join(brief_markdown(b) for b in briefs))
    elif len(briefs) == 1:
        sys.stdout.write(briefs[0].model_dump_json(indent=2) + "\n")
    elif briefs:
        payload = [json.loads(b.model_dump_json()) for b in briefs]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(ArticleBrief.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


def _write(path: Path, text: str) -> None:
    """Write atomically: a crash never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
