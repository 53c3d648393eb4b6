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
