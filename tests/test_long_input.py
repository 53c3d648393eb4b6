"""Long runs of word characters, long lines and repeated separators are read in linear time.

A hostile review found regexes that backtracked quadratically (or worse) on such input, so
that one large article could hang a run: a 1 MB article of "a" ran for over two minutes, a
60 KB word took `names.text_tokens` over 45 s. Each pattern rewritten for it must read
ordinary text exactly as before (the corpus cassettes are keyed by the requests it shapes):
the pattern it replaces is kept here as it was written, and the two are compared on every
line of the corpus, seed and test articles and on generated text. Then each reads a long
pathological input, and its result is asserted. `_no_hang` turns a hang into a failure after
a minute: each input takes well under a second now, where the old patterns took minutes to
hours. Speed is measured in benchmarks/long_input.py (BENCHMARKS.md, h), not here.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import dates, metadata, names, quotes, redact, tense
from summarizer.gazetteer import canonical_forum, find_city
from summarizer.meeting import _named_for_elsewhere
from summarizer.metadata import read_metadata
from summarizer.prompts import as_data

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    p.read_text("utf-8")
    for folder in (
        ROOT / "corpus" / "dev" / "articles",
        ROOT / "seeds",
        ROOT / "tests" / "articles",
    )
    for p in sorted(folder.iterdir())
    if p.suffix in {".txt", ".md", ".html"}
]
LINES = [line for text in TEXTS for line in text.splitlines()]
LONG = 200_000


@contextmanager
def _no_hang(seconds: float = 60) -> Iterator[None]:
    """Fail, rather than hang, if the block runs past `seconds` (sre checks for signals)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"still running after {seconds} s: a regex backtracks")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# Hypothesis's examples run with no deadline: the first may load the gazetteer's tables, and
# what is compared here is the answer, not the time.


def _pieces(*tokens: str, max_size: int = 14) -> st.SearchStrategy[str]:
    """Text made of the given tokens, in any order: what a pattern reads, and what breaks it."""
    return st.lists(st.sampled_from(tokens), max_size=max_size).map("".join)


# ------------------------------------------------------------------- names.text_tokens

OLD_POSSESSIVE = re.compile(r"[^\W_]+['\u2019]s\b")


def old_text_tokens(text: str) -> set[str]:
    return {names.fold_token(t) for t in re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)?", text)} | {
        names.fold_token(t.split("'")[0].split("\u2019")[0]) for t in OLD_POSSESSIVE.findall(text)
    }


@settings(max_examples=300, deadline=None)
@given(_pieces("a", "Ab", "7", "中", "я", "_", "'", "\u2019", "s", "'s", " ", ".", "x's"))
def test_text_tokens_reads_generated_text_as_before(text):
    assert names.text_tokens(text) == old_text_tokens(text)


def test_text_tokens_reads_the_articles_as_before():
    for text in TEXTS:
        assert names.text_tokens(text) == old_text_tokens(text)


def test_text_tokens_reads_a_long_word():
    with _no_hang():
        assert names.text_tokens("7" * LONG + " Lavrov's") == {"7" * LONG, "lavrov's", "lavrov"}
        assert names.text_tokens("\u4e2d" * LONG + "'s") == {
            "\u4e2d" * LONG + "'s",
            "\u4e2d" * LONG,
        }


# ------------------------------------------------------------------------ photo credits

_W = r"[^\W\d_][\w'\u2019.&-]*"
OLD_CREDIT = re.compile(
    rf"(?<![\w.])\(?[ \t]*(?:/[ \t]*)?{_W}(?:[ \t]{_W})?(?:[ \t]?/[ \t]?{_W}(?:[ \t]{_W}){{0,3}})+"
    r"[ \t]*\)?\.?[ \t]*$",
    re.M,
)
OLD_BRACKET_CREDIT = re.compile(
    r"\((?=[^()]*\b(?:Photo|PHOTO|Photograph|Images|IMAGES)\b)[^()\n]{2,60}\)[ \t]*\.?[ \t]*$",
    re.M,
)
CREDIT_TOKENS = (
    *("A", "Ab", "Getty", "Images", "x", "a.b", "O'Neil", "AT&T", "Jean-Luc", "1a", "_b", "\u00c9"),
    *(" ", "/", " / ", "  ", "\t", ", ", "-", "(", ")", ").", ".", "!", ":", "\u4e2d", "Photo"),
)


def old_credit_span(line: str) -> tuple[int, int] | None:
    m = OLD_CREDIT.search(line)
    return None if m is None else m.span()


@settings(max_examples=1000, deadline=None)
@given(_pieces(*CREDIT_TOKENS, max_size=20))
def test_a_credit_is_read_from_the_line_end_as_before(line):
    assert metadata._credit_span(line) == old_credit_span(line)
    assert _spans(metadata._BRACKET_CREDIT, line) == _spans(OLD_BRACKET_CREDIT, line)


def test_credits_are_read_in_the_articles_as_before():
    found = 0
    for line in LINES:
        span = old_credit_span(line)
        found += span is not None
        assert metadata._credit_span(line) == span
        assert _spans(metadata._BRACKET_CREDIT, line) == _spans(OLD_BRACKET_CREDIT, line)
    assert found  # the corpus has credits: the comparison is not only of misses


def test_a_long_line_of_slashes_and_blanks_is_no_credit():
    headline = "Putin and Xi meet in Moscow for talks\n\n"
    with _no_hang():
        assert metadata._credit_span("a/" * (LONG // 2)) is None
        blocks = read_metadata(headline + "a/" * (LONG // 2) + "\n" + " " * LONG + "x").boilerplate
        assert [b.kind for b in blocks] == []
        # a photographer's name runs straight on from the caption ("summit. REUTERS"), as before
        credit = "summit. REUTERS/Kevin Lamarque/Pool"
        line = "The two leaders at the " * 8000 + credit
        assert metadata._credit_span(line) == (len(line) - len(credit), len(line))
        assert metadata._BRACKET_CREDIT.search("(Photo )" + " " * LONG + "s") is None


# ------------------------------------------------------------- timestamps, dated lines

OLD_CLOCK = re.compile(
    r"(?:\bhour\s*:?\s*)?\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\b)?\s*(?:\b[A-Z]{2,5}\b)?", re.I
)
OLD_STAMP_PLACE = re.compile(r"\s[-\u2013\u2014]\s*(?:[A-Z][\w.'-]*\s?){1,3}$")
OLD_RUNS_ON = re.compile(r"[ \t]*,?[ \t]*[a-z]{3,}\b(?![ \t]*\d)")
STAMP_TOKENS = (
    *("hour", "Hour", ":", " ", "\t", "12:28", "9.46", "pm", "a.m.", "IST", "ET", "x", "3"),
    *(" - ", "\u2014", "-", "New", "York", "A", "Ab", "a", "ab", "abc", "and", ",", ".", "'"),
)


@settings(max_examples=1000, deadline=None)
@given(_pieces(*STAMP_TOKENS, max_size=16))
def test_timestamps_are_read_as_before(text):
    assert metadata._CLOCK.sub(" ", text) == OLD_CLOCK.sub(" ", text)
    assert metadata._STAMP_PLACE.sub("", text) == OLD_STAMP_PLACE.sub("", text)
    for pos in range(len(text) + 1):
        new, old = metadata._RUNS_ON.match(text, pos), OLD_RUNS_ON.match(text, pos)
        assert (new and new.span()) == (old and old.span())


def test_timestamps_are_read_in_the_articles_as_before():
    for line in LINES:
        assert metadata._CLOCK.sub(" ", line) == OLD_CLOCK.sub(" ", line)
        assert metadata._STAMP_PLACE.sub("", line) == OLD_STAMP_PLACE.sub("", line)


def test_long_runs_in_a_timestamp_line():
    with _no_hang():
        assert metadata._CLOCK.search("hour" + " " * LONG + "x") is None
        assert metadata._STAMP_PLACE.search("12:30 - " + "A" * LONG + "!") is None
        assert metadata._STAMP_PLACE.sub("", "12:30 - " + "New York") == "12:30"
        assert metadata._RUNS_ON.match(" " * LONG + "1") is None
        text = (
            "Headline of the long article\n\nText.\nhour"
            + " " * LONG
            + "x\nMonday 12:30 - "
            + "A" * LONG
            + "!"
        )
        assert read_metadata(text).published is None


# ----------------------------------------------------------- transcripts, quotations

OLD_TURN = re.compile(
    r"^\s*(?:Q|[A-Z][A-Z.'\u2019 -]{1,60}[A-Z.]|[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+)?)\s*:",
    re.M,
)


def old_turn_speakers(body: str) -> list[str]:
    turns = [m.group(0).rstrip().rstrip(":").strip() for m in OLD_TURN.finditer(body)]
    return turns if len(turns) >= quotes.TRANSCRIPT_TURNS else []


def old_outside_quotes(body: str) -> str:
    for quoted in (quotes._QUOTED, quotes._OTHER_QUOTED):
        body = quoted.sub(lambda m: " " * len(m.group(0)), body)
    return body


TURN_TOKENS = ("Q", ":", " ", "\n", "\t", "MR. SULLIVAN", "Lavrov", "Ab Cd", "x", "A", ".", "\r")
QUOTE_TOKENS = (
    *("'", "a", "'a", " ", "\n", ".", "\u2018", "\u2019", "\u201c", "\u201d", "\u201e", "\u201a"),
    *("\u2039", "\u203a", "\u300c", "\u300d", '"', "\u00ab", "\u00bb", "word", "I", "_"),
)


@settings(max_examples=500, deadline=None)
@given(_pieces(*TURN_TOKENS, max_size=20))
def test_turns_are_read_as_before(body):
    assert quotes.turn_speakers(body) == old_turn_speakers(body)


@settings(max_examples=1500, deadline=None)
@given(_pieces(*QUOTE_TOKENS, max_size=20))
def test_quotations_are_set_aside_as_before(body):
    assert quotes._outside_quotes(body) == old_outside_quotes(body)


def test_turns_and_quotations_are_read_in_the_articles_as_before():
    for text in TEXTS:
        assert quotes.turn_speakers(text) == old_turn_speakers(text)
        assert quotes._outside_quotes(text) == old_outside_quotes(text)


def test_blank_lines_and_marks_that_nothing_closes():
    with _no_hang():
        turns = "MR. SULLIVAN: Thank you.\n" + "\n" * LONG + "  Q: And the talks?"
        assert quotes.turn_speakers(turns) == ["MR. SULLIVAN", "Q"]
        for marks in (
            "\u300c" * LONG,
            "\u201e" * LONG,
            "\u201a" * LONG,
            "\u2039" * LONG,
            " 'a" * LONG,
        ):
            assert quotes._outside_quotes(marks) == marks
        text = "Lavrov and Wang met.\n\nI think the talks went well. " + "\u300c" * LONG
        assert (
            quotes.writers_view(text, read_metadata(text), "en") == "I think the talks went well."
        )


# ------------------------------------------------------------------------------ tense

OLD_HEADLINE_FUTURE = re.compile(
    r"\b[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*\s+(?i:to\s+(?:meet|visit|hold|host|travel\s+to|talk|speak))\b"
)
OLD_EARLIER_RU = re.compile(
    r"(?:прошл|предыдущ|последн)\w*\s+(?:встреч|переговор|саммит|разговор|визит)\w*", re.I
)


@settings(max_examples=800, deadline=None)
@given(_pieces("A", "Ab", "a", "\u00c9", ".", "'", "-", " ", "\t", "to", " to meet", "Meet", "1"))
def test_a_headlines_future_is_read_as_before(text):
    assert bool(tense._HEADLINE_FUTURE.search(text)) == bool(OLD_HEADLINE_FUTURE.search(text))


@settings(max_examples=800, deadline=None)
@given(
    _pieces("прошл", "последн", "ая", "не", " ", "встреч", "\u0430", "визит", "1", "_", ".", "x")
)
def test_an_earlier_encounter_ends_where_it_did(text):
    new = tense._pattern("earlier", "ru")
    assert new is not None
    assert [m.end() for m in new.finditer(text)] == [m.end() for m in OLD_EARLIER_RU.finditer(text)]


def test_tense_reads_the_articles_as_before():
    new = tense._pattern("earlier", "ru")
    assert new is not None
    for line in LINES:
        assert bool(tense._HEADLINE_FUTURE.search(line)) == bool(OLD_HEADLINE_FUTURE.search(line))
        assert [m.end() for m in new.finditer(line)] == [
            m.end() for m in OLD_EARLIER_RU.finditer(line)
        ]


def test_long_words_in_tense():
    with _no_hang():
        assert tense.future_only("A." * LONG + " to meet Xi", "en", headline=True)
        assert not tense.future_only("A." * LONG + " spoke", "en", headline=True)
        stems = "прошл" * (LONG // 5)
        assert tense.after_earlier_encounter(stems + " встреча прошла", "ru") == " прошла"
        assert tense.after_earlier_encounter(stems, "ru") is None


# ------------------------------------------------------------------------------ dates

LANGUAGES = [("en",), ("zh", "en"), ("ja", "en"), ("ko", "en"), ("fr", "en"), ("ru", "en")]
# What the two rewritten date patterns were: their sources as written before.
DATE_CHANGES = (
    (r"\s*+[日일]?\s*+", r"\s*[日일]?\s*"),
    (rf"(?!{dates._GROUP_AFTER_GROUP})", ""),
)


def _date_pairs() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    pairs = []
    for languages in LANGUAGES:
        for _, new in dates._lexicon(languages).patterns:
            old = new.pattern
            for now, before in DATE_CHANGES:
                old = old.replace(now, before)
            if old != new.pattern:
                pairs.append((new, re.compile(old, new.flags)))
    return pairs


DATE_PAIRS = _date_pairs()
DATE_TOKENS = (
    *("1", "30", "12", "2023", ",", ",111", ",1111", ".", " ", "\t", "-", "a", "_"),
    *("\u6708", "\u65e5", "\uc6d4", "\uc77c", "\u81f3", "\u5e74", "~", " days ago", "day", "ago"),
)


def test_both_date_patterns_changed_in_every_language():
    assert len(DATE_PAIRS) == 2 * len(LANGUAGES)


@settings(max_examples=1000, deadline=None)
@given(_pieces(*DATE_TOKENS, max_size=16))
def test_dates_are_found_as_before(text):
    for new, old in DATE_PAIRS:
        assert _spans(new, text) == _spans(old, text)


def test_dates_are_found_in_the_articles_as_before():
    for text in TEXTS:
        for new, old in DATE_PAIRS:
            assert _spans(new, text) == _spans(old, text)


def test_long_numbers_and_blanks_in_dates():
    with _no_hang():
        number = "1" + ",111" * (LONG // 4)
        (found,) = dates.find_dates(number + " days ago")
        assert (found.start, found.end, found.kind) == (0, len(number) + 9, "days_ago")
        assert dates.find_dates(number + " days") == []
        assert dates.find_dates("1\u670830" + " " * LONG + "x", language="zh") == []
        (found,) = dates.find_dates("1\u670830" + " " * LONG + "\u65e5", language="zh")
        assert (found.start, found.kind) == (0, "month_day")


# --------------------------------------------------- prompts, redaction, forum places

OLD_TAG_START = re.compile(r"<(?=\s*/?\s*[A-Za-z!?|/])")
OLD_USERINFO = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s?#]+@")
OLD_QUERY_VALUE = re.compile(r"(?P<key>[?&][^=&#\s]+=)[^&#\s]*")
OLD_PLACE_GATHERING = re.compile(
    r"^(?:the\s+)?(?P<place>.+?)\s+(?:summit|talks|meeting|conference|dialogue)$", re.I
)
SECRET_TOKENS = (
    *("a", "A", "1", "+", ".", "-", ":", "/", "://", "@", "?", "&", "=", "#", " ", "\t", "\n"),
    *("http", "user:pw", "key", "Bearer ", "sk-", "x" * 8, "<", "< /", "!", "|"),
)


def old_redact(text: str) -> str:
    """`redact.redact` as written before, for text holding no registered secret."""
    text = OLD_USERINFO.sub(lambda m: f"{m['scheme']}{redact.MASK}@", text)
    text = OLD_QUERY_VALUE.sub(lambda m: f"{m['key']}{redact.MASK}", text)
    text = redact._TOKEN.sub(lambda m: f"{m['kind']} {redact.MASK}", text)
    text = redact._HEADER.sub(lambda m: f"{m['name']}{redact.MASK}", text)
    return redact._KEY_LIKE.sub(redact.MASK, text)


def old_named_for_elsewhere(forum: str, city: str | None) -> bool:
    found = OLD_PLACE_GATHERING.match(forum.strip())
    if not city or canonical_forum(forum) or found is None:
        return False
    place, here = find_city(found["place"]), find_city(city)
    return place is not None and here is not None and place != here


@settings(max_examples=1000, deadline=None)
@given(_pieces(*SECRET_TOKENS, max_size=18))
def test_prompts_and_redaction_read_generated_text_as_before(text):
    assert as_data(text) == OLD_TAG_START.sub("\u2039", text)
    with patch.object(redact, "_secrets", set()):
        assert redact.redact(text) == old_redact(text)


@settings(max_examples=300, deadline=None)
@given(
    _pieces(
        *("the", "The", " ", "  ", "\t", "\n", " \n ", "Woodside", "Osaka", "New", "York"),
        *("G20", "x", "summit", "talks"),
    )
)
def test_a_forum_named_for_a_place_is_read_as_before(forum):
    assert _named_for_elsewhere(forum, "Beijing") == old_named_for_elsewhere(forum, "Beijing")


def test_prompts_and_redaction_read_the_articles_as_before():
    with patch.object(redact, "_secrets", set()):
        for text in TEXTS:
            assert as_data(text) == OLD_TAG_START.sub("\u2039", text)
            assert redact.redact(text) == old_redact(text)


def test_long_runs_in_prompts_redaction_and_forums():
    with _no_hang(), patch.object(redact, "_secrets", set()):
        assert as_data("<" + " " * LONG + "0") == "<" + " " * LONG + "0"
        assert as_data("<" + " " * LONG + "/article>") == "\u2039" + " " * LONG + "/article>"
        for text in ("a" * LONG, "?" * LONG, "1a" * LONG):
            assert redact.redact(text) == text
        assert redact.redact("1-http://user:pw@host/?key=v") == "1-http://***@host/?key=***"
        assert not _named_for_elsewhere("the" + " " * LONG + "x" + " " * LONG + "y", "Paris")
        assert _named_for_elsewhere("the Woodside" + " " * LONG + "summit", "Beijing")


@pytest.mark.parametrize(
    "forum", ["the Woodside Summit", "Osaka  summit", "the   summit", "New\nYork summit"]
)
def test_a_forum_place_with_any_spacing(forum):
    assert _named_for_elsewhere(forum, "Beijing") == old_named_for_elsewhere(forum, "Beijing")
