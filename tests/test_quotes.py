import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.metadata import read_metadata
from summarizer.quotes import (
    QuoteCandidate,
    adjacent_speaker,
    find_quotes,
    lead_speaker,
    office_holder,
    verbatim,
    writers_view,
)
from summarizer.text import find_normalized, norm, normalize
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


@given(st.text(max_size=200))
def test_the_fast_norm_agrees_with_the_mapped_one(text):
    assert norm(text) == normalize(text).text.strip()


@given(st.text(min_size=1, max_size=200), st.integers(0, 199), st.integers(1, 60))
def test_normalised_spans_map_back_to_the_source(source, start, length):
    piece = source[start : start + length]
    if not piece.strip():
        return
    span = find_normalized(piece, normalize(source))
    assert span is not None
    a, b = span
    assert normalize(source[a:b]).text.strip() == normalize(piece).text.strip()


def test_attributions_next_to_a_quote_are_read_by_code():
    seeds = {
        "000_90cea018b8dc4cf0": ["Lavrov", "Wang"],
        "001_a426523f9bff1c04": [None, "China's Foreign Ministry"],
        "003_380a0c385a6d10f3": ["Russia\u2019s foreign ministry", None, "Alexander Gabuev"],
        "004_2ff3d2902ccdc45c": ["Sergey Lavrov", None, None],
    }
    for seed, expected in seeds.items():
        text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
        quotes = find_quotes(text, read_metadata(text))
        assert [adjacent_speaker(text, q) for q in quotes] == expected, seed


def test_an_agency_named_after_a_quote_is_left_for_the_model():
    from summarizer.quotes import QuoteCandidate, adjacent_speaker

    text = '"We will not back down," AFP said.'
    quote = QuoteCandidate("We will not back down", 1, 22)
    assert adjacent_speaker(text, quote) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Macron a reçu Scholz. À mon avis, ce sommet ne change rien.", "fr"),
        ("Sánchez recibió a Lula. Creo que la cumbre no cambió nada.", "es"),
        ("Scholz traf Macron. Ich glaube, der Gipfel ändert wenig.", "de"),
        ("Putin met Modi. In my view the summit changed little.", "en"),
    ],
)
def test_the_writers_own_view_makes_an_article_commentary(text, language):
    assert writers_view(text, read_metadata(text), language) is not None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Biden after Xi meeting: \u2018I think we made real progress\u2019\n\nBiden met Xi.",
            "en",
        ),
        ("\u201eIch glaube, wir kommen voran\u201c, sagte Scholz. Scholz traf Macron.", "de"),
        ("'I think we made progress,' Biden said. Biden met Xi.", "en"),
        ("S\u00e1nchez recibi\u00f3 a Lula.\n\u2014Creo que avanzamos mucho \u2014dijo.", "es"),
        ("Lavrov met Wang.\nInterviewer: What happened?\nLavrov: I think it went well.", "en"),
        ("\u201cI think the talks went well.\nWe agreed on much,\u201d Biden said.", "en"),
    ],
)
def test_a_first_person_view_that_is_quoted_or_spoken_is_not_the_writers(text, language):
    assert writers_view(text, read_metadata(text), language) is None


def test_the_turns_of_a_transcript_name_their_speakers():
    from summarizer.quotes import turn_speakers

    body = "PRESIDENT BIDEN:  Welcome.\n\nPRESIDENT XI:  (As interpreted.) Thank you.\n"
    assert turn_speakers(body) == ["PRESIDENT BIDEN", "PRESIDENT XI"]
    assert turn_speakers("PRESIDENT BIDEN: Welcome, all.\n") == []


def _a_name(name: str) -> bool:
    return not any(w in {"Secretary", "Tuesday", "China", "Russia"} for w in name.split())


def test_the_holder_of_an_office_is_the_one_person_named_right_after_it():
    text = (
        "Ministry spokesman Anurag Srivastava said on Thursday that the talks went well. "
        "Later the spokesman added more. The Russian leader, Vladimir Putin, spoke too. "
        "Commission President Ursula von der Leyen and portavoz Şebnem Ölçer were there."
    )
    assert office_holder(text, "Spokesman", _a_name) == "Anurag Srivastava"
    assert office_holder(text, "the Russian leader", _a_name) == "Vladimir Putin"
    assert office_holder(text, "Commission President", _a_name) == "Ursula von der Leyen"
    assert office_holder(text, "portavoz", _a_name) == "Şebnem Ölçer"
    assert office_holder(text, "the minister", _a_name) is None  # no one named so
    two = "Spokesman Ned Price spoke. Then spokesman John Kirby spoke."
    assert office_holder(two, "the spokesman", _a_name) is None  # two people: which?
    for text, office in [
        ("According to the spokesman, China has said so.", "spokesman"),  # no name follows
        ("the spokesman Tuesday Morning said", "the spokesman"),  # refused by the caller
        ("the spokesman\n\nRussia Today reported", "spokesman"),  # another line
        ("US Secretary of State Antony Blinken", "the US"),  # an office follows, not a name
        ("the spokesman Lavrov said", "spokesman"),  # one word: no full name
        ("The spokesman said it.", "the"),
    ]:
        assert office_holder(text, office, _a_name) is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('According to Tammy Bruce, the two agreed to "meet again soon".', "Tammy Bruce"),
        (
            "Según explicó la portavoz de la diplomacia estadounidense, Tammy Bruce, ambos "
            "líderes acordaron «sentar las bases».",
            "Tammy Bruce",
        ),
        ("Selon Maria Zakharova, les ministres ont évoqué « la sécurité ».", "Maria Zakharova"),
        ('According to the Kremlin, "the talks were useful".', None),  # a body: the model's
        ('According to the State Department, the talks "went well".', None),
        ('According to Xinhua News Agency, the talks "went well".', None),
        ('According to people close to Vladimir Putin, he is "ready".', None),
        ('According to officials in New Delhi, the visit is "on".', None),
        ('According to Secretary of State Antony Blinken, it was "candid".', "Antony Blinken"),
        ('According to Xinhua, Xi told Trump that the US should "withdraw".', None),  # Xi said it
        ('Biden met Xi. According to reports, officials said "no".', None),
    ],
)
def test_a_person_named_as_the_source_before_a_quote_is_its_speaker(sentence, speaker):
    opening = min(i for i in (sentence.find("«"), sentence.find('"')) if i >= 0) + 1
    quote = QuoteCandidate(text="x", start=opening, end=opening + 1)
    assert lead_speaker(sentence, quote) == speaker


def test_a_second_quote_after_a_lead_is_not_the_leads():
    sentence = 'According to Tammy Bruce, both "meet again", while Lavrov said "we are ready".'
    second = sentence.index("we are")
    assert lead_speaker(sentence, QuoteCandidate(text="x", start=second, end=second + 3)) is None
    first = sentence.index("meet again")
    assert lead_speaker(sentence, QuoteCandidate(text="x", start=first, end=first + 3)) == (
        "Tammy Bruce"
    )
