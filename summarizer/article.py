"""Load an article from a file or a string. Touches disk; calls no model."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ArticleLoadError

DEFAULT_MAX_BYTES = 1_000_000
"""Articles larger than this are refused (a news article is rarely above 50 kB)."""

SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Article:
    """One source article: `id` is the file stem, `sha256` the digest of its bytes."""

    id: str
    sha256: str
    text: str
    path: Path | None = None


def load_article(
    source: str | Path,
    *,
    article_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read `source` as an article.

    A `Path`, or a string naming an existing `.txt`/`.md` file, is read from disk; any other
    string is taken as the article's text (its id is then `article_id` or a digest prefix).
    Raises ArticleLoadError naming the file for a missing, empty, binary, non-UTF-8 or
    oversized input.
    """
    if isinstance(source, Path) or _looks_like_path(source):
        path = Path(source)
        if not path.exists():
            raise ArticleLoadError(str(path), "file not found")
        if not path.is_file():
            raise ArticleLoadError(str(path), "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleLoadError(
                str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_bytes)"
            )
        data = path.read_bytes()
        return _from_bytes(data, article_id or path.stem, str(path), path)
    data = source.encode("utf-8")
    if len(data) > max_bytes:
        raise ArticleLoadError(
            article_id or "<text>",
            f"text is {len(data):,} bytes, over the limit of {max_bytes:,} (max_bytes)",
        )
    digest = hashlib.sha256(data).hexdigest()
    name = article_id or f"text-{digest[:12]}"
    return _from_bytes(data, name, name, None)


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and len(text) < 4096 and text.endswith(SUFFIXES)


def _from_bytes(data: bytes, article_id: str, label: str, path: Path | None) -> Article:
    if b"\x00" in data:
        raise ArticleLoadError(label, "binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleLoadError(
            label,
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "re-save the file as UTF-8",
        ) from None
    if not text.strip():
        raise ArticleLoadError(label, "file is empty" if not text else "file holds only whitespace")
    return Article(id=article_id, sha256=hashlib.sha256(data).hexdigest(), text=text, path=path)
