"""Benchmark d: merge 10,000 synthetic briefs (2,000 meetings x 5 reports); time and peak memory.

python -m benchmarks.merge_10k
"""

from __future__ import annotations

import random
import time
import tracemalloc
from datetime import date, timedelta

from summarizer.merge import merge_records
from summarizer.schema import (
    ArticleBrief,
    DateInfo,
    Location,
    Meeting,
    Participant,
    Provenance,
    Span,
    Statement,
)

CITIES = [
    ("Beijing", "China"),
    ("Moscow", "Russia"),
    ("New Delhi", "India"),
    ("Brasilia", "Brazil"),
    ("Pretoria", "South Africa"),
    ("Tokyo", "Japan"),
]
FORUMS = ["G20", "SCO", "BRICS", None]
PEOPLE = [f"Minister{chr(65 + i)} Person{chr(65 + j)}" for i in range(20) for j in range(20)]


def synthetic_briefs(meetings: int = 2000, reports: int = 5, seed: int = 7) -> list[ArticleBrief]:
    rng = random.Random(seed)
    briefs: list[ArticleBrief] = []
    for m in range(meetings):
        a, b = rng.sample(PEOPLE, 2)
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(2000))
        city, country = rng.choice(CITIES)
        forum = rng.choice(FORUMS)
        for r in range(reports):
            precise = r % 2 == 0
            when = (
                DateInfo(iso=day.isoformat(), precision="day", start=day, end=day, basis="stated")
                if precise
                else DateInfo(
                    iso=f"{day - timedelta(days=3)}/{day}",
                    precision="range",
                    start=day - timedelta(days=3),
                    end=day,
                    basis="publication date",
                )
            )
            meeting = Meeting(
                participants=[Participant(name=a, country=country), Participant(name=b)],
                date=when,
                location=Location(city=city, country=country),
                forum=forum,
                mode="sidelines" if forum else "visit",
                topics=[f"topic {m % 50}"],
                statements=[
                    Statement(
                        speaker=a,
                        quote=f"Quote number {m} said here",
                        span=Span(start=10, end=40),
                        by_participant=True,
                        attributed_by="text",
                    )
                ],
            )
            briefs.append(
                ArticleBrief(
                    article_id=f"m{m:05d}r{r}",
                    source_sha256="0" * 64,
                    headline=None,
                    outlet=None,
                    published=day,
                    reports_meeting=True,
                    meetings=[meeting],
                    summary="",
                    provenance=Provenance(model="m", backend="b", fingerprint={}),
                )
            )
    return briefs


def main() -> None:
    briefs = synthetic_briefs()
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        records = merge_records(briefs)
        timings.append(time.perf_counter() - started)
    tracemalloc.start()  # a separate pass: tracing slows Python several times over
    merge_records(briefs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"briefs={len(briefs)} records={len(records)} first={timings[0]:.2f}s "
        f"best={min(timings):.2f}s (target under 2 s) peak_traced={peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
