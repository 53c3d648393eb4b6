"""The embedded model's assembly and its missing-extra message, with small stand-in parts."""

import hashlib
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
