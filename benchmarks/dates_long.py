"""Benchmark f: read the dates of a long article (about 130,000 characters, 2,000 dates).

python -m benchmarks.dates_long
"""

from __future__ import annotations

import time

from summarizer.dates import find_dates

SENTENCE = "Le ministre a rencontré mardi 15 novembre son homologue à Pékin. "


def main() -> None:
    text = SENTENCE * 2000
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        found = find_dates(text, language="fr")
        timings.append(time.perf_counter() - start)
    print(f"{len(text):,} characters, {len(found):,} dates: best of 3 {min(timings):.2f} s")
    print("target: < 2 s")


if __name__ == "__main__":
    main()
