"""The embedded model's assembly and its missing-extra message, with small stand-in parts;
the lifetime of its server, with a stand-in server (`http.server`)."""

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer import EmbeddedServerError, LocalModelUnavailable, embedded


@pytest.fixture
def parts(tmp_path: Path, monkeypatch):
    chunks = [bytes([i]) * (1000 + i) for i in range(embedded.PARTS)]
    paths = []
    for i, chunk in enumerate(chunks, 1):
        path = tmp_path / "parts" / f"part{i:02d}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(chunk)
        paths.append(path)
    whole = b"".join(chunks)
    monkeypatch.setattr(embedded, "_part_path", lambda index: paths[index - 1])
    monkeypatch.setattr(embedded, "GGUF_SIZE", len(whole))
    monkeypatch.setattr(embedded, "GGUF_SHA256", hashlib.sha256(whole).hexdigest())
    return whole


def test_parts_are_assembled_once_and_verified(parts, tmp_path: Path):
    target = embedded.ensure_model(tmp_path / "cache")
    assert target.read_bytes() == parts
    assert embedded.ensure_model(tmp_path / "cache") == target
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_a_corrupt_part_is_refused_and_leaves_nothing(parts, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(embedded, "GGUF_SHA256", "0" * 64)
    with pytest.raises(EmbeddedServerError, match="sha256"):
        embedded.ensure_model(tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


def test_missing_local_extra_says_how_to_install(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(embedded.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(LocalModelUnavailable, match=r"pip install 'summarizer\[local\]'"):
        embedded.EmbeddedServer().start()
    with pytest.raises(LocalModelUnavailable, match="SUMMARIZER_BASE_URL"):
        embedded.ensure_model()


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, ended but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rpartition(")")[2].split()[0] == "Z")


SERVED = embedded.SERVE_WHILE_PARENT_LIVES


def test_a_server_ends_with_the_run_that_started_it_however_the_run_ends():
    """The run stopped without stopping its server (`os._exit`: no exit handler runs, as
    after a second Ctrl-C, SIGTERM or SIGKILL): the server, running, ends too."""
    run = (
        "import os, subprocess, sys, time\n"
        f"server = subprocess.Popen([sys.executable, '-c', {SERVED!r}, "
        "'http.server', '0', '--bind', '127.0.0.1'], stdin=subprocess.PIPE, "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "time.sleep(2)\n"
        "print(server.pid, server.poll() is None, flush=True)\n"
        "os._exit(0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", run], capture_output=True, text=True, check=True, timeout=60
    )
    pid, serving = done.stdout.split()
    assert serving == "True"  # it was serving when the run ended
    deadline = time.monotonic() + 30
    while _alive(int(pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(int(pid))


def test_a_server_whose_run_is_gone_before_it_starts_ends_at_once_and_says_why():
    """Its stdin closed from the start: the server, which would serve until stopped, ends
    (else the call times out), saying why in its log."""
    done = subprocess.run(
        [sys.executable, "-c", SERVED, "http.server", "0", "--bind", "127.0.0.1"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "the run that started this server is gone" in done.stderr
