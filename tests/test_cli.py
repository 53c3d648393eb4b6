import json
from pathlib import Path

import pytest

from summarizer import ConfigurationError, Settings
from summarizer.backend import LLM
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


# -- usage mistakes: one line, exit 2 ------------------------------------------------------


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1:99999/v1", "Port out of range"),
        ("http://[::1/v1", "Invalid IPv6 URL"),
        ("http://:8080/v1", "names no host"),
        ("http://127.0.0.1:0/v1", "port 0"),
    ],
)
def test_a_base_url_that_is_no_url_is_one_usage_line(url, problem, capsys):
    assert main(["brief", "x.txt", "--base-url", url, "--model", "m"]) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith("summarizer: base URL") and problem in line
    settings = Settings(base_url=url, model="m")  # built without a traceback, refused when used
    with pytest.raises(ConfigurationError, match=problem):
        settings.checked()
    with pytest.raises(ConfigurationError, match=problem):
        LLM(settings)


@pytest.mark.parametrize("timeout", ["inf", "1e300", "nan", "0", "-5", "86401"])
def test_a_timeout_that_no_socket_can_keep_is_one_usage_line(timeout, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", "m")
    assert main(["brief", "x.txt", "--timeout", timeout]) == 2
    assert "timeout must be a number of seconds" in one_line(capsys.readouterr().err)
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", timeout)
    with pytest.raises(ConfigurationError, match="SUMMARIZER_TIMEOUT"):
        Settings.from_env()
