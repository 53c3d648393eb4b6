from datetime import date

import pytest

from summarizer.metadata import body_text, read_metadata
from tests.conftest import SEEDS


def meta(seed: str):
    return read_metadata((SEEDS / f"{seed}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("seed", "headline", "outlet", "published"),
    [
        (
            "000_90cea018b8dc4cf0",
            "China and Russia Discuss Bilateral Ties, Ukraine Conflict, and Korean Peninsula "
            "at G20 in Brazil",
            None,
            None,
        ),
        (
            "001_a426523f9bff1c04",
            "Russia-China discuss Ukraine war and ties with the United States",
            "South Asian Update",
            date(2025, 7, 14),
        ),
        ("002_cf793b93e251b79b", None, None, None),
        (
            "003_380a0c385a6d10f3",
            "Moscow and Beijing eye closer coordination as their foreign ministers discuss Ukraine "
            "and U.S. tensions",
            "Reuters",
            None,
        ),
        (
            "004_2ff3d2902ccdc45c",
            "Chinese, Russian foreign ministers discuss Ukraine, Korean Peninsula at G20",
            "Reuters",
            date(2024, 11, 19),
        ),
    ],
)
def test_headline_outlet_publication_date(seed, headline, outlet, published):
    m = meta(seed)
    assert (m.headline, m.outlet, m.published) == (headline, outlet, published)


@pytest.mark.parametrize(
    ("seed", "furniture"),
    [
        ("000_90cea018b8dc4cf0", ["Related Posts"]),
        (
            "001_a426523f9bff1c04",
            ["South Asian Update", "Advertisement", "Latest News", "Most Popular"],
        ),
        ("003_380a0c385a6d10f3", ["Tags"]),
        (
            "004_2ff3d2902ccdc45c",
            [
                "3 MIN READ",
                "Recommended",
                "RelatedWhy China",
                "Explore",
                "Nepal mourns victims",
                "SOURCE:Reuters",
            ],
        ),
        ("002_cf793b93e251b79b", ["(Accessed on 28.02.2025)"]),
    ],
)
def test_boilerplate_is_kept_out_of_the_body(seed, furniture):
    text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    m = read_metadata(text)
    body = body_text(text, m)
    for piece in furniture:
        assert piece in text
        assert piece not in body
        start = text.index(piece)
        assert m.in_boilerplate(start, start + len(piece))


def test_article_prose_after_an_inline_widget_stays():
    text = (SEEDS / "004_2ff3d2902ccdc45c.txt").read_text(encoding="utf-8")
    body = body_text(text, read_metadata(text))
    assert "In May this year, Putin and Chinese President Xi Jinping" in body
    assert "Wang Yi has also met his Indian counterpart" in body


def test_dateline_forms():
    for line, expected in [
        ("Published: 12:16, 14 July 2025", date(2025, 7, 14)),
        ("November 19, 2024", date(2024, 11, 19)),
        (" date 2024-11-19 WORLD", date(2024, 11, 19)),
        ("Monday, 14 July 2025", date(2025, 7, 14)),
    ]:
        m = read_metadata(f"{line}\nA headline that is long enough\n" + "Body sentence. " * 20)
        assert m.published == expected, line
