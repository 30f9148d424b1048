"""The remembered digests of small files: a settled file is not read again, and any write is seen."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from sitegen import fingerprint
from sitegen.fingerprint import KNOWN, KnownFiles, digest_files


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files opened for reading from here on."""
    opened: list[str] = []
    real_open = builtins.open

    def spying_open(path, mode="r", *args, **kwargs):
        if "b" in mode and "r" in mode:
            opened.append(str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spying_open)
    return opened


def project(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "products").mkdir(parents=True)
    (root / "products" / "sagon.md").write_text("---\nname: Sagon\n---\nRenyah.\n")
    (root / "products" / "foto.jpg").write_bytes(b"\xff\xd8 a small WhatsApp photo")
    return root


def test_a_settled_file_is_not_read_again_and_gives_the_same_digest(tmp_path, monkeypatch, reads):
    root, cache = project(tmp_path), tmp_path / "cache"
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)  # everything written so far counts as settled
    known = KnownFiles(cache)
    first = digest_files([root], known)
    known.save()
    assert len(reads) == 2 and (cache / KNOWN).is_file()
    reads.clear()
    again = KnownFiles(cache)
    assert digest_files([root], again) == first and reads == []
    assert first == digest_files([root])  # the same digest as reading every file


def test_a_same_size_edit_with_its_time_set_back_is_still_seen(tmp_path, monkeypatch, reads):
    """Tools can restore a file's modification time, never its change time (ctime)."""
    root, cache = project(tmp_path), tmp_path / "cache"
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)
    known = KnownFiles(cache)
    first = digest_files([root], known)
    known.save()
    text = root / "products" / "sagon.md"
    stat = text.stat()
    text.write_text(text.read_text().replace("Renyah.", "Gurih!!"))
    os.utime(text, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert text.stat().st_size == stat.st_size and text.stat().st_mtime_ns == stat.st_mtime_ns
    reads.clear()
    assert digest_files([root], KnownFiles(cache)) != first
    assert reads == [str(text)]


def test_files_changed_just_now_are_read_but_never_remembered(tmp_path):
    root, cache = project(tmp_path), tmp_path / "cache"
    known = KnownFiles(cache)  # the default racy window: the files above are seconds old at most
    assert digest_files([root], known) is not None
    known.save()
    assert not (cache / KNOWN).exists()


def test_a_build_remembers_its_settled_inputs(make_site, tmp_path, monkeypatch):
    from sitegen.build import build

    monkeypatch.setattr(fingerprint, "RACY_NS", 0)
    site = make_site({})
    build(site, cache_dir=tmp_path / "cache")
    remembered = fingerprint.read_versioned(tmp_path / "cache" / KNOWN, fingerprint.KNOWN_VERSION, "files")
    assert str(site / "site.yaml") in remembered
    assert any(path.endswith(".md") for path in remembered)
