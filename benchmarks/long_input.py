"""Benchmark h: pathological long inputs, read in linear time.

python -m benchmarks.long_input                     # both parts (~3 min)
python -m benchmarks.long_input --part readers      # each reader at 10k, 40k, 160k characters
python -m benchmarks.long_input --part article      # the offline reading of a 1 MB article

Part `readers` times each reader whose regexes backtracked on long runs of word characters,
long lines or repeated separators, on its own pathological input at three sizes: time that
grows about 4 times per 4 times the size is linear, 16 times quadratic. Part `article` briefs a
1 MB pathological article up to its first question (metadata, body, language, datelines, the
grounding's tokens, the passages and the prompt) and runs the other pure readers that later
steps run over the whole text. A reader still running after `--timeout` seconds is stopped and
shown as "> N s" (sre checks for signals as it matches), so the script can also be run
against older code to measure what it fixed.
"""

from __future__ import annotations

import argparse
import itertools
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from summarizer.article import load_article
from summarizer.backend import LLM, Settings
from summarizer.brief import brief_steps
from summarizer.dates import find_dates
from summarizer.gazetteer import capital_phrase_city
from summarizer.meeting import _named_for_elsewhere
from summarizer.metadata import body_text, read_metadata
from summarizer.names import text_tokens
from summarizer.prompts import as_data
from summarizer.quotes import find_quotes, turn_speakers, writers_view
from summarizer.redact import redact
from summarizer.tense import after_earlier_encounter, future_only
from summarizer.text import sentence_spans

SIZES = (10_000, 40_000, 160_000)
ARTICLE_BYTES = 990_000  # within the 1 MB input limit


class _Stopped(Exception):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


@contextmanager
def _limit(seconds: float) -> Iterator[None]:
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _timed(work: Callable[[], object], timeout: float) -> float | None:
    """Seconds `work` took, or None if it was stopped after `timeout` seconds."""
    start = time.perf_counter()
    try:
        with _limit(timeout):
            work()
    except _Stopped:
        return None
    return time.perf_counter() - start


def _shown(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:.0f} s" if seconds is None else f"{seconds:.3f} s"


def _writers_view(text: str) -> object:
    return writers_view(text, read_metadata(text), "en")


# Each reader with its pathological input of about n characters.
READERS: list[tuple[str, Callable[[str], object], Callable[[int], str]]] = [
    ("names.text_tokens: one long word", text_tokens, lambda n: "Ab" * (n // 2)),
    ("metadata: a line of a/a/a/...", read_metadata, lambda n: "a/" * (n // 2)),
    ("metadata: (Photo) and blanks", read_metadata, lambda n: "(Photo )" + " " * n + "s"),
    ("metadata: hour and blanks", read_metadata, lambda n: "Text.\nhour" + " " * n + "x"),
    (
        "metadata: Monday 12:30 - AAA...",
        read_metadata,
        lambda n: "Text.\nMonday 12:30 - " + "A" * n + "!",
    ),
    ("quotes.turn_speakers: blank lines", turn_speakers, lambda n: "x" + "\n" * n + "y"),
    ("quotes.writers_view: 「「「...", _writers_view, lambda n: "\u300c" * n),
    ("quotes.writers_view: 'a 'a 'a ...", _writers_view, lambda n: " 'a" * (n // 3)),
    (
        "tense.future_only: a headline A.A.A...",
        lambda s: future_only(s, "en", headline=True),
        lambda n: "A." * (n // 2) + " spoke",
    ),
    (
        "tense.after_earlier_encounter (ru)",
        lambda s: after_earlier_encounter(s, "ru"),
        lambda n: "\u043f\u0440\u043e\u0448\u043b" * (n // 5),
    ),
    ("dates.find_dates: 1,111,111,...", find_dates, lambda n: "1" + ",111" * (n // 4)),
    ("dates.find_dates: 1月30 and blanks", find_dates, lambda n: "1\u670830" + " " * n + "x"),
    ("prompts.as_data: < and blanks", as_data, lambda n: "<" + " " * n + "0"),
    ("redact: ????...", redact, lambda n: "?" * n),
    ("redact: aaaa...", redact, lambda n: "a" * n),
    (
        "brief: a forum's place (blanks)",
        lambda s: _named_for_elsewhere(s, "Paris"),
        lambda n: "the" + " " * (n // 2) + "x" + " " * (n // 2) + "y",
    ),
]


def readers(timeout: float, only: str) -> None:
    print(f"{'reader':42} " + " ".join(f"{n:>10,}" for n in SIZES) + "  growth per 4x")
    for name, reader, make in READERS:
        if only not in name:
            continue
        reader(make(100))  # tables and caches loaded before the clock starts
        shown: list[str] = []
        times: list[float] = []
        for n in SIZES:
            text = make(n)
            took = _timed(lambda r=reader, t=text: r(t), timeout)
            shown.append(_shown(took, timeout))
            if took is None:
                break  # a larger size would take longer still
            times.append(took)
        shown += ["-"] * (len(SIZES) - len(shown))
        growth = [f"{b / a:.1f}" for a, b in itertools.pairwise(times) if a > 1e-4]
        print(f"{name:42} " + " ".join(f"{s:>10}" for s in shown) + f"  {', '.join(growth)}")


def _one_megabyte(unit: str, lead: str = "", tail: str = "") -> str:
    """`lead`, then `unit` repeated to about ARTICLE_BYTES bytes, then `tail`."""
    room = ARTICLE_BYTES - len((lead + tail).encode("utf-8"))
    return lead + unit * (room // len(unit.encode("utf-8"))) + tail


ARTICLES = [
    ("a * 990,000 (the review's)", _one_megabyte("a")),
    ("a line of a/a/a/...", _one_megabyte("a/", "A headline for the article\n\n")),
    ("「「「...", _one_megabyte("\u300c", "A headline for the article\n\n")),
    ("blank lines", _one_megabyte("\n", "A headline for the article\n\nx", "y")),
    ("1,111,111,...", _one_megabyte(",111", "A headline for the article\n\n1", " days ago")),
    ("A.A.A. ...", _one_megabyte("A.", "A headline for the article\n\n")),
    ("hour and blanks", _one_megabyte(" ", "A headline for the article\n\nText.\nhour", "x")),
]


def _later_readers(text: str) -> None:
    """The pure readers that steps after the first question run over the whole text."""
    meta = read_metadata(text)
    body = body_text(text, meta)
    find_quotes(text, meta)
    writers_view(text, meta, "en")
    turn_speakers(body)
    find_dates(body, language="en")
    sentence_spans(text)


def article(timeout: float, only: str) -> None:
    llm = LLM(Settings(base_url="http://127.0.0.1:9/v1", model="benchmark", context_tokens=8192))
    print(
        f"{'1 MB article':30} {'to the first question':>22} {'later readers':>14} "
        f"{'capital phrases':>16}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in ARTICLES:
            if only not in name:
                continue
            path = Path(tmp) / "article.txt"
            path.write_text(text, encoding="utf-8")
            loaded = load_article(path)
            steps = brief_steps(loaded, llm.facts)
            first = _timed(lambda s=steps: next(s), timeout)
            steps.close()
            rest = _timed(lambda t=loaded.text: _later_readers(t), timeout)
            capitals = _timed(lambda t=loaded.text: capital_phrase_city(t), timeout)
            print(
                f"{name:30} {_shown(first, timeout):>22} {_shown(rest, timeout):>14} "
                f"{_shown(capitals, timeout):>16}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("readers", "article", "both"), default="both")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a reader may run")
    parser.add_argument("--only", default="", help="only the inputs whose name holds this")
    args = parser.parse_args()
    if args.part in ("readers", "both"):
        readers(args.timeout, args.only)
    if args.part in ("article", "both"):
        article(args.timeout, args.only)


if __name__ == "__main__":
    main()
