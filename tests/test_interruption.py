"""Interruption and concurrency: a build killed with SIGKILL, or started twice, damages nothing.

A real `sitegen build` is killed at several moments (while photos are processed, while the
staging folder is written, at fixed delays); the output must then be the previous site or the
new one, never a mixture, and the next build must succeed and match a clean build byte for byte.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from sitegen.lock import build_lock, lock_paths
from tests.conftest import REPO, files_of, jpeg_bytes, run_sitegen, write_tree

PHOTO_PRODUCTS = 6
TEXT_PRODUCTS = 150


def catalogue(edition: int) -> dict[str, str | bytes]:
    """A catalogue big enough for a build to take a moment; `edition` changes text and photos."""
    files: dict[str, str | bytes] = {
        "site.yaml": "title: Tes\nbase_url: https://example.org/\n",
        "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\n---\nCerita.\n",
    }
    for number in range(TEXT_PRODUCTS):
        files[f"content/products/teks-{number:03d}/index.md"] = (
            f"---\nname: Produk {number} edisi {edition}\ngroup: sido\nprice: {1000 + number}\n---\n"
            f"Deskripsi **{number}**.\n")
    for number in range(PHOTO_PRODUCTS):
        files[f"content/products/foto-{number}/index.md"] = f"---\nname: Foto {number}\ngroup: sido\nprice: 5000\n---\n"
        colour = (40 * number % 256, 90 + edition * 50, 30)
        files[f"content/products/foto-{number}/depan.jpg"] = jpeg_bytes((1600, 1200), colour)
    return files


def start_build(project: Path, cache: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "sitegen", "build", "--project", str(project), "--cache-dir", str(cache)]
    return subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_when(process: subprocess.Popen, moment: Callable[[], bool], timeout: float = 120) -> None:
    """SIGKILL the build and its image workers as soon as `moment()` holds (or it ended)."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and not moment() and time.monotonic() < deadline:
        time.sleep(0.002)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    """Edition 1 built (output + cache to copy before each kill), edition 2 built clean for reference."""
    root = tmp_path_factory.mktemp("editions")
    for edition in (1, 2):
        project = write_tree(root / f"edition-{edition}", catalogue(edition))
        result = run_sitegen("build", "--project", str(project), "--cache-dir", str(root / f"cache-{edition}"))
        assert result.returncode == 0, result.stderr
    return {"root": root, "old": root / "edition-1" / "output", "old_cache": root / "cache-1",
            "new": root / "edition-2" / "output"}


def new_images(cache: Path, before: set[str]) -> bool:
    images = cache / "images"
    return images.is_dir() and any(p.name not in before for p in images.iterdir())


def staging_exists(project: Path) -> bool:
    return any(project.glob(".output.staging-*"))


def after(seconds: float) -> Callable[[], bool]:
    start = time.monotonic()
    return lambda: time.monotonic() - start >= seconds


@pytest.mark.parametrize("moment", ["processing photos", "writing the staging folder", "swapping", "0.3 s", "1.0 s"])
def test_a_build_killed_mid_way_leaves_a_whole_site_and_a_usable_cache(editions, tmp_path, moment):
    project = write_tree(tmp_path / "site", catalogue(2))
    shutil.copytree(editions["old"], project / "output")
    cache = tmp_path / "cache"
    shutil.copytree(editions["old_cache"], cache)
    old, new = files_of(editions["old"]), files_of(editions["new"])
    cached_before = {p.name for p in (cache / "images").iterdir()}
    moments = {
        "processing photos": lambda: new_images(cache, cached_before),
        "writing the staging folder": lambda: staging_exists(project),
        "swapping": lambda: any(project.glob(".output.previous-*")),
    }
    kill_when(start_build(project, cache), moments.get(moment) or after(float(moment.split()[0])))

    output = project / "output"
    if output.exists():
        assert files_of(output) in (old, new), "the output mixes two builds"
    else:  # killed between the two renames of the swap: the previous site waits beside it
        assert any(project.glob(".output.previous-*"))
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(cache))
    assert result.returncode == 0, result.stderr
    assert files_of(output) == new
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".output")) == [".output.lock"]
    assert not [p for p in (cache / "images").iterdir() if p.name.endswith(".tmp")]


def test_a_build_killed_between_the_two_renames_of_the_swap_is_recovered(editions, tmp_path):
    """The disk as a kill leaves it right after output/ was moved aside, before staging moved in."""
    project = write_tree(tmp_path / "site", catalogue(1))
    shutil.copytree(editions["old"], project / ".output.previous-4242")
    shutil.copytree(editions["new"], project / ".output.staging-4242")
    (project / ".output.staging-4343").mkdir()
    cache = tmp_path / "cache"
    shutil.copytree(editions["old_cache"], cache)
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(cache))
    assert result.returncode == 0, result.stderr
    assert files_of(project / "output") == files_of(editions["old"])
    assert not list(project.glob(".output.previous-*")) and not list(project.glob(".output.staging-*"))


def test_two_builds_at_once_do_not_corrupt_each_other(editions, tmp_path):
    project = write_tree(tmp_path / "site", catalogue(2))
    cache = tmp_path / "cache"
    first = start_build(project, cache)
    kill_after = time.monotonic() + 120
    while first.poll() is None and not (cache / "inspect.json").exists() and time.monotonic() < kill_after:
        time.sleep(0.002)  # inspect.json is written while the first build holds the lock
    second = run_sitegen("build", "--project", str(project), "--cache-dir", str(cache))
    assert first.wait(timeout=300) == 0, first.stderr.read()
    if first.returncode == 0 and second.returncode == 1:
        assert "build sitegen lain sedang berjalan" in second.stderr and "Traceback" not in second.stderr
    else:  # the first build was already done: the second simply ran after it
        assert second.returncode == 0, second.stderr
    assert files_of(project / "output") == files_of(editions["new"])


@pytest.mark.parametrize("language, words", [
    ("id", "build sitegen lain sedang berjalan untuk folder ini — tunggu sampai build itu selesai"),
    ("en", "another sitegen build is running for this folder — wait until it finishes"),
])
def test_a_held_lock_stops_a_build_with_a_located_message_in_the_site_language(tmp_path, language, words):
    project = write_tree(tmp_path / "site", {
        "site.yaml": f"title: Tes\nbase_url: https://example.org/\nlanguage: {language}\n",
        "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\n---\n",
    })
    output, cache = project / "output", tmp_path / "cache"
    for held in lock_paths(output, cache):
        with build_lock((held,)):
            result = run_sitegen("build", "--project", str(project), "--cache-dir", str(cache))
            assert result.returncode == 1 and "Traceback" not in result.stderr
            assert result.stderr.startswith(f"{held}: {words}")
            assert not output.exists()
            check = run_sitegen("check", "--project", str(project), "--cache-dir", str(cache))
            assert check.returncode == 0, check.stderr  # checking writes no site, so it never waits
    assert run_sitegen("build", "--project", str(project), "--cache-dir", str(cache)).returncode == 0
