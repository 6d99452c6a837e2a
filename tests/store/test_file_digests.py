"""Content digests are remembered by file fingerprint and recomputed whenever the file changes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import nngraph.store.file_digests as file_digests
from nngraph.store.file_digests import DigestIndex


class Hasher:
    """A digest function that counts the files it reads."""

    def __init__(self) -> None:
        self.read: list[Path] = []

    def __call__(self, path: Path) -> str:
        self.read.append(path)
        return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def settled(monkeypatch):
    """Treat every file as changed long ago (no racy-clean window)."""
    monkeypatch.setattr(file_digests, "RACY_SECONDS", 0.0)


def test_unchanged_file_is_read_once_across_processes(tmp_path, settled):
    data = tmp_path / "a.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n")
    index_file = tmp_path / "digests.json"
    hasher = Hasher()
    first = DigestIndex(index_file)
    value = first.digest(data, hasher)
    first.save()
    again = DigestIndex(index_file).digest(data, hasher)  # a later run
    assert again == value == hashlib.sha256(data.read_bytes()).hexdigest()
    assert hasher.read == [data]


def test_rewrite_with_same_size_and_mtime_is_hashed_again(tmp_path, settled):
    data = tmp_path / "a.ttl"
    data.write_text('<urn:a> <urn:b> "Nets" .\n')
    before = os.stat(data)
    index = DigestIndex(tmp_path / "digests.json")
    hasher = Hasher()
    old = index.digest(data, hasher)
    data.write_text('<urn:a> <urn:b> "Nuts" .\n')
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))  # ctime still moves
    new = index.digest(data, hasher)
    assert new != old
    assert hasher.read == [data, data]


def test_freshly_written_file_is_not_trusted_by_fingerprint(tmp_path):
    data = tmp_path / "a.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n")
    index_file = tmp_path / "digests.json"
    hasher = Hasher()
    index = DigestIndex(index_file)
    index.digest(data, hasher)
    index.save()
    DigestIndex(index_file).digest(data, hasher)
    assert hasher.read == [data, data]  # changed < RACY_SECONDS ago: hashed each time
    assert not index_file.exists()


def test_unreadable_index_is_ignored_and_replaced(tmp_path, settled):
    data = tmp_path / "a.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n")
    index_file = tmp_path / "digests.json"
    index_file.write_text("{not json")
    hasher = Hasher()
    index = DigestIndex(index_file)
    index.digest(data, hasher)
    index.save()
    assert list(DigestIndex(index_file)._entries) == [str(data.resolve())]


def test_missing_file_is_reported_by_the_digest_function(tmp_path):
    """A file that cannot be stat'ed goes to ``compute``, whose own error reaches the caller."""
    calls: list[Path] = []
    reported = ValueError("gone.ttl: no such file (reported by compute)")

    def compute(path: Path) -> str:
        calls.append(path)
        raise reported

    gone = tmp_path / "gone.ttl"
    with pytest.raises(ValueError) as caught:
        DigestIndex(tmp_path / "digests.json").digest(gone, compute)
    assert caught.value is reported
    assert calls == [gone]
