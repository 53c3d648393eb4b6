"""Find quotations and check that a quote is verbatim in its source. Pure.

Code finds every double-quoted passage with its offsets; the model is only asked who said it.
Passages of fewer than MIN_QUOTE_WORDS words ("no limits", "new era") are terms the article
quotes, not statements, and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from summarizer.metadata import Metadata, body_between
from summarizer.names import NAME_PARTICLES, office_words_only
from summarizer.text import find_all_normalized, normalize

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
_SUBJECT = r"((?:[\w\u2019'.-]+\s+){0,4}[\w\u2019'.-]+)"
_CLOSE = r"^[,.!?]?[\"\u201d\u2019']*\s+"
_ATTRIBUTIONS = (
    re.compile(_CLOSE + _SAY + r"\s+" + _NAME + r"(?=[\s,.])"),  # ," said Alexander Gabuev
    re.compile(_CLOSE + _NAME + r"\s+" + _SAY + r"\b"),  # ," Lavrov said
    re.compile(_CLOSE + r"(?:as stated by|according to)\s+" + _SUBJECT + r"(?=[,.;])"),
    re.compile(r"^[^.!?\n]*?,\s+" + _SUBJECT + r"\s+" + _SAY + r"\b[^.!?\n]*[.!?]"),  # ..., X said.
)
_INSTITUTION = re.compile(
    r"\b(ministry|government|office|spokesperson|spokesman|spokeswoman|embassy|agency|council|"
    r"kremlin|white house|department|presidency|cabinet)\b",
    re.I,
)
# News agencies and broadcasters report a quote; they never say it. No library lists them.
NEWS_AGENCIES = frozenset(
    {
        "afp",
        "agence france-presse",
        "reuters",
        "ap",
        "associated press",
        "xinhua",
        "tass",
        "ria",
        "ria novosti",
        "interfax",
        "sputnik",
        "kyodo",
        "kyodo news",
        "yonhap",
        "ani",
        "pti",
        "ians",
        "unn",
        "ukrinform",
        "dpa",
        "efe",
        "ansa",
        "anadolu",
        "bernama",
        "antara",
        "bloomberg",
        "cnn",
        "bbc",
        "nhk",
        "cctv",
        "cgtn",
        "global times",
        "people's daily",
        "al jazeera",
        "wam",
        "spa",
        "irna",
        "kcna",
        "upi",
        "nbc",
        "cbs",
        "abc",
        "fox news",
        "npr",
        "the associated press",
        "milenio",
        "telesur",
    }
)


# "According to X, ..." before a quote in its sentence, in the languages of the corpus.
_LEAD = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(?:according\s+to|según(?:\s+(?:explicó|dijo|informó|"
    r"señaló|indicó))?|segundo|selon|d['\u2019]après)\s+",
    re.I,
)  # not "laut X" (no comma follows) nor "по словам" (the name is declined)
# A verb of saying between the lead and the quote names another speaker ("According to
# Xinhua, Xi told Trump that ..."): the lead is then the source, not the speaker.
_SAYING = re.compile(
    r"\b(?:said|says|saying|stated|told|stressed|added|noted|warned|urged|replied|wrote|"
    r"explained|described|quoted|dijo|afirmó|declaró|señaló|"
    r"destacó|a\s+(?:dit|déclaré|affirmé)|sagte|erklärte|betonte|заявил\w*|сказал\w*)\b",
    re.I,
)


_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]")
_PLACE_WORDS = frozenset(
    ["in", "at", "from", "near", "to", "of", "en", "à", "a", "de", "desde", "aus", "in der"]
)
"""Words before a name that make it a place or another person's ("close to X")."""


def lead_speaker(source: str, quote: QuoteCandidate) -> str | None:
    """The person a sentence names as its source before the quote: "According to State
    Department spokeswoman Tammy Bruce, both agreed to «...»", "Según explicó la portavoz
    ..., Tammy Bruce, ambos acordaron «...»" (the capitalised words, two to four, that end
    one of the first two parts between commas). None for a body or a description alone
    ("According to the Kremlin"), or where a verb of saying names another speaker first."""
    line = source.rfind("\n", 0, quote.start) + 1
    before = source[line : quote.start]
    leads = list(_LEAD.finditer(before))
    if not leads:
        return None
    rest = before[leads[-1].end() :]
    parts = rest.split(",")
    opened = _QUOTE_MARK.sub("", rest[-2:]) if rest else ""  # the quote's own opening mark
    if len(parts) < 2 or re.search(r"[.!?]\s", rest) or _QUOTE_MARK.search(rest[:-2] + opened):
        return None  # another sentence, or another quote first: whose is not told here
    for part in parts[:2]:
        words = part.split()
        run: list[str] = []  # the capitalised words that end the part: "spokeswoman Tammy Bruce"
        while words and (words[-1][0].isupper() or words[-1] in NAME_PARTICLES):
            run.insert(0, words.pop())
        while run and (run[0] in NAME_PARTICLES or office_words_only(run[0], lambda _: False)):
            words.append(run.pop(0))  # "Secretary of State Antony Blinken": the office before
        if not 2 <= len(run) <= 4:
            continue
        name = " ".join(run)
        if words and words[-1].lower() in _PLACE_WORDS:
            return None  # "officials in New Delhi", "people close to Vladimir Putin"
        if _INSTITUTION.search(name) or is_news_agency(name):
            return None  # a body: "Xinhua News Agency", "Russia's Foreign Ministry"
        after = rest[rest.index(part) + len(part) :]
        return None if _SAYING.search(after) else name
    return None


def is_news_agency(name: str, outlet: str | None = None) -> bool:
    """Whether `name` is a news agency or broadcaster, or the article's own outlet."""
    key = " ".join(name.casefold().replace("\u2019", "'").split())
    return key in NEWS_AGENCIES or (
        bool(outlet) and key == " ".join((outlet or "").casefold().split())
    )


_NOT_NAMES = {
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "which",
    "who",
    "the",
    "a",
    "an",
    "this",
    "that",
    "both",
    "one",
}


def adjacent_speaker(source: str, quote: QuoteCandidate) -> str | None:
    """The speaker an attribution in the quote's sentence names, after the closing mark:
    `," Lavrov said`, `," said Alexander Gabuev`, `," as stated by China's Foreign Ministry`,
    `" across bodies, Russia's foreign ministry said.` None for a pronoun (`," it added`),
    a bare reference (`the ministry`) or no attribution: those go to the model."""
    tail = source[quote.end : quote.end + 200]
    for pattern in _ATTRIBUTIONS:
        m = pattern.match(tail)
        if not m:
            continue
        name = m.group(1).strip()
        institution = _INSTITUTION.search(name)
        if not institution and re.match(r"^[A-Z][\w-]*[\u2019']s\s+[A-Z]", name):
            name = re.sub(r"^[^\s]*[\u2019']s\s+", "", name)  # "Russia's Sergey Lavrov"
        words = name.split()
        if words[0].lower() in _NOT_NAMES or not any(w[0].isupper() for w in words):
            return None
        if is_news_agency(name):
            return None  # ", AFP reported": who said it is for the model to read
        return name
    return None


def office_holder(text: str, office: str, is_name: Callable[[str], bool]) -> str | None:
    """The one person `text` names right after `office`, on the same line ("ministry
    spokesman Anurag Srivastava said", "the Russian leader, Vladimir Putin,"): who "the
    spokesman" of a later sentence is. A name is two to four words, each capitalised but for
    particles ("Ursula von der Leyen"), that `is_name` accepts (the caller refuses offices,
    countries and dates). None where the text names no one so, or two people."""
    words = office.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return None
    phrase = r"[ \t]+".join(re.escape(w) for w in words)
    found: set[str] = set()
    for m in re.finditer(rf"(?<!\w)(?i:{phrase}),?[ \t]+", text):
        line = text[m.end() : m.end() + 120].split("\n", 1)[0]
        name: list[str] = []
        for word in line.split():
            if word in NAME_PARTICLES:
                name.append(word)
                continue
            if not (word[0].isupper() and word[0].isalpha()):
                break
            name.append(word.rstrip(".,;:"))
            if word[-1] in ".,;:" and len(word) > 2:  # "Srivastava," ends the name
                break
        while name and name[-1] in NAME_PARTICLES:
            name.pop()
        holder = " ".join(name)
        if 2 <= len(name) <= 4 and is_name(holder):
            found.add(holder)
    return found.pop() if len(found) == 1 else None


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


def verbatim(quote: str, source: str) -> bool:
    """Whether `quote` occurs in `source` once whitespace, quote marks and case are normalised."""
    return bool(find_all_normalized(quote, normalize(source)))


# The writer's own judgement in the first person ("As an expert on U.S.-China relations, I
# believe", "à mon avis"): news reports no view of their writer outside quotation marks.
_WRITERS_VIEW: dict[str, str] = {
    "en": r"\bI(?:['\u2019](?:d|m|ve|ll))?\s+(?:[a-z]+ly\s+)?(?:am|was|have|had|do|did|would|"
    r"could|can|cannot|must|should|believe|think|argue|contend|suspect|doubt|fear|hope|love|"
    r"remember|recall|wrote|saw|know|knew|find|found|see|agree|disagree|wonder)\b|"
    r"\b[Ii]n my (?:view|opinion|judgment)\b|\bAs an? [^,.\n]{3,60}, I\b|"
    r"\b(?:I|[Ww]e)\s+(?:would\s+)?(?:believe|think|argue)\b",
    "fr": r"\b(?:je|j['\u2019])\s*(?:crois|pense|estime|considère|suis|trouve|doute|me souviens|"
    r"rappelle|ai|avais)\b|\bà mon avis\b|\bselon moi\b|\bnous (?:croyons|pensons)\b",
    "es": r"\b(?:creo|pienso|considero|estimo)\s+que\b|\ben mi opinión\b|\ba mi juicio\b|"
    r"\b(?:repito|confieso|recuerdo|insisto)\b|\byo\s+(?:no\s+)?[a-záéíóú]+[oé]\b|\bme parece\b",
    "pt": r"\b(?:acredito|penso|considero)\s+que\b|\bna minha opinião\b|\ba meu ver\b|"
    r"\b(?:repito|confesso|lembro)\b",
    "de": r"\bich\s+(?:glaube|denke|meine|finde|bin|war|habe|hatte|erinnere)\b|"
    r"\bmeiner\s+(?:Meinung|Ansicht)\s+nach\b",
    "ru": r"\b(?:я\s+(?:считаю|думаю|полагаю|уверен|помню)|на мой взгляд|по моему мнению)\b",
}
# A line of a transcript or an interview opens with its speaker ("MR. SULLIVAN:", "Q:",
# "SENIOR ADMINISTRATION OFFICIAL:", "Lavrov:"): there every "I" is a speaker's. Only the
# blanks of its own line come before the speaker: a turn after blank lines is found from its
# own line's start (the same speaker; a turn's text is stripped), where reading blank lines
# from every line's start was quadratic in a run of empty lines.
_TURN = re.compile(
    r"^[^\S\n]*(?:Q|[A-Z][A-Z.'\u2019 -]{1,60}[A-Z.]|[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+)?)"
    r"\s*:",
    re.M,
)
TRANSCRIPT_TURNS = 2
# Every other kind of quotation: single marks (straight and curly), the German low-high
# marks (double and single), single angle marks, CJK corner brackets; a straight or curly
# apostrophe inside a word does not close one.
_OTHER_QUOTED = re.compile(
    r"(?<!\w)'(?:[^'\n]|'(?=\w))*'(?!\w)|\u2018(?:[^\u2018\u2019\n]|\u2019(?=\w))*\u2019(?!\w)|"
    r"\u201e[^\u201c\u201d\n]*[\u201c\u201d]|\u201a[^\u2018\u2019\n]*[\u2018\u2019]|"
    r"\u2039[^\u203a\n]*\u203a|\u300c[^\u300d\n]*\u300d"
)
# A line of dialogue opens with a dash (Spanish, French, Russian quotation).
_DIALOGUE = re.compile(r"^\s*[\u2014\u2013-]", re.M)
# An opening mark of _OTHER_QUOTED that needs a closing one later on its line, with those.
_CLOSED_BY = (
    ("\u201e", "\u201c\u201d"),
    ("\u201a", "\u2018\u2019"),
    ("\u2039", "\u203a"),
    ("\u300c", "\u300d"),
)
# On a reversed line, a straight mark no word character follows in the line: one that can
# close a quotation.
_CLOSING_MARK_BACK = re.compile(r"(?<!\w)'")


def turn_speakers(body: str) -> list[str]:
    """The speakers whose turns make `body` a transcript or an interview ("PRESIDENT BIDEN",
    "Q"), one per turn, in order; [] if it has fewer than TRANSCRIPT_TURNS turns."""
    turns = [m.group(0).rstrip().rstrip(":").strip() for m in _TURN.finditer(body)]
    return turns if len(turns) >= TRANSCRIPT_TURNS else []


def _outside_quotes(body: str) -> str:
    """`body` with every quotation (`_QUOTED`, then `_OTHER_QUOTED`) written as spaces."""
    unquoted = _blanked(body, _QUOTED.finditer(body))
    # _OTHER_QUOTED is searched in a copy whose opening marks that nothing on their line closes
    # are blanks: from such a mark the search ran to the line's end and failed, and from each
    # of a line's many such marks ("「「「..." of 1 MB) it was quadratic. The quotations it
    # finds are the same: such a mark begins none, and ends or bars none.
    closable = "\n".join(_closable(line) for line in unquoted.split("\n"))
    return _blanked(unquoted, _OTHER_QUOTED.finditer(closable))


def _blanked(text: str, found: Iterator[re.Match[str]]) -> str:
    """`text` with each span `found` holds written as spaces."""
    pieces: list[str] = []
    cursor = 0
    for m in found:
        pieces += [text[cursor : m.start()], " " * (m.end() - m.start())]
        cursor = m.end()
    return "".join(pieces) + text[cursor:]


def _closable(line: str) -> str:
    """`line` with every opening mark of `_OTHER_QUOTED` that nothing later on it can close
    written as a space, which no part of that pattern reads otherwise than the mark (neither
    is a word character): a curly or angle opening mark after the line's last closing one of
    its kind, a straight mark after the last one no word character follows."""
    for opening, closing in _CLOSED_BY:
        if opening in line:
            last = max(line.rfind(mark) for mark in closing)
            line = line[: last + 1] + line[last + 1 :].replace(opening, " ")
    if "'" in line:
        back = _CLOSING_MARK_BACK.search(line[::-1])
        last = len(line) - 1 - back.start() if back else -1
        line = line[: last + 1] + line[last + 1 :].replace("'", " ")
    return line


def writers_view(text: str, meta: Metadata, language: str | None) -> str | None:
    """A sentence where the writer gives their own view in the first person, outside any
    quotation, dialogue line and the headline, in an article that is no transcript or
    interview: the article is commentary (an opinion piece), not a report. None if there is
    none, or the article's language has no patterns."""
    pattern = _WRITERS_VIEW.get(language or "en")
    if pattern is None:
        return None
    body = body_between(text, meta, 0, len(text))
    if turn_speakers(body):
        return None
    unquoted = _outside_quotes(body)
    # A quotation running on over paragraphs opens each one and closes only the last, and a
    # dialogue line is speech: the rest of such a line is quoted too.
    lines = []
    for line in unquoted.split("\n"):
        opening = re.search(r"[\u201c\"\u00ab\u201e\u2018]", line)
        if _DIALOGUE.match(line) or line.strip() == (meta.headline or "").strip():
            opening = re.match(r"", line)
        lines.append(
            line[: opening.start()] + " " * (len(line) - opening.start()) if opening else line
        )
    unquoted = "\n".join(lines)
    found = re.search(pattern, unquoted, re.I if language not in (None, "en") else 0)
    if found is None:
        return None
    start = max(
        unquoted.rfind(". ", 0, found.start()) + 2 if ". " in unquoted[: found.start()] else 0,
        unquoted.rfind("\n", 0, found.start()) + 1,
    )
    end = min(
        (i for i in (unquoted.find(".", found.end()), unquoted.find("\n", found.end())) if i >= 0),
        default=len(body) - 1,
    )
    return body[start : end + 1].strip()
