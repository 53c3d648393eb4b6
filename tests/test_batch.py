"""Batch runs regenerate only what changed: counted against a loopback fake model."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest
from pydantic import Field

import summarizer
from summarizer import RunLocked, Settings, fingerprint, questions
from summarizer.cli import main
from summarizer.prompts import load_prompt
from summarizer.schema import RunChanges
from summarizer.store import Store
from tests.fake_server import ARTICLE, FakeModel, settings_for, write_articles


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "articles", 3)


def settled(fake: FakeModel) -> int:
    """The request count once no request has come for 0.3 s."""
    count = -1
    while count != len(fake.requests):
        count = len(fake.requests)
        time.sleep(0.3)
    return count


def run(corpus: Path, out: Path, fake: FakeModel, **options):
    return summarizer.run([corpus], out, settings=settings_for(fake), **options)


def test_first_run_writes_briefs_records_report_and_manifest(corpus, tmp_path, model):
    out = tmp_path / "out"
    result = run(corpus, out, model)
    assert result.ok and sorted(result.briefed) == ["a1", "a2", "a3"]
    assert model.questions().count("MeetingsAnswer") == 3
    assert model.questions().count("RecordSummaryAnswer") == 1
    (record,) = result.records
    assert record.meeting_id == "2025-07-13-beijing-sergei-lavrov-wang-yi"
    assert record.summary_by == "fake-model"
    assert sorted(p.name for p in (out / "briefs").iterdir()) == ["a1.json", "a2.json", "a3.json"]
    assert (out / "meetings" / f"{record.meeting_id}.json").exists()
    assert (out / "meetings" / f"{record.meeting_id}.md").exists()
    assert "Sergei Lavrov" in (out / "report.md").read_text()
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["sources"]["a1"]
    assert entry["sha256"] and entry["model"] == "fake-model" and entry["brief"] == "briefs/a1.json"
    assert entry["usage"]["calls"] == 2 and entry["seconds"] >= 0
    assert {"prompt meetings", "schema meetings", "prompt content", "settings", "model"} <= set(
        entry["fingerprint"]
    )
    assert entry["brief_sha256"] and (out / ".summarizer-output").is_file()


def test_rerunning_unchanged_sources_makes_no_request(corpus, tmp_path, model):
    out = tmp_path / "out"
    run(corpus, out, model)
    before = len(model.requests)
    result = run(corpus, out, model)
    assert len(model.requests) == before
    assert sorted(result.reused) == ["a1", "a2", "a3"] and result.briefed == []
    assert result.changes.meetings_changed == {}


def test_editing_one_source_makes_exactly_its_requests(corpus, tmp_path, model):
    out = tmp_path / "out"
    run(corpus, out, model)
    before = len(model.requests)
    (corpus / "a2.txt").write_text(ARTICLE.format(n=2, extra="The talks were long."))
    assert [s.state for s in summarizer.status([corpus], out, settings=settings_for(model))] == [
        "unchanged",
        "changed",
        "unchanged",
    ]
    result = run(corpus, out, model)
    assert model.questions()[before:] == ["MeetingsAnswer", "ContentAnswer"]
    assert result.briefed == ["a2"] and sorted(result.reused) == ["a1", "a3"]


def test_deleting_a_source_removes_its_brief_and_updates_its_meeting(corpus, tmp_path, model):
    out = tmp_path / "out"
    run(corpus, out, model)
    (corpus / "a3.txt").unlink()
    result = run(corpus, out, model)
    assert result.removed == ["a3"]
    assert not (out / "briefs" / "a3.json").exists()
    (record,) = result.records
    assert [s.article_id for s in record.sources] == ["a1", "a2"]
    changes = json.loads((out / "changes.json").read_text())
    assert changes["meetings_changed"][record.meeting_id]["sources_lost"] == ["a3"]
    assert RunChanges.model_validate(changes, strict=True) == result.changes  # read back whole
    assert len((out / "changelog.jsonl").read_text().splitlines()) == 2


def test_editing_a_field_description_marks_every_source_stale(corpus, tmp_path, model, monkeypatch):
    """Field descriptions are prompt text: editing one is noticed without any version bump."""
    out = tmp_path / "out"
    run(corpus, out, model)
    assert {s.state for s in summarizer.status([corpus], out, settings=settings_for(model))} == {
        "unchanged"
    }

    class ContentAnswer(questions.ContentAnswer):  # same name, one description edited
        topics: list[str] = Field(description="What they talked about, a few words each")

    monkeypatch.setitem(questions.QUESTIONS, "content", ContentAnswer)
    statuses = summarizer.status([corpus], out, settings=settings_for(model))
    assert {(s.state, s.reason) for s in statuses} == {("stale", "schema content changed")}


def test_editing_a_prompt_text_marks_every_source_stale(corpus, tmp_path, model, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out, model)
    original = load_prompt("content")
    edited = dataclasses.replace(original, user=original.user + "\nBe brief.")
    monkeypatch.setattr(
        fingerprint, "load_prompt", lambda name: edited if name == "content" else load_prompt(name)
    )
    fingerprint._question_parts.cache_clear()  # a new process: the prompt is read afresh
    try:
        statuses = summarizer.status([corpus], out, settings=settings_for(model))
    finally:
        fingerprint._question_parts.cache_clear()
    assert {(s.state, s.reason) for s in statuses} == {("stale", "prompt content changed")}


def test_a_model_change_marks_every_source_stale(corpus, tmp_path, model):
    out = tmp_path / "out"
    run(corpus, out, model)
    other = Settings(base_url=model.base_url, model="another-model", api_key="sk-test")
    assert {s.state for s in summarizer.status([corpus], out, settings=other)} == {"stale"}


def test_an_interrupted_run_resumes_without_redoing_finished_briefs(corpus, tmp_path, model):
    out = tmp_path / "out"
    finished: list[str] = []

    def interrupt_after_two(event):
        if event.kind == "done":
            finished.append(event.article_id)
            if len(finished) == 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(corpus, out, model, on_event=interrupt_after_two)
    before = settled(model)  # an article in flight at the interrupt may still finish
    on_disk = sorted(p.stem for p in (out / "briefs").glob("*.json"))
    assert set(finished) <= set(on_disk)
    result = run(corpus, out, model)
    assert sorted(result.reused) == on_disk  # finished work, listed or not, is not redone
    assert sorted(result.briefed) == sorted({"a1", "a2", "a3"} - set(on_disk))
    assert model.questions()[before:].count("MeetingsAnswer") == len(result.briefed)


def test_an_interrupted_run_asks_no_further_question(corpus, tmp_path):
    """After Ctrl-C the article being briefed stops at its next question: the process ends in
    one request's time, not after the whole article."""
    with FakeModel(latency=0.4) as slow:

        def interrupt_at_first(event):
            if event.kind == "done":
                time.sleep(0.2)  # a2's first question is in flight when Ctrl-C lands
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run(corpus, tmp_path / "out", slow, on_event=interrupt_at_first)
        deadline = time.monotonic() + 5  # long enough for a worker going on to ask again
        while time.monotonic() < deadline and len(slow.requests) < 4:
            time.sleep(0.1)
        asked = slow.questions()
    # a1 whole (meetings, content), then a2's meetings question, in flight then
    assert asked == ["MeetingsAnswer", "ContentAnswer", "MeetingsAnswer"]


def test_an_interrupted_run_writes_nothing_after_it_returns(corpus, tmp_path):
    """The folder is unlocked when `run` ends: a brief whose last answer was in flight at
    Ctrl-C is written and recorded before that, never after (a second run may own the
    folder by then)."""
    out = tmp_path / "out"
    with FakeModel(latency=0.5) as slow:

        def interrupt_at_first(event):
            if event.kind == "done":
                time.sleep(0.7)  # a2's second and last question is in flight
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run(corpus, out, slow, on_event=interrupt_at_first)
        files = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        time.sleep(1.5)  # long enough for an answer in flight to come and be written
        assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == files
    written = sorted(p.stem for p in (out / "briefs").glob("*.json"))
    listed = json.loads((out / "manifest.json").read_text())["sources"]
    assert "a1" in written and sorted(listed) == written  # what was written is recorded


def test_a_brief_written_but_not_yet_in_the_manifest_is_adopted(corpus, tmp_path, model):
    out = tmp_path / "out"
    run(corpus, out, model)
    (out / "manifest.json").unlink()
    before = len(model.requests)
    statuses = summarizer.status([corpus], out, settings=settings_for(model))
    assert {s.state for s in statuses} == {"unchanged"}
    result = run(corpus, out, model)
    assert result.briefed == []
    assert model.questions()[before:] == ["RecordSummaryAnswer"]  # its cache was in the manifest


def test_a_failing_article_is_listed_and_the_others_are_kept(corpus, tmp_path, model):
    (corpus / "empty.txt").write_text("   \n")
    out = tmp_path / "out"
    result = run(corpus, out, model)
    assert not result.ok
    assert list(result.failures) == [str(corpus / "empty.txt")]
    assert "file holds only whitespace" in result.failures[str(corpus / "empty.txt")]
    assert sorted(result.briefed) == ["a1", "a2", "a3"] and len(result.records) == 1


def test_an_endpoint_failure_for_one_article_keeps_the_others(corpus, tmp_path):
    with FakeModel(fail_on="report 2") as fake:
        result = run(corpus, tmp_path / "out", fake)
    assert list(result.failures) == [str(corpus / "a2.txt")]
    assert "InternalServerError" in result.failures[str(corpus / "a2.txt")]
    assert sorted(result.briefed) == ["a1", "a3"]


def test_force_rebriefs_and_dry_run_does_nothing(corpus, tmp_path, model):
    out = tmp_path / "out"
    dry = run(corpus, out, model, dry_run=True)
    assert [s.state for s in dry.statuses] == ["new", "new", "new"]
    assert model.requests == [] and not (out / "briefs").exists()
    run(corpus, out, model)
    before = len(model.requests)
    forced = run(corpus, out, model, force=True)
    assert sorted(forced.briefed) == ["a1", "a2", "a3"]
    assert model.questions()[before:].count("MeetingsAnswer") == 3


def test_a_second_run_on_the_same_folder_is_refused(corpus, tmp_path, model):
    out = tmp_path / "out"
    with Store(out).lock(), pytest.raises(RunLocked, match="another summarizer run"):
        run(corpus, out, model)


def test_sources_are_files_folders_and_globs(corpus, tmp_path, model):
    result = summarizer.run(
        [corpus / "a1.txt", str(corpus / "a[23].txt")],
        tmp_path / "out",
        settings=settings_for(model),
    )
    assert sorted(result.briefed) == ["a1", "a2", "a3"]
    with pytest.raises(summarizer.UsageError, match="no such file"):
        summarizer.status([tmp_path / "nothing-here"], tmp_path / "out")


def test_cli_run_status_and_exit_codes(corpus, tmp_path, model, monkeypatch, capsys):
    monkeypatch.setenv("SUMMARIZER_BASE_URL", model.base_url)
    monkeypatch.setenv("SUMMARIZER_MODEL", "fake-model")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "2025-07-13-beijing-sergei-lavrov-wang-yi  [a1, a2, a3]" in captured.out
    assert "3 briefed, 0 reused" in captured.err
    assert main(["status", str(corpus), "--out", str(out)]) == 0
    assert capsys.readouterr().out.count("unchanged") == 3
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    assert main(["run", str(corpus), "--out", str(out)]) == 1
    assert "bad.txt: binary file" in capsys.readouterr().err


def test_a_rerun_reads_each_unchanged_brief_once(corpus, tmp_path, model, monkeypatch):
    out = tmp_path / "out"
    first = run(corpus, out, model)
    reads: list[str] = []
    real = Store.read_brief

    def counted(self, article_id, sha256=None):
        reads.append(article_id)
        return real(self, article_id, sha256)

    monkeypatch.setattr(Store, "read_brief", counted)
    second = run(corpus, out, model)
    assert sorted(second.reused) == sorted(first.briefed)
    assert sorted(reads) == sorted(first.briefed)
