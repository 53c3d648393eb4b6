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


FRONT = """---
layout: post
title: "Readout of President Joe\\u00a0Biden\\u2019s Meeting with President Xi"
published_time: 2022-11-14 08:16:25-05:00
date: '2022-11-13'
source_url: https://example.gov/readout
publisher: The White House
---

President Joe Biden met with President Xi Jinping of the People's Republic of China in Bali.
"""


def test_yaml_front_matter_gives_title_date_outlet_and_url_and_is_never_body():
    meta = read_metadata(FRONT)
    assert meta.headline == "Readout of President Joe Biden\u2019s Meeting with President Xi"
    assert meta.published == date(2022, 11, 14)  # published_time wins over date
    assert (meta.outlet, meta.url) == ("The White House", "https://example.gov/readout")
    assert body_text(FRONT, meta).startswith("President Joe Biden met")


@pytest.mark.parametrize(
    "head",
    [
        "---\ntitle: A summit\ndate: 9999-12-31\n---\n",
        "---\ntitle: A summit\ndate: 0001-01-01\n---\n",
        "0001-01-01\nA headline that is long enough\n",
        "December 31, 9999\nA headline that is long enough\n",
        " date 9999-12-31 WORLD\n",
    ],
)
def test_a_publication_date_in_a_year_no_news_has_is_none(head):
    # "today" in a paper of 9999-12-31 overflowed when read; a year outside the years of news
    # dates is no publication date, as a date written in the text with it is unknown
    text = head + "Lavrov met Wang Yi in Beijing today. " * 5
    assert read_metadata(text).published is None


def test_broken_front_matter_is_read_as_text():
    text = "---\ntitle: [unclosed\n---\nLavrov met Wang Yi in Beijing on Sunday.\n"
    assert read_metadata(text).published is None


SCRAPED = """## title
Wong and Kishida agree to deepen ties
## content
Wong met Kishida in Tokyo on Tuesday, the ministry said.

They discussed trade.
## summary
File photo: Wong and Kishida in Canberra, March 2022.
## publish date
2024-05-14 00:00:00
## keywords
['wong', 'kishida', 'canberra']
## authors
['Jane Doe', 'Head Of Something At Some Company']
## movies
[]
"""


def test_a_scrapers_sections_give_title_and_date_and_only_the_text_is_the_body():
    meta = read_metadata(SCRAPED)
    assert meta.headline == "Wong and Kishida agree to deepen ties"
    assert meta.published == date(2024, 5, 14)
    body = body_text(SCRAPED, meta)
    assert body.startswith("Wong and Kishida agree to deepen ties\nWong met Kishida in Tokyo")
    assert body.endswith("They discussed trade.")  # no summary, keywords, authors, headings
    assert "##" not in body and "Canberra" not in body
    prose = "## Background\nWong met Kishida.\n## Reaction\nMarkets rose.\n"
    assert body_text(prose, read_metadata(prose)) == prose.strip()  # a story's own headings


def test_an_archive_header_gives_the_date_and_leaves_the_rest_of_its_line():
    text = (
        " date 2023-06-19 Senior Chinese official meets with U.S. secretary of state\n\n"
        "Wang Yi met Antony Blinken in Beijing on Monday, the ministry said in a statement.\n"
    )
    meta = read_metadata(text)
    assert meta.published == date(2023, 6, 19)
    assert meta.headline == "Senior Chinese official meets with U.S. secretary of state"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("April 2, 2024 (EIRNS)—Presidents Xi Jinping and Joe Biden spoke by phone.", "2024-04-02"),
        (
            "Redacción / Milenio. México. 15 de noviembre del 2023.- Los presidentes se reunieron.",
            "2023-11-15",
        ),
        ("Posted Nov 16, 2021 6:36 AM CST", "2021-11-16"),
        ("来源:新华社 发布时间:2023-04-10 10:43:38 浏览次数:", "2023-04-10"),
        ("승인 : 2023. 11. 16. 08:42", "2023-11-16"),
        ("วันที่นำเข้าข้อมูล 20 Feb 2024", "2024-02-20"),
        ("Lundi 14 juillet 2025", "2025-07-14"),
    ],
)
def test_a_stated_publication_date_is_read_in_any_language(line, day):
    text = (
        f"Headline of the day about a meeting\n\n{line}\n\n"
        "The two ministers met and talked about many things at length in the capital.\n"
    )
    assert read_metadata(text).published == date.fromisoformat(day)


@pytest.mark.parametrize(
    "line",
    [
        "In conclusion, the China-Russia talks on February 20, 2025 were about ties.",
        "President Biden and President Xi met at the Filoli Estate in Woodside on Nov. 15, 2023.",
        "MOSCOW, July 9. /TASS/. The main talks begin today.",
        "Russia's Foreign Ministry said a week after the talks that none were planned.",
    ],
)
def test_a_date_inside_the_news_is_not_the_publication_date(line):
    assert read_metadata(f"A headline about the talks here\n\n{line}\n").published is None


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("WOODSIDE, California (Reuters) -U.S. President Joe Biden met Xi", "WOODSIDE"),
        ("New Delhi, October 27\nJaishankar met Blinken.", "New Delhi"),
        ("Kazan [Russia], October 22 : Xi met Putin in Kazan.", "Kazan"),
        ("Kyiv \u2022 UNN\nTrump will meet Xi.", "Kyiv"),
        ("September 25, 2023 12:28 pm | Updated 12:29 pm IST - New York\nText.", "New York"),
        ("date 2025-02 Riad \u2013 Delegationen aus den USA und Russland", "Riad"),
    ],
)
def test_a_dateline_names_where_the_story_was_filed(body, place):
    from summarizer.metadata import dateline_spans

    assert [body[a:b] for a, b in dateline_spans(body)] == [place]


def test_a_first_line_that_merely_starts_with_a_place_is_no_dateline():
    from summarizer.metadata import dateline_spans

    assert dateline_spans("Russia-China discuss Ukraine war and ties\nLavrov met Wang.") == []


@pytest.mark.parametrize(
    "credit",
    [
        "Olga Maltseva / TASS News Agency",
        "(Contributor/Getty Images)",
        "REUTERS/Evelyn Hockstein/Pool.",
        "( AFP / JOHN THYS )",
        "(REUTERS File Photo)",
        "(AP Photo)",
    ],
)
def test_a_photo_credit_and_its_caption_are_set_aside(credit):
    caption = "Chancellor Olaf Scholz greets President Emmanuel Macron in Berlin, May 28, 2019."
    text = (
        "Scholz and Macron meet in Berlin\n\n"
        f"{caption} {credit}\n\n"
        f"{credit}\n\n"
        "German Chancellor Olaf Scholz received French President Emmanuel Macron on Tuesday, "
        "and the two leaders discussed European defence and the war in Ukraine at length.\n"
    )
    meta = read_metadata(text)
    body = body_text(text, meta)
    kinds = [b.kind for b in meta.boilerplate if credit.strip() in b.text]
    assert kinds == ["caption", "credit"]  # the captioned photo's line, a credit on its own
    assert caption not in body and credit not in body
    assert "received French President Emmanuel Macron on Tuesday" in body
    assert meta.headline == "Scholz and Macron meet in Berlin"


def test_a_slash_in_prose_is_no_credit():
    text = "Talks\n\nThe ministers discussed trade and/or security with partners in the EU/NATO.\n"
    assert not [b for b in read_metadata(text).boilerplate if b.kind == "credit"]


def test_a_hard_wrapped_readout_is_read_in_whole_sentences():
    from summarizer.text import hard_wrapped, sentence_spans

    text = (
        "On Tuesday in Berlin, Chancellor Olaf Scholz received President Emmanuel\n"
        "Macron of France for talks on European defence. The two leaders agreed to\n"
        "deepen cooperation on air defence and to coordinate their support for\n"
        "Ukraine. Chancellor Scholz thanked President Macron for his visit and for\n"
        "the close partnership between the two countries.\n"
    )
    assert hard_wrapped(text)
    first = sentence_spans(text)[0]
    assert text[first[0] : first[1]].endswith("talks on European defence.")
    assert not hard_wrapped("Headline\nFirst line of prose.\nSecond line.\nThird.\n")


def test_a_full_stop_at_a_wrapped_line_end_ends_its_sentence():
    from summarizer.text import hard_wrapped, sentence_spans

    text = (
        "National Security Advisor Jake Sullivan met on August 27-28 with Foreign\n"
        "Minister Wang Yi outside Beijing, China, for a second day of their talks.\n"
        " This meeting was part of ongoing efforts to maintain channels of\n"
        "communication and responsibly manage the relationship between the\n"
        "United States and the People's Republic of China, as discussed by the\n"
        "two presidents at their summit in Woodside last November.\n"
    )
    assert hard_wrapped(text)
    first = sentence_spans(text)[0]
    assert text[first[0] : first[1]].endswith("for a second day of their talks.")


def test_an_initial_ends_no_sentence():
    from summarizer.text import sentence_spans

    text = "President Joseph R. Biden met U.S. Secretary Blinken. They talked."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "President Joseph R. Biden met U.S. Secretary Blinken.",
        "They talked.",
    ]


def test_a_chinese_or_japanese_full_stop_ends_a_sentence_with_no_space_after_it():
    from summarizer.text import sentence_spans

    text = "王毅與布林肯舉行會談。王毅稱:「中美有分歧。」王毅還將會見沙利文。岸田首相が訪問した。"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "王毅與布林肯舉行會談。",
        "王毅稱:「中美有分歧。」",
        "王毅還將會見沙利文。",
        "岸田首相が訪問した。",
    ]


@pytest.mark.parametrize(
    "stamp",
    [
        "September 25, 2023 12:28 pm | Updated 12:29 pm IST - New York",
        "Feb 12, 2025 10:58 PM IST",
        "August 27, 2024 Hour: 9:46 am",
    ],
)
def test_a_timestamp_line_after_the_header_is_the_articles_not_the_news(stamp):
    text = (
        "date 2023-09-25\n\nJaishankar holds talks on UNGA sidelines\n\n"
        "Jaishankar met Konakovic in New York on September 24, the ministry said in a statement "
        "that also listed the other meetings he held on the sidelines of the General Assembly.\n\n"
        f"{stamp}\n\nThe two ministers discussed trade.\n"
    )
    meta = read_metadata(text)
    assert meta.published == date(2023, 9, 25)
    assert stamp not in body_text(text, meta)
    news = "Biden met Xi on September 25, 2023 at 12:28 pm in Woodside."
    assert news in body_text(f"{text}\n{news}\n", read_metadata(f"{text}\n{news}\n"))


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        (
            "Leaders meet\n\nBy Ana Ruiz and Tom Berg, Wire Service\n\nThe two leaders met.\n",
            "By Ana Ruiz and Tom Berg, Wire Service",
        ),
        (
            "World / Leaders meet By Ana Ruiz, Daily Staff Posted Nov 16, 2021 6:36 AM CST The "
            "two leaders met on Monday and talked for three hours about trade and security.\n",
            "By Ana Ruiz, Daily Staff",
        ),
    ],
)
def test_a_byline_is_set_aside_so_its_writers_are_never_participants(text, byline):
    meta = read_metadata(text)
    assert [b.text.strip() for b in meta.boilerplate if b.kind == "byline"] == [byline]
    assert meta.headline is None or "Ana Ruiz" not in meta.headline
    assert "Ana Ruiz" not in body_text(text, meta)


@pytest.mark.parametrize(
    "text",
    [
        "Talks end\n\nBy Tuesday, the ministers had agreed on a text.\n",
        "Talks end\n\nBy Wednesday evening the two sides had agreed\n",
        "By Land and Sea, China Presses Its Claims\n\nThe ministers met in Manila.\n",
    ],
)
def test_a_sentence_or_headline_that_starts_with_by_is_no_byline(text):
    assert not [b for b in read_metadata(text).boilerplate if b.kind == "byline"]


def test_a_paragraph_ending_in_a_lower_case_photo_word_is_no_caption():
    text = (
        "Talks end\n\nThe leaders met in Paris on Monday and discussed the war at length with "
        "their aides (see photo).\n"
    )
    assert not [b for b in read_metadata(text).boilerplate if b.kind in ("caption", "credit")]


def test_a_date_a_sentence_runs_on_after_is_no_publication_date():
    text = (
        "Leaders meet in Singapore\n\n"
        "The two men shook hands and smiled for the cameras.\n\n"
        "As though June 12, 2018, needed a cartoonish flourish.\n"
    )
    assert read_metadata(text).published is None
    dated = "Leaders meet in Singapore\n\nJune 12, 2018 (Reuters) - The two men shook hands.\n"
    assert read_metadata(dated).published is not None


def test_an_agency_named_alone_after_a_captions_full_stop_is_its_credit():
    caption = "Rencontre entre Vladimir Poutine et Emmanuel Macron, à Moscou, le 7 février 2022."
    text = (
        "Macron et Poutine\n\n"
        f"{caption} AP\n\n"
        "Le président français a parlé avec Vladimir Poutine le 20 février, a rapporté AP.\n"
        '"We will keep talking to everyone," he told reporters." AFP\n'
    )
    meta = read_metadata(text)
    body = body_text(text, meta)
    assert caption not in body
    assert "le 20 février, a rapporté AP." in body and 'reporters." AFP' in body


def test_a_body_paragraph_ending_with_the_wire_that_filed_it_stays():
    text = (
        "Modi and Xi meet in Kazan\n\n"
        + "".join(f"Paragraph {n} of the report says more about the talks.\n\n" for n in range(6))
        + "Indian Prime Minister Narendra Modi met Xi Jinping in Kazan on Wednesday. Reuters\n"
    )
    body = body_text(text, read_metadata(text))
    assert "met Xi Jinping in Kazan on Wednesday" in body
