import hashlib
from datetime import date
from pathlib import Path

import pytest

from summarizer import ArticleLoadError, load_article
from tests.conftest import SEEDS


def test_loads_a_seed_with_id_and_digest():
    path = SEEDS / "001_a426523f9bff1c04.txt"
    article = load_article(path)
    assert article.id == "001_a426523f9bff1c04"
    assert len(article.sha256) == 64
    assert article.text.startswith("Monday, 14 July 2025")


def test_text_input_gets_a_stable_id():
    a = load_article("Lavrov met Wang Yi.\nMore text.", article_id=None)
    b = load_article("Lavrov met Wang Yi.\nMore text.")
    assert a.id == b.id and a.id.startswith("text-")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"  \n\t \n", "file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path: Path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleLoadError) as caught:
        load_article(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)
    assert caught.value.source_id == str(path)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ArticleLoadError, match="file not found"):
        load_article(tmp_path / "nope.txt")


def test_size_limit(tmp_path: Path):
    path = tmp_path / "big.md"
    path.write_text("word " * 100)
    with pytest.raises(ArticleLoadError, match="over the limit of 100"):
        load_article(path, max_bytes=100)


def test_bom_is_dropped(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline here".encode())
    assert load_article(path).text == "Headline here"


PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Lavrov and Wang meet in Beijing | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example/lavrov-wang">
<meta property="article:published_time" content="2025-07-14T09:00:00Z"></head>
<body><nav>Home | World | Sport | Subscribe now</nav><article>
<h1>Lavrov and Wang meet in Beijing</h1>
<p>Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing on
Sunday, on the sidelines of a meeting of the Shanghai Cooperation Organization.</p>
<p>"We are at a new stage of our relations," Lavrov said after the talks, which covered
Ukraine and the United States.</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def test_an_html_page_is_read_as_its_article_with_what_the_markup_states(tmp_path):
    from summarizer.metadata import read_metadata

    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = load_article(path)
    assert "Lavrov met his Chinese counterpart" in article.text
    assert "Subscribe now" not in article.text and "Copyright" not in article.text
    assert article.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    meta = read_metadata(article.text, article.page)
    assert (meta.headline, meta.outlet, meta.url) == (
        "Lavrov and Wang meet in Beijing",
        "Example News",
        "https://news.example/lavrov-wang",
    )
    assert meta.published == date(2025, 7, 14)


def test_an_html_page_without_article_text_is_one_clear_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    with pytest.raises(ArticleLoadError, match="no article text"):
        load_article(path)
