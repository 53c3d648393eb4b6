"""Benchmark e: the HTML report for 1,000 meetings from 5,000 briefs (3 kB articles).

Python: time to build the page and its size. Headless Chromium (if installed): time to first
contentful paint, to every card rendered, to apply a filter and to open a source.

python -m benchmarks.report_scale
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.merge_10k import synthetic_briefs
from summarizer.merge import merge_records
from summarizer.report import build_report
from summarizer.schema import ArticleBrief
from tests.chromium import Chromium, find_chromium

FILLER = (
    "The ministers discussed trade, security and the situation in the region at length, "
    "aides said, adding that further talks were planned for later in the year. "
)


def article_text(brief: ArticleBrief) -> str:
    """About 3 kB of text with the brief's quote at its recorded offsets."""
    meeting = brief.meetings[0]
    statement = meeting.statements[0]
    head = "Reported: "[: statement.span.start].ljust(statement.span.start)
    quote = statement.quote.ljust(statement.span.end - statement.span.start)
    names = " and ".join(p.name for p in meeting.participants)
    body = f" {names} met in {meeting.location.city}. " + FILLER * 18
    return head + quote + body


def browser_timings(page: Path) -> dict[str, float] | None:
    executable = find_chromium()
    if executable is None:
        return None
    with Chromium(executable) as chromium:
        started = time.perf_counter()
        chromium.open(page)
        load = time.perf_counter() - started
        chromium.wait_until("document.body.dataset.ready === 'true'", timeout=120)
        ready = time.perf_counter() - started
        paint = chromium.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0].startTime"
        )
        filtered = chromium.evaluate(
            "(() => { const s = document.getElementById('f-forum'); s.value = 'SCO';"
            "const t = performance.now(); s.dispatchEvent(new Event('change'));"
            "document.body.offsetHeight; return performance.now() - t; })()"
        )
        opened = chromium.evaluate(
            "(() => { const t = performance.now();"
            "document.querySelector('.card:not(.hidden) .statement .chip').click();"
            "document.body.offsetHeight; return performance.now() - t; })()"
        )
        assert not chromium.errors, chromium.errors
    return {
        "fcp_ms": paint,
        "load_s": load,
        "ready_s": ready,
        "filter_ms": filtered,
        "open_source_ms": opened,
    }


def main() -> None:
    briefs = synthetic_briefs(meetings=1000, reports=5)
    texts = {b.article_id: article_text(b) for b in briefs}
    records = merge_records(briefs)
    started = time.perf_counter()
    html = build_report(records, briefs, texts)
    build = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        timings = browser_timings(page)
    text_mib = sum(len(t.encode()) for t in texts.values()) / 2**20
    print(
        f"briefs={len(briefs)} meetings={len(records)} build={build:.2f}s "
        f"size={len(html.encode()) / 2**20:.1f} MiB (article texts {text_mib:.1f} MiB)"
    )
    if timings is None:
        print("no Chromium installed: browser timings skipped")
    else:
        print(
            "chromium: first contentful paint {fcp_ms:.0f} ms, load event {load_s:.2f} s, "
            "all cards {ready_s:.2f} s, filter {filter_ms:.0f} ms, open a source "
            "{open_source_ms:.0f} ms".format(**timings)
        )


if __name__ == "__main__":
    main()
