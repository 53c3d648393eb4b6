"""Load an article from a file or a string. Touches disk; calls no model.

`.txt` and `.md` files are text; `.html`/`.htm` pages are reduced to their article text by
trafilatura (a maintained extractor: main text without navigation or footers, plus the
page's title, date, site name and address, kept as `Article.page`).

A file is checked before it is read: it must be a regular file (a FIFO, a device or a folder
is refused without being opened for reading, so nothing can hang or read without end), no
larger than the size limit (never more than that is read), and UTF-8 text; anything else is
an `ArticleLoadError` that says what the file is and how to fix it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from summarizer.errors import ArticleLoadError, UsageError

DEFAULT_MAX_BYTES = 1_000_000
"""Articles larger than this are refused (a news article is rarely above 50 kB)."""

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_NAME_MAX = 255  # bytes in one path component on common file systems
_PATH_MAX = 4096


@dataclass(frozen=True)
class PageFacts:
    """What an HTML page's markup states about the article (title, date, site, address)."""

    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """One source article: `id` is the file stem, `sha256` the digest of its bytes, `text`
    the article as read (for a page, its extracted text: every offset refers to it)."""

    id: str
    sha256: str
    text: str
    path: Path | None = None
    page: PageFacts | None = None


def load_article(
    source: str | os.PathLike[str],
    *,
    article_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read `source` as an article.

    A path (`pathlib.Path` or any `os.PathLike`), or a one-line string ending in `.txt`/`.md`,
    is read from disk; any other string is taken as the article's text (its id is then
    `article_id` or a digest prefix). Raises ArticleLoadError naming the file for a missing,
    unreadable, non-regular, empty, binary, non-UTF-8 or oversized input, and UsageError for
    a value that is neither a path nor a string, or a `max_bytes` below 1.
    """
    check_max_bytes(max_bytes)
    if isinstance(source, os.PathLike) or (isinstance(source, str) and looks_like_path(source)):
        path = Path(source)
        data = read_bytes(path, max_bytes)
        article = _from_bytes(data, article_id or path.stem, str(path), path, path.suffix)
        return _from_page(article) if path.suffix.lower() in HTML_SUFFIXES else article
    if not isinstance(source, str):
        hint = " (decode it to str first)" if isinstance(source, bytes | bytearray) else ""
        raise UsageError(
            f"an article is a file path or the article's text as str, not "
            f"{type(source).__name__}{hint}"
        )
    data = source.encode("utf-8")
    if len(data) > max_bytes:
        raise ArticleLoadError(
            article_id or "<text>",
            f"text is {len(data):,} bytes, over the limit of {max_bytes:,} (max_bytes)",
        )
    digest = hashlib.sha256(data).hexdigest()
    name = article_id or f"text-{digest[:12]}"
    return _from_bytes(data, name, name, None)


def check_max_bytes(max_bytes: object) -> None:
    """Raise UsageError unless `max_bytes` is a size limit: a whole number of bytes, 1 or more
    (0 or less would refuse every file, each as if the file were at fault)."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise UsageError(f"max_bytes must be a whole number of bytes, 1 or more, not {max_bytes!r}")


def looks_like_path(text: str) -> bool:
    """Whether a string names a file rather than holding an article: one line, ending in
    `.txt`/`.md`, and short enough in every part to be a path at all."""
    if "\n" in text or not text.lower().endswith(SUFFIXES) or len(text.encode()) >= _PATH_MAX:
        return False
    return all(len(part.encode()) <= _NAME_MAX for part in text.split(os.sep))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or an ArticleLoadError saying why
    not. The file is opened without blocking and checked before anything is read."""
    check_max_bytes(max_bytes)
    label = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ArticleLoadError(label, "file not found") from None
    except IsADirectoryError:
        raise ArticleLoadError(label, "is a folder, not an article file") from None
    except OSError as exc:
        raise ArticleLoadError(label, f"cannot open it ({_reason(exc)})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleLoadError(label, f"is {_file_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise ArticleLoadError(
                label,
                f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} (max_bytes)",
            )
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ArticleLoadError(label, f"cannot read it ({_reason(exc)})") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise ArticleLoadError(
            label, f"file grew over the limit of {max_bytes:,} bytes (max_bytes)"
        )
    return data


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _from_page(article: Article) -> Article:
    """The article text of an HTML page, and what its markup states."""
    import trafilatura  # imported on first use: it is heavy, and most articles are text

    found = trafilatura.bare_extraction(article.text, with_metadata=True)
    facts: dict[str, Any] = (found if isinstance(found, dict) else found.as_dict()) if found else {}
    text = (facts.get("text") or "").strip()
    if not text:
        raise ArticleLoadError(str(article.path), "an HTML page in which no article text was found")
    page = PageFacts(
        title=facts.get("title") or None,
        published=_iso_day(facts.get("date")),
        outlet=facts.get("sitename") or None,
        url=facts.get("url") or None,
    )
    return Article(article.id, article.sha256, text + "\n", article.path, page)


def _iso_day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _from_bytes(
    data: bytes, article_id: str, label: str, path: Path | None, suffix: str = ""
) -> Article:
    problem = _not_text(data)
    if problem:
        raise ArticleLoadError(label, problem)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleLoadError(
            label,
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "re-save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        ) from None
    if not text.strip():
        raise ArticleLoadError(label, "file is empty" if not text else "file holds only whitespace")
    if not any(ch.isalnum() for ch in text):  # zero-width spaces, a BOM, punctuation
        raise ArticleLoadError(label, "file holds no words (only invisible or punctuation marks)")
    if _is_html(text) and suffix.lower() not in HTML_SUFFIXES:
        raise ArticleLoadError(
            label, "is an HTML page saved as plain text; name it .html to have it read as a page"
        )
    return Article(id=article_id, sha256=hashlib.sha256(data).hexdigest(), text=text, path=path)


def _not_text(data: bytes) -> str | None:
    """What a file that is not UTF-8 text is, and how to fix it (None for text)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return (
            "UTF-16 text, not UTF-8; re-save it as UTF-8 "
            "(e.g. iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.txt)"
        )
    if head.startswith(b"%PDF-"):
        return "a PDF document, not a text article; extract its text first (e.g. pdftotext)"
    if b"\x00" in data:
        return "binary file (contains NUL bytes), not a text article"
    return None


def _utf16_without_bom(head: bytes) -> bool:
    """ASCII-range text stored as UTF-16: every other byte is NUL."""
    if len(head) < 8:
        return False
    return any(zeros.count(0) >= 0.9 * len(zeros) for zeros in (head[1::2], head[0::2]))


def _is_html(text: str) -> bool:
    start = text.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html"))
