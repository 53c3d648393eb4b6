"""The validators that make a small model right, exercised with hand-written answers."""

from datetime import date

import pytest
from pydantic import ValidationError

from summarizer.questions import (
    NOT_IN_SENTENCE,
    ContentAnswer,
    Grounding,
    MeetingItem,
    MeetingsAnswer,
    PlannedMeeting,
    PlansAnswer,
    SpeakerAnswer,
    meeting_problems,
    plan_problems,
    unnamed_gathering,
)

BODY = (
    "Russian Foreign Minister Sergei Lavrov met with his Chinese counterpart Wang Yi, in the "
    "Chinese capital, on Sunday. The talks took place on the sidelines of a meeting of the "
    "Shanghai Cooperation Organization (SCO). They agreed to tighten coordination."
)
GROUND = Grounding(BODY, date(2025, 7, 14))


def answer(**changes):
    base = {
        "participants": [
            {"name": "Sergey Lavrov", "role": "Foreign Minister", "country": "Russia"},
            {"name": "Wang Yi", "role": "Foreign Minister", "country": "China"},
        ],
        "status": "held",
        "city": "Beijing",
        "country": "China",
        "venue": "",
        "forum": "SCO",
        "when": "on Sunday",
    }
    return base | changes


def validate(data, ground=GROUND):
    """The answer's one entry, raising what its checks find: the answer's validator (only
    when no entry is a meeting) or the entry's problems (`meeting_problems`, which the caller
    drops field by field)."""
    answer = MeetingsAnswer.model_validate({"meetings": [data]}, context={"grounding": ground})
    (item,) = answer.meetings
    problems = meeting_problems(item, ground)
    if problems:
        raise ValueError("; ".join(problems.values()))
    return item


def test_a_grounded_answer_passes_with_spelling_variants_and_capital_phrase():
    facts = validate(answer())
    assert facts.city == "Beijing" and facts.when == "on Sunday"


def test_no_meeting_is_an_empty_list_and_only_an_answer_with_no_meeting_is_re_asked():
    none = MeetingsAnswer.model_validate({"meetings": []}, context={"grounding": GROUND})
    assert none.meetings == []
    xi = answer(participants=[{"name": "Xi Jinping", "role": None, "country": None}])
    usable = MeetingsAnswer.model_validate(
        {"meetings": [answer(city="Moscow"), xi]}, context={"grounding": GROUND}
    )
    assert len(usable.meetings) == 2  # kept part by part by the caller
    with pytest.raises(ValidationError, match="meeting 2: participant 'Xi Jinping'"):
        MeetingsAnswer.model_validate({"meetings": [xi, xi]}, context={"grounding": GROUND})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {
                "participants": [
                    {"name": "Xi Jinping", "role": None, "country": None},
                    {"name": "Wang Yi", "role": None, "country": None},
                ]
            },
            "'Xi Jinping' is not named",
        ),
        ({"when": "on Saturday"}, "not words of the article"),
        ({"when": "sidelines"}, "names no date or day"),
        ({"city": "Moscow"}, "city 'Moscow' is not named"),
        ({"city": "China"}, "is a country"),
        ({"forum": "G20"}, "forum 'G20' is not named"),
        (
            {"participants": [{"name": "Wang Yi", "role": None, "country": None}]},
            "at least two participants",
        ),
        (
            {
                "participants": [
                    {"name": "China", "role": None, "country": None},
                    {"name": "Wang Yi", "role": None, "country": None},
                ]
            },
            "'China' is a country, not a person",
        ),
    ],
)
def test_ungrounded_answers_raise_a_message_the_model_can_act_on(change, message):
    with pytest.raises(ValueError, match=message):
        validate(answer(**change))


def test_date_after_publication_is_refused():
    ground = Grounding("Lavrov met Wang Yi on July 20, 2025.", date(2025, 7, 14))
    data = answer(city="", country="", forum="", when="on July 20, 2025")
    with pytest.raises(ValueError, match="after the article's publication date"):
        validate(data, ground)


def test_problems_are_named_by_field_and_the_item_is_left_unchanged():
    """Validators only check: salvage (dropping what fails) is the caller's, in brief.py."""
    item = MeetingItem.model_validate(answer(city="Brazil", when="on Saturday"))
    problems = meeting_problems(item, GROUND)
    assert set(problems) == {"city", "when"}
    assert item.city == "Brazil" and item.when == "on Saturday"
    invented = MeetingItem.model_validate(
        answer(
            participants=[
                {"name": "Xi Jinping", "role": None, "country": None},
                {"name": "Wang Yi", "role": None, "country": None},
            ]
        )
    )
    assert set(meeting_problems(invented, GROUND)) == {"participant Xi Jinping", "participants"}


def test_a_transliteration_variant_counts_as_named():
    ground = Grounding("Sergue\u00ef Lavrov a rencontr\u00e9 Wang Yi \u00e0 P\u00e9kin.", None)
    data = answer(city="", country="", forum="", when="")
    facts = validate(data, ground)
    assert [p.name for p in facts.participants] == ["Sergey Lavrov", "Wang Yi"]


def test_null_like_strings_become_blank():
    facts = validate(answer(city="null", forum="None", when="not specified"))
    assert (facts.city, facts.forum, facts.when) == ("", "", "")


def test_agreement_evidence_must_be_verbatim():
    ok = {
        "topics": ["coordination"],
        "agreements": [
            {"what": "tighter coordination", "evidence": "They agreed to tighten coordination."}
        ],
    }
    assert ContentAnswer.model_validate(ok, context={"grounding": GROUND}).agreements
    bad = {
        "topics": ["coordination"],
        "agreements": [{"what": "x", "evidence": "They agreed to a peace plan."}],
    }
    with pytest.raises(ValueError, match="word for word"):
        ContentAnswer.model_validate(bad, context={"grounding": GROUND})


def test_speaker_must_be_named_in_the_passage_and_not_be_a_pronoun():
    passage = Grounding('"We are at a new stage," Lavrov said.', None)
    context = {"grounding": passage, "quote": "We are at a new stage"}
    assert SpeakerAnswer.model_validate({"speaker": "Sergei Lavrov"}, context=context).speaker
    with pytest.raises(ValueError, match="not named in the passage"):
        SpeakerAnswer.model_validate({"speaker": "Wang Yi"}, context=context)
    with pytest.raises(ValueError, match="not a name"):
        SpeakerAnswer.model_validate({"speaker": "he"}, context=context)
    assert SpeakerAnswer.model_validate({"speaker": "null"}, context=context).speaker is None


def test_a_summary_may_not_claim_an_agreement_the_facts_lack():
    from summarizer.questions import RecordSummaryAnswer

    facts = "Participants: Sergey Lavrov; Wang Yi\nPlace: Rio de Janeiro, Brazil"
    claim = {"summary": "Sergey Lavrov and Wang Yi met in Rio de Janeiro and agreed to cooperate."}
    with pytest.raises(ValueError, match="no agreement"):
        RecordSummaryAnswer.model_validate(claim, context={"facts": facts})
    agreed = facts + "\nAgreed: closer coordination"
    assert RecordSummaryAnswer.model_validate(claim, context={"facts": agreed}).summary


def test_a_city_country_answer_is_split_not_rejected():
    from summarizer.questions import Grounding, _check_city

    g = Grounding("Rubio and Lavrov met in Riyadh on Tuesday, hosted by Saudi Arabia.", None)
    assert _check_city("Riyadh, Saudi Arabia", g) is None
    assert _check_city("Riyadh", g) is None
    assert "Paris" in (_check_city("Paris, France", g) or "")
    assert "Qatar" in (_check_city("Riyadh, Qatar", g) or "")


def when_problem(body, published, when, language=None):
    from summarizer.questions import _check_when

    return _check_when(when, Grounding(body, published, language)) or ""


@pytest.mark.parametrize("published", [date.min, date(1, 1, 3), date(9999, 12, 30), date.max])
@pytest.mark.parametrize("when", ["on Sunday", "in the Chinese capital, on Sunday"])
def test_a_publication_date_at_the_ends_of_the_calendar_is_checked_without_error(published, when):
    # the check of "on Sunday" against a paper of 0001-01-01 or 9999-12-31 raised
    # OverflowError inside the validator, reported as an endpoint that did not answer
    facts = validate(answer(when=when), Grounding(BODY, published))
    assert facts.when == when


def test_when_accepts_a_weekday_and_month_day_without_a_year():
    body = "Biden and Xi met at the Filoli estate in Woodside on Wednesday morning, Nov. 15."
    assert when_problem(body, date(2023, 11, 16), "Wednesday morning, Nov. 15") == ""
    assert when_problem(body, None, "Wednesday morning, Nov. 15") == ""


def test_when_compares_the_articles_words_after_normalisation():
    body = "The talks \u2014 held on \u201cMonday\u201d,\n  June 19 \u2014 lasted hours."
    assert when_problem(body, date(2023, 6, 19), 'held on "monday", june 19') == ""
    assert "not words of the article" in when_problem(body, date(2023, 6, 19), "on June 20")


def test_when_reads_the_articles_language():
    de = "Lawrow traf Jaishankar am Dienstag in Moskau."
    assert when_problem(de, date(2022, 11, 8), "am Dienstag", "de") == ""
    assert "names no date or day" in when_problem(de, date(2022, 11, 8), "in Moskau", "de")
    assert when_problem("習近平は5日に会談した。", date(2023, 11, 6), "5日", "ja") == ""


def test_when_a_day_after_publication_is_allowed_but_not_more():
    body = "Lavrov met Wang Yi on July 15, 2025, and again on July 16, 2025."
    assert when_problem(body, date(2025, 7, 14), "on July 15, 2025") == ""
    assert "after the article's publication date" in when_problem(
        body, date(2025, 7, 14), "on July 16, 2025"
    )


def test_a_meeting_still_to_come_may_be_dated_after_publication():
    from summarizer.questions import _check_when

    body = "Lavrov will meet Wang Yi on July 20, 2025, in Beijing."
    grounding = Grounding(body, date(2025, 7, 14), "en")
    assert _check_when("on July 20, 2025", grounding)
    assert _check_when("on July 20, 2025", grounding, ahead=True) is None


def test_a_given_name_the_article_leaves_out_is_allowed_beside_its_surname():
    ground = Grounding("President Biden spoke with President Xi Jinping on Tuesday.", None)
    data = answer(
        participants=[
            {"name": "Joe Biden", "role": None, "country": None},
            {"name": "Xi Jinping", "role": None, "country": None},
        ],
        city="",
        country="",
        forum="",
        when="",
    )
    assert [p.name for p in validate(data, ground).participants] == ["Joe Biden", "Xi Jinping"]
    invented = answer(
        participants=[
            {"name": "Kamala Harris", "role": None, "country": None},
            {"name": "Xi Jinping", "role": None, "country": None},
        ],
        city="",
        country="",
        forum="",
        when="",
    )
    with pytest.raises(ValueError, match="'Kamala Harris' is not named"):
        validate(invented, ground)


def test_a_city_named_only_in_the_dateline_is_refused():
    from summarizer.metadata import dateline_spans

    body = "New Delhi, October 27\nJaishankar met Blinken in Washington on Friday."
    ground = Grounding(body, date(2023, 10, 28), filed=tuple(dateline_spans(body)))
    data = answer(city="New Delhi", country="", forum="", when="on Friday")
    with pytest.raises(ValueError, match="only the dateline"):
        validate(
            {**data, "participants": [person_named("Jaishankar"), person_named("Blinken")]},
            ground,
        )
    ok = {**data, "city": "Washington"}
    assert (
        validate(
            {**ok, "participants": [person_named("Jaishankar"), person_named("Blinken")]}, ground
        ).city
        == "Washington"
    )


def person_named(name):
    return {"name": name, "role": None, "country": None}


def test_the_agency_that_reported_a_quote_is_not_its_speaker():
    passage = Grounding('"We will not back down," the minister said, AFP reported.', None)
    context = {"grounding": passage, "quote": "We will not back down", "outlet": ""}
    with pytest.raises(ValueError, match="news outlet that reported it"):
        SpeakerAnswer.model_validate({"speaker": "AFP"}, context=context)
    own = Grounding('"We will not back down," the minister told the Daily Star.', None)
    context = {"grounding": own, "quote": "We will not back down", "outlet": "Daily Star"}
    with pytest.raises(ValueError, match="news outlet"):
        SpeakerAnswer.model_validate({"speaker": "Daily Star"}, context=context)


def test_a_field_description_echoed_back_is_caught():
    data = answer(forum="Summit or organisation meeting it was held at")
    with pytest.raises(ValueError, match="repeats the question"):
        validate(data)


@pytest.mark.parametrize("venue", ["Telegram channel", "G20 Summit"])
def test_a_venue_is_a_building_not_a_channel_or_a_summit(venue):
    ground = Grounding(BODY + f" The {venue} carried the news.", date(2025, 7, 14))
    with pytest.raises(ValueError, match="not a building or residence"):
        validate(answer(venue=venue), ground)
    kept = Grounding(BODY + " They met at the Diaoyutai State Guesthouse.", date(2025, 7, 14))
    assert validate(answer(venue="Diaoyutai State Guesthouse"), kept).venue


def test_a_bare_organisation_is_no_forum_but_an_unlisted_gathering_is():
    body = BODY + " They will coordinate in forums from the U.N. to the G20."
    ground = Grounding(body + " It was the Singapore Convention Signing Ceremony.", None)
    with pytest.raises(ValueError, match="not a summit or meeting of a body"):
        validate(answer(forum="U.N.", when=""), ground)
    kept = validate(answer(forum="Singapore Convention Signing Ceremony", when=""), ground)
    assert kept.forum == "Singapore Convention Signing Ceremony"


@pytest.mark.parametrize(
    "forum", ["the summit", "le sommet", "bilateral talks", "саммит", "virtual summit"]
)
def test_a_kind_of_gathering_names_no_forum(forum):
    assert unnamed_gathering(forum)


@pytest.mark.parametrize("forum", ["G20 summit", "APEC", "Valdai forum", "SCO meeting"])
def test_a_named_gathering_is_a_forum(forum):
    assert not unnamed_gathering(forum)


def test_when_may_name_a_date_of_the_article_in_other_words():
    body = "Rubio and Lavrov met in Riyadh on Tuesday."
    assert when_problem(body, date(2025, 2, 19), "on February 18, 2025") == ""
    assert "nor a date it names" in when_problem(body, date(2025, 2, 19), "on February 17, 2025")
    assert "nor a date it names" in when_problem(body, None, "on February 18, 2025")


def test_a_city_given_as_the_venue_passes_as_a_city_and_nothing_else_does():
    from summarizer.questions import _check_venue

    g = Grounding("Putin met Xi in Kazan, Russia, on the Telegram channel.", None)
    assert _check_venue("Kazan, Russia", g) is None
    assert _check_venue("Kazan", g) is None
    assert "not a building" in (_check_venue("Telegram channel", g) or "")
    assert "not named" in (_check_venue("Moscow", g) or "")


def test_a_country_answered_in_english_is_found_in_the_articles_language():
    from summarizer.questions import _check_country

    es = Grounding("Jaishankar se reunió con Lavrov en Moscú, la capital de Rusia.", None, "es")
    assert _check_country("Russia", es) is None
    assert "not named" in (_check_country("France", es) or "")


def test_a_city_answered_in_english_is_found_in_the_articles_own_name_for_it():
    es = Grounding("Lavrov se reunió con Wang Yi en Moscú, en la capital rusa.", None, "es")
    assert validate(answer(city="Moscow", country="", forum="", when=""), es).city == "Moscow"
    with pytest.raises(ValueError, match="city 'Paris' is not named"):
        validate(answer(city="Paris", country="", forum="", when=""), es)


def test_a_two_letter_family_name_the_article_names_carries_the_given_name_it_omits():
    from summarizer.questions import Grounding, MeetingItem, PersonAnswer, meeting_problems

    body = "PRESIDENT BIDEN: It is good to see you, President Xi. PRESIDENT XI: Thank you."
    people = [PersonAnswer(name=n, role=None, country=None) for n in ("Joe Biden", "Xi Jinping")]
    item = MeetingItem(
        participants=people, status="held", city="", country="", venue="", forum="", when=""
    )
    assert meeting_problems(item, Grounding(body, None)) == {}


def test_a_plan_names_the_people_of_its_own_sentence_or_refers_to_them():
    first = "Biden and Xi spoke on Tuesday."
    plan = "It precedes expected visits to China by Janet Yellen and Antony Blinken next week."
    g = Grounding(f"{first} {plan}", date(2024, 4, 3), "en")
    wrong = PlannedMeeting(participants=["Biden", "Xi"], when="next week", city="")
    assert NOT_IN_SENTENCE in plan_problems(wrong, g, plan)
    right = PlannedMeeting(participants=["Janet Yellen"], when="next week", city="")
    assert plan_problems(right, g, plan) == {}
    # "the two" and "the talks" point back to the sentence before
    for referring in ("The two will meet again next week.", "The talks will resume next week."):
        g = Grounding(f"{first} {referring}", date(2024, 4, 3), "en")
        assert plan_problems(wrong, g, referring) == {}
    # a language where the subject is often left out is not checked so
    es = Grounding(f"{first} Visitarán China la próxima semana.", date(2024, 4, 3), "es")
    assert plan_problems(wrong, es, "Visitarán China la próxima semana.") == {}
    with pytest.raises(ValidationError, match="last sentence names neither"):
        PlansAnswer.model_validate(
            {"meetings": [wrong.model_dump()]},
            context={"grounding": Grounding(f"{first} {plan}", None, "en"), "sentence": plan},
        )
