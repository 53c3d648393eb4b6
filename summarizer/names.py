"""Person names: normalisation, transliteration variants, matching. Pure.

`Sergei Lavrov`, `Sergey Lavrov` and `Lavrov` are one person; `Wang` and `Wang Yi` too.
A name written in another script or language ("Си Цзиньпин", "Vladimir Poutine") is matched by
its English form, which the model proposes and `resemblance` checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii
from nicknames import name_triplets

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
    # military ranks stand before a name as titles do ("General Musharraf")
    "general",
    "gen",
    "admiral",
    "colonel",
    "marshal",
    "brigadier",
    "lieutenant",
}
# Transliteration endings folded to one spelling (Sergey/Sergei, Dmitriy/Dmitrii/Dmitri); in
# `fold_token`, German and Polish transcriptions of the same names too (Lawrow/Lavrov,
# Sergej/Sergey, Uschakow/Ushakov): both sides of a comparison are folded alike.
_ENDINGS = (("iy", "i"), ("ii", "i"), ("ey", "ei"), ("yy", "y"))


@lru_cache(maxsize=1 << 16)
def fold_token(token: str) -> str:
    """One name token, case- and accent-folded, transliteration endings unified."""
    token = norm(token).strip(".,'\"")
    token = token.replace("tsch", "ch").replace("sch", "sh").replace("kh", "h")
    token = token.replace("ks", "x").replace("w", "v").replace("j", "y")
    for old, new in _ENDINGS:
        if token.endswith(old) and len(token) > 3:
            return token[: -len(old)] + new
    return token


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


def id_key(name: str) -> str:
    """The name for a record id: titles dropped, the endings folded (Sergey and Sergei give
    one id) but the letters kept as English news writes them (Wang stays "wang")."""
    words = [w for w in re.split(r"[\s\-\u2010-\u2014]+", name) if w]
    kept = [norm(w).strip(".,'\"") for w in words if fold_token(w) not in _TITLES] or words
    folded = []
    for word in kept:
        for old, new in _ENDINGS:
            if word.endswith(old) and len(word) > 3:
                word = word[: -len(old)] + new
                break
        folded.append(word.replace("kh", "h").replace("ks", "x"))
    return " ".join(folded)


def same_person(a: str, b: str) -> bool:
    """Whether two names can denote the same person: one's tokens all occur in the other's."""
    ta, tb = set(name_tokens(a)), set(name_tokens(b))
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta


_OFFICES = frozenset(
    fold_token(w)
    for w in (
        "external",
        "affairs",
        "eam",
        "pm",
        "fm",
        "deputy",
        "vice",
        "defence",
        "defense",
        "national",
        "security",
        "adviser",
        "advisor",
        "envoy",
        "special",
        "ambassador",
        "chairman",
        "leader",
        "crown",
        "prince",
        "senator",
        "governor",
        "mayor",
        "spokesman",
        "spokesperson",
        "chief",
        "us",
        "u.s",
    )
)
"""Words of an office that a name given with its role carries ("External Affairs Minister S.
Jaishankar", "EAM Jaishankar", "US Secretary of State Blinken"): set aside when two names are
compared as people (`person_tokens`), not when a name is checked against the article."""


_BODY_WORDS = frozenset(
    fold_token(w)
    for w in [
        "of",
        "the",
        "and",
        "for",
        "to",
        "on",
        "in",
        "office",
        "commission",
        "committee",
        "council",
        "ministry",
        "department",
        "bureau",
        "agency",
        "party",
        "politburo",
        "communist",
        "central",
        "standing",
        "general",
        "member",
        "members",
        "director",
        "head",
        "official",
        "officials",
        "representative",
        "delegation",
        "commander",
        "spokesperson",
        "minister",
        "secretary",
        "adviser",
        "advisor",
        "assistant",
        "affairs",
        "foreign",
        "national",
        "security",
        "federal",
        "government",
        "administration",
        "cabinet",
        "staff",
        "house",
        "parliament",
        "senate",
        "assembly",
        "congress",
        "people's",
        "peoples",
        "republic",
        "military",
        "army",
        "forces",
        "armed",
        "navy",
        "defence",
        "defense",
        "intelligence",
        "international",
        "trade",
        "finance",
        "economic",
        "economy",
        "relations",
        "public",
    ]
)
"""Words of offices and of the bodies they belong to ("Director of the Office of the Foreign
Affairs Commission", "Chinese Communist Party Politburo Member"): a name made only of these
(with titles, `_OFFICES` and countries) names an office, not its holder."""


def office_words_only(name: str, is_place: Callable[[str], bool]) -> bool:
    """Whether every word of `name` is a word of an office or a body (`_BODY_WORDS`, `_TITLES`,
    `_OFFICES`) or a place (`is_place`: a country or its people, "Chinese"): an office given
    where a person's name was asked."""
    words = [w for w in re.split(r"[\s,\-\u2010-\u2014]+", name) if w.strip(".'\"")]
    if not words:
        return False
    offices = _TITLES | _OFFICES | _BODY_WORDS
    return all(fold_token(w) in offices or is_place(w) for w in words)


def is_title(word: str) -> bool:
    """Whether a word is one of a person's office or title ("President", "Minister",
    "Secretary"; `_TITLES`, `_OFFICES`), not of a body ("Relations", "Ministry")."""
    return fold_token(word) in _TITLES | _OFFICES


NAME_PARTICLES = frozenset(
    "de da di do dos du del van von der den bin ibn al el la le y e zu".split()  # noqa: SIM905
)
"""Lowercase words inside a name ("Ursula von der Leyen", "Faisal bin Farhan")."""


_SUFFIXES = frozenset(fold_token(s) for s in ("jr", "sr", "ii", "iii", "iv"))
"""Generational suffixes ("Joseph R. Biden, Jr."): they tell no two people in the news apart."""


@lru_cache(maxsize=1 << 16)
def person_tokens(name: str) -> frozenset[str]:
    """The folded tokens that identify a person: `name_tokens` without the words of an
    office (`_OFFICES`), without "of" ("Secretary of State") and generational suffixes."""
    tokens = name_tokens(name)
    kept = frozenset(t for t in tokens if t not in _OFFICES and t != "of" and t not in _SUFFIXES)
    return kept or frozenset(tokens)


@lru_cache(maxsize=1)
def _given_forms() -> dict[str, frozenset[str]]:
    """Folded given name -> the folded names it is a nickname of or has as nicknames ("joe"
    and "joseph", "bill" and "william"): the hand-curated table of the `nicknames` package."""
    forms: dict[str, set[str]] = {}
    for triplet in name_triplets():
        a, b = fold_token(triplet.name1), fold_token(triplet.name2)
        forms.setdefault(a, set()).add(b)
        forms.setdefault(b, set()).add(a)
    return {name: frozenset(others) for name, others in forms.items()}


def from_given_name(name: str) -> str:
    """A name from its first word that is a known given name on (the `nicknames` package's
    table: "John", "Antony"), the title words before it left: "Climate Policy John Podesta"
    is "John Podesta". The name as it is where it has no such word, or only as its last."""
    words = name.split()
    first = next((i for i, w in enumerate(words[:-1]) if fold_token(w) in _given_forms()), 0)
    return " ".join(words[first:])


def has_given_name(name: str) -> bool:
    """Whether a name of two words or more has a known given name before its last word
    ("Joe Biden", "Justin Trudeau"; the `nicknames` package's table), as "South China Sea"
    has not."""
    return any(fold_token(w) in _given_forms() for w in name.split()[:-1])


def tokens_within(small: frozenset[str], large: frozenset[str]) -> bool:
    """Whether every token of one name is in another, an initial standing for any token that
    starts with it ("S Jaishankar" within "Subrahmanyam Jaishankar") and a given name for its
    nickname or full form ("Joe Biden" within "Joseph R. Biden"), at least one token whole."""
    if small <= large:  # the common case, without the walk for initials and nicknames
        return not _initials_only(small)
    rest = set(large)
    whole = False
    for token in sorted(small, key=len, reverse=True):
        if token in rest:
            rest.discard(token)
            whole = whole or len(token) > 1
            continue
        if len(token) == 1:
            # startswith, not t[0]: a name of no letters ("." folds to "") has an empty token
            other = next((t for t in sorted(rest) if t.startswith(token)), None)
        else:
            forms = _given_forms().get(token, frozenset())
            other = next((t for t in sorted(rest) if t in forms), None)
        if other is None:
            return False
        rest.discard(other)
    return whole


@lru_cache(maxsize=1 << 14)
def _initials_only(tokens: frozenset[str]) -> bool:
    return all(len(t) == 1 for t in tokens)


def one_person(a: str, b: str) -> bool:
    """Whether two names given for meeting participants are one person: one's identifying
    tokens lie within the other's (`tokens_within`), offices set aside, initials read."""
    ta, tb = person_tokens(a), person_tokens(b)
    return tokens_within(ta, tb) or tokens_within(tb, ta)


def named_in(name: str, sentence: str, tokens: set[str]) -> bool:
    """Whether a sentence (`tokens`: its `text_tokens`) names the person: a token of their
    name (a surname, usually) of 3+ letters, or the name as written (scripts without spaces)."""
    return any(len(t) >= 3 and t in tokens for t in name_tokens(name)) or name in sentence


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


# A word with its possessive ending ("Lavrov's"), tried from the word's first character only:
# a try from inside a word runs to the same end and fails the same way, and trying every
# position of a long run of word characters was quadratic (a 60 KB "word" took over 45 s).
_POSSESSIVE = re.compile(r"(?<![^\W_])[^\W_]++['\u2019]s\b")


def text_tokens(text: str) -> set[str]:
    """The folded word tokens of a text, for `token_named` and `surname_mentioned`."""
    return {fold_token(t) for t in re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)?", text)} | {
        fold_token(t.split("'")[0].split("\u2019")[0]) for t in _POSSESSIVE.findall(text)
    }


# ---------------------------------------------------------------- English forms

_IDEOGRAPHIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Han characters and kana: their Latin reading says little about a foreign name's English
spelling (特朗普 reads "Te Lang Pu" for Trump), so only the relative check applies to them."""

RESEMBLANCE_FLOOR = 0.55
"""How closely an English form must resemble the Latin reading of a name written in an
alphabet (Cyrillic, Hangul, Arabic, Latin): right forms score 0.6-1.0 on the names of the
development corpus, another person's name 0.25-0.45."""

RESEMBLANCE_MARGIN = 0.15
"""By how much another listed name must resemble an English form better than the name it is
given for, to call the two swapped: Han readings of foreign names are loose (马克龙 resembles
"Donald Trump" 0.32, 特朗普 0.31), a swap of alphabetic or Chinese names is not (0.3 to 0.7)."""


def needs_english_form(name: str, language: str | None) -> bool:
    """Whether a name may be written otherwise than English news writes it: it is in an
    article not in English, or has letters of another script than Latin."""
    if language not in (None, "en"):
        return True
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in name)


@lru_cache(maxsize=1 << 14)
def latin_only(name: str) -> bool:
    """Whether every letter of `name` is a Latin letter (accents allowed)."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def resemblance(written: str, english: str) -> float:
    """How alike a name and a proposed English form are, 0 to 1: the name read in Latin
    letters (anyascii: Cyrillic, Han, Hangul, Arabic, ...) against the English form, whole,
    by token, or with its tokens reversed (family name first), by difflib's ratio."""
    reading = _letters(anyascii(written)).replace(" ", "")
    tokens = _letters(english).split()
    if not reading or not tokens:
        return 0.0
    forms = ["".join(tokens), "".join(reversed(tokens)), *tokens]
    return max(SequenceMatcher(None, reading, form).ratio() for form in forms)


RESPELLED_FAMILY = 0.8
RESPELLED_GIVEN = 0.6


def respelled(a: str, b: str) -> bool:
    """Whether two names, in any script, may be two spellings of one name: read in Latin
    letters (anyascii) and folded, their last words alike (difflib ratio at least
    RESPELLED_FAMILY: "Уиткофф" and "Witkoff") and their first words too, where both have
    two or more (RESPELLED_GIVEN: "Стив" and "Steve"). For people already known to be at
    one meeting; alone it is no proof that two names are one person."""
    ta, tb = name_tokens(anyascii(a)), name_tokens(anyascii(b))
    if not ta or not tb:
        return False
    if SequenceMatcher(None, ta[-1], tb[-1]).ratio() < RESPELLED_FAMILY:
        return False
    if len(ta) > 1 and len(tb) > 1:
        return SequenceMatcher(None, ta[0], tb[0]).ratio() >= RESPELLED_GIVEN
    return True


@lru_cache(maxsize=1 << 14)
def ideographic(name: str) -> bool:
    """Whether a name is written in Han characters or kana."""
    return _IDEOGRAPHIC.search(name) is not None


def _letters(text: str) -> str:
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch)
    )
    return re.sub(r"[^a-z ]+", " ", folded).strip()


# "a call between the two leaders", "a leader-level call", "the two leaders will meet": English
# words for a meeting whose people are the heads of state or government the article names (not
# "the two leaders agreed that Blinken will visit": they are not the ones to meet).
_THE_LEADERS = re.compile(
    r"\bleader-level\s+(?:call|meeting|talks|summit|conversation)|"
    r"\b(?:call|meeting|talks|summit|conversation)s?\s+between\s+the\s+(?:two\s+)?leaders\b|"
    r"\b(?:the\s+two|both)\s+leaders\s+(?:will|would|are\s+(?:expected|set|due)\s+to|plan\s+to|"
    r"agreed\s+to)\s+(?:\w+\s+){0,2}?(?:meet|speak|talk|hold|call|visit)",
    re.I,
)
_HEAD = re.compile(
    r"(?<![Vv]ice[\s-])(?<![Ff]ormer\s)(?<![Dd]eputy\s)"
    r"\b(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Sultan)\s+"
    r"(?P<name>[A-Z][\w'\u2019-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'\u2019-]*)){0,2})(?![\w-]*-elect)"
)


def leaders_meant(sentence: str, text: str) -> list[str] | None:
    """The people an English `sentence` means by "the two leaders" or "a leader-level call":
    the two heads of state or government `text` names by their title ("President Biden",
    "President Xi Jinping"; not a vice, former or deputy one), each by their longest form.
    None unless the sentence speaks of the leaders and the text names two, or mentions two of
    them, by any of their names, more often than any other (a press conference on Biden and
    Xi that mentions "Prime Minister Justin Trudeau" once)."""
    if _THE_LEADERS.search(sentence) is None:
        return None
    heads: list[str] = []  # one form per person, the longest
    for m in _HEAD.finditer(text):
        name = re.sub(r"['\u2019]s$", "", " ".join(m.group("name").split()))
        tokens = set(name_tokens(name))
        same = [i for i, known in enumerate(heads) if tokens & set(name_tokens(known))]
        if not same:
            heads.append(name)
        elif len(name) > len(heads[same[0]]):
            heads[same[0]] = name
    if len(heads) < 2:
        return None
    counts = Counter(fold_token(w) for w in re.findall(r"[^\W\d_]+", text))
    mentions = [max(counts[t] for t in name_tokens(head)) for head in heads]
    ranked = sorted(range(len(heads)), key=lambda i: -mentions[i])
    if len(heads) > 2 and mentions[ranked[1]] <= mentions[ranked[2]]:
        return None
    return [heads[i] for i in sorted(ranked[:2])]


# A description of a group ("Le conseil général de la Banque de France", "G20 Foreign
# Ministers", "Le personnel de Chamalières (560 salariés)"): a digit, or an article followed by
# a word in lower case, in the languages of the corpus. A name is neither ("Le Drian").
_DESCRIPTION = re.compile(
    r"\d|^(?:(?:[Tt]he|[Aa]n?|[Ll]es?|[Ll]a|[Uu]ne?|[Dd]es|[Ee]l|[Ll]os|[Ll]as|[Oo]s?|[Aa]s|"
    r"[Uu]ma?|[Dd]er|[Dd]ie|[Dd]as|[Ee]ine?|[Ii]l|[Ll]o|[Gg]li)\s+|[Ll]['\u2019])[a-z\u00df-\u00ff]"
)


def described_not_named(name: str) -> bool:
    """Whether `name` describes a group rather than naming a person: it has a digit, or opens
    with an article and a word in lower case."""
    return _DESCRIPTION.search(name) is not None
