"""Person names: normalisation, transliteration variants, matching. Pure.

`Sergei Lavrov`, `Sergey Lavrov` and `Lavrov` are one person; `Wang` and `Wang Yi` too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.text import norm

_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "foreign",
    "prime",
    "secretary",
    "state",
    "chancellor",
    "premier",
    "king",
    "queen",
    "sir",
    "counterpart",
    "his",
    "her",
    "chinese",
    "russian",
}
# Transliteration endings folded to one spelling (Sergey/Sergei, Dmitriy/Dmitrii/Dmitri).
_ENDINGS = (("iy", "i"), ("ii", "i"), ("ey", "ei"), ("yy", "y"))


@lru_cache(maxsize=1 << 16)
def fold_token(token: str) -> str:
    """One name token, case- and accent-folded, transliteration endings unified."""
    token = norm(token).strip(".,'\"")
    for old, new in _ENDINGS:
        if token.endswith(old) and len(token) > 3:
            token = token[: -len(old)] + new
            break
    return token.replace("kh", "h").replace("ks", "x")


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """The folded tokens of a name, titles dropped."""
    raw = re.split(r"[\s\-\u2010-\u2014]+", name)
    tokens = tuple(fold_token(t) for t in raw if t)
    kept = tuple(t for t in tokens if t and t not in _TITLES)
    return kept or tokens


def name_key(name: str) -> str:
    """A stable key for grouping spellings of one name."""
    return " ".join(name_tokens(name))


def same_person(a: str, b: str) -> bool:
    """Whether two names can denote the same person: one's tokens all occur in the other's."""
    ta, tb = set(name_tokens(a)), set(name_tokens(b))
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta


def token_named(token: str, folded_text_tokens: set[str]) -> bool:
    """Whether a folded name token occurs in the text, allowing a transliteration variant of
    a long token (`serguei` for `sergei`: same first letter, at most 2 edits)."""
    if token in folded_text_tokens:
        return True
    if len(token) < 5:
        return False
    return any(
        other[0] == token[0] and abs(len(other) - len(token)) <= 2 and _edits(token, other) <= 2
        for other in folded_text_tokens
        if len(other) >= 4
    )


def _edits(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def surname_mentioned(name: str, folded_text_tokens: set[str]) -> bool:
    """Whether some token of `name` (a surname, usually) occurs in the text."""
    return any(len(t) >= 3 and t in folded_text_tokens for t in name_tokens(name))


def text_tokens(text: str) -> set[str]:
    """The folded word tokens of a text, for `token_named` and `surname_mentioned`."""
    return {fold_token(t) for t in re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)?", text)} | {
        fold_token(t.split("'")[0].split("\u2019")[0])
        for t in re.findall(r"[^\W_]+['\u2019]s\b", text)
    }
