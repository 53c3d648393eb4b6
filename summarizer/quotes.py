"""Find quotations and check that a quote is verbatim in its source. Pure.

Code finds every double-quoted passage with its offsets; the model is only asked who said it.
Passages of fewer than MIN_QUOTE_WORDS words ("no limits", "new era") are terms the article
quotes, not statements, and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.metadata import Metadata
from summarizer.text import Normalized, find_all_normalized, normalize

MIN_QUOTE_WORDS = 4
WINDOW_BEFORE = 320
WINDOW_AFTER = 160

_QUOTED = re.compile(
    r"\u201c([^\u201c\u201d\n]+)\u201d|\"([^\"\n]+)\"|\u00ab([^\u00ab\u00bb\n]+)\u00bb"
)


@dataclass(frozen=True)
class QuoteCandidate:
    """A quoted passage: `text` (inside the marks, trailing comma dropped) at [start, end)."""

    text: str
    start: int
    end: int

    def window(self, source: str) -> tuple[int, int]:
        """The quote's paragraph and the one before it, at most ~WINDOW_BEFORE characters
        before the quote, cut at word boundaries: where an attribution can be."""
        paragraph_start = source.rfind("\n", 0, self.start)
        previous = -1
        if paragraph_start > 0:
            previous = source.rfind("\n", 0, max(paragraph_start - 1, 0))
        a = max(previous + 1, self.start - WINDOW_BEFORE, 0)
        newline = source.find("\n", self.end)
        b = min(newline if newline >= 0 else len(source), self.end + WINDOW_AFTER)
        while a > 0 and not source[a - 1].isspace():
            a -= 1
        while b < len(source) and not source[b].isspace():
            b += 1
        return a, b


_SAY = r"(?:said|says|added|adds|remarked|told|noted|stressed|wrote|declared|stated)"
_NAME = r"((?:[A-Z][\w\u2019'.-]*\s+){0,3}[A-Z][\w.-]*)"
_CLOSE = r"^[,.!?]?[\"\u201d\u2019']*\s+"
_AFTER_VERB_NAME = re.compile(_CLOSE + _SAY + r"\s+" + _NAME + r"(?=[\s,.])")
_AFTER_NAME_VERB = re.compile(_CLOSE + _NAME + r"\s+" + _SAY + r"\b")


def adjacent_speaker(source: str, quote: QuoteCandidate) -> str | None:
    """The speaker an attribution right after the closing mark names (`," Lavrov said`,
    `," said Alexander Gabuev`); None for pronouns (`," it added`) or no attribution."""
    tail = source[quote.end : quote.end + 120]
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB):
        m = pattern.match(tail)
        if m:
            name = m.group(1).strip()
            name = re.sub(r"^.*[\u2019']s\s+", "", name)  # "Russia's Sergey Lavrov"
            if name.split()[0].lower() not in {"it", "he", "she", "they", "we", "the", "a"}:
                return name
    return None


def find_quotes(text: str, meta: Metadata) -> list[QuoteCandidate]:
    """Quoted statements outside boilerplate, in text order."""
    found: list[QuoteCandidate] = []
    for m in _QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        start, end = m.start(group), m.end(group)
        inner = text[start:end]
        stripped = inner.rstrip(" ,;:")
        lead = len(inner) - len(inner.lstrip())
        start, end = start + lead, start + len(stripped)
        quote = text[start:end]
        if len(quote.split()) < MIN_QUOTE_WORDS or meta.in_boilerplate(start, end):
            continue
        found.append(QuoteCandidate(quote, start, end))
    return found


def locate_quote(quote: str, source: Normalized, meta: Metadata) -> list[tuple[int, int]]:
    """Spans where `quote` occurs verbatim (normalised) in the source, outside boilerplate."""
    return [span for span in find_all_normalized(quote, source) if not meta.in_boilerplate(*span)]


def verbatim(quote: str, source: str) -> bool:
    """Whether `quote` occurs in `source` once whitespace, quote marks and case are normalised."""
    return bool(find_all_normalized(quote, normalize(source)))
