"""What an article states plainly, read by code: headline, outlet, URL, publication date,
boilerplate.

Pure. Boilerplate blocks keep their offsets so that grounding can refuse any fact found in them.
Besides the header, front matter and trailer, they set aside bylines (the writers are never
participants) and photo captions with their credits (a caption tells what a picture shows,
often a file photo of another day's meeting, not what the article reports).

Where the publication date comes from, first found wins:
1. YAML front matter (`---` ... `---`, parsed with python-frontmatter): `published_time`,
   `date`, `published`, `pubDate`; its `title`, `publisher`/`site_name`, `source_url`/`url` too.
2. An archive header on the first line: `date 2023-10-28 Tribune News Service`; or a
   scraper's record written as sections (`## title`, `## content`, `## publish date`, ...: what
   newspaper3k and news-please keep of a page), whose body is its text section only.
3. A line of the header that is only a date, with an optional label (`Published: 12:16,
   14 July 2025`).
4. A full date (day, month and year) that opens a line near the top or follows a label, in
   any language dateparser reads: `April 2, 2024 (EIRNS)—`, `México. 15 de noviembre del
   2023.-`, `Posted Nov 16, 2021 6:36 AM CST`, `승인 : 2023. 11. 16.`. A date inside a
   sentence ("met on Nov. 15, 2023") is the news, not the publication, and is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import frontmatter
import yaml
from dateparser.search import search_dates  # type: ignore[import-untyped]

from summarizer.article import PageFacts
from summarizer.dates import find_dates, parse_date_phrase, year_in_range
from summarizer.text import any_han_script

KNOWN_AGENCIES = ("Reuters", "AFP", "Associated Press", "AP", "Xinhua", "TASS", "Bloomberg")

# A line that starts a trailer: everything from it to the end is site furniture when the
# lines after it read like a list (no line of prose).
_TRAILER = re.compile(
    r"^(related posts|related articles|related stories|related|tags|explore|more stories|"
    r"latest news|most popular|most read|advertisement|read more|you may also like|"
    r"share this( article)?)\s*:?$",
    re.I,
)
# A single line of site furniture inside the article.
_INLINE = re.compile(
    r"^(recommended|advertisement|related\S.*|related:.*|source\s*:.*|\d+\s+min(ute)?s?\s+read|"
    r"share|print|follow us.*|subscribe.*)$",
    re.I,
)
# A photo credit ending a line: names joined by slashes, one of them an agency or photo
# service ("Sergei Vedyashkin / Moskva News Agency", "(Contributor/Getty Images)",
# "REUTERS/Kevin Lamarque/Pool"). Set aside like boilerplate: a photographer is no participant.
# (A photographer's name is taken as at most two words: a caption often runs straight into it.)
# Written left to right, a credit is
#   (?<![\w.]) \(? [ \t]* (?:/[ \t]*)? FIRST (?:[ \t]?/[ \t]? PART)+ [ \t]* \)? \.? [ \t]* $
# with FIRST one or two words and PART one to four. It is read backwards, from the line's end,
# the one place it can end: _CREDIT_BACK is that pattern written right to left, matched at the
# start of the reversed line. A forward search tried every position of a long line and ran on
# from each to the line's end (a line of "a/a/a/..." took 19 s at 32,000 characters). The
# reversed pattern tries its longer choice first at every step (more names, two words before
# one), so its first match is its longest: the credit starts where the forward search's match
# did. Its runs of blanks are possessive, as blanks go to them whichever way they are split.
_CREDIT_WORD_BACK = r"[\w'\u2019.&-]*[^\W\d_]"  # a word, starting with a letter, read from its end
_CREDIT_FIRST_BACK = rf"(?:{_CREDIT_WORD_BACK}[ \t])?{_CREDIT_WORD_BACK}"
_CREDIT_PART_BACK = rf"(?:{_CREDIT_WORD_BACK}[ \t]){{0,3}}{_CREDIT_WORD_BACK}"
_CREDIT_BACK = re.compile(
    rf"[ \t]*+\.?\)?[ \t]*+(?:{_CREDIT_PART_BACK}[ \t]?/[ \t]?)+{_CREDIT_FIRST_BACK}"
    r"(?:[ \t]*/)?[ \t]*\(?(?![\w.])"
)
# An agency's name alone after a caption's full stop: "... à Moscou, le 7 février 2022. AP".
_BARE_CREDIT = re.compile(
    r"(?<=[.!?])[ \t]+(?:AP|AFP|Reuters|REUTERS|Getty Images|EPA|EFE|Xinhua|XINHUA|Sputnik|TASS|"
    r"Anadolu|Imago|dpa|Bloomberg|Shutterstock)[ \t]*$",
    re.M,
)
_BARE_CREDIT_LINES = 6
"""A bare agency credit is read on the first lines only, where a photo's caption stands (a
paragraph of the body may end with the wire that filed it: "... on Wednesday. Reuters")."""
_PHOTO_SERVICE = re.compile(
    r"\b(?:Getty Images|News Agency|Reuters|AFP|AP|AP Photo|Xinhua|Sputnik|TASS|EPA|EFE|"
    r"Bloomberg|Shutterstock|Anadolu|Pool|Kremlin|Imago|dpa|Contributor)\b",
    re.I,
)
# A credit in brackets with no slash, a capitalised photo word in it: "(REUTERS File Photo)",
# "(AP Photo)"; not "(see photo)". (The blanks after it are possessive: tried split every way
# between the two runs, a line's long run of blanks took time quadratic in its length.)
_BRACKET_CREDIT = re.compile(
    r"\((?=[^()]*\b(?:Photo|PHOTO|Photograph|Images|IMAGES)\b)[^()\n]{2,60}\)[ \t]*+\.?[ \t]*+$",
    re.M,
)
# A byline: a line of its own that names the writers ("By Simone McCarthy and Nectar Gan,
# CNN"), or inside a header run together on one line ("By John Johnson, Newser Staff"). Not a
# sentence or a headline that starts with "By" ("By Wednesday evening the two sides had
# agreed", "By Land and Sea, China Presses Its Claims").
_BYLINE_LINE = re.compile(
    r"^\s*By\s+[A-Z][\w'\u2019.-]+\s+[A-Z][\w'\u2019.-]+(?:\s*(?:,|and|&)\s*[A-Z][^\n.!?]{0,100})?$"
)
_BYLINE_INLINE = re.compile(
    r"\bBy\s+(?:[A-Z][\w'\u2019-]+\s+){1,3}[A-Z][\w'\u2019-]+,\s+(?:[A-Z][\w&'\u2019-]*\s+){0,3}"
    r"(?:Staff|Reporter|Correspondent|Writer|Editor|Contributor)s?\b"
)
_BYLINE_WORDS = 14
_CAPTION_CHARS = 400
_CAPTION_WORDS = 4
"""A line with at least this many words before its photo credit is the photo's caption."""
_SECTION_WORDS = {"world", "news", "politics", "asia", "europe", "opinion", "analysis", "home"}
_PUBLISHED = re.compile(r"^\s*(published|updated|posted|date)\s*:?\s*", re.I)
_REFERENCE = re.compile(r"^\s*\[\d+\]")
_PROSE_LINE = 160
# Text addressed to a model rather than a reader: set aside like boilerplate, so the model
# never reads it and no fact can come from it.
_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier|preceding) "
    r"(?:instructions|prompts?|messages|rules)|disregard (?:all |any )?(?:the )?"
    r"(?:previous|prior|above)|\byou are now\b|\bnew instructions\b|\bsystem prompt\b|"
    r"\bdeveloper mode\b|</?(?:system|assistant|user|article|passage|facts|tool_call)>|"
    r"<\|im_(?:start|end)\|>|^\s*[\[{]\s*\"[\w ]+\"\s*:",
    re.I,
)


@dataclass(frozen=True)
class Block:
    """A span set aside: `kind` is front-matter, header, byline, caption (a photo's caption
    with its credit), credit (a credit alone), trailer, inline, references, or suspicious
    (text that reads as instructions to a model)."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class Metadata:
    """What code read from the article before any model call."""

    headline: str | None
    outlet: str | None
    published: date | None
    published_phrase: str | None
    boilerplate: tuple[Block, ...] = field(default=())
    url: str | None = None

    def in_boilerplate(self, start: int, end: int) -> bool:
        """Whether the span [start, end) overlaps a boilerplate block."""
        return any(start < b.end and b.start < end for b in self.boilerplate)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        return self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append(_Line(pos, pos + len(body), body))
        pos += len(raw)
    return lines


def read_metadata(text: str, page: PageFacts | None = None) -> Metadata:
    """Headline, outlet, URL, publication date and boilerplate blocks of one article's text;
    what a page's markup states (`page`, from an HTML file) comes first."""
    meta = _read(text)
    if page is None:
        return meta
    published = page.published or meta.published
    return Metadata(
        headline=page.title or meta.headline,
        outlet=page.outlet or meta.outlet,
        published=published,
        published_phrase=f"page date {page.published}" if page.published else meta.published_phrase,
        boilerplate=meta.boilerplate,
        url=page.url or meta.url,
    )


def _read(text: str) -> Metadata:
    lines = [ln for ln in _lines(text) if ln.clean]
    blocks: list[Block] = []
    published: date | None = None
    published_phrase: str | None = None
    outlet: str | None = None
    headline: str | None = None
    url: str | None = None

    front = _front_matter(text)
    if front is not None:
        end, fields = front
        blocks.append(Block(0, end, "front-matter", text[:end]))
        lines = [ln for ln in lines if ln.start >= end]
        headline, outlet, url = fields.title, fields.outlet, fields.url
        published, published_phrase = fields.published, fields.published_phrase
    elif (record := _scraper_sections(text)) is not None:
        # Only the text sections are the article: the summary (often the photo's caption),
        # keywords, authors, images and the section headings are the scraper's.
        sections, set_aside = record
        blocks.extend(Block(a, b, "header", text[a:b]) for a, b in set_aside)
        lines = [ln for ln in lines if not any(a <= ln.start < b for a, b in set_aside)]
        headline, url = sections.get("title"), sections.get("url")
        for key in _DATE_KEYS:
            value = sections.get(key)
            if value and (published := _as_date(value)) is not None:
                published_phrase = f"{key}: {value}"
                break
    elif lines and (archive := _ARCHIVE.match(lines[0].text)):
        # `date 2023-10-28 Tribune News Service`: the archive's date, then the page's first
        # line (a headline, an outlet, a menu), which is read like any other header line
        first = lines.pop(0)
        cut = first.start + archive.end(1)
        blocks.append(Block(first.start, cut, "header", text[first.start : cut]))
        published, published_phrase = _iso_day(archive.group(1)), archive.group(0)[: archive.end(1)]
        remainder = _Line(cut, first.end, text[cut : first.end])
        if remainder.clean:
            lines.insert(0, remainder)

    # Lines written to a model rather than a reader are set aside first: no header field
    # (a headline, an outlet) may come from one.
    for ln in lines:
        if _INJECTION.search(ln.text):
            blocks.append(Block(ln.start, ln.end, "suspicious", ln.text))
    suspicious = {(b.start, b.end) for b in blocks}
    credits = _credits(lines, suspicious)
    blocks.extend(credits.values())

    # Header: the lines before the first line of prose.
    header_end = next((i for i, ln in enumerate(lines) if len(ln.clean) > _PROSE_LINE), len(lines))
    seen: set[str] = set()
    for i, ln in enumerate(lines[:header_end]):
        clean = ln.clean
        if (ln.start, ln.end) in suspicious:
            continue
        if ln.start in credits:  # the line as read without its photo credit
            clean = text[ln.start : credits[ln.start].start].strip()
            if not clean:
                continue
        date_here = _date_line(clean)
        if date_here is not None:
            blocks.append(Block(ln.start, ln.end, "header", ln.text))
            if published is None:
                published, published_phrase = date_here, clean
            continue
        if _INLINE.match(clean) or clean.lower() in _SECTION_WORDS:
            blocks.append(Block(ln.start, ln.end, "header", ln.text))
            continue
        if clean in seen and clean != headline:
            blocks.append(Block(ln.start, ln.end, "header", ln.text))
            continue
        nxt = lines[i + 1].clean if i + 1 < header_end else None
        site_name = nxt == clean and len(clean.split()) <= 4
        if outlet is None and (clean in KNOWN_AGENCIES or site_name):
            outlet = clean
            blocks.append(Block(ln.start, ln.end, "header", ln.text))
            seen.add(clean)
            continue
        byline = _BYLINE_LINE.match(clean) is not None
        if headline is None and len(clean.split()) >= 4 and not clean.endswith(".") and not byline:
            headline = clean
        seen.add(clean)

    # Trailer: from a trailer marker to the end, when nothing after it is prose.
    for i, ln in enumerate(lines):
        if i >= header_end and _TRAILER.match(ln.clean):
            rest = lines[i + 1 :]
            if all(
                (len(r.clean) <= _PROSE_LINE and not r.clean.endswith("."))
                or _TRAILER.match(r.clean)
                for r in rest
            ):
                blocks.append(Block(ln.start, len(text), "trailer", text[ln.start :]))
                lines = lines[:i]
                # a set-aside line inside the trailer is covered by it already
                blocks = [b for b in blocks if b.kind != "suspicious" or b.start < ln.start]
                break

    for ln in lines:
        if (ln.start, ln.end) in suspicious:
            continue
        if _BYLINE_LINE.match(ln.clean) and len(ln.clean.split()) <= _BYLINE_WORDS:
            blocks.append(Block(ln.start, ln.end, "byline", ln.text))
            continue
        for m in _BYLINE_INLINE.finditer(ln.text):
            blocks.append(Block(ln.start + m.start(), ln.start + m.end(), "byline", m.group(0)))

    # A line that ends in a photo credit is the photo's caption: it tells what the picture
    # shows, often another day's meeting ("... at the G20 summit in Osaka, June 29, 2019.
    # (REUTERS File Photo)"), not what the article reports. The headline stays.
    for start, credit in credits.items():
        before = text[start : credit.start].strip()
        caption = len(before.split()) >= _CAPTION_WORDS and len(before) <= _CAPTION_CHARS
        if caption and before != headline:
            blocks.remove(credit)
            blocks.append(Block(start, credit.end, "caption", text[start : credit.end]))

    for ln in lines[header_end:]:
        clean = ln.clean
        if (ln.start, ln.end) in suspicious:
            continue
        if _REFERENCE.match(clean):
            blocks.append(Block(ln.start, ln.end, "references", ln.text))
        elif _INLINE.match(clean) or _TRAILER.match(clean):
            blocks.append(Block(ln.start, ln.end, "inline", ln.text))
            source = re.match(r"source\s*:\s*(.+)$", clean, re.I)
            if source and outlet is None:
                outlet = source.group(1).strip()
        elif (dateline := _date_line(clean)) is not None:
            if published is None:
                published, published_phrase = dateline, clean
            blocks.append(Block(ln.start, ln.end, "header", ln.text))

    if published is None:
        published, published_phrase = _stated_date(lines, blocks)
    blocks.sort(key=lambda b: b.start)
    return Metadata(headline, outlet, published, published_phrase, tuple(blocks), url)


def _credits(lines: list[_Line], suspicious: set[tuple[int, int]]) -> dict[int, Block]:
    """The photo credit ending each line that has one, by the line's start."""
    found: dict[int, Block] = {}
    for n, ln in enumerate(line for line in lines if line.clean):
        if (ln.start, ln.end) in suspicious:
            continue
        span = _credit_span(ln.text)
        credit = ln.text[span[0] : span[1]] if span else ""
        if span is None or "/" not in credit or not _PHOTO_SERVICE.search(credit):
            m = _BRACKET_CREDIT.search(ln.text) or (
                _BARE_CREDIT.search(ln.text) if n < _BARE_CREDIT_LINES else None
            )
            span = m.span() if m else None
        if span is None:
            continue
        credit = ln.text[span[0] : span[1]]
        start = ln.start + span[0] + (len(credit) - len(credit.lstrip()))
        found[ln.start] = Block(start, ln.start + span[1], "credit", credit.strip())
    return found


def _credit_span(line: str) -> tuple[int, int] | None:
    """Where the photo credit that ends `line` (a line, without its line break) starts and
    ends, if one does: `_CREDIT_BACK` on the reversed line."""
    back = _CREDIT_BACK.match(line[::-1])
    return None if back is None else (len(line) - back.end(), len(line))


_ARCHIVE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_KEYS = (
    "published_time",
    "date",
    "published",
    "pubDate",
    "publish_date",
    "date_publish",
    "created",
)
_OUTLET_KEYS = ("publisher", "site_name", "sitename", "outlet", "source", "organization")
_URL_KEYS = ("source_url", "url", "link", "canonical_url", "permalink")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_DATE_LABEL = re.compile(
    any_han_script(
        r"(posted|published|updated|last updated|date|hour|publié|mis à jour|veröffentlicht|"
        r"aktualisiert|publicado|actualizado|опубликовано|发布时间|日期|승인|입력|수정)\W*$",
    ),
    re.I,
)
_IN_SENTENCE = re.compile(r"\b(on|since|from|until|by|at|in|el|le|am|в|of)\s*$", re.I)
_FULL_DATE = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_TOP_LINES = 30
_NOT_DATED = frozenset({"suspicious", "references", "trailer"})  # never a publication date
_LEADING_WORD = re.compile(r"^\s*(on|since|from|until|by|at|in|el|le|am|в|of)\b", re.I)


@dataclass(frozen=True)
class _FrontFields:
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    published_phrase: str | None


def _front_matter(text: str) -> tuple[int, _FrontFields] | None:
    """The end offset and fields of a YAML front-matter block opening the text, if any."""
    block = _FRONT.match(text)
    if block is None:
        return None
    try:
        fields: dict[str, Any] = frontmatter.loads(block.group(0)).metadata
    except (yaml.YAMLError, ValueError):
        return None
    published: date | None = None
    phrase: str | None = None
    for key in _DATE_KEYS:
        value = fields.get(key)
        published = _as_date(value)
        if published is not None:
            phrase = f"{key}: {value}"
            break

    def text_of(keys: tuple[str, ...]) -> str | None:
        for key in keys:
            value = fields.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
            if isinstance(value, dict) and isinstance(value.get("name"), str):
                return str(value["name"])
        return None

    return block.end(), _FrontFields(
        text_of(("title", "headline")), text_of(_OUTLET_KEYS), text_of(_URL_KEYS), published, phrase
    )


# A scraper's record as Markdown sections: "## title", "## content", "## publish date", ...
_SECTION = re.compile(r"^##[ \t]+(?P<name>[a-z][a-z _-]{1,30}?)[ \t]*$", re.M)
_TEXT_SECTIONS = frozenset({"content", "text", "body", "article", "maintext"})
_TITLE_SECTIONS = frozenset({"title", "headline"})


def _scraper_sections(text: str) -> tuple[dict[str, str], list[tuple[int, int]]] | None:
    """A scraper's record written as sections: its fields (title, url, dates, by their
    names with `_` for spaces) and the spans that are not the article (every heading, and
    every section but the title and the text). None unless the text opens with a section
    heading and has a text section and a title or date section."""
    headings = list(_SECTION.finditer(text))
    if not headings or text[: headings[0].start()].strip():
        return None
    names = [m.group("name").strip().replace(" ", "_").replace("-", "_") for m in headings]
    if not _TEXT_SECTIONS & set(names) or not (_TITLE_SECTIONS | set(_DATE_KEYS)) & set(names):
        return None
    fields: dict[str, str] = {}
    set_aside: list[tuple[int, int]] = []
    for n, (m, name) in enumerate(zip(headings, names, strict=True)):
        end = headings[n + 1].start() if n + 1 < len(headings) else len(text)
        value = text[m.end() : end].strip()
        if name in _TITLE_SECTIONS:
            fields.setdefault("title", " ".join(value.split()))
        elif name in _URL_KEYS and value:
            fields.setdefault("url", value)
        elif value:
            fields.setdefault(name, value)
        keep = name in _TEXT_SECTIONS or name in _TITLE_SECTIONS
        set_aside.append((m.start(), m.end() if keep else end))
    return fields, set_aside


def _as_date(value: object) -> date | None:
    """A front-matter or scraper field's date; None for a year no news date has (`date:
    9999-12-31`), as a date written in the text with such a year is unknown (dates.FIRST_YEAR)."""
    day: date | None = None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and value.strip():
        found = search_dates(value.strip()[:80], settings=_FULL_DATE)
        day = found[0][1].date() if found else None
    return day if day is not None and year_in_range(day.year) else None


def _iso_day(text: str) -> date | None:
    """An archive header's date (as `_as_date`, none outside the years of news dates)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if year_in_range(day.year) else None


def _stated_date(lines: list[_Line], blocks: list[Block]) -> tuple[date | None, str | None]:
    """A full date that opens one of the first lines or follows a label (rule 4 above)."""
    for ln in lines[:_TOP_LINES]:
        if any(b.start <= ln.start < b.end and b.kind in _NOT_DATED for b in blocks):
            continue
        head = ln.text[:600]
        for year in _YEAR.finditer(head):
            start = max(0, year.start() - 30)
            window = head[start : year.end() + 12]
            for phrase, when in _search(window):
                if not _YEAR.search(phrase):
                    continue  # a relative phrase ("a week after"), not a stated date
                at = start + window.find(phrase)
                before = head[:at]
                words = [w for w in before.split() if any(c.isalpha() for c in w)]
                in_sentence = _IN_SENTENCE.search(before) or _LEADING_WORD.match(phrase)
                # a sentence runs on after it: "As though June 12, 2018, needed a flourish."
                in_sentence = in_sentence or _RUNS_ON.match(head, at + len(phrase))
                opens_line = len(words) <= 4 and not in_sentence
                if _DATE_LABEL.search(before) or opens_line:
                    return when.date(), phrase.strip()
    return None, None


# (Its blanks are possessive: where no word follows, a long run of blanks was split every way.)
_RUNS_ON = re.compile(r"[ \t]*+,?[ \t]*+[a-z]{3,}\b(?![ \t]*\d)")


def _search(window: str) -> list[tuple[str, datetime]]:
    """dateparser's dates in a short window; English is tried next for pages whose labels
    are in another script than their dates ("วันที่นำเข้าข้อมูล 20 Feb 2024"), and a numeric
    year-first date (`2023. 11. 16.`, `2023/11/16`), which search_dates passes over, last."""
    found = search_dates(window, settings=_FULL_DATE)
    if not found:
        found = search_dates(window, languages=["en"], settings=_FULL_DATE)
    if not found and (ymd := _YMD.search(window)):
        try:
            day = datetime(int(ymd["y"]), int(ymd["m"]), int(ymd["d"]))
        except ValueError:
            return []
        return [(ymd.group(0), day)]
    return list(found or [])


_YMD = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[./-]\s*(?P<m>\d{1,2})[./-]\s*(?P<d>\d{1,2})(?!\d)")


# A clock time with its label and zone ("12:28 pm", "Hour: 9:46 am", "10:58 PM IST"), the
# word of an update, and the place a timestamp line ends on ("| Updated ... IST - New York").
# Possessive runs where a failed match would otherwise try every split: of the blanks around
# "hour:" between its two runs, of a capitalised run into the place's up to three words
# ("- AAAA..." took time cubic in its length); the match is the same, a digit or the line's
# end having to follow.
_CLOCK = re.compile(
    r"(?:\bhour\s*+:?\s*+)?\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\b)?\s*(?:\b[A-Z]{2,5}\b)?",
    re.I,
)
_STAMP_WORDS = re.compile(r"\b(?:updated|last updated|published|posted)\b\s*:?", re.I)
_STAMP_PLACE = re.compile(r"\s[-\u2013\u2014]\s*(?:[A-Z][\w.'-]*+\s?){1,3}$")


def _date_line(line: str) -> date | None:
    """The date a line states when the line is only a date (with an optional label, clock
    time, update time and place: "September 25, 2023 12:28 pm | Updated 12:29 pm IST - New
    York")."""
    stripped = _PUBLISHED.sub("", line)
    stripped = re.sub(r"^\d{1,2}:\d{2}\s*,?\s*", "", stripped)
    if _CLOCK.search(stripped):  # a timestamp: its times, update word and place are its own
        stripped = _STAMP_PLACE.sub("", _STAMP_WORDS.sub(" ", _CLOCK.sub(" ", stripped)))
    mentions = find_dates(stripped)
    if not mentions or mentions[0].kind not in {"iso", "mdy", "dmy"}:
        return None
    first = mentions[0]
    leftover = (stripped[: first.start] + stripped[first.end :]).strip(" ,|-")
    if len(leftover.split()) > 1 or (leftover and leftover.lower() not in _SECTION_WORDS):
        return None
    value = parse_date_phrase(first.phrase, None)
    return value.start


def body_spans(text: str, meta: Metadata) -> list[tuple[int, int]]:
    """The spans of `text` that are not boilerplate, in order."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for block in meta.boilerplate:
        if block.start > cursor:
            spans.append((cursor, block.start))
        cursor = max(cursor, block.end)
    if cursor < len(text):
        spans.append((cursor, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def body_text(text: str, meta: Metadata) -> str:
    """The article without its boilerplate, paragraphs kept on their own lines."""
    return body_between(text, meta, 0, len(text))


def body_between(text: str, meta: Metadata, start: int, end: int) -> str:
    """text[start:end] without its boilerplate and set-aside lines: every text a prompt
    receives is cut from here, so nothing set aside can reach the model."""
    pieces = (text[max(a, start) : min(b, end)].strip() for a, b in body_spans(text, meta))
    return "\n".join(piece for piece in pieces if piece)


# A dateline: where the story was filed, at the head of the body ("WOODSIDE, California
# (Reuters) -", "New Delhi, October 27", "Kazan [Russia], October 22 :", "Kyiv \u2022 UNN") or at
# the end of a short date line ("September 25, 2023 12:28 pm IST - New York").
_DATELINE_HEAD = re.compile(
    r"(?P<place>[^\W\d_][^\n()\[\]:;\u2013\u2014\u2022|,.!?]{0,40}?)"
    r"(?:\s*,\s*(?![\sa-z])[^\W\d_][^\n()\[\]:;\u2013\u2014\u2022|,.!?]{0,30}?)?\s*"
    r"(?:\[[^\]\n]{1,30}\]\s*)?"
    r"(?:,\s*(?![\sa-z])[^\n()\[\]:;\u2013\u2014\u2022|]{3,30}?\s*)?(?:\([^)\n]{1,40}\)\s*)?"
    r"(?:[\u2013\u2014\u2022|:]|--|(?<=[\s)])-|\.-|$)",
    re.M,
)
_DATELINE_TAIL = re.compile(
    r"[\u2013\u2014\u2022|-]\s*(?P<place>[^\W\d_][^\n()\[\]:;\u2013\u2014\u2022|,.!?]{1,40}?)\s*$"
)
DATELINE_LINES = 4
DATELINE_CITY = 1000
"""Population from which a dateline's place is taken for a city."""
_STAMP = re.compile(r"(?:date\s+)?\d[\d./-]*\d\s+", re.I)


def dateline_spans(body: str) -> list[tuple[int, int]]:
    """Where `body` names the place its story was filed from: spans of dateline places in
    its first DATELINE_LINES lines. A place is one GeoNames or pycountry knows."""
    from summarizer.gazetteer import find_city, find_country, is_venue

    def known(place: str) -> bool:
        if not 0 < len(place.split()) <= 4 or is_venue(place):
            return False
        city = find_city(place)
        return find_country(place) is not None or (
            city is not None and city.population >= DATELINE_CITY
        )

    spans: list[tuple[int, int]] = []
    offset = 0
    lines = 0
    for line in body.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        lines += 1
        if lines > DATELINE_LINES:
            break
        lead = 0
        dates = find_dates(line)
        while dates and dates[0].start <= lead + 1 and line[lead : dates[0].start].strip() == "":
            lead = dates[0].end  # "date 2025-02 Riad -": a date before the place
            dates = dates[1:]
        lead += len(line[lead:]) - len(line[lead:].lstrip(" \t:-\u2013\u2014"))
        stamp = _STAMP.match(line, lead)  # an archive header's "date 2025-02" before it
        lead = stamp.end() if stamp else lead
        head = _DATELINE_HEAD.match(line, lead)
        if head and known(head.group("place").strip()):
            spans.append((start + head.start("place"), start + head.end("place")))
            continue
        tail = _DATELINE_TAIL.search(line)
        if tail and len(line.split()) <= 16 and known(tail.group("place").strip()):
            spans.append((start + tail.start("place"), start + tail.end("place")))
    return spans
