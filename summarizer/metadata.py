"""What an article states plainly, read by code: headline, outlet, publication date, boilerplate.

Pure. Boilerplate blocks keep their offsets so that grounding can refuse any fact found in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from summarizer.dates import find_dates, parse_date_phrase

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
    """A span set aside: `kind` is header, trailer, inline, references, or suspicious (text
    that reads as instructions to a model)."""

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


def read_metadata(text: str) -> Metadata:
    """Headline, outlet, publication date and boilerplate blocks of one article's text."""
    lines = [ln for ln in _lines(text) if ln.clean]
    blocks: list[Block] = []
    published: date | None = None
    published_phrase: str | None = None
    outlet: str | None = None
    headline: str | None = None

    # Lines written to a model rather than a reader are set aside first: no header field
    # (a headline, an outlet) may come from one.
    for ln in lines:
        if _INJECTION.search(ln.text):
            blocks.append(Block(ln.start, ln.end, "suspicious", ln.text))
    suspicious = {(b.start, b.end) for b in blocks}

    # Header: the lines before the first line of prose.
    header_end = next((i for i, ln in enumerate(lines) if len(ln.clean) > _PROSE_LINE), len(lines))
    seen: set[str] = set()
    for i, ln in enumerate(lines[:header_end]):
        clean = ln.clean
        if (ln.start, ln.end) in suspicious:
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
        if headline is None and len(clean.split()) >= 4 and not clean.endswith("."):
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

    blocks.sort(key=lambda b: b.start)
    return Metadata(headline, outlet, published, published_phrase, tuple(blocks))


def _date_line(line: str) -> date | None:
    """The date a line states when the line is only a date (with an optional label or time)."""
    stripped = _PUBLISHED.sub("", line)
    stripped = re.sub(r"^\d{1,2}:\d{2}\s*,?\s*", "", stripped)
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
