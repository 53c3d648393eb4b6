"""Brief paths the seeds do not reach, against the loopback fake model."""

from __future__ import annotations

from typing import Any

from summarizer import Settings, Summarizer
from tests.fake_server import ARTICLE, GROUNDED_ANSWERS, FakeModel, Reply, tool_reply

EVIDENCE = "They discussed the war in Ukraine and relations with the United States."


class Agreeing(FakeModel):
    """Reports an agreement; the first answer's evidence is invented, the second verbatim."""

    def respond(self, request: dict[str, Any], raw: bytes) -> Reply:
        name = request["tools"][0]["function"]["name"]
        if name != "ContentAnswer":
            return tool_reply(name, GROUNDED_ANSWERS[name])
        invented = sum(r["tools"][0]["function"]["name"] == name for r in self.requests) == 1
        evidence = "They agreed to end the war next week." if invented else EVIDENCE
        return tool_reply(
            name, {"topics": ["Ukraine"], "agreements": [{"what": "talks", "evidence": evidence}]}
        )


def test_an_agreement_is_kept_with_its_verbatim_evidence_and_offsets(tmp_path):
    path = tmp_path / "a.txt"
    text = ARTICLE.format(n=1, extra="")
    path.write_text(text, encoding="utf-8")
    with Agreeing() as fake, Summarizer(Settings(base_url=fake.base_url, model="m")) as s:
        brief = s.brief(path)
    (outcome,) = brief.meetings[0].outcomes
    assert outcome.evidence == EVIDENCE
    assert " ".join(text[outcome.span.start : outcome.span.end].split()) == EVIDENCE
    assert brief.provenance.usage.reasks == 1  # the invented evidence was re-asked
    assert "They agreed: talks." in brief.summary


def test_a_plan_read_forward_stays_as_read_where_forward_leaves_the_calendar():
    # "will meet on Sunday" / "in April" are read a week or a year on; past 31 December 9999
    # that raised (OverflowError, ValueError) instead of keeping the date as read
    from datetime import date

    from summarizer.meeting import _ahead
    from summarizer.schema import DateInfo

    def read(phrase: str, precision: Any, start: date, end: date) -> DateInfo:
        value = DateInfo(precision=precision, start=start, end=end)
        return value.stated(phrase, None, "relative to publication date")

    sunday = read("on Sunday", "day", date(9999, 12, 26), date(9999, 12, 26))
    april = read("in April", "month", date(9999, 4, 1), date(9999, 4, 30))
    assert _ahead(sunday, date.max, None) == sunday
    assert _ahead(april, date.max, None) == april
    # inside the calendar both are read forward
    sunday = read("on Sunday", "day", date(2025, 7, 13), date(2025, 7, 13))
    april = read("in April", "month", date(2024, 4, 1), date(2024, 4, 30))
    assert _ahead(sunday, date(2025, 7, 14), None).iso == "2025-07-20"
    assert _ahead(april, date(2024, 11, 19), None).iso == "2025-04"
