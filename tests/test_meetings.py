"""Every meeting an article reports, and none it does not: several meetings, announced ones,
quotes given to their meeting, salvage of a last failing answer (loopback fake model)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from summarizer import Summarizer, merge_briefs
from summarizer.brief import MAX_MET_SENTENCES
from summarizer.meeting import infer_mode
from tests.fake_server import GROUNDED_ANSWERS, FakeModel, Reply, settings_for, tool_reply

ROUND_UP = """Date: 2023-09-23

Jaishankar holds talks on UNGA sidelines

External Affairs Minister S Jaishankar met Mexican Foreign Secretary Alicia Barcena in New York
on Friday, on the sidelines of the UN General Assembly.
"We discussed trade and the G20 agenda," Barcena said.
Jaishankar later met Bosnian Foreign Minister Elmedin Konakovic.
"Our ties are growing fast in every field," Jaishankar said after that meeting.
Jaishankar will meet US Secretary of State Antony Blinken in Washington next week.
"""


def person(name: str, country: str | None = None) -> dict[str, Any]:
    return {"name": name, "english_name": None, "role": None, "country": country}


def item(
    people: list[str] | list[tuple[str, str]], status: str = "held", **fields: str
) -> dict[str, Any]:
    """A meetings-answer entry; each person a name, or (name, country)."""
    base = {"city": "", "country": "", "venue": "", "forum": "", "when": ""}
    persons = [person(p) if isinstance(p, str) else person(*p) for p in people]
    return {"participants": persons, "status": status, **base, **fields}


MEETINGS = {
    "meetings": [
        item(
            ["S Jaishankar", "Alicia Barcena"],
            city="New York",
            forum="UN General Assembly",
            when="on Friday",
        ),
        item(["S Jaishankar", "Elmedin Konakovic"]),
        item(["S Jaishankar", "Antony Blinken"], city="Washington"),  # the model says held
        item(["Jaishankar", "Alicia Barcena"], city="New York"),  # a repeat of the first
    ]
}


class RoundUp(FakeModel):
    def __init__(
        self,
        meetings: dict[str, Any],
        names: dict[str, str] | None = None,
        plans: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__()
        self.meetings = meetings
        self.names = names or {}
        self.plans = plans or []

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        name = request["tools"][0]["function"]["name"]
        if name == "MeetingsAnswer":
            return tool_reply(name, self.meetings)
        if name == "NamesAnswer":
            forms = [{"name": k, "english_name": v} for k, v in self.names.items()]
            return tool_reply(name, {"names": forms})
        if name == "ContentAnswer":
            return tool_reply(name, {"topics": ["trade"], "agreements": []})
        if name == "PlansAnswer" and self.plans:
            return tool_reply(name, {"meetings": self.plans})
        if name == "MetAnswer":  # the sentence-by-sentence question: none read here
            return tool_reply(name, {"meetings": []})
        return tool_reply(name, GROUNDED_ANSWERS[name])


def brief_of(
    tmp_path: Any,
    text: str,
    meetings: dict[str, Any],
    names: dict[str, str] | None = None,
    plans: list[dict[str, Any]] | None = None,
) -> Any:
    path = tmp_path / "roundup.txt"
    path.write_text(text, encoding="utf-8")
    with RoundUp(meetings, names, plans) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
        return brief, fake.questions()


def test_a_round_up_gives_each_meeting_with_its_own_quotes(tmp_path):
    brief, asked = brief_of(tmp_path, ROUND_UP, MEETINGS)
    held = [m for m in brief.meetings if m.status == "held"]
    assert [[p.name for p in m.participants] for m in held] == [
        ["S Jaishankar", "Alicia Barcena"],
        ["S Jaishankar", "Elmedin Konakovic"],
    ]
    first, second = held
    assert first.date.iso == "2023-09-22" and first.location.city == "New York"
    assert first.location.country == "United States" and first.mode == "sidelines"
    assert [s.speaker for s in first.statements] == ["Alicia Barcena"]
    assert [s.speaker for s in second.statements] == ["S Jaishankar"]
    assert asked.count("ContentAnswer") == 2  # one content question per held meeting
    assert any("repeating another" in n for n in brief.notes)


def test_a_meeting_reported_as_still_to_come_is_announced_and_never_a_record(tmp_path):
    brief, _ = brief_of(tmp_path, ROUND_UP, MEETINGS)
    (announced,) = [m for m in brief.meetings if m.status == "announced"]
    assert [p.name for p in announced.participants] == ["S Jaishankar", "Antony Blinken"]
    assert announced.statements == [] and announced.topics == []
    records = merge_briefs([brief], summaries=False)
    assert len(records) == 2
    assert not any("Blinken" in p.name for r in records for p in r.participants)


def test_an_article_with_no_meeting_is_an_empty_list(tmp_path):
    brief, asked = brief_of(tmp_path, ROUND_UP, {"meetings": []})
    assert brief.meetings == [] and not brief.reports_meeting
    # the lead tells of a meeting the answer does not list: asked once more ("met": none
    # here); then "Jaishankar will meet ... next week"
    assert asked == ["MeetingsAnswer", "MetAnswer", "PlansAnswer"]


def test_a_usable_answer_keeps_its_grounded_meetings_and_notes_the_rest(tmp_path):
    invented = {
        "meetings": [
            item(["S Jaishankar", "Alicia Barcena"], city="Mexico City", when="on Friday"),
            item(["S Jaishankar", "Kamala Harris"]),
        ]
    }
    brief, asked = brief_of(tmp_path, ROUND_UP, invented)
    assert asked.count("MeetingsAnswer") == 1  # one entry is a meeting: no re-ask
    (meeting,) = brief.meetings
    assert meeting.location.city is None and meeting.date.iso == "2023-09-22"
    assert any("'Mexico City' is not named" in n for n in brief.notes)
    assert any("'Kamala Harris' is not named" in n for n in brief.notes)


def test_an_answer_with_no_meeting_the_article_names_is_re_asked_then_dropped(tmp_path):
    invented = {"meetings": [item(["S Jaishankar", "Kamala Harris"])]}
    brief, asked = brief_of(tmp_path, ROUND_UP, invented)
    assert asked.count("MeetingsAnswer") == 3  # the first answer and two re-asks
    assert brief.meetings == []
    assert any("'Kamala Harris' is not named" in n for n in brief.notes)
    # Jaishankar met no one the answer names: his sentences were asked about, one by one
    assert 0 < asked.count("MetAnswer") <= MAX_MET_SENTENCES


def test_a_name_in_another_script_keeps_its_english_form_marked_as_the_models(tmp_path):
    text = "2024년 5월 6일\n\n이재명 대표는 5일 서울에서 시진핑 주석과 만났다.\n"
    answer = {
        "meetings": [
            {
                **item(["이재명", "시진핑"], when="5일"),
                "participants": [
                    {**person("이재명"), "english_name": "Lee Jae Myung"},
                    {**person("시진핑"), "english_name": "Xi Jinping"},
                ],
            }
        ]
    }
    brief, asked = brief_of(tmp_path, text, answer)
    assert "NamesAnswer" not in asked  # the meetings answer's forms pass the check: no question
    (meeting,) = brief.meetings
    lee = meeting.participants[0]
    assert (lee.name, lee.english_name, lee.english_name_by) == ("이재명", "Lee Jae Myung", "model")
    assert meeting.date.start == date(2024, 5, 5)


KAZAN_RU = (
    "2024-10-23\n\n"
    "Президент России Владимир Путин провёл переговоры с председателем КНР Си Цзиньпином в Казани.\n"  # noqa: RUF001, E501
    "Стороны обсудили двусторонние отношения и ситуацию на Украине.\n"
)
KAZAN_MEETING = {"meetings": [item(["Владимир Путин", "Си Цзиньпин"], city="Казани", country="")]}


def test_names_written_in_another_script_get_a_checked_english_form(tmp_path):
    forms = {"Владимир Путин": "Vladimir Putin", "Си Цзиньпин": "Xi Jinping"}
    brief, asked = brief_of(tmp_path, KAZAN_RU, KAZAN_MEETING, forms)
    assert asked.count("NamesAnswer") == 1
    (meeting,) = brief.meetings
    assert [(p.english_name, p.english_name_by) for p in meeting.participants] == [
        ("Vladimir Putin", "model"),
        ("Xi Jinping", "model"),
    ]
    assert meeting.location.city == "Kazan"  # "в Казани": another case of Казань
    assert meeting.location.country == "Russia"


def test_swapped_english_forms_are_re_asked_then_left_out_with_a_note(tmp_path):
    swapped = {"Владимир Путин": "Xi Jinping", "Си Цзиньпин": "Vladimir Putin"}
    brief, asked = brief_of(tmp_path, KAZAN_RU, KAZAN_MEETING, swapped)
    assert asked.count("NamesAnswer") == 3  # the first answer and two re-asks
    (meeting,) = brief.meetings
    assert [p.english_name for p in meeting.participants] == [None, None]
    assert any("does not spell 'Владимир Путин'" in n for n in brief.notes)


def test_an_english_article_asks_no_names_question(tmp_path):
    _, asked = brief_of(tmp_path, ROUND_UP, MEETINGS)
    assert "NamesAnswer" not in asked


def test_mode_is_read_from_how_they_met():
    assert infer_mode("Biden and Xi spoke by phone on Tuesday.", None) == "phone"
    assert infer_mode("Macron s'est entretenu au téléphone avec Poutine.", None) == "phone"
    assert infer_mode("Xi met Putin on the sidelines of the BRICS summit.", "BRICS") == "sidelines"
    assert infer_mode("Wang Yi began a visit to Washington on Thursday.", None) == "visit"
    assert infer_mode("Rubio and Lavrov held talks in Riyadh.", None) == "other"


def test_calling_for_something_is_no_phone_call():
    sentence = (
        "Wang Yi has also met his Indian counterpart Subrahmanyam Jaishankar, a statement said, "
        "during which he called for the resumption of direct flights."
    )
    assert infer_mode(sentence, None) == "other"
    assert infer_mode("Trump said he had a call with Putin on Tuesday.", None) == "phone"
    assert infer_mode("Biden held a video call with Xi.", None) == "phone"


def test_a_call_heeded_or_made_for_something_is_an_appeal_not_a_phone_call():
    # VOA, 2007: the Deputy Secretary met Musharraf in Pakistan; "a call" is his appeal
    sentence = (
        "President Pervez Musharraf refused to heed such a call Saturday from visiting Deputy "
        "Secretary of State John Negroponte."
    )
    assert infer_mode(sentence, None) == "visit"
    assert infer_mode("Merkel renewed the call for restraint when she met Putin.", None) == "other"
    assert infer_mode("He repeated a call to lift the emergency.", None) == "other"
    assert infer_mode("In a call on Tuesday, Biden told Xi he was concerned.", None) == "phone"
    assert infer_mode("Scholz made a call to Putin on Friday.", None) == "phone"
    assert infer_mode("Macron placed a call to the Kremlin.", None) == "phone"


def test_a_repeated_entry_lends_its_place_to_the_first(tmp_path):
    text = ROUND_UP.replace("in New York\non Friday", "on Friday")
    answer = {
        "meetings": [
            item(["S Jaishankar", "Alicia Barcena"], when="on Friday"),
            item(["Jaishankar", "Alicia Barcena"], forum="UN General Assembly", when="on Friday"),
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    (first, *_) = brief.meetings
    assert first.forum == "UNGA" and first.mode == "sidelines"


DELEGATIONS = """Date: 2024-05-17

Armenian and Azerbaijani foreign ministers hold talks in Almaty

On 10 May, Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun
Bayramov held two days of talks in Almaty.
The Armenian delegation included Ararat Mirzoyan and Deputy Foreign Minister Paruyr Hovhannisyan.
Azerbaijan was represented by Jeyhun Bayramov and Elnur Mammadov.
"""


def side(people: list[str], country: str, **fields: str) -> dict[str, Any]:
    entry = item(people, **fields)
    entry["participants"] = [person(p, country) for p in people]
    return entry


def test_one_entry_per_delegation_is_one_meeting_of_both_sides(tmp_path):
    halves = {
        "meetings": [
            side(["Ararat Mirzoyan", "Paruyr Hovhannisyan"], "Armenia", city="Almaty"),
            side(["Jeyhun Bayramov", "Elnur Mammadov"], "Azerbaijan", city="Almaty"),
        ]
    }
    brief, _ = brief_of(tmp_path, DELEGATIONS, halves)
    (meeting,) = brief.meetings
    assert [p.name for p in meeting.participants] == [
        "Ararat Mirzoyan",
        "Paruyr Hovhannisyan",
        "Jeyhun Bayramov",
        "Elnur Mammadov",
    ]
    assert meeting.date.iso == "2024-05-10"  # read from the sentence that reports both sides
    assert meeting.location.city == "Almaty"
    assert any("one side each were joined" in n for n in brief.notes)


def test_two_meetings_of_one_country_each_with_others_stay_apart(tmp_path):
    own = {
        "meetings": [
            side(["Ararat Mirzoyan", "Paruyr Hovhannisyan"], "Armenia", city="Almaty"),
            side(["Ararat Mirzoyan", "Jeyhun Bayramov"], "Armenia", city="Almaty"),
        ]
    }
    brief, _ = brief_of(tmp_path, DELEGATIONS, own)
    assert not any("one side each were joined" in n for n in brief.notes)
    # each names one country only, met abroad: neither is the meeting between sides
    assert brief.meetings == []


IN_PASSING = """Date: 2024-06-12

EU agrees new sanctions package

The European Union agreed a new sanctions package on Wednesday. \
The agreement comes two days after German Chancellor Olaf Scholz and French President \
Emmanuel Macron held talks in Berlin.
Scholz later met Polish Prime Minister Donald Tusk in Warsaw, days after the EU summit.
"""


def test_a_meeting_named_only_as_the_time_of_other_news_is_background(tmp_path):
    answer = {
        "meetings": [
            item(["Olaf Scholz", "Emmanuel Macron"], city="Berlin"),
            item(["Olaf Scholz", "Donald Tusk"], city="Warsaw"),
        ]
    }
    brief, _ = brief_of(tmp_path, IN_PASSING, answer)
    assert [[p.name for p in m.participants] for m in brief.meetings] == [
        ["Olaf Scholz", "Donald Tusk"]  # reported itself, though its sentence says "days after"
    ]
    assert any("named only as the time of another event" in n for n in brief.notes)


def test_how_they_met_is_read_past_a_terse_headline(tmp_path):
    text = (
        "Date: 2024-03-05\n\n"
        "Scholz and Macron hold first talks since the election\n"
        "On Monday, Chancellor Olaf Scholz held a telephone conversation with President "
        "Emmanuel Macron about Ukraine.\n"
    )
    answer = {"meetings": [item(["Olaf Scholz", "Emmanuel Macron"], country="France")]}
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert meeting.mode == "phone" and meeting.location.country is None


def test_a_call_the_headline_names_is_a_call_and_takes_no_earlier_summit_as_forum(tmp_path):
    # A readout: the report sentence says only "spoke with"; the headline says it was a call,
    # and the summit named later is the leaders' earlier meeting, not where they spoke.
    text = (
        "Date: 2024-06-11\n\n"
        "Readout of Chancellor Scholz's Call with Prime Minister Kishida\n\n"
        "Chancellor Olaf Scholz spoke today with Prime Minister Fumio Kishida of Japan. "
        "The leaders reviewed progress on the commitments made at the Hiroshima Summit.\n"
    )
    answer = {
        "meetings": [
            item(["Olaf Scholz", "Fumio Kishida"], city="Hiroshima", forum="Hiroshima Summit")
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert (meeting.mode, meeting.forum, meeting.location.city) == ("phone", None, None)
    assert any("not named where the call is reported" in n for n in brief.notes)


def test_a_word_of_how_they_met_outweighs_a_forum():
    # "sidelines" is the fallback for a forum; a call's own word wins where the text says it.
    assert infer_mode("Biden and Xi spoke by phone ahead of the G20.", "G20") == "phone"
    assert infer_mode("Rubio and Lavrov held talks at the G20.", "G20") == "sidelines"


def test_a_meeting_keeps_its_grounded_parts_and_reads_misplaced_places_right(tmp_path):
    text = (
        "Date: 2024-10-23\n\n"
        "Putin and Xi meet in Kazan\n\n"
        "Vladimir Putin met Xi Jinping in Kazan on Tuesday, during a visit that took him "
        "through Moscow. Earlier, Joe Biden had praised California's ports.\n"
    )
    answer = {
        "meetings": [
            item(
                ["Vladimir Putin", "Xi Jinping"],
                venue="Kazan",  # a city as the venue
                when="on October 22, 2024",  # the article's "on Tuesday", in other words
                forum="Group of Seven summit",  # not in the article
            ),
            item(["Joe Biden", "Xi Jinping"], country="California"),  # a state as the country
        ]
    }
    brief, questions = brief_of(tmp_path, text, answer)
    assert questions.count("MeetingsAnswer") == 1  # a usable answer is not re-asked
    kazan, ports = brief.meetings
    assert (kazan.location.city, kazan.location.venue, kazan.forum) == ("Kazan", None, None)
    assert (kazan.date.iso, kazan.date.phrase) == ("2024-10-22", "on Tuesday")
    assert ports.location.country == "United States"
    assert any("forum 'Group of Seven summit' is not named" in n for n in brief.notes)


def test_an_infinitive_is_no_future_but_is_to_meet_is(tmp_path):
    text = (
        "Date: 2023-09-25\n\n"
        "Jaishankar holds talks in New York\n\n"
        "Jaishankar said it was a real pleasure to meet with Alicia Barcena of Mexico.\n"
        "Jaishankar is to meet Antony Blinken in Washington.\n"
    )
    answer = {
        "meetings": [
            item(["S Jaishankar", "Alicia Barcena"]),
            item(["S Jaishankar", "Antony Blinken"]),
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    assert [m.status for m in brief.meetings] == ["held", "announced"]


def test_a_meeting_in_one_sides_country_is_a_visit_one_in_a_third_country_is_not(tmp_path):
    text = (
        "Date: 2024-01-28\n\n"
        "Talks in two capitals\n\n"
        "Indian minister Jaishankar met Russian minister Lavrov in Moscow on Tuesday.\n"
        "US adviser Sullivan met Chinese minister Wang Yi in Bangkok on Friday.\n"
    )
    answer = {
        "meetings": [
            item([("S Jaishankar", "India"), ("Sergei Lavrov", "Russia")], city="Moscow"),
            item([("Jake Sullivan", "United States"), ("Wang Yi", "China")], city="Bangkok"),
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    assert [m.mode for m in brief.meetings] == ["visit", "other"]


def test_a_participants_country_given_as_the_meetings_gives_way_to_the_citys(tmp_path):
    text = (
        "Date: 2023-09-25\n\n"
        "Jaishankar holds talks on UNGA sidelines\n\n"
        "Indian minister Jaishankar met Mexican Foreign Secretary Alicia Barcena of Mexico in "
        "New York on September 24, on the sidelines of the UNGA session in New York.\n"
    )
    answer = {
        "meetings": [
            item(
                [("S Jaishankar", "India"), ("Alicia Barcena", "Mexico")],
                country="Mexico",
                forum="UNGA",
            )
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert (meeting.location.city, meeting.location.country) == ("New York", "United States")
    assert any("is a participant's, not New York's" in n for n in brief.notes)


def test_a_call_told_in_the_past_is_held_though_first_named_beside_a_future_meeting(tmp_path):
    text = (
        "Date: 2025-02-13\n\n"
        "Trump and Putin talk\n\n"
        "Donald Trump said Wednesday he had a phone call with Vladimir Putin. Trump said he "
        "planned to meet with Putin soon, without Ukrainian President Volodymyr Zelenskyy. "
        "Trump called Zelenskyy after speaking with Putin.\n"
        "Trump will meet Zelenskyy in Munich next week.\n"
    )
    answer = {"meetings": [item(["Donald Trump", "Volodymyr Zelenskyy"])]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert [m.status for m in brief.meetings] == ["held"]
    future = text.replace("Trump called Zelenskyy after speaking with Putin.", "")
    brief, _ = brief_of(tmp_path, future, answer)
    assert [m.status for m in brief.meetings] == ["announced"]


def test_a_meeting_with_no_date_of_its_own_takes_its_paragraphs_date(tmp_path):
    text = (
        "Date: 2024-03-07\n\n"
        "Scholz speaks to Macron and Meloni\n\n"
        "German Chancellor Olaf Scholz said on Tuesday that he had spoken with French President "
        "Emmanuel Macron by telephone. Scholz then called Italian Prime Minister Giorgia Meloni "
        "to brief her on the talks.\n\n"
        "Officials met on Monday in Brussels to prepare a summit. Meloni also called Dutch "
        "Prime Minister Mark Rutte.\n"
    )
    answer = {
        "meetings": [
            item(["Olaf Scholz", "Emmanuel Macron"], when="on Tuesday"),
            item(["Olaf Scholz", "Giorgia Meloni"]),
            item(["Giorgia Meloni", "Mark Rutte"]),
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    dates = {m.participants[1].name: m.date for m in brief.meetings}
    assert dates["Giorgia Meloni"].iso == "2024-03-05"  # the Tuesday of the paragraph
    assert dates["Giorgia Meloni"].phrase == "on Tuesday"
    # "on Monday" is in a sentence that names neither Meloni nor Rutte: not their date
    assert dates["Mark Rutte"].basis == "publication date"
    spoke = text.replace("that he had spoken with", "that he spoke with")
    brief, _ = brief_of(tmp_path, spoke, answer)
    dates = {m.participants[1].name: m.date for m in brief.meetings}
    assert dates["Giorgia Meloni"].iso == "2024-03-05"  # "then": after the call with Macron


def test_an_earlier_sentence_reporting_another_meeting_does_not_date_this_one(tmp_path):
    text = (
        "Modi in Moscow\n\n"
        "Indian Prime Minister Narendra Modi held an informal meeting with Vladimir Putin.\n\n"
        "In April 2022, US President Joe Biden and Narendra Modi held virtual talks. Modi "
        "said he had urged talks between Putin and Volodymyr Zelenskyy.\n"
    )
    answer = {"meetings": [item(["Narendra Modi", "Vladimir Putin"])]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.meetings[0].date.start is None  # April 2022 is Biden and Modi's
    tied = text.replace("Modi said he had urged", "Modi then urged")
    brief, _ = brief_of(tmp_path, tied, answer)
    assert brief.meetings[0].date.iso == "2022-04"  # "then": told as the next step


def test_a_small_city_takes_its_country_when_the_article_names_its_state(tmp_path):
    text = (
        "Date: 2023-02-16\n\n"
        "Leaders meet in California\n\n"
        "President Joe Biden met Indonesian President Joko Widodo in Rancho Mirage on "
        "Wednesday, at a retreat in the California desert.\n"
    )
    answer = {"meetings": [item(["Joe Biden", "Joko Widodo"], city="Rancho Mirage")]}
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert (meeting.location.city, meeting.location.country) == ("Rancho Mirage", "United States")
    unplaced = text.replace("California", "Sonoran")
    brief, _ = brief_of(tmp_path, unplaced, answer)
    assert brief.meetings[0].location.country is None


def test_a_headline_that_says_who_is_to_meet_whom_is_a_preview(tmp_path):
    text = (
        "Date: 2024-05-02\n\n"
        "Albanese to meet Ishiba in Tokyo\n\n"
        "Australian Prime Minister Anthony Albanese heads to Japan, where talks with Prime "
        "Minister Shigeru Ishiba are on the agenda, officials said.\n"
    )
    answer = {"meetings": [item(["Anthony Albanese", "Shigeru Ishiba"], city="Tokyo")]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert [m.status for m in brief.meetings] == ["announced"]
    assert merge_briefs([brief], summaries=False) == []


def test_a_date_that_belongs_to_another_event_is_not_the_meetings(tmp_path):
    text = (
        "Ministers restore defence talks\n\n"
        "Defence Minister Richard Marles and his counterpart Dong Jun met and agreed to restore "
        "defence talks, two years after contacts stopped following a naval incident in "
        "March 2022.\n"
    )
    answer = {"meetings": [item(["Richard Marles", "Dong Jun"], when="March 2022")]}
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert meeting.date.start is None
    assert any("is the date of another event" in n for n in brief.notes)


def test_a_meeting_the_model_calls_announced_is_held_where_every_naming_sentence_tells_it_done(
    tmp_path,
):
    text = (
        "Date: 2024-06-12\n\n"
        "Albanese and Luxon hold talks\n\n"
        "Prime Minister Anthony Albanese met New Zealand's Christopher Luxon in Canberra on "
        "Monday. Albanese and Luxon discussed trade and agreed to hold a ministerial dialogue.\n"
    )
    answer = {"meetings": [item(["Anthony Albanese", "Christopher Luxon"], "announced")]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert [m.status for m in brief.meetings] == ["held"]
    assert any("told as done where they are named" in n for n in brief.notes)
    ahead = text + "Albanese will meet Luxon again in Wellington next year.\n"
    brief, _ = brief_of(tmp_path, ahead, answer)  # a sentence naming them speaks of the future
    assert [m.status for m in brief.meetings] == ["announced"]


def test_a_summit_named_for_another_place_is_not_where_they_met(tmp_path):
    text = (
        "Date: 2019-03-05\n\n"
        "Advisers meet in Vienna\n\n"
        "National Security Adviser John Bolton met Russian Security Council Secretary Nikolai "
        "Patrushev in Vienna on Monday to follow up on the Helsinki Summit between the two "
        "presidents.\n"
    )
    answer = {
        "meetings": [
            item(["John Bolton", "Nikolai Patrushev"], city="Vienna", forum="Helsinki Summit")
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert (meeting.location.city, meeting.forum) == ("Vienna", None)
    assert any("is named for another place than Vienna" in n for n in brief.notes)
    same_place = text.replace("in Vienna on Monday", "in Helsinki on Monday")
    answer["meetings"][0]["city"] = "Helsinki"
    brief, _ = brief_of(tmp_path, same_place, answer)
    assert brief.meetings[0].forum == "Helsinki Summit"


def test_a_weekday_any_such_day_is_no_date_and_a_date_stamp_gives_way_to_the_report(tmp_path):
    text = (
        "Date: 2024-03-16\n\n"
        "Ministers meet in Oslo\n\n"
        "Updated 9:12 a.m. ET, March 16, 2024\n\n"
        "Thanks for giving up part of your Sunday for this briefing.\n"
        "Foreign Minister Espen Eide met his Finnish counterpart Elina Valtonen in Oslo on "
        "Thursday to discuss Arctic cooperation.\n"
    )
    people = ["Espen Eide", "Elina Valtonen"]
    brief, _ = brief_of(tmp_path, text, {"meetings": [item(people, when="Sunday")]})
    assert brief.meetings[0].date.iso == "2024-03-14"  # the report's Thursday, not "a Sunday"
    assert any("names no date where the article writes it" in n for n in brief.notes)
    brief, _ = brief_of(tmp_path, text, {"meetings": [item(people, when="March 16, 2024")]})
    assert brief.meetings[0].date.iso == "2024-03-14"
    assert any("is a date line of its own" in n for n in brief.notes)
    undated = text.replace(" on Thursday", "")
    brief, _ = brief_of(tmp_path, undated, {"meetings": [item(people, when="March 16, 2024")]})
    assert brief.meetings[0].date.iso == "2024-03-16"  # the stamp, when the report has none


def test_the_date_of_their_last_meeting_is_not_this_ones(tmp_path):
    text = (
        "Date: 2024-05-30\n\n"
        "Envoys meet again\n\n"
        "US envoy Amos Hochstein met Lebanese Speaker Nabih Berri in Beirut. The last meeting "
        "between Hochstein and Berri took place in January 2024.\n"
    )
    answer = {"meetings": [item(["Amos Hochstein", "Nabih Berri"], when="January 2024")]}
    for written in (text, text.replace("between Hochstein", "between Mr. Hochstein")):
        brief, _ = brief_of(tmp_path, written, answer)
        assert brief.meetings[0].date.basis == "publication date"
        assert any("is the date of another event" in n for n in brief.notes)


def test_an_office_given_as_a_participant_is_no_person(tmp_path):
    text = (
        "Date: 2024-02-02\n\n"
        "Advisers meet in Malta\n\n"
        "National Security Advisor Jake Sullivan met Director of the Office of the Central "
        "Foreign Affairs Commission and Foreign Minister Wang Yi in Malta on Friday.\n"
    )
    office = "Director of the Office of the Central Foreign Affairs Commission"
    answer = {"meetings": [item(["Jake Sullivan", office, "Wang Yi"])]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert [p.name for p in brief.meetings[0].participants] == ["Jake Sullivan", "Wang Yi"]
    assert any("is an office, not a person" in n for n in brief.notes)


def test_a_weekday_with_no_publication_date_to_fix_it_is_kept_as_a_weekday(tmp_path):
    text = (
        "Leaders speak by phone\n\n"
        "President Alexander Stubb spoke with Prime Minister Mette Frederiksen by phone on "
        "Tuesday about Baltic security.\n"
    )
    answer = {"meetings": [item(["Alexander Stubb", "Mette Frederiksen"])]}
    brief, _ = brief_of(tmp_path, text, answer)
    date = brief.meetings[0].date
    assert (date.start, date.weekday, date.phrase) == (None, "tuesday", "on Tuesday")


PLANS = (
    "Date: 2024-10-02\n\n"
    "Ministers meet in Ottawa\n\n"
    "Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena in Ottawa on "
    "Tuesday. They discussed trade.\n"
    "Joly will travel to Washington next week, where she is expected to meet Secretary of "
    "State Antony Blinken.\n"
)


def test_a_meeting_still_to_come_is_asked_sentence_by_sentence_and_kept_announced(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [
        {"participants": ["Joly", "Antony Blinken"], "when": "next week", "city": "Washington"}
    ]
    brief, questions = brief_of(tmp_path, PLANS, held, plans=plans)
    assert questions.count("PlansAnswer") == 1  # one sentence speaks of a meeting to come
    statuses = [(m.status, [p.name for p in m.participants]) for m in brief.meetings]
    assert statuses == [
        ("held", ["Melanie Joly", "Alicia Barcena"]),
        ("announced", ["Joly", "Antony Blinken"]),
    ]
    planned = brief.meetings[1]
    assert planned.location.city == "Washington" and planned.date.iso == "2024-10-07/2024-10-13"
    assert PLANS[planned.evidence.start : planned.evidence.end].startswith("Joly will travel")
    assert len(merge_briefs([brief], summaries=False)) == 1  # an announced one is no record


def test_a_planned_meeting_of_people_the_article_does_not_name_is_dropped(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [{"participants": ["Justin Trudeau"], "when": "", "city": ""}]
    brief, _ = brief_of(tmp_path, PLANS, held, plans=plans)
    assert [m.status for m in brief.meetings] == ["held"]
    assert any("Justin Trudeau" in n and "not named" in n for n in brief.notes)


def test_a_meeting_to_come_the_answer_lists_already_is_not_asked_again(tmp_path):
    both = {
        "meetings": [
            item(["Melanie Joly", "Alicia Barcena"], city="Ottawa"),
            item(["Melanie Joly", "Antony Blinken"], "announced", city="Washington"),
        ]
    }
    plans = [{"participants": ["Joly", "Antony Blinken"], "when": "next week", "city": ""}]
    brief, questions = brief_of(tmp_path, PLANS, both, plans=plans)
    assert [m.status for m in brief.meetings] == ["held", "announced"]
    assert "PlansAnswer" not in questions  # its sentence reports a listed meeting


COMMENTARY = (
    "Date: 2024-11-20\n\n"
    "What the Lima handshake hides\n\n"
    "On Saturday, President Joe Biden met Chinese President Xi Jinping in Lima. As a former "
    "diplomat who served in Beijing, I believe the meeting changed little. Both sides will "
    "keep testing each other.\n"
)


def test_commentary_reports_no_held_meeting_the_meeting_it_discusses_is_background(tmp_path):
    answer = {"meetings": [item(["Joe Biden", "Xi Jinping"], city="Lima")]}
    brief, asked = brief_of(tmp_path, COMMENTARY, answer)
    assert brief.meetings == [] and not brief.reports_meeting
    assert [b.text for b in brief.background] == [
        "On Saturday, President Joe Biden met Chinese President Xi Jinping in Lima."
    ]
    assert "ContentAnswer" not in asked
    assert any("commentary, not a report" in n for n in brief.notes)
    assert merge_briefs([brief], summaries=False) == []


def test_a_first_person_view_inside_a_quotation_or_a_transcript_is_no_commentary(tmp_path):
    answer = {"meetings": [item(["Joe Biden", "Xi Jinping"], city="Lima")]}
    quoted = COMMENTARY.replace(
        "As a former diplomat who served in Beijing, I believe the meeting changed little.",
        '"As a former diplomat, I believe the meeting changed little," one analyst said.',
    )
    transcript = COMMENTARY.replace(
        "As a former",
        "\nMR. SULLIVAN: The meeting went well.\nQ: Thank you. As a former",
    )
    for text in (quoted, transcript):
        brief, _ = brief_of(tmp_path, text, answer)
        assert [m.status for m in brief.meetings] == ["held"]


def test_a_meeting_still_to_come_is_dated_from_its_own_sentence_weekdays_forward(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [{"participants": ["Joly", "Antony Blinken"], "when": "", "city": ""}]
    thursday = PLANS.replace("next week", "on Thursday")  # published on Wednesday 2 October
    brief, _ = brief_of(tmp_path, thursday, held, plans=plans)
    assert brief.meetings[1].date.iso == "2024-10-03"
    undated = PLANS.replace(" next week", "")
    brief, _ = brief_of(tmp_path, undated, held, plans=plans)
    assert brief.meetings[1].date.start is None  # not the held meeting's Tuesday


def test_a_sentence_a_held_meeting_is_found_in_may_still_announce_the_next_one(tmp_path):
    text = (
        "Date: 2024-10-02\n\n"
        "Ministers meet in Ottawa\n\n"
        "Melanie Joly and Alicia Barcena will meet again in Mexico City next month.\n"
        "Joly met Barcena in Ottawa on Tuesday. They discussed trade.\n"
    )
    held = {
        "meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa", when="on Tuesday")]
    }
    plans = [{"participants": ["Melanie Joly", "Alicia Barcena"], "when": "next month", "city": ""}]
    brief, questions = brief_of(tmp_path, text, held, plans=plans)
    assert questions.count("PlansAnswer") == 1
    assert [m.status for m in brief.meetings] == ["held", "announced"]


def test_a_news_agency_is_no_participant(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [{"participants": ["Joly", "Reuters"], "when": "", "city": ""}]
    text = PLANS.replace("Secretary of State Antony Blinken.", "Reuters reporters.")
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    assert [p.name for p in brief.meetings[1].participants] == ["Joly"]
    assert any("'Reuters' is a news agency" in n for n in brief.notes)


def test_a_plan_of_words_that_are_no_names_is_dropped(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    for junk in (
        "Both",
        "Both sides",
        "next week",
        "U. S.",
        "Secretary of State Antony Blinken of the",
        "NATO",  # a body
        "NATO Deputy Secretary",  # an office
        "Washington",  # a capital standing for its government
    ):
        plans = [{"participants": [junk], "when": "", "city": ""}]
        text = PLANS.replace(
            "Joly will travel", "Both sides said U. S. officials, NATO and Joly will"
        ).replace("next week,", "next week to see the NATO Deputy Secretary,")
        brief, _ = brief_of(tmp_path, text, held, plans=plans)
        assert [m.status for m in brief.meetings] == ["held"], junk


TRANSCRIPT = (
    "---\n"
    'title: "Remarks by Prime Minister Albanese and President Prabowo Before Their Meeting'
    ' | Canberra, Australia"\n'
    "date: '2025-05-15'\n---\n\nParliament House\n\n11:02 A.M. AEST\n\n"
    "PRIME MINISTER ALBANESE:  Welcome, President Prabowo.  The last time we met was in 2023, "
    "during the ASEAN Summit in Jakarta.  I spoke with your team on Monday about this visit.\n\n"
    "PRESIDENT PRABOWO:  Thank you, Prime Minister.  It is good to see you again.\n\n"
    "PRIME MINISTER ALBANESE:  We will talk about trade and security.\n"
)


def test_the_transcript_of_a_meeting_gives_its_day_and_place_and_not_the_dates_spoken_in_it(
    tmp_path,
):
    # Both participants speak turns: the meeting is the one the transcript records, held on
    # its day in the place of its title; "on Monday" and "the ASEAN Summit" in 2023 are
    # other events the speakers name.
    answer = {
        "meetings": [
            item(["Albanese", "Prabowo"], forum="ASEAN Summit", when="on Monday"),
        ]
    }
    brief, _ = brief_of(tmp_path, TRANSCRIPT, answer)
    (meeting,) = brief.meetings
    assert meeting.status == "held" and meeting.date.iso == "2025-05-15"
    assert (meeting.location.city, meeting.location.country) == ("Canberra", "Australia")
    assert meeting.forum is None
    assert any("transcript of the meeting itself" in n for n in brief.notes)


def test_a_transcript_of_one_speaker_is_no_record_of_the_meetings_it_tells_of(tmp_path):
    text = TRANSCRIPT.replace("PRESIDENT PRABOWO:", "Q:")
    answer = {"meetings": [item(["Albanese", "Prabowo"], when="on Monday")]}
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert meeting.date.iso == "2025-05-12" and meeting.location.city is None


def test_a_forum_named_only_with_another_year_is_another_gathering(tmp_path):
    text = (
        "Date: 2024-11-17\n\nBiden met Xi in Lima on Saturday. One year ago, they met at the "
        "APEC summit in San Francisco.\n"
    )
    answer = {"meetings": [item(["Biden", "Xi"], city="Lima", forum="APEC", when="on Saturday")]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.meetings[0].forum is None
    assert any("another date than the meeting's" in n for n in brief.notes)
    kept = text.replace("One year ago, they", "On Saturday they")
    brief, _ = brief_of(tmp_path, kept, answer)
    assert brief.meetings[0].forum == "APEC"


def test_a_participants_country_is_no_place_the_article_never_names_as_one(tmp_path):
    text = (
        "Date: 2020-09-10\n\nIndian Foreign Minister S Jaishankar held talks with Russian "
        "Foreign Minister Sergey Lavrov on Wednesday on the sidelines of the SCO meeting.\n"
    )
    people = [("S Jaishankar", "India"), ("Sergey Lavrov", "Russia")]
    answer = {"meetings": [item(people, country="Russia", when="on Wednesday")]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.meetings[0].location.country is None
    stated = text.replace("on Wednesday on", "in Russia on Wednesday on")
    brief, _ = brief_of(tmp_path, stated, answer)
    assert brief.meetings[0].location.country == "Russia"


def test_a_round_up_entry_naming_the_counterpart_alone_gets_the_host_the_article_names(tmp_path):
    text = (
        "Date: 2024-05-10\n\nForeign Minister Penny Wong met Fiji's Prime Minister Sitiveni "
        "Rabuka in Suva on Thursday.\nMinister Wong also met Tonga's Foreign Minister Fekitamoeloa "
        "Utoikamanu.\nTonga's Crown Prince Tupouto'a also met Utoikamanu's deputy, Sione Vea.\n"
    )
    answer = {
        "meetings": [
            item([("Penny Wong", "Australia"), ("Sitiveni Rabuka", "Fiji")], city="Suva"),
            item([("Fekitamoeloa Utoikamanu", "Tonga")]),
            item([("Sione Vea", "Tonga")]),  # named with two people of the other entries
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    assert [[p.name for p in m.participants] for m in brief.meetings] == [
        ["Penny Wong", "Sitiveni Rabuka"],
        ["Penny Wong", "Fekitamoeloa Utoikamanu"],
    ]
    assert any("'Fekitamoeloa Utoikamanu' alone, with 'Penny Wong'" in n for n in brief.notes)
    said = text.replace("Minister Wong also met", "Minister Wong praised")
    brief, _ = brief_of(tmp_path, said, answer)  # a sentence that tells of no meeting
    assert len(brief.meetings) == 1


def test_a_country_without_a_city_of_that_name_gives_way_to_the_citys_own(tmp_path):
    text = (
        "Date: 2025-10-30\n\nUS President Donald Trump met Chinese President Xi Jinping in "
        "Gyeongju, South Korea, on Thursday, days after North Korea fired missiles.\n"
    )
    answer = {
        "meetings": [
            item(["Donald Trump", "Xi Jinping"], city="Gyeongju", country="North Korea"),
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.meetings[0].location.country == "South Korea"
    assert any("no Gyeongju is in North Korea" in n for n in brief.notes)
    bali = (
        "Date: 2022-11-14\n\nAs Indian officials looked on, US President Joe Biden met Chinese "
        "President Xi Jinping in Bali, Indonesia, on Monday.\n"
    )
    answer = {"meetings": [item(["Joe Biden", "Xi Jinping"], city="Bali", country="Indonesia")]}
    brief, _ = brief_of(tmp_path, bali, answer)  # GeoNames' larger Bāli is in India
    assert brief.meetings[0].location.country == "Indonesia"


class PlaceSpeaker(RoundUp):
    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        if request["tools"][0]["function"]["name"] == "SpeakerAnswer":
            return tool_reply("SpeakerAnswer", {"speaker": "Beijing"})
        return super().respond(request, raw)


def test_a_place_given_as_the_speaker_gives_way_to_the_participant_said_to_say_it(tmp_path):
    text = (
        "Date: 2023-06-19\n\nBlinken meets Wang in Beijing\n\n"
        "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing "
        "on Monday.\n"
        'State media reported Mr Wang told Mr Blinken that Beijing had "no room to compromise '
        'on this" during the talks.\n'
    )
    answer = {"meetings": [item(["Antony Blinken", "Wang Yi"], city="Beijing")]}
    path = tmp_path / "place.txt"
    path.write_text(text, encoding="utf-8")
    with PlaceSpeaker(answer) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
    (statement,) = brief.meetings[0].statements
    assert statement.speaker == "Wang Yi" and statement.attributed_by == "text"
    assert any("'Beijing' is a place" in n for n in brief.notes)
    path.write_text(text.replace("Mr Wang told", "Wang Yi told"), encoding="utf-8")
    with PlaceSpeaker(answer) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
    assert brief.meetings[0].statements[0].speaker == "Wang Yi"


class DescribedSpeaker(RoundUp):
    def __init__(self, meetings: dict[str, Any], speaker: str) -> None:
        super().__init__(meetings)
        self.speaker = speaker

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        if request["tools"][0]["function"]["name"] == "SpeakerAnswer":
            return tool_reply("SpeakerAnswer", {"speaker": self.speaker})
        return super().respond(request, raw)


def _speaker_of(tmp_path: Any, text: str, answer: dict[str, Any], speaker: str) -> Any:
    path = tmp_path / "described.txt"
    path.write_text(text, encoding="utf-8")
    with DescribedSpeaker(answer, speaker) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
    return brief.meetings[0].statements[0], brief.notes


def test_a_speaker_given_as_an_office_is_the_person_the_article_names_so(tmp_path):
    text = (
        "Date: 2020-09-11\n\nJaishankar meets Lavrov in Moscow\n\n"
        "Jaishankar met Russian Foreign Minister Sergey Lavrov in Moscow on Thursday, ministry "
        "spokesman Anurag Srivastava said.\n"
        "The two ministers discussed trade.\n"
        '"He had fruitful meetings," the spokesman told reporters in Moscow at the Russian '
        "Foreign Ministry.\n"
    )
    answer = {"meetings": [item([("S Jaishankar", "India"), ("Sergey Lavrov", "Russia")])]}
    statement, notes = _speaker_of(tmp_path, text, answer, "Spokesman")
    assert statement.speaker == "Anurag Srivastava" and not statement.by_participant
    assert "quote at" in next(n for n in notes if "'Spokesman' is 'Anurag Srivastava'" in n)
    statement, _ = _speaker_of(tmp_path, text, answer, "Russian Foreign Minister")
    assert statement.speaker == "Sergey Lavrov" and statement.by_participant
    # A place, a body, an office the article gives no one, or an office with a country that
    # a participant of that country need not hold, stays as answered.
    for kept in ("Moscow", "Russian Foreign Ministry", "the Russian minister", "the ministers"):
        statement, _ = _speaker_of(tmp_path, text, answer, kept)
        assert statement.speaker == kept


def test_a_forum_named_where_the_article_places_the_meeting_is_where_they_met(tmp_path):
    filler = "Trade and tariffs were on the table, as they have been all year. " * 8
    text = (
        "Date: 2025-10-30\n\nUS President Donald Trump and Chinese leader Xi Jinping held a "
        f"meeting on Thursday.\n\n{filler}\n\nThe meeting took place at an air base in Busan, "
        "soon after Xi arrived for the Apec summit.\n"
    )
    answer = {"meetings": [item(["Donald Trump", "Xi Jinping"], city="Busan", forum="APEC")]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.meetings[0].forum == "APEC"
    far = text.replace("an air base in Busan, soon after", "an air base. Soon after")
    brief, _ = brief_of(tmp_path, far, answer)
    assert brief.meetings[0].forum is None


def test_a_meeting_to_come_the_article_does_not_date_has_no_date(tmp_path):
    text = "Date: 2024-10-02\n\nJoly will meet Blinken in Washington to discuss trade.\n"
    answer = {"meetings": [item(["Joly", "Blinken"], status="announced", city="Washington")]}
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert meeting.status == "announced" and meeting.date.start is None  # not the week before


def test_a_plans_person_given_with_the_office_before_the_name_is_kept(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [{"participants": ["Joly", "Secretary of State Blinken"], "when": "", "city": ""}]
    text = PLANS.replace("Secretary of State Antony Blinken", "Secretary of State Blinken")
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    assert [m.status for m in brief.meetings] == ["held", "announced"]


def test_a_held_call_is_not_dated_by_the_month_of_the_visit_it_led_to(tmp_path):
    text = (
        "Date: 2025-11-24\n\nTrump to visit China\n\n"
        "President Donald Trump has said he agreed to visit Beijing in April, following a "
        "phone call with Chinese President Xi Jinping.\n"
    )
    held = item(["Donald Trump", "Xi Jinping"])
    brief, _ = brief_of(tmp_path, text, {"meetings": [held]})
    (call,) = brief.meetings
    assert call.status == "held" and call.mode == "phone"
    assert call.date.iso == "2025-11-17/2025-11-24"  # the week before publication, not April
    planned = item(["Donald Trump", "Xi Jinping"], status="announced", when="in April")
    brief, _ = brief_of(tmp_path, text, {"meetings": [planned]})
    visit = brief.meetings[0]
    assert visit.date.phrase == "in April"  # the plan keeps its own month, read forward
    assert visit.status == "announced" and visit.date.iso == "2026-04"
    planned = item(["Donald Trump", "Xi Jinping"], status="announced", when="in April 2025")
    brief, _ = brief_of(
        tmp_path, text.replace("in April", "in April 2025"), {"meetings": [planned]}
    )
    assert brief.meetings[0].date.iso == "2025-04"  # its year is written: as it is


def test_a_quote_told_according_to_someone_is_theirs_without_asking(tmp_path):
    text = (
        "Date: 2025-02-18\n\nRubio meets Lavrov\n\n"
        "US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Riyadh "
        "on Tuesday.\n"
        "According to State Department spokeswoman Tammy Bruce, the two agreed to "
        '"lay the groundwork for future cooperation".\n'
    )
    answer = {"meetings": [item(["Marco Rubio", "Sergei Lavrov"], city="Riyadh")]}
    brief, asked = brief_of(tmp_path, text, answer)
    (statement,) = brief.meetings[0].statements
    assert statement.speaker == "Tammy Bruce" and statement.attributed_by == "text"
    assert "SpeakerAnswer" not in asked


@pytest.mark.parametrize(
    ("phrase", "days", "expected"),
    [
        ("in April", False, "2026-04"),  # a month with no year, in a plan: next April
        ("on April 10", True, "2026-04-10"),  # a day of a month, in the plans question's plan
        ("on April 10", False, "2025-04-10"),  # the model's "announced": may be a held day
        ("on Thursday", True, "2025-11-27"),
        ("last Thursday", True, "2025-11-20"),  # a word fixes it in the past
        ("last month", True, "2025-10"),
        ("in April this year", True, "2025-04"),
        ("in April 2025", True, "2025-04"),  # its year is written
    ],
)
def test_a_plans_date_told_without_its_year_is_read_forward(phrase, days, expected):
    from summarizer.dates import parse_date_phrase
    from summarizer.meeting import _ahead

    published = date(2025, 11, 24)
    basis = "stated" if "2025" in phrase else "relative to publication date"
    value = parse_date_phrase(phrase, published, language="en").stated(phrase, None, basis)
    assert _ahead(value, published, "en", days=days).iso == expected


CALL_UNNAMED = """Date: 2025-02-12

Trump and Putin agree to start talks on Ukraine

US President Donald Trump said on Wednesday that he and Russian President Vladimir Putin had
agreed to begin negotiations on ending the war.
The Republican disclosed the conversation in a post, saying they would work together closely.
{call}
"""


def test_a_meeting_with_no_place_and_no_word_of_how_is_the_call_the_article_tells_of(tmp_path):
    answer = {"meetings": [item(["Donald Trump", "Vladimir Putin"], when="on Wednesday")]}
    text = CALL_UNNAMED.format(call="The phone call came shortly after a prisoner swap.")
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert (meeting.mode, meeting.location.city) == ("phone", None)
    assert any("tells of a call: phone" in n for n in brief.notes)
    # no call told of: how they met stays unknown
    brief, _ = brief_of(tmp_path, CALL_UNNAMED.format(call=""), answer)
    assert brief.meetings[0].mode == "other"
    # a place says they met in person
    placed = {"meetings": [item(["Donald Trump", "Vladimir Putin"], city="Washington")]}
    text = text.replace("agreed to", "agreed in Washington to")
    brief, _ = brief_of(tmp_path, text, placed)
    assert brief.meetings[0].mode != "phone"


ONE_SIDE = """Date: 2024-11-17

Biden meets Xi in Lima

US President Joe Biden met Chinese President Xi Jinping in Lima, Peru, on Saturday.
National security adviser Jake Sullivan briefed President Biden before the talks.
"""


def test_people_of_one_country_met_abroad_are_a_delegation_not_the_meeting(tmp_path):
    us, china = "United States", "China"
    answer = {
        "meetings": [
            item([("Joe Biden", us), ("Xi Jinping", china)], city="Lima", when="on Saturday"),
            item([("Jake Sullivan", us), ("Joe Biden", us)], city="Lima", country="Peru"),
        ]
    }
    brief, _ = brief_of(tmp_path, ONE_SIDE, answer)
    assert [[p.name for p in m.participants] for m in brief.meetings] == [
        ["Joe Biden", "Xi Jinping"]
    ]
    assert any("not a meeting between sides, dropped" in n for n in brief.notes)
    # at home, one country for all is no sign of a delegation abroad
    home = ONE_SIDE.replace("in Lima, Peru,", "in Washington, United States,")
    answer = {"meetings": [item([("Jake Sullivan", us), ("Joe Biden", us)], country=us)]}
    brief, _ = brief_of(tmp_path, home, answer)
    assert len(brief.meetings) == 1


def test_a_day_with_no_year_takes_the_year_the_article_writes_it_with(tmp_path):
    text = (
        "Putin, Modi hold informal talks\n\n"
        "Russian President Vladimir Putin welcomed Indian Prime Minister Narendra Modi late on "
        "July 8 at his residence outside Moscow.\n"
        "Photo: the residence near Moscow, Russia July 8, 2024.\n"
    )
    answer = {"meetings": [item(["Vladimir Putin", "Narendra Modi"], city="Moscow")]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.published is None
    assert brief.meetings[0].date.iso == "2024-07-08"
    # two years written for that day: none is taken
    brief, _ = brief_of(tmp_path, text.replace("2024.", "2024, and July 8, 2023."), answer)
    assert brief.meetings[0].date.iso is None


MINISTERS_WEEK = """Date: 2019-08-07

Ministry of Law strengthens bilateral ties

1. Minister for Law K Shanmugam met Myanmar's Attorney-General Tun Tun Oo on the sidelines of \
the Singapore Convention Signing Ceremony on 7 August 2019. They discussed legal cooperation.

2. Minister Shanmugam also met Ukraine Minister of Justice Pavlo Petrenko. In addition, Senior \
Minister of State Edwin Tong met with Mongolia Vice Minister of Justice Ganbat Elbegsaikhan.

3. The ministry thanked all delegations.
"""


class BySentence(RoundUp):
    """Gives the minister alone to the meetings question; reads each sentence when asked."""

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        name = request["tools"][0]["function"]["name"]
        if name != "MetAnswer":
            return super().respond(request, raw)
        passage = request["messages"][-1]["content"].split("</passage>")[0]
        last = passage.strip().split("\n")[-1].split(". ")[-1]
        pairs = [
            ("Tun Tun Oo", ["K Shanmugam", "Tun Tun Oo"]),
            ("Elmedin", ["K Shanmugam"]),  # never asked: no such sentence
            ("Ganbat", ["Edwin Tong", "Ganbat Elbegsaikhan"]),
            ("Petrenko", ["Shanmugam", "Pavlo Petrenko"]),
        ]
        found = [
            {"participants": people, "when": "", "city": ""} for cue, people in pairs if cue in last
        ]
        return tool_reply(name, {"meetings": found[:1]})


def test_a_minister_given_alone_is_asked_about_sentence_by_sentence(tmp_path):
    alone = {"meetings": [item(["K Shanmugam"]), item(["Minister Shanmugam"])]}
    path = tmp_path / "roundup.txt"
    path.write_text(MINISTERS_WEEK, encoding="utf-8")
    with BySentence(alone) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
        asked = fake.questions()
    met = [sorted(p.name for p in m.participants) for m in brief.meetings]
    assert met == [
        ["K Shanmugam", "Tun Tun Oo"],
        ["Pavlo Petrenko", "Shanmugam"],
        ["Edwin Tong", "Ganbat Elbegsaikhan"],
    ]
    assert asked.count("MetAnswer") == 3  # the three sentences that speak of a meeting
    assert any("asked sentence by sentence" in n for n in brief.notes)


def test_an_answer_that_grounds_a_meeting_asks_nothing_sentence_by_sentence(tmp_path):
    _, asked = brief_of(tmp_path, ROUND_UP, MEETINGS)
    assert "MetAnswer" not in asked


def test_one_more_meeting_of_a_round_up_took_place_where_and_when_the_one_before_did(tmp_path):
    alone = {"meetings": [item(["K Shanmugam"])]}
    path = tmp_path / "roundup.txt"
    path.write_text(MINISTERS_WEEK, encoding="utf-8")
    with BySentence(alone) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
    first, also, other = brief.meetings
    assert first.forum == "Singapore Convention Signing Ceremony"  # read after "sidelines of"
    assert first.date.iso == "2019-08-07"
    # "Minister Shanmugam also met ...": his meeting before it gives what this one lacks
    assert (also.forum, also.date.iso, also.mode) == (first.forum, "2019-08-07", "sidelines")
    assert any("told of as one more meeting" in n for n in brief.notes)
    # "In addition, Edwin Tong met ...": none of the same people, nothing taken
    assert other.forum is None


def test_a_plans_question_shows_the_sentence_before_only_where_its_sentence_refers_back(
    tmp_path,
):
    text = (
        "Date: 2024-04-03\n\n"
        "Biden and Xi talk\n\n"
        "President Joe Biden spoke with Chinese President Xi Jinping by phone on Tuesday. It "
        "precedes expected visits to China by Treasury Secretary Janet Yellen in the coming "
        "weeks. The two leaders will also meet in person in November.\n"
    )
    held = {"meetings": [item(["Joe Biden", "Xi Jinping"], when="on Tuesday")]}
    passages: list[str] = []

    class Plans(RoundUp):
        def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
            if request["tools"][0]["function"]["name"] == "PlansAnswer":
                passages.append(request["messages"][-1]["content"].split("</passage>")[0])
            return super().respond(request, raw)

    path = tmp_path / "call.txt"
    path.write_text(text, encoding="utf-8")
    with Plans(held) as fake, Summarizer(settings_for(fake)) as s:
        s.brief(path)
    yellen, leaders = passages
    assert "Yellen" in yellen and "Biden" not in yellen  # it names its own people
    assert "Yellen" in leaders and "The two leaders" in leaders  # who "the two leaders" are


def test_a_plan_of_the_two_leaders_is_theirs_where_the_answer_names_no_one(tmp_path):
    text = (
        "Date: 2024-01-28\n\n"
        "Sullivan and Wang meet in Bangkok\n\n"
        "National Security Advisor Jake Sullivan met Foreign Minister Wang Yi in Bangkok on "
        "Friday, on the instructions of President Biden and President Xi Jinping. The two sides "
        "agreed to pursue a telephone call between the two leaders in the coming months.\n"
    )
    held = {"meetings": [item(["Jake Sullivan", "Wang Yi"], city="Bangkok", when="on Friday")]}
    garbage = [{"participants": ["The two sides", "the cabinet level"], "when": "", "city": ""}]
    brief, asked = brief_of(tmp_path, text, held, plans=garbage)
    assert "PlansAnswer" in asked
    (plan,) = [m for m in brief.meetings if m.status == "announced"]
    assert [p.name for p in plan.participants] == ["Biden", "Xi Jinping"]
    assert any("the leaders meant are Biden and Xi Jinping" in n for n in brief.notes)
    named = [{"participants": ["Antony Blinken"], "when": "", "city": "Beijing"}]
    brief, _ = brief_of(
        tmp_path, text.replace("two leaders", "two leaders and Antony Blinken"), held, plans=named
    )
    assert [
        [p.name for p in m.participants] for m in brief.meetings if m.status == "announced"
    ] == [["Antony Blinken"]]  # an answer kept: the model's reading stands


def test_a_group_described_is_no_participant_and_makes_no_meeting(tmp_path):
    text = (
        "Date: 2022-07-12\n\n"
        "La Banque de France confirme son projet\n\n"
        "Ce mardi 12 juillet, le conseil général de la Banque de France a adopté le projet "
        "d'une nouvelle imprimerie à Vic-le-Comte, a indiqué Vincent Bonnier.\n"
    )
    groups = ["Le conseil général de la Banque de France", "Le personnel de Chamalières (560)"]
    brief, asked = brief_of(tmp_path, text, {"meetings": [item(groups, city="Vic-le-Comte")]})
    assert brief.meetings == []
    assert asked.count("MeetingsAnswer") == 3  # no entry the article supports: re-asked
    assert any("describes a group, not a person" in n for n in brief.notes)


def test_a_day_the_model_dated_in_another_year_is_read_as_the_article_writes_it(tmp_path):
    text = (
        "Date: 2022-06-30\n\n"
        "A leaked call\n\n"
        "Emmanuel Macron spoke with Vladimir Putin for an hour and forty-five minutes. The call "
        "took place on February 20, four days before the war.\n"
    )
    answer = {
        "meetings": [item(["Emmanuel Macron", "Vladimir Putin"], when="on February 20, 2025")]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert meeting.status == "held"  # not 'after publication': the article's day is 2022's
    assert (meeting.date.iso, meeting.date.phrase) == ("2022-02-20", "February 20")


AGREED_VISITS = (
    "Date: 2024-10-02\n\n"
    "Leaders talk in Ottawa\n\n"
    "Prime Minister Justin Trudeau met Mexican President Claudia Sheinbaum in Ottawa on "
    "Tuesday. The two leaders agreed that Foreign Minister Melanie Joly will visit Mexico.\n"
    "The talks come ahead of expected visits to Mexico by Finance Minister Chrystia Freeland "
    "and Trade Minister Mary Ng in the coming weeks.\n"
)


def test_a_plans_people_are_the_ones_its_sentence_names_where_it_refers_to_no_one_else(
    tmp_path,
):
    held = {"meetings": [item(["Justin Trudeau", "Claudia Sheinbaum"], city="Ottawa")]}
    # The model adds the one who agreed to the plan, and the one of the sentence before.
    plans = [{"participants": ["Justin Trudeau", "Melanie Joly"], "when": "", "city": ""}]
    brief, _ = brief_of(tmp_path, AGREED_VISITS, held, plans=plans)
    announced = [[p.name for p in m.participants] for m in brief.meetings[1:]]
    assert announced[0] == ["Melanie Joly"]
    assert any("'Justin Trudeau' is not named in the plan's sentence" in n for n in brief.notes)


def test_a_plan_keeps_a_person_its_sentence_refers_to_without_naming():
    from summarizer.questions import unnamed_party

    for sentence in (
        "The two leaders are expected to meet again in Lima next month.",
        "Trudeau will host him in Ottawa next week.",
        "Joly is to meet her Mexican counterpart on Friday.",
        "The meeting will take place before Trudeau returns to Ottawa.",
        "It will be the first meeting for both leaders since the election.",
        "He will meet Russian President Vladimir Putin in Moscow next week.",
        "The chancellor is due to travel to Beijing to meet Xi Jinping next month.",
        "Lavrov will travel to Pyongyang to meet North Korea's leader next month.",
    ):
        assert unnamed_party(sentence, "en"), sentence
    for sentence in (
        "The two leaders agreed that Foreign Minister Melanie Joly will visit Mexico.",
        "A Mexican delegation is to meet Chrystia Freeland ahead of the leaders' talks.",
    ):
        assert not unnamed_party(sentence, "en"), sentence


def test_trips_in_the_plural_make_one_plan_for_each_traveller(tmp_path):
    held = {"meetings": [item(["Justin Trudeau", "Claudia Sheinbaum"], city="Ottawa")]}
    plans = [{"participants": ["Chrystia Freeland", "Mary Ng"], "when": "", "city": ""}]
    text = AGREED_VISITS.replace(
        " The two leaders agreed that Foreign Minister Melanie Joly will visit Mexico.", ""
    )
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    announced = [[p.name for p in m.participants] for m in brief.meetings if m.status != "held"]
    assert ["Chrystia Freeland"] in announced and ["Mary Ng"] in announced
    assert ["Chrystia Freeland", "Mary Ng"] not in announced
    from summarizer.questions import trips_taken_by

    assert trips_taken_by("Freeland's and Ng's upcoming trips were confirmed.", "en")
    for verb_or_shared in (
        "Trudeau visits Mexico City with Joly next week.",
        "Xi will host Biden when the president visits Beijing next month.",
        "Sheinbaum will receive Freeland and Ng during their visits to Mexico.",
    ):
        assert trips_taken_by(verb_or_shared, "en") is None, verb_or_shared


def test_the_host_of_trips_in_the_plural_is_in_each_travellers_plan(tmp_path):
    text = (
        "Date: 2024-10-02\n\nSheinbaum's agenda\n\n"
        "President Claudia Sheinbaum will host upcoming visits by Finance Minister Chrystia "
        "Freeland and Trade Minister Mary Ng next month.\n"
    )
    plans = [
        {
            "participants": ["Claudia Sheinbaum", "Chrystia Freeland", "Mary Ng"],
            "when": "",
            "city": "",
        }
    ]
    brief, _ = brief_of(tmp_path, text, {"meetings": []}, plans=plans)
    announced = [sorted(p.name for p in m.participants) for m in brief.meetings]
    assert announced == [
        ["Chrystia Freeland", "Claudia Sheinbaum"],
        ["Claudia Sheinbaum", "Mary Ng"],
    ]


def test_a_held_meeting_is_not_dated_by_the_meeting_it_sets_the_stage_for(tmp_path):
    text = (
        "Date: 2024-10-02\n\nJoly meets Barcena\n\n"
        "Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena in Ottawa "
        "to set the stage for a Trudeau-Sheinbaum summit, most likely on the sidelines of the "
        "G20 next month.\n"
    )
    answer = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    brief, _ = brief_of(tmp_path, text, answer)
    (meeting,) = brief.meetings
    assert meeting.status == "held"  # not "dated after publication: announced"
    assert meeting.date.iso == "2024-09-25/2024-10-02"  # the week before publication
    # nor held at the forum named for the meeting it prepares
    answer = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], forum="G20")]}
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.meetings[0].forum is None
    assert any("a meeting the sentence tells is being prepared" in n for n in brief.notes)
    # an agreement reached at the meeting prepares nothing to come: the forum stays
    reached = (
        "Date: 2024-10-02\n\nJoly meets Barcena\n\n"
        "Foreign Minister Melanie Joly and Mexican Foreign Secretary Alicia Barcena agreed to "
        "resume trade talks at their meeting on the sidelines of the G20 on Tuesday.\n"
    )
    brief, _ = brief_of(tmp_path, reached, answer)
    assert brief.meetings[0].forum == "G20"


def test_a_country_given_with_the_dateline_city_goes_with_it(tmp_path):
    text = (
        "Date: 2024-10-02\n\nJoly meets Barcena\n\n"
        "Mexico City, October 1 - Foreign Minister Melanie Joly met Mexican Foreign Secretary "
        "Alicia Barcena on Tuesday, a Mexican official said.\n"
    )
    answer = {
        "meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Mexico City", country="Mexico")]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    assert brief.meetings[0].location.country is None
    assert any("is the dateline's, not where they met" in n for n in brief.notes)
    # where the article names the country as a place outside the dateline, it stays
    told = text.replace("on Tuesday,", "on Tuesday in Mexico,")
    brief, _ = brief_of(tmp_path, told, answer)
    assert brief.meetings[0].location.country == "Mexico"


LEAD_MISSED = (
    "Date: 2024-10-03\n\n"
    "Sheinbaum in Ottawa\n\n"
    "Mexican President Claudia Sheinbaum was received on Wednesday in Ottawa by Prime "
    "Minister Justin Trudeau for talks on trade.\n"
    "Earlier, Sheinbaum met Foreign Minister Melanie Joly, who said the talks were useful.\n"
)


class LeadReader(RoundUp):
    """Answers the meetings question with the later meeting only; reads the lead when asked."""

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        name = request["tools"][0]["function"]["name"]
        if name != "MetAnswer":
            return super().respond(request, raw)
        people = ["Claudia Sheinbaum", "Justin Trudeau"]
        return tool_reply(name, {"meetings": [{"participants": people, "when": "", "city": ""}]})


def test_the_meeting_the_lead_tells_of_is_asked_about_where_the_answer_missed_it(tmp_path):
    later = {"meetings": [item(["Claudia Sheinbaum", "Melanie Joly"], city="Ottawa")]}
    path = tmp_path / "lead.txt"
    path.write_text(LEAD_MISSED, encoding="utf-8")
    with LeadReader(later) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
        asked = fake.questions()
    met = [sorted(p.name for p in m.participants) for m in brief.meetings]
    assert ["Claudia Sheinbaum", "Justin Trudeau"] in met
    assert ["Claudia Sheinbaum", "Melanie Joly"] in met
    assert asked.count("MetAnswer") == 1
    assert any("the lead names 'Justin Trudeau'" in n for n in brief.notes)
    # where the answer lists the lead's meeting, nothing more is asked
    both = {"meetings": [*later["meetings"], item(["Claudia Sheinbaum", "Justin Trudeau"])]}
    with LeadReader(both) as fake, Summarizer(settings_for(fake)) as s:
        s.brief(path)
        assert "MetAnswer" not in fake.questions()


def test_a_lead_names_no_one_to_ask_about_for_an_office_a_place_or_a_gathering():
    from summarizer.article import Article
    from summarizer.state import ArticleState, person_named

    text = "President Donald Trump spoke with Putin in Saudi Arabia before the BRICS Summit.\n"
    src = ArticleState.read(Article(id="x", sha256="0", text=text))
    assert person_named("President Donald Trump", src) == "Donald Trump"
    for run in ("Saudi Arabia", "Minister for Home Affairs", "Top Russian", "BRICS Summit"):
        assert person_named(run, src) is None, run


def test_a_leads_names_are_read_whole_and_without_the_date_beside_them():
    from summarizer.state import _NAME_RUN, runs_without_dates

    runs = [
        m.group(0).rstrip(".")
        for m in _NAME_RUN.finditer("Ursula von der Leyen met Juan del Castillo.")
    ]
    assert runs == ["Ursula von der Leyen", "Juan del Castillo"]
    runs = [m.group(0) for m in _NAME_RUN.finditer("Xi Jinping expressed his hope; Trump does.")]
    assert runs == ["Xi Jinping"]
    lead = "Justin Trudeau received Claudia Sheinbaum Wednesday in Ottawa."
    assert [r for r, _ in runs_without_dates(lead, "en")] == [
        "Justin Trudeau",
        "Claudia Sheinbaum",
    ]


def test_an_announced_meeting_of_the_answer_has_the_people_its_sentence_tells_of(tmp_path):
    text = (
        "Date: 2024-10-02\n\nLeaders talk in Ottawa\n\n"
        "Prime Minister Justin Trudeau met Mexican President Claudia Sheinbaum in Ottawa on "
        "Tuesday. The two leaders welcomed closer ties in the months ahead, including during "
        "upcoming visits by Finance Minister Chrystia Freeland and Trade Minister Mary Ng.\n"
    )
    answer = {
        "meetings": [
            item(["Justin Trudeau", "Claudia Sheinbaum"], city="Ottawa"),
            # the model makes the leader who welcomed the visits one who takes part in them
            item(["Justin Trudeau", "Chrystia Freeland"], "announced"),
            item(["Justin Trudeau", "Mary Ng"], "announced"),
        ]
    }
    brief, _ = brief_of(tmp_path, text, answer)
    announced = [[p.name for p in m.participants] for m in brief.meetings if m.status != "held"]
    assert announced == [["Chrystia Freeland"], ["Mary Ng"]]
    # a sentence of the future that tells of no meeting is not the plan's sentence
    other = text.replace(
        "Tuesday. The two",
        "Tuesday. Trudeau will address parliament on Friday. The two",
    )
    answer["meetings"][1] = item(["Justin Trudeau", "Claudia Sheinbaum"], "announced")
    brief, _ = brief_of(tmp_path, other, {"meetings": answer["meetings"][1:2]})
    assert [len(m.participants) for m in brief.meetings] == [2]


def test_a_plan_told_by_two_verbs_is_two_meetings_of_the_office_holder_it_names(tmp_path):
    text = (
        "Date: 2024-10-02\n\nJoly in Mexico\n\n"
        "Canadian Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena "
        "in Mexico City on Tuesday.\n"
        "The Canadian Foreign Minister is also scheduled to meet Finance Secretary Rogelio "
        "Ramirez and speak with President Claudia Sheinbaum.\n"
    )
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Mexico City")]}
    # the model gives the office as it reads it, and both people met as one meeting
    plans = [
        {
            "participants": ["Canadian Foreign Minister", "Rogelio Ramirez", "Claudia Sheinbaum"],
            "when": "",
            "city": "",
        }
    ]
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    announced = [[p.name for p in m.participants] for m in brief.meetings if m.status != "held"]
    assert announced == [
        ["Melanie Joly", "Rogelio Ramirez"],
        ["Melanie Joly", "Claudia Sheinbaum"],
    ]
    from summarizer.questions import coordinated_meetings

    assert coordinated_meetings("Joly will meet Ramirez and Sheinbaum on Friday.", "en") is None


def test_a_chinese_plan_told_in_two_clauses_of_meeting_is_two_meetings():
    from summarizer.questions import coordinated_meetings

    sentence = "会谈周五继续，李强还将会见财政部长弗里兰，据报他亦会与总理特鲁多见面。"  # noqa: RUF001
    spans = coordinated_meetings(sentence, "zh")
    assert spans is not None
    assert [sentence[a:b] for a, b in spans] == ["会见财政部长弗里兰", "与总理特鲁多见面。"]
    assert coordinated_meetings("李强将会见财政部长弗里兰。", "zh") is None


def test_a_plan_answered_with_the_held_meeting_its_sentence_reports_is_the_prepared_one(tmp_path):
    text = (
        "Date: 2024-10-02\n\nJoly meets Barcena\n\n"
        "Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena in Ottawa "
        "on Tuesday to set the stage for a Justin Trudeau-Claudia Sheinbaum summit next month.\n"
        "Barcena said she would return to Ottawa in the spring.\n"
    )
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [{"participants": ["Melanie Joly", "Alicia Barcena"], "when": "on Tuesday", "city": ""}]
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    assert [m.status for m in brief.meetings] == ["held", "announced"]
    prepared = brief.meetings[1]
    assert [p.name for p in prepared.participants] == ["Justin Trudeau", "Claudia Sheinbaum"]
    assert prepared.date.iso == "2024-11"  # "next month", not the held meeting's "on Tuesday"
    # one person named for the prepared meeting: the answer is dropped, not turned into theirs
    one = text.replace("a Justin Trudeau-Claudia Sheinbaum summit", "a visit by Justin Trudeau")
    brief, _ = brief_of(tmp_path, one, held, plans=plans)
    assert [m.status for m in brief.meetings] == ["held"]
    assert any("what it prepares is of 'Justin Trudeau" in n for n in brief.notes)
    # a plan of the same people told in a sentence of its own is theirs
    again = text.replace("to set the stage for", "ahead of")
    again = again.replace("in the spring", "in the spring to meet Joly again")
    brief, _ = brief_of(tmp_path, again, held, plans=plans)
    assert [m.status for m in brief.meetings] == ["held", "announced"]


def test_a_prepared_meetings_people_are_named_as_written_and_may_follow_in_a_which_clause(
    tmp_path,
):
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [{"participants": ["Melanie Joly", "Alicia Barcena"], "when": "", "city": ""}]
    # the verb "mark" names no Mark Carney, the "May" of a date no Theresa May
    text = (
        "Date: 2024-03-02\n\nJoly meets Barcena\n\n"
        "Prime Minister Mark Carney and Prime Minister Theresa May sent greetings.\n"
        "Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena in Ottawa "
        "on Tuesday to set the stage for talks next month to mark the treaty signed on May 5.\n"
    )
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    assert [m.status for m in brief.meetings] == ["held", "announced"]
    assert people(brief.meetings[1:]) == [["Melanie Joly", "Alicia Barcena"]]
    # a clause about the prepared meeting names its people
    text = (
        "Date: 2024-10-02\n\nJoly meets Barcena\n\n"
        "Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena in Ottawa "
        "on Tuesday to lay the groundwork for a summit next month, which Prime Minister "
        "Justin Trudeau and President Claudia Sheinbaum will attend.\n"
    )
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    assert people(m for m in brief.meetings if m.status == "announced") == [
        ["Justin Trudeau", "Claudia Sheinbaum"]
    ]


def test_a_plan_answered_with_people_its_sentence_does_not_name_is_the_prepared_ones(tmp_path):
    text = (
        "Date: 2024-10-02\n\nJoly in Mexico City\n\n"
        "Foreign Minister Melanie Joly held talks with Alicia Barcena in Mexico City on "
        "Tuesday, and is to meet Finance Minister Rogelio Ramirez on Friday.\n"
        "The visits are widely seen as part of an effort to lay the groundwork for the first "
        "talks in a year on the Gulf Stream Accord between Justin Trudeau and Mexican "
        "President Claudia Sheinbaum.\n"
        "Since Sheinbaum took office, trade has been strained, officials said.\n"
    )
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Mexico City")]}
    plans = [{"participants": ["Melanie Joly", "Rogelio Ramirez"], "when": "Friday", "city": ""}]
    brief, _ = brief_of(tmp_path, text, held, plans=plans)
    announced = [
        [p.name for p in m.participants] for m in brief.meetings if m.status == "announced"
    ]
    # "Since" opens a sentence, no part of Sheinbaum's name; an accord named is no one
    assert ["Justin Trudeau", "Claudia Sheinbaum"] in announced
    prepared = next(m for m in brief.meetings if m.participants[0].name == "Justin Trudeau")
    assert prepared.date.iso is None  # "Friday" is Ramirez's meeting's, in the sentence before


JOLY_MET = (
    "Date: 2024-10-02\n\nJoly meets Barcena\n\n"
    "Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena in Ottawa "
    "on Tuesday. "
)


def announced_after(tmp_path: Any, rest: str, plans: list[dict[str, Any]]) -> tuple[Any, Any]:
    """The brief of Joly's meeting in Ottawa followed by `rest`, the plans question answered
    with `plans`, and its announced meetings."""
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    brief, _ = brief_of(tmp_path, JOLY_MET + rest, held, plans=plans)
    return brief, [m for m in brief.meetings if m.status == "announced"]


def people(meetings: Any) -> list[list[str]]:
    return [[p.name for p in m.participants] for m in meetings]


def test_a_plan_answered_with_people_its_sentence_does_not_name_is_the_travellers(tmp_path):
    rest = (
        "They discussed trade.\nThey welcomed further talks during Special Envoy for Trade "
        "Policy Mary Ng's upcoming visit to Mexico.\n"
    )
    plans = [{"participants": ["Melanie Joly", "Alicia Barcena"], "when": "", "city": ""}]
    _, announced = announced_after(tmp_path, rest, plans)
    assert people(announced) == [["Mary Ng"]]  # the title's "Trade Policy" is no part of it
    short = rest.replace("Special Envoy for Trade Policy Mary Ng's", "Envoy Ng's")
    assert people(announced_after(tmp_path, short, plans)[1]) == [["Ng"]]
    # an answer naming someone the sentence names is the model's to give
    brief, _ = announced_after(tmp_path, rest.replace("They welcomed", "Joly welcomed"), plans)
    assert all(m.participants[0].name != "Mary Ng" for m in brief.meetings)


def test_who_told_of_a_plan_is_not_one_to_meet_and_its_day_is_in_its_own_sentence(tmp_path):
    rest = (
        "Joly then flies to Brazil on Sunday for a summit.\nShe will also meet leaders from "
        "Peru and Chile - notably the latter's President Gabriel Boric, spokesman Mark Wong "
        "said.\n"
    )
    plans = [{"participants": ["Mark Wong", "Gabriel Boric"], "when": "on Sunday", "city": ""}]
    _, announced = announced_after(tmp_path, rest, plans)
    assert people(announced) == [["Gabriel Boric"]]
    assert announced[0].date.iso is None  # Sunday is the summit's, told in the sentence before


def test_a_tag_at_a_sentences_end_says_who_told_of_it():
    from summarizer.questions import attributed_to

    assert attributed_to("He will meet Boric in Lima, spokesman Mark Wong said.", "en") == (
        "Mark Wong"
    )
    assert attributed_to("He will meet Boric in Lima, according to Reuters.", "en") == "Reuters"
    assert attributed_to("He will meet Boric, said Wong.", "en") == "Wong"
    # the speaker's own plan, in the first person; a tag that is not at the end
    assert attributed_to("I will meet Boric next week, Joly said.", "en") is None
    assert attributed_to("Wong said Joly will meet Boric.", "en") is None


def test_later_plan_sentences_are_asked_where_they_name_someone_no_meeting_names(tmp_path):
    text = (
        "Date: 2024-10-02\n\nJoly meets Barcena\n\n"
        "Foreign Minister Melanie Joly met Mexican Foreign Secretary Alicia Barcena in Ottawa "
        "on Tuesday. They discussed trade.\n"
        "Joly will travel to Washington next week.\n"
        "Barcena will visit Madrid next month.\n"
        "Barcena will meet Joly again in the spring.\n"
        "Joly will also see Barcena in Lima in November.\n"
        "Trade Minister Mary Ng is expected to visit Mexico City next year.\n"
    )
    held = {"meetings": [item(["Melanie Joly", "Alicia Barcena"], city="Ottawa")]}
    plans = [{"participants": ["Mary Ng"], "when": "", "city": ""}]

    def asked(fake: RoundUp, words: str) -> bool:
        return any(
            r["tools"][0]["function"]["name"] == "PlansAnswer" and words in json.dumps(r)
            for r in fake.requests
        )

    path = tmp_path / "plans.txt"
    path.write_text(text, encoding="utf-8")
    with RoundUp(held, None, plans) as fake, Summarizer(settings_for(fake)) as s:
        brief = s.brief(path)
    # three in the first round; of the later two, the one naming Ng, whom no meeting names
    assert asked(fake, "Mary Ng is expected") and not asked(fake, "see Barcena in Lima")
    announced = [m for m in brief.meetings if m.status == "announced"]
    assert [[p.name for p in m.participants] for m in announced] == [["Mary Ng"]]
    path.write_text(text.replace("Trade Minister Mary Ng is", "Joly and Barcena are"))
    with RoundUp(held, None, plans) as fake, Summarizer(settings_for(fake)) as s:
        s.brief(path)
    assert not asked(fake, "Barcena are expected")


def test_a_person_expected_at_a_famous_venue_is_a_plan_sentence(tmp_path):
    rest = (
        "They discussed trade.\nPresident Joe Biden on Monday said he expected Mexican "
        "President Claudia Sheinbaum at the White House within two weeks.\n"
    )
    plans = [{"participants": ["Joe Biden", "Claudia Sheinbaum"], "when": "", "city": ""}]
    _, announced = announced_after(tmp_path, rest, plans)
    assert people(announced) == [["Joe Biden", "Claudia Sheinbaum"]]
    from summarizer.gazetteer import venue_as_place

    assert venue_as_place("Modi will travel to the Kremlin on Monday.")
    assert not venue_as_place("The White House will announce the date.")


VISIT = (
    "Date: 2024-10-02\n\nJoly in talks\n\n"
    "President Gabriel Boric on Saturday rejected a proposal from visiting Foreign Minister "
    "Melanie Joly after a two-hour meeting. Boric, who took office as Chilean president in "
    "2022, said talks would go on.\n"
)


def test_a_visit_no_answer_places_is_in_its_hosts_country(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Gabriel Boric"])]}
    brief, _ = brief_of(tmp_path, VISIT, held)
    visit = brief.meetings[0]
    assert visit.mode == "visit"
    assert visit.location.country == "Chile" and visit.location.city is None
    assert any("in the country of its host" in n for n in brief.notes)
    # no guest named as visiting, or a host of two demonyms: no country guessed
    for text in (
        VISIT.replace("from visiting Foreign Minister", "from Foreign Minister"),
        VISIT.replace("in 2022", "in 2022 and often meets Peruvian President Dina Boluarte"),
    ):
        brief, _ = brief_of(tmp_path, text, held)
        assert brief.meetings[0].location.country is None


def test_review_cases_of_plan_readers_on_ordinary_sentences(tmp_path):
    from summarizer.gazetteer import venue_as_place
    from summarizer.names import leaders_meant
    from summarizer.questions import attributed_to

    # a venue where something else happens is no place someone is expected at
    assert not venue_as_place("Biden will give a speech on the economy at the White House.")
    assert not venue_as_place("In the Kremlin's view, sanctions will fail.")
    # the two leaders mentioned most, titled or not
    text = (
        "Biden spoke with Xi. President Biden and President Xi Jinping agreed. President "
        "Biden smiled. President Vladimir Putin was absent; President Putin said so. Xi left."
    )
    assert leaders_meant("The two leaders agreed to hold another call.", text) == [
        "Biden",
        "Xi Jinping",
    ]
    # a speaker the told part names takes part
    hosts = "Justin Trudeau will host Claudia Sheinbaum next month, Trudeau told reporters."
    assert attributed_to(hosts, "en") is None
    # a clause of its own names no one of the prepared meeting
    rest = (
        "They discussed trade to set the stage for talks next month between Justin Trudeau "
        "and Claudia Sheinbaum, who succeeded President Andres Manuel Lopez Obrador.\n"
    )
    plans = [{"participants": ["Melanie Joly", "Alicia Barcena"], "when": "", "city": ""}]
    assert people(announced_after(tmp_path, rest, plans)[1]) == [
        ["Justin Trudeau", "Claudia Sheinbaum"]
    ]
    # a plan's date before words preparing it, where nothing done comes before them
    rest = (
        "Justin Trudeau will visit Mexican President Claudia Sheinbaum in November, a trip "
        "both governments agreed to prepare through talks among ministers.\n"
    )
    plans = [{"participants": ["Justin Trudeau", "Claudia Sheinbaum"], "when": "", "city": ""}]
    assert announced_after(tmp_path, rest, plans)[1][0].date.iso == "2024-11"
    # a sentence's first word is no part of a traveller's name
    rest = "They discussed trade.\nDuring Ng's upcoming visit to Mexico, both will sign a deal.\n"
    plans = [{"participants": ["Melanie Joly", "Alicia Barcena"], "when": "", "city": ""}]
    assert people(announced_after(tmp_path, rest, plans)[1]) == [["Ng"]]


def test_a_verb_visiting_or_another_heads_demonym_places_no_visit(tmp_path):
    held = {"meetings": [item(["Melanie Joly", "Gabriel Boric"])]}
    for text in (
        VISIT.replace("from visiting Foreign Minister", "from Foreign Minister")
        + "Joly, the first minister in years visiting Boric at home, left.\n",
        VISIT.replace("as Chilean president", "after he hosted the Peruvian president"),
    ):
        brief, _ = brief_of(tmp_path, text, held)
        assert brief.meetings[0].location.country is None
