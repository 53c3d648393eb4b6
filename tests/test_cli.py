import json
from pathlib import Path

from summarizer.cli import main


def test_bad_files_fail_with_one_clear_line_each(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", "m")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code = main(["brief", str(empty), str(tmp_path / "missing.txt")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"summarizer: {empty}: file is empty" in err
    assert "missing.txt: file not found" in err
    assert "Traceback" not in err


def test_configuration_mistake_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_MODEL", raising=False)
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:9/v1")
    assert main(["brief", "x.txt"]) == 2
    assert "SUMMARIZER_MODEL" in capsys.readouterr().err


def test_schema_command_prints_the_brief_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ArticleBrief"
