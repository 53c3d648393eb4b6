import errno
import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import summarizer
from summarizer import ConfigurationError, Settings, Summarizer, UsageError, cli, load_article
from summarizer.backend import LLM
from summarizer.cli import PAGE_READERS, _NotFrom, main
from tests.fake_server import ARTICLE, FakeModel, write_articles


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


CLI = [sys.executable, "-m", "summarizer.cli"]


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


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "", "--out", "OUT"],
        ["run", "SRC", "--out", ""],
        ["status", ""],
        ["brief", "SRC/a1.txt", "--out", ""],
        ["report", ""],
    ],
)
def test_an_empty_path_is_a_usage_error_not_the_current_folder(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_articles(tmp_path / "SRC", 1)
    (tmp_path / "a2.txt").write_text(ARTICLE.format(n=2, extra=""))
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with FakeModel() as fake:
        monkeypatch.setenv("SUMMARIZER_BASE_URL", fake.base_url)
        monkeypatch.setenv("SUMMARIZER_MODEL", "m")
        assert main(argv) == 2
        assert fake.requests == []
    assert "an empty path names no file or folder" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written anywhere


@pytest.mark.parametrize("size", ["0", "-1", "lots"])
def test_a_size_limit_below_one_byte_is_a_usage_error(size, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", "m")
    path = write_articles(tmp_path / "SRC", 1) / "a1.txt"
    for command in (["brief", str(path)], ["run", str(path), "--out", str(tmp_path / "out")]):
        assert main([*command, "--max-bytes", size]) == 2
        line = one_line(capsys.readouterr().err)
        assert "--max-bytes: must be a whole number of bytes, 1 or more" in line


@pytest.mark.parametrize("size", [0, -1, True, 1.5])
def test_the_api_refuses_a_size_limit_below_one_byte_at_once(size, tmp_path):
    path = write_articles(tmp_path / "SRC", 1) / "a1.txt"
    with pytest.raises(UsageError, match="max_bytes must be a whole number of bytes"):
        Summarizer(Settings(base_url="http://127.0.0.1:9/v1", model="m"), max_bytes=size)
    with pytest.raises(UsageError, match="max_bytes"):
        load_article(path, max_bytes=size)
    with pytest.raises(UsageError, match="max_bytes"):
        summarizer.summarize_article(path, max_bytes=size)


def test_an_argument_mistake_is_one_line_that_says_where_help_is(capsys):
    assert main(["run"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "SOURCE" in line and "summarizer run --help" in line
    assert main(["--help"]) == 0 and "COMMAND" in capsys.readouterr().out


# -- standard output that cannot be written ------------------------------------------------


class _Unwritable(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


def test_a_full_standard_output_is_one_line_and_a_failure(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _Unwritable(OSError(errno.ENOSPC, "No space left")))
    assert main(["schema"]) == 1
    line = one_line(capsys.readouterr().err)
    assert line == "summarizer: cannot write to standard output (no space left)"


def test_a_reader_that_went_away_ends_the_command_quietly(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _Unwritable(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert main(["schema"]) == 1
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_stdout_on_a_full_device_is_one_line_whatever_the_buffering(unbuffered):
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*CLI, "schema"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    assert proc.returncode == 1
    assert proc.stderr == "summarizer: cannot write to standard output (no space left on device)\n"


# -- what reaches stderr --------------------------------------------------------------------


def test_a_page_without_text_is_told_once_without_trafilaturas_own_lines(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><script>var x = 1;</script></body></html>")
    proc = subprocess.run(
        [*CLI, "brief", str(page), "--base-url", "http://127.0.0.1:9/v1", "--model", "m"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "trafilatura" not in proc.stderr and "discarding" not in proc.stderr
    problems = [ln for ln in proc.stderr.splitlines() if ln.startswith("summarizer:")]
    assert problems == [f"summarizer: {page}: an HTML page in which no article text was found"]


def test_the_cli_drops_page_reader_records_and_keeps_the_others():
    keep = _NotFrom(PAGE_READERS)
    record = lambda name: logging.LogRecord(name, logging.ERROR, "x", 1, "m", None, None)  # noqa: E731
    assert not keep.filter(record("trafilatura.core"))
    assert not keep.filter(record("htmldate"))
    assert keep.filter(record("summarizer.backend"))
    assert keep.filter(record("trafilaturaX"))


# -- Ctrl-C ---------------------------------------------------------------------------------


def test_after_ctrl_c_the_articles_in_progress_finish_before_the_exit(monkeypatch, capsys):
    finished = threading.Event()
    worker = threading.Thread(target=lambda: (time.sleep(0.3), finished.set()))

    def interrupted(args):
        worker.start()
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_schema", interrupted)
    assert main(["schema"]) == 130
    assert finished.is_set()
    assert "interrupted; waiting for the questions in flight" in one_line(capsys.readouterr().err)


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_a_second_ctrl_c_stops_at_once_without_a_traceback(tmp_path):
    folder = write_articles(tmp_path / "articles", 4)
    with FakeModel(latency=3) as fake:
        env = {**os.environ, "SUMMARIZER_BASE_URL": fake.base_url, "SUMMARIZER_MODEL": "m"}
        proc = subprocess.Popen(
            [*CLI, "run", str(folder), "--out", str(tmp_path / "out"), "--concurrency", "2"],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while not fake.requests and time.monotonic() < deadline:
                time.sleep(0.05)
            proc.send_signal(signal.SIGINT)
            assert proc.stderr is not None
            lines = [proc.stderr.readline()]
            while "interrupted" not in lines[-1] and lines[-1]:
                lines.append(proc.stderr.readline())
            started = time.monotonic()
            proc.send_signal(signal.SIGINT)  # while it waits for the questions in flight
            rest = proc.communicate(timeout=60)[1]
        finally:
            proc.kill()
    err = "".join(lines) + rest
    assert proc.returncode == 130, err
    assert time.monotonic() - started < 2.5  # not after the 3 s answers in progress
    assert "Traceback" not in err and "Exception ignored" not in err, err
