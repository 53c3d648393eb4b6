"""Text normalisation that remembers where every character came from. Pure.

Grounding compares normalised text (whitespace runs folded, typographic quotes and dashes
made plain, case folded) and maps matches back to offsets in the original string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import opencc

_CHAR_MAP = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}


@dataclass(frozen=True)
class Normalized:
    """`text` is the normalised string; `origin[i]` is the offset in the source of text[i]."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of `text` back to a half-open span of the source."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize(source: str, *, casefold: bool = True) -> Normalized:
    """Fold whitespace runs to one space, plain quote marks and dashes, drop accents."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1
    for i, ch in enumerate(source):
        ch = _CHAR_MAP.get(ch, ch)
        if ch.isspace():
            if out and pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            out.append(" ")
            origin.append(pending_space)
            pending_space = -1
        for piece in _fold(ch, casefold):
            out.append(piece)
            origin.append(i)
    return Normalized("".join(out), tuple(origin))


def _fold(ch: str, casefold: bool) -> str:
    if ch.isascii():
        return ch.lower() if casefold else ch
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not base.strip():  # e.g. a spacing macron decomposes to a space: keep the character
        base = ch
    return base.casefold() if casefold else base


_TRANSLATE = str.maketrans(_CHAR_MAP)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """The normalised form of `text`, for comparisons (as `normalize`, without the map)."""
    if text.isascii():
        return _SPACES.sub(" ", text.translate(_TRANSLATE)).strip().lower()
    return normalize(text).text.strip()


def find_normalized(needle: str, haystack: Normalized, start: int = 0) -> tuple[int, int] | None:
    """Source span of the first occurrence of `needle` in `haystack` (both compared normalised)."""
    target = norm(needle)
    if not target:
        return None
    at = haystack.text.find(target, start)
    if at < 0:
        return None
    return haystack.span(at, at + len(target))


def find_all_normalized(needle: str, haystack: Normalized) -> list[tuple[int, int]]:
    """Source spans of every occurrence of `needle` in `haystack`."""
    target = norm(needle)
    spans: list[tuple[int, int]] = []
    if not target:
        return spans
    at = haystack.text.find(target)
    while at >= 0:
        spans.append(haystack.span(at, at + len(target)))
        at = haystack.text.find(target, at + 1)
    return spans


# An initial ("Joseph R. Biden") or an abbreviation of initials ("U.S. President") ends no
# sentence.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\s[A-Z]\.)(?<!\.[A-Z]\.)([\"'\u201d\u2019]?)\s+(?=[\"'\u201c\u2018A-Z0-9])"
    # Chinese and Japanese end a sentence with a full-width stop, mark or question mark and no
    # space after it (U+3002, U+FF01, U+FF1F)
    r"|(?<=[\u3002\uff01\uff1f])([\u300d\u300f\u201d\u2019]?)[ \t]*(?=[^\s\u300d\u300f])"
    r"|\n+"
)


_WRAPPED_LINE = re.compile(r"[^\n]{55,90}(?<![.!?:;\"'\u201d\u2019])\n(?=[^\n\s])")


def hard_wrapped(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] is hard-wrapped (as plain-text press releases are): most of
    its lines are 55 to 90 characters long and run on into the next line without ending a
    sentence, so a single line break inside a paragraph is no sentence end."""
    end = len(text) if end is None else end
    lines = [ln for ln in text[start:end].split("\n") if ln.strip()]
    if len(lines) < 4:
        return False
    runs = len(_WRAPPED_LINE.findall(text, start, end))
    return runs >= 3 and runs >= 0.4 * len(lines)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Half-open spans of the sentences (or lines) in text[start:end], stripped. In
    hard-wrapped text only a blank line, not a single line break, ends a paragraph."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    wrapped = hard_wrapped(text, start, end)
    for match in _SENTENCE_END.finditer(text, start, end):
        bare = match.group(1) is None and match.group(2) is None  # a line break, no stop
        if wrapped and bare and match.group(0) == "\n":
            continue  # a wrapped line, not a sentence end
        closing = match.group(1) or match.group(2) or ""
        spans.append((cursor, match.start() + len(closing)))
        cursor = match.end()
    spans.append((cursor, end))
    result: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            result.append((a, b))
    return result


@cache
def _traditional() -> tuple[opencc.OpenCC, ...]:
    return tuple(opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk"))


def any_han_script(pattern: str) -> str:
    """A regular expression's source written with Simplified Chinese words, made to match
    them written in Traditional Chinese too (OpenCC's conversions: mainland, Taiwan and Hong
    Kong forms: "将会见" also as "將會見"). Only Han characters change; a source with none
    comes back as it is."""
    forms = dict.fromkeys([pattern, *(c.convert(pattern) for c in _traditional())])
    return pattern if len(forms) == 1 else "|".join(f"(?:{form})" for form in forms)
