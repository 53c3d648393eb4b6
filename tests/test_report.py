"""The HTML report: built from the seeds' replayed run folder and from hand-made briefs."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from summarizer import load_article
from summarizer.cli import main
from summarizer.merge import merge_records
from summarizer.report import _Marks, build_report, rebuild_report, report_data, script_json
from summarizer.schema import (
    ArticleBrief,
    Boilerplate,
    DateInfo,
    Location,
    Meeting,
    Participant,
    Provenance,
    RunChanges,
    Span,
    Statement,
)
from tests.conftest import ROOT
from tests.seed_run import seed_run_folder

BEIJING = "2025-07-13-beijing-sergei-lavrov-wang-yi"
SEED_ORDER = [
    "2024-11-18-rio-de-janeiro-sergei-lavrov-wang-yi",
    "2025-02-20-johannesburg-sergei-lavrov-wang-yi",
    BEIJING,
]
HOSTILE = (
    'He said </script><script>alert("x")</script> and <img src=x onerror=alert(1)> then '
    "</textarea><!-- <b>bold</b> & &amp; \u2028 done."
)


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory, llm) -> Path:
    return seed_run_folder(tmp_path_factory, llm)


def blocks(html: str) -> dict[str, object]:
    """The page's JSON blocks, parsed as the browser's JSON.parse would."""
    found = re.findall(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', html, re.S)
    return {name: json.loads(body) for name, body in found}


def csp_hashes(html: str) -> tuple[str, str]:
    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    policy = policy.replace("&#39;", "'")
    script = re.search(r"script-src '(sha256-[^']+)'", policy)
    style = re.search(r"style-src '(sha256-[^']+)'", policy)
    assert "default-src 'none'" in policy and script and style
    return script.group(1), style.group(1)


def digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# -- the seeds --------------------------------------------------------------------------


def test_a_run_writes_report_html_beside_report_md(seed_out):
    assert (seed_out / "report.md").exists()
    html = (seed_out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    data = blocks(html)["report-data"]
    assert [m["id"] for m in data["meetings"]] == SEED_ORDER
    assert data["changes"]["added"] == SEED_ORDER
    assert all(m["change"] == "new" for m in data["meetings"])


def test_the_page_is_self_contained_and_only_its_own_script_may_run(seed_out):
    html = (seed_out / "report.html").read_text(encoding="utf-8")
    page = re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S)
    assert not re.search(r"\s(src|href)=|https?:|//cdn", page), "nothing is loaded from anywhere"
    script_hash, style_hash = csp_hashes(html)
    (script,) = re.findall(r"<script>(.*?)</script>", html, re.S)
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert digest(script) == script_hash and digest(style) == style_hash
    for parser in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert parser not in script


def test_beijing_has_two_sources_and_every_value_points_at_its_words(seed_out):
    page = blocks((seed_out / "report.html").read_text(encoding="utf-8"))
    data, texts = page["report-data"], page["report-texts"]
    beijing = next(m for m in data["meetings"] if m["id"] == BEIJING)
    assert beijing["sources"] == ["001_a426523f9bff1c04", "003_380a0c385a6d10f3"]
    assert len(beijing["inconsistencies"]) == 1  # the G20 in Rio, which the Rio record dates
    for aid in beijing["sources"]:
        assert texts[aid] == load_article(ROOT / "seeds" / f"{aid}.txt").text
    articles = data["articles"]

    def words(ref):
        aid, marks = ref
        return [
            texts[aid][articles[aid]["marks"][i][0] : articles[aid]["marks"][i][1]] for i in marks
        ]

    for statement in beijing["statements"]:
        for ref in statement["refs"]:
            assert words(ref) == [statement["quote"]]
    (date_001,) = words(beijing["fields"]["date"][0]["refs"][0])
    assert date_001 == "on Sunday"
    assert all(w == "Beijing" for ref in beijing["fields"]["city"][0]["refs"] for w in words(ref))
    lavrov = beijing["participants"][0]
    assert {w for ref in lavrov["refs"] for w in words(ref)} == {"Sergei Lavrov"}


def test_boilerplate_is_marked_for_greying(seed_out):
    data = blocks((seed_out / "report.html").read_text(encoding="utf-8"))["report-data"]
    kinds = {m[2] for a in data["articles"].values() for m in a["marks"]}
    assert {"boilerplate", "quote", "date", "person", "background"} <= kinds


def test_report_command_rebuilds_the_page_with_no_model(seed_out, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:9/v1")  # never reached
    before = blocks((seed_out / "report.html").read_text(encoding="utf-8"))
    (seed_out / "report.html").unlink()
    assert main(["report", str(seed_out)]) == 0
    assert capsys.readouterr().out.strip() == str(seed_out / "report.html")
    after = blocks((seed_out / "report.html").read_text(encoding="utf-8"))
    del before["report-data"]["generated"], after["report-data"]["generated"]
    assert after == before


def test_report_command_on_a_folder_that_is_not_a_run_says_so(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert "no manifest.json" in err and "summarizer run" in err
    assert not (tmp_path / "nothing").exists()


def test_relative_source_paths_resolve_and_changed_texts_are_not_shown(
    seed_out, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path.parent)  # where no seeds/ folder is
    out = tmp_path / "copy"
    for path in seed_out.rglob("*"):
        if path.is_file():
            (out / path.relative_to(seed_out)).parent.mkdir(parents=True, exist_ok=True)
            (out / path.relative_to(seed_out)).write_bytes(path.read_bytes())
    (tmp_path / "seeds").mkdir()
    manifest = json.loads((out / "manifest.json").read_text())
    for aid, entry in manifest["sources"].items():
        text = Path(entry["path"]).read_bytes()
        if aid.startswith("001"):
            text += b"\nEdited after the run."
        (tmp_path / "seeds" / f"{aid}.txt").write_bytes(text)
        entry["path"] = f"seeds/{aid}.txt"  # relative to the run's folder, not to the cwd
    (out / "manifest.json").write_text(json.dumps(manifest))
    data = blocks(rebuild_report(out).read_text(encoding="utf-8"))
    assert sorted(data["report-texts"]) == [
        "000_90cea018b8dc4cf0",
        "002_cf793b93e251b79b",
        "003_380a0c385a6d10f3",
        "004_2ff3d2902ccdc45c",
    ]
    assert data["report-data"]["articles"]["001_a426523f9bff1c04"]["hasText"] is False


# -- hand-made briefs --------------------------------------------------------------------


def brief(
    aid: str,
    text: str,
    quote: str,
    *,
    status: str = "held",
    day: date = date(2025, 3, 4),
    city: str = "Beijing",
    boilerplate: list[Boilerplate] | None = None,
) -> ArticleBrief:
    start = text.index(quote)
    meeting = Meeting(
        participants=[
            Participant(name="Sergei Lavrov", country="Russia"),
            Participant(name="Wang Yi", country="China"),
        ],
        date=DateInfo(iso=day.isoformat(), precision="day", start=day, end=day, basis="stated"),
        location=Location(city=city, country="China"),
        forum="SCO",
        mode="sidelines",
        status=status,
        statements=[
            Statement(
                speaker="Sergei Lavrov",
                quote=quote,
                span=Span(start=start, end=start + len(quote)),
                by_participant=True,
                attributed_by="text",
            )
        ],
    )
    return ArticleBrief(
        article_id=aid,
        source_sha256="0" * 64,
        headline=f"Headline of {aid} <b>",
        outlet="Outlet",
        published=day,
        reports_meeting=True,
        meetings=[meeting],
        summary="s",
        boilerplate=boilerplate or [],
        provenance=Provenance(model="m", backend="b", fingerprint={}),
    )


def test_hostile_article_text_stays_text(tmp_path):
    quote = "we will keep our word"
    text = f'Sergei Lavrov met Wang Yi in Beijing. {HOSTILE} "{quote}," Lavrov said.'
    briefs = [brief("a1", text, quote)]
    html = build_report(merge_records(briefs), briefs, {"a1": text})
    for raw in ("<script>alert", "<img", "</textarea>", "<!--", "<b>", "onerror=alert(1)>"):
        assert raw not in html
    assert html.count("</script>") == 3  # the two JSON blocks and the report's own script
    data = blocks(html)
    assert data["report-texts"]["a1"] == text
    assert data["report-data"]["articles"]["a1"]["headline"] == "Headline of a1 <b>"


def test_script_json_escapes_everything_that_could_end_a_script_block():
    value = {"t": "</script><!--<script>&\u2028\u2029"}
    out = script_json(value)
    assert not set("<>&") & set(out) and "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == value


def test_offsets_count_utf16_units_as_javascript_does():
    quote = "a full and frank exchange"
    text = f'🇷🇺🇨🇳 Sergei Lavrov 😀 met Wang Yi: "{quote}," he said.'
    briefs = [brief("a1", text, quote)]
    data, _ = report_data(merge_records(briefs), briefs, {"a1": text})
    marks = data["articles"]["a1"]["marks"]
    units = text.encode("utf-16-le")
    shown = {m[2]: units[2 * m[0] : 2 * m[1]].decode("utf-16-le") for m in marks}
    assert shown["quote"] == quote and shown["person"] in {"Sergei Lavrov", "Wang Yi"}


def test_announced_no_meeting_failed_and_changes_are_listed_apart():
    text = 'Sergei Lavrov met Wang Yi in Beijing. "We agree on much here," Lavrov said.'
    held = brief("a1", text, "We agree on much here")
    soon = brief("a2", text, "We agree on much here", status="announced", day=date(2025, 9, 1))
    none = held.model_copy(update={"article_id": "a3", "reports_meeting": False, "meetings": []})
    briefs = [held, soon, none]
    records = merge_records(briefs)
    (record,) = records
    changes = RunChanges.model_validate(
        {
            "at": "2025-01-01T00:00:00+00:00",
            "failed": {"seeds/bad.txt": "seeds/bad.txt: file is empty"},
            "meetings_added": [],
            "meetings_removed": ["2024-01-01-gone"],
            "meetings_changed": {
                record.meeting_id: {
                    "sources_gained": ["a1"],
                    "fields": {"city": {"from": "Moscow", "to": "Beijing"}},
                }
            },
        }
    )
    data, _ = report_data(records, briefs, {a: text for a in ("a1", "a2", "a3")}, changes)
    assert [m["id"] for m in data["meetings"]] == [record.meeting_id]
    assert data["meetings"][0]["change"] == "changed"
    assert data["meetings"][0]["diff"] == ["sources gained: a1", "city: Moscow → Beijing"]
    assert [a["article"] for a in data["announced"]] == ["a2"]
    assert data["noMeeting"] == ["a3"]
    assert data["failed"] == [{"path": "seeds/bad.txt", "error": "seeds/bad.txt: file is empty"}]
    assert data["changes"]["removed"] == ["2024-01-01-gone"]


def test_values_are_not_searched_for_inside_boilerplate():
    text = 'Beijing News Agency\nSergei Lavrov met Wang Yi in Beijing. "We talked at length."'
    header = Boilerplate(kind="header", span=Span(start=0, end=19))
    briefs = [brief("a1", text, "We talked at length.", boilerplate=[header])]
    data, _ = report_data(merge_records(briefs), briefs, {"a1": text})
    (city,) = data["meetings"][0]["fields"]["city"]
    (_, marks), article = city["refs"][0], data["articles"]["a1"]
    start = text.index("in Beijing") + len("in ")
    assert [article["marks"][i][:2] for i in marks] == [[start, start + len("Beijing")]]


@pytest.mark.parametrize("prefix", ["", "İstanbul "])  # İ lowers to two characters
def test_values_are_found_as_whole_words_in_any_case(prefix):
    text = prefix + "Beijingers said BEIJING, not Beijing2, hosts; in beijing."
    marks = _Marks(text)
    found = [text[s:e] for s, e, _, _ in (marks.marks[i] for i in marks.find("Beijing", "city"))]
    assert found == ["BEIJING", "beijing"]
