"""The seeds' report in a real browser: headless Chromium, driven over the DevTools protocol.

Skipped where no Chromium is installed (CI installs Debian's). Set SUMMARIZER_SCREENSHOT to a
path to keep the screenshot (the README's docs/report.png is made so).
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from summarizer import load_article
from summarizer.merge import merge_records
from summarizer.report import build_report
from tests.chromium import Chromium, find_chromium
from tests.conftest import ROOT
from tests.seed_run import seed_run_folder
from tests.test_report import HOSTILE, brief

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium installed: `apt-get install chromium` (Debian), or set "
    "SUMMARIZER_CHROMIUM to a Chromium or Chrome binary; CI installs it",
)
ORDER = [
    "2024-11-18-rio-de-janeiro-sergei-lavrov-wang-yi",
    "2025-02-20-johannesburg-sergei-lavrov-wang-yi",
    "2025-07-13-beijing-sergei-lavrov-wang-yi",
]
BEIJING = "#m-2025-07-13-beijing-sergei-lavrov-wang-yi"


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM is not None
    with Chromium(CHROMIUM, width=1600, height=1000) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory, llm, browser):
    out = seed_run_folder(tmp_path_factory, llm)
    browser.errors.clear()
    browser.open(out / "report.html")
    browser.wait_until("document.body.dataset.ready === 'true'")
    return out


def js(browser: Chromium, body: str):
    return browser.evaluate(f"(() => {{ {body} }})()")


def test_three_meetings_in_date_order_on_cards_and_timeline(browser, seeds_page):
    cards = js(
        browser, "return [...document.querySelectorAll('.card')].map(c => c.dataset.meeting)"
    )
    assert cards == ORDER
    marks = js(
        browser,
        "return [...document.querySelectorAll('.timeline .mark')]"
        ".map(m => [m.getBoundingClientRect().left, m.dataset.meeting])",
    )
    assert [meeting for _, meeting in sorted(marks)] == ORDER


def test_beijing_shows_its_two_sources(browser, seeds_page):
    sources = js(
        browser,
        f"const card = document.querySelector('{BEIJING}');"
        "const list = [...card.querySelectorAll('h3')].find(h => h.textContent === 'Sources')"
        ".nextElementSibling;"
        "return [...list.querySelectorAll('.chip')].map(c => c.dataset.article)",
    )
    assert sources == ["001_a426523f9bff1c04", "003_380a0c385a6d10f3"]


def test_a_clicked_quote_is_highlighted_at_its_offsets(browser, seeds_page):
    record = json.loads(
        (seeds_page / "meetings" / "2025-07-13-beijing-sergei-lavrov-wang-yi.json").read_text()
    )
    statement = record["statements"][0]
    source = statement["sources"][0]
    text = load_article(ROOT / "seeds" / f"{source['article_id']}.txt").text
    expected = text[source["span"]["start"] : source["span"]["end"]]
    shown = js(
        browser,
        f"document.querySelector('{BEIJING} .statement .chip').click();"
        "const focus = [...document.querySelectorAll('#source-text .focus')];"
        "return {panel: document.getElementById('source').dataset.article,"
        " hidden: document.getElementById('source').hidden,"
        " text: focus.map(e => e.textContent).join(''),"
        " quote: focus.every(e => e.classList.contains('k-quote')),"
        " whole: document.getElementById('source-text').textContent}",
    )
    assert shown["panel"] == source["article_id"] and not shown["hidden"]
    assert shown["text"] == expected == statement["quote"]
    assert shown["quote"]
    assert shown["whole"] == text  # the article, every character, as the offsets count them


def test_hover_and_filter(browser, seeds_page):
    tip = js(
        browser,
        "const mark = document.querySelector('.timeline .mark[data-meeting$=\"beijing-sergei-"
        "lavrov-wang-yi\"]'); const r = mark.getBoundingClientRect();"
        "mark.dispatchEvent(new MouseEvent('mouseenter', {clientX: r.left, clientY: r.top}));"
        "const text = document.getElementById('tip').textContent;"
        "mark.dispatchEvent(new MouseEvent('mouseleave')); return text",
    )
    assert "Sergei Lavrov" in tip and "Wang Yi" in tip and "Beijing" in tip
    visible = js(
        browser,
        "const s = document.getElementById('f-forum'); s.value = 'SCO';"
        "s.dispatchEvent(new Event('change'));"
        "const shown = [...document.querySelectorAll('.card:not(.hidden)')]"
        ".map(c => c.dataset.meeting);"
        "document.getElementById('f-clear').click(); return shown",
    )
    assert visible == [ORDER[2]]


def test_no_console_errors_and_a_screenshot(browser, seeds_page, tmp_path):
    js(browser, f"document.querySelector('{BEIJING} .statement .chip').click(); return 1")
    js(browser, "window.scrollTo(0, 0); return 1")
    shot = tmp_path / "report.png"
    browser.screenshot(shot)
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000
    if os.environ.get("SUMMARIZER_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["SUMMARIZER_SCREENSHOT"])
    assert browser.errors == []


def test_hostile_article_renders_as_text_and_runs_nothing(browser, tmp_path):
    quote = "we will keep our word"
    text = f'Sergei Lavrov met Wang Yi in Beijing. {HOSTILE} "{quote}," Lavrov said.'
    briefs = [brief("a1", text, quote)]
    page = tmp_path / "hostile.html"
    page.write_text(build_report(merge_records(briefs), briefs, {"a1": text}), encoding="utf-8")
    browser.errors.clear()
    browser.open(page, fragment="source=a1&marks=")
    browser.wait_until("document.body.dataset.ready === 'true'")
    found = js(
        browser,
        "return {text: document.getElementById('source-text').textContent,"
        " imgs: document.querySelectorAll('img').length,"
        " scripts: document.querySelectorAll('script').length,"
        " textareas: document.querySelectorAll('textarea').length,"
        " bold: document.querySelectorAll('b').length,"
        " title: document.getElementById('source-title').textContent}",
    )
    assert found["text"] == text
    assert (found["imgs"], found["scripts"], found["textareas"], found["bold"]) == (0, 3, 0, 0)
    assert found["title"] == "Headline of a1 <b>"
    assert browser.errors == []
