"""Tense markers by language: what is still to come, what is done, and whose date a date is."""

import pytest

from summarizer.tense import (
    after_earlier_encounter,
    after_relation,
    future_only,
    plan_before,
    told_as_done,
)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Blinken will travel to Cairo next week to meet Sisi.", "en"),
        ("El canciller visitará Brasilia y se reunirá con su homólogo.", "es"),
        ("«Los ministros discutirán la agenda», dijo la portavoz.", "es"),
        ("O presidente visitará Luanda e reunirá com o seu homólogo.", "pt"),
        ("Le ministre rencontrera son homologue jeudi à Berlin.", "fr"),
        ("Scholz wird am Freitag den Präsidenten in Paris treffen.", "de"),
        ("Министр посетит Пекин на следующей неделе.", "ru"),
        ("王毅将访问华盛顿。", "zh"),
        ("岸田文雄將於下週訪問台北。", "zh"),  # Traditional script
        ("會談周五繼續,部長還將會見國家安全顧問。", "zh"),  # Hong Kong forms
        ("Both sides agreed to work toward a phone call in the coming weeks.", "en"),
        ("It precedes expected visits to Jakarta by two ministers.", "en"),
        ("He said he expected the premier at the White House within two weeks.", "en"),
    ],
)
def test_a_meeting_still_to_come(sentence, language):
    assert future_only(sentence, language)


@pytest.mark.parametrize(
    "headline",
    ["Modi to visit Tokyo for talks with Kishida", "Biden To Meet Xi", "ÉRDOGAN TO MEET PUTIN"],
)
def test_a_headline_naming_who_is_to_meet_whom_is_a_future_in_a_headline_only(headline):
    assert future_only(headline, "en", headline=True)
    assert not future_only("Narendra Modi flew to Moscow to meet Putin on Monday.", "en")
    assert not future_only("Modi went to Moscow to meet Putin", "en", headline=True)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("It was a real pleasure to meet with the minister", "en"),
        ("Moskau wird durch Außenminister Lawrow vertreten.", "de"),  # the passive
        ("Trump said he will visit China after speaking to Xi by phone.", "en"),
        ("Tras la reunión con Lula, Petro dijo que la relación será mejor.", "es"),
        ("Les ministres Herrera et Pereira, à Lima, sur un affront.", "fr"),
        ("El ministro se reunió con Lula y dijo que volverá.", "es"),
        ("Le président a rencontré son homologue et reviendra en mai.", "fr"),
        ("Путин встретился с Си и обсудил будущие шаги.", "ru"),  # noqa: RUF001
        ("Modi met Albanese and they agreed to deepen trade ties.", "en"),
        ("Biden and Xi have agreed to resume military contacts.", "en"),  # agreement reached
        ("The leaders agreed on a ceasefire in the coming weeks.", "en"),  # agreed: done
    ],
)
def test_no_meeting_still_to_come(sentence, language):
    assert not future_only(sentence, language)


def test_done_is_told_by_a_meeting_verb_not_a_reporting_verb():
    assert told_as_done("Sie trafen sich am Montag in Rom.", "de")
    assert told_as_done("Os dois líderes conversaram por telefone.", "pt")
    assert not told_as_done("«Lavrov will hold talks with Jaishankar», said Zakharova.", "en")
    assert not told_as_done("Anything at all", "ko")  # a language with no patterns


def test_a_date_after_a_relation_word_is_another_events():
    before = "The talks resumed more than a year after contacts stopped following the "
    assert after_relation(before, "en") == " the "
    assert after_relation("Le ministre est arrivé à Pékin ", "fr") is None
    assert after_relation("tras la visita de ", "es") == " la visita de "


@pytest.mark.parametrize(
    ("before", "language"),
    [
        ("Biden met Widodo ahead of the G20 summit in Nusa Dua, Bali, Indonesia, ", "en"),
        ("Following the summit, the two leaders met on ", "en"),
        ("Olaf Scholz reiste nach Paris und traf dort am ", "de"),  # "nach": to
        ("after the talks that the two sides held for many hours in the capital on ", "en"),
    ],
)
def test_a_relation_word_far_or_behind_a_comma_leaves_the_date_the_meetings(before, language):
    assert after_relation(before, language) is None


@pytest.mark.parametrize(
    ("before", "language", "earlier"),
    [
        ("The last meeting between Mr. Sullivan and Director Wang took place ", "en", True),
        ("En su reunión anterior, celebrada en ", "es", False),  # a comma between
        ("Lors de leur dernière rencontre à Pékin en ", "fr", True),
        ("Их прошлая встреча прошла в ", "ru", True),
        ("Biden and Xi held their first meeting on ", "en", False),
        ("The previous talks were tense but ", "en", False),
    ],
)
def test_a_date_after_words_naming_an_earlier_encounter_is_that_encounters(
    before, language, earlier
):
    assert (after_earlier_encounter(before, language) is not None) is earlier


def test_an_agreement_to_meet_is_a_plan_and_an_agreement_reached_no_future():
    from summarizer.tense import tells_of_plan

    assert tells_of_plan("The two sides agreed to meet again in Canberra.", "en")
    assert tells_of_plan("The leaders agreed that the minister will visit Canberra.", "en")
    assert not future_only("The two sides agreed to meet again in Canberra.", "en")
    reached = "They agreed to resume contacts cut after the speaker's 2022 visit to Taiwan."
    assert not tells_of_plan(reached, "en")  # the visit is far from the agreement
    assert not tells_of_plan("Wong met Rabuka and they agreed to meet again.", "en")


def test_a_meeting_as_one_way_of_what_was_agreed_is_a_plan():
    from summarizer.tense import tells_of_plan

    way = (
        "The ministers committed to keep this channel open and to pursue further dialogue on "
        "trade, energy and security, including\nthrough a call between President Lula and "
        "Chancellor Scholz."
    )
    assert tells_of_plan(way, "en")
    assert tells_of_plan("They decided to deepen ties, including a state visit by the king.", "en")
    ways = "They agreed to expand cooperation, including through joint working groups."
    assert not tells_of_plan(ways, "en")  # no meeting among the ways
    assert not tells_of_plan("Including through a call, they kept in touch.", "en")


def test_a_meeting_named_as_still_to_come_is_a_plan_whatever_the_verb():
    from summarizer.tense import tells_of_plan

    for sentence in (
        "They discussed preparations for a leader-level call in the coming weeks.",
        "The ministers welcomed further talks during Senator Reid's upcoming travel to Japan.",
        "Wong met Rabuka ahead of a potential summit between the two prime ministers.",
    ):
        assert tells_of_plan(sentence, "en"), sentence
    for sentence in (
        "They discussed the call they held last week.",
        "Wong met Rabuka after the summit in Suva.",
    ):
        assert not tells_of_plan(sentence, "en"), sentence


def test_work_preparing_a_meeting_is_a_plan():
    from summarizer.tense import tells_of_plan

    prepared = (
        "The flurry of meetings is widely seen as part of a months-long effort to lay the "
        "groundwork for the first face-to-face talks in a year between Biden and Xi."
    )
    assert tells_of_plan(prepared, "en")
    assert tells_of_plan("The visit could pave the way for a summit between the two.", "en")
    assert tells_of_plan("Officials want to set the stage for a Biden-Xi summit.", "en")
    done = "Lavrov and Rubio met in Riyadh to lay the groundwork for a summit."
    assert not tells_of_plan(done, "en")  # it reports the meeting held
    assert not tells_of_plan("The deal lays the groundwork for lower tariffs.", "en")


def test_an_invitation_to_come_is_a_plan():
    from summarizer.tense import tells_of_plan

    assert tells_of_plan("Tokyo extended an invitation to Albanese to visit Japan in May.", "en")
    assert tells_of_plan("The call yielded an invitation for the king to visit Paris.", "en")
    assert tells_of_plan('Lula "warmly invited" him and his wife to visit Brazil.', "en")
    assert not tells_of_plan("Modi visited Tokyo at Kishida's invitation.", "en")
    assert not tells_of_plan("He thanked the minister for the invitation and the talks.", "en")
    assert not tells_of_plan("Albanese met Kishida, who had invited him to visit.", "en")


@pytest.mark.parametrize(
    ("before", "language"),
    [
        ("President Donald Trump has said he agreed to visit Beijing in", "en"),
        ("Xi will travel to Washington in", "en"),
        ("El canciller visitará Moscú el", "es"),
    ],
)
def test_a_date_right_after_a_plan_is_the_plans(before, language):
    assert plan_before(before, language)


@pytest.mark.parametrize(
    "before",
    [
        "Trump and Xi spoke by phone on",
        "Trump, who will visit Beijing next year, spoke to Xi on",  # the plan is behind a comma
        "Trump will visit Beijing next year and said he spoke to Xi by phone for an hour on",
        "Marco Rubio and Sergei Lavrov held the long-planned talks on",  # a meeting done
        "Scheduled talks between the two began on",
    ],
)
def test_a_date_far_from_a_plan_or_behind_a_comma_is_not_the_plans(before):
    assert not plan_before(before, "en")
    assert not plan_before("La reunión prevista se celebró el", "es")


def test_chinese_cue_words_match_in_either_script():
    assert told_as_done("習近平已經會見了來訪的總統。", "zh")
    assert not future_only("習近平已經會見了來訪的總統。", "zh")


def test_tomorrow_is_ahead_and_calling_a_person_is_a_call():
    from summarizer.tense import speaks_of_meeting, tells_of_plan

    assert tells_of_plan('"Our official talks are tomorrow," Lula was quoted as saying.', "en")
    assert not tells_of_plan("They held talks on Monday and will rest tomorrow.", "en")
    today = "Blinken is holding talks with Wang Yi today, before leaving for Tokyo tomorrow."
    assert not future_only(today, "en")  # talks held today, not a plan
    calling = "We agreed to have our teams start at once, and will begin by calling President Ruto."
    assert tells_of_plan(calling, "en")
    assert not speaks_of_meeting("Lula spoke warmly, calling on both sides to act.", "en")
    assert not speaks_of_meeting("Lula spoke warmly, calling it a turning point.", "en")
    assert not speaks_of_meeting("Lula will keep calling Milei a danger.", "en")
