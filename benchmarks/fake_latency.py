"""Benchmarks b and c against a loopback fake model with a fixed latency per call.

b. 200 articles at concurrency 1, 4 and 16: wall time against the ideal
   ceil(N / C) x calls per article x latency (+ the record summary's call).
c. 1,000 articles: a cold run at concurrency 16, then a re-run with nothing changed:
   model calls (must be 0) and wall time against the cold run's (target <= 2 %).

    python -m benchmarks.fake_latency [--latency 0.2] [--only b|c]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import summarizer
from summarizer import Settings
from tests.fake_server import ARTICLE, FakeModel

CALLS_PER_ARTICLE = 2  # meeting + content (the fake articles hold no quotation)


def _serve(latency: float, urls: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    with FakeModel(latency=latency) as fake:
        urls.put(fake.base_url)
        while True:
            time.sleep(3600)


class Remote:
    """The fake model in its own process, so its work does not share the run's GIL."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    @property
    def count(self) -> int:
        with urllib.request.urlopen(self.base_url + "/stats") as reply:
            return int(json.load(reply)["requests"])


@contextmanager
def fake_model(latency: float) -> Iterator[Remote]:
    urls: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    process = multiprocessing.Process(target=_serve, args=(latency, urls), daemon=True)
    process.start()
    try:
        yield Remote(urls.get(timeout=30))
    finally:
        process.terminate()
        process.join()


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(ARTICLE.format(n=i, extra=""), encoding="utf-8")
    return folder


def timed_run(sources: Path, out: Path, fake: Remote, concurrency: int) -> tuple[float, int]:
    settings = Settings(base_url=fake.base_url, model="fake", api_key="sk-bench", max_retries=0)
    before = fake.count
    started = time.perf_counter()
    result = summarizer.run([sources], out, settings=settings, concurrency=concurrency)
    wall = time.perf_counter() - started
    assert result.ok, result.failures
    return wall, fake.count - before


def bench_b(latency: float) -> None:
    n = 200
    with tempfile.TemporaryDirectory() as tmp:
        sources = corpus(Path(tmp) / "articles", n)
        for concurrency in (1, 4, 16):
            with fake_model(latency) as fake:
                wall, calls = timed_run(sources, Path(tmp) / f"out{concurrency}", fake, concurrency)
            ideal = (math.ceil(n / concurrency) * CALLS_PER_ARTICLE + 1) * latency
            print(
                f"b  N={n} C={concurrency:<2} calls={calls} wall={wall:6.2f}s "
                f"ideal={ideal:6.2f}s ratio={wall / ideal:.3f} (target <= 1.15)"
            )


def bench_c(latency: float) -> None:
    n = 1000
    with tempfile.TemporaryDirectory() as tmp, fake_model(latency) as fake:
        sources = corpus(Path(tmp) / "articles", n)
        out = Path(tmp) / "out"
        cold, cold_calls = timed_run(sources, out, fake, 16)
        warm, warm_calls = timed_run(sources, out, fake, 16)
    print(
        f"c  N={n} cold: calls={cold_calls} wall={cold:.2f}s; re-run: calls={warm_calls} "
        f"wall={warm:.2f}s = {100 * warm / cold:.1f} % of cold (target 0 calls, <= 2 %)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--only", choices=["b", "c"])
    args = parser.parse_args()
    if args.only in (None, "b"):
        bench_b(args.latency)
    if args.only in (None, "c"):
        bench_c(args.latency)


if __name__ == "__main__":
    main()
