from hypothesis import given
from hypothesis import strategies as st

from summarizer.metadata import read_metadata
from summarizer.quotes import find_quotes, verbatim
from summarizer.text import find_normalized, normalize
from tests.conftest import SEEDS


def test_finds_statements_with_offsets_and_skips_short_terms():
    text = (SEEDS / "000_90cea018b8dc4cf0.txt").read_text(encoding="utf-8")
    quotes = find_quotes(text, read_metadata(text))
    assert [q.text[:29] for q in quotes] == [
        "We are truly at an unpreceden",
        "China is willing to work with",
    ]
    for q in quotes:
        assert text[q.start : q.end] == q.text
    assert all("no limits" not in q.text for q in quotes)


def test_quotes_in_boilerplate_are_ignored():
    text = (SEEDS / "002_cf793b93e251b79b.txt").read_text(encoding="utf-8")
    assert find_quotes(text, read_metadata(text)) == []  # titles in the reference list


def test_verbatim_ignores_typographic_marks_whitespace_and_case():
    source = "He said: \u201cWe are  truly\nat an \u2018unprecedented\u2019 stage.\u201d"
    assert verbatim("we are truly at an 'unprecedented' stage.", source)
    assert not verbatim("we are truly at a new stage", source)


@given(st.text(min_size=1, max_size=200), st.integers(0, 199), st.integers(1, 60))
def test_normalised_spans_map_back_to_the_source(source, start, length):
    piece = source[start : start + length]
    if not piece.strip():
        return
    span = find_normalized(piece, normalize(source))
    assert span is not None
    a, b = span
    assert normalize(source[a:b]).text.strip() == normalize(piece).text.strip()
