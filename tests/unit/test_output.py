"""Writing the site: unchanged output is left alone, changes land whole, failures change nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.output import current_output, recover, write_site

PAGES = {".nojekyll": b"", "index.html": b"<p>home</p>", "produk/a/index.html": b"a", "produk/b/index.html": b"b"}


@pytest.fixture
def site(tmp_path):
    """A cache with two images, and a function that writes the site from pages + those images."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("k1-320.webp", "k2-320.webp", "k3-320.webp"):
        (cache / name).write_bytes(name.encode())
    dest, manifest = tmp_path / "output", tmp_path / "state" / "manifest.json"

    def write(pages=PAGES, images=("k1-320.webp", "k2-320.webp")):
        return write_site(dest, pages, {f"img/{name}": cache / name for name in images}, manifest)

    return dest, manifest, write


def state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's content, inode and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_first_write_publishes_everything_and_reports_sizes(site):
    dest, _, write = site
    sizes = write()
    assert sizes == {".nojekyll": 0, "index.html": 11, "produk/a/index.html": 1, "produk/b/index.html": 1,
                     "img/k1-320.webp": 11, "img/k2-320.webp": 11}
    assert {path: data for path, (data, _, _) in state(dest).items()}["img/k2-320.webp"] == b"k2-320.webp"


def test_the_same_site_again_touches_nothing(site):
    dest, manifest, write = site
    write()
    before = state(dest)
    assert write() == current_output(dest, manifest)
    assert state(dest) == before


def test_a_change_replaces_only_what_changed(site):
    dest, _, write = site
    write()
    before = state(dest)
    pages = {**PAGES, "produk/a/index.html": b"a, edited", "produk/c/index.html": b"c"}
    del pages["produk/b/index.html"]
    write(pages, images=("k1-320.webp", "k3-320.webp"))
    after = state(dest)
    assert after["produk/a/index.html"][0] == b"a, edited" and after["produk/c/index.html"][0] == b"c"
    assert not (dest / "produk" / "b").exists() and not (dest / "img" / "k2-320.webp").exists()
    for untouched in (".nojekyll", "index.html", "img/k1-320.webp"):
        assert after[untouched] == before[untouched]
    assert not [p for p in dest.rglob(".*.tmp")]


def test_output_changed_by_hand_is_rebuilt_whole(site):
    dest, manifest, write = site
    write()
    (dest / "index.html").write_bytes(b"<p>edited by hand</p>")
    (dest / "stray.txt").write_text("?")
    assert current_output(dest, manifest) is None
    write()
    assert {path: data for path, (data, _, _) in state(dest).items()} == {
        **PAGES, "img/k1-320.webp": b"k1-320.webp", "img/k2-320.webp": b"k2-320.webp"}


def test_a_failure_while_writing_leaves_the_previous_site(site, tmp_path):
    dest, _, write = site
    write()
    before = state(dest)
    with pytest.raises(OSError):  # an image the cache no longer has: neither link nor copy works
        write_site(dest, {**PAGES, "index.html": b"new"}, {"img/gone.webp": tmp_path / "cache" / "gone.webp"},
                   tmp_path / "state" / "manifest.json")
    assert state(dest) == before


def test_recover_puts_back_an_output_a_killed_swap_left_aside(tmp_path):
    dest = tmp_path / "output"
    aside = tmp_path / ".output.previous-12345"
    aside.mkdir()
    (aside / "index.html").write_text("previous")
    recover(dest)
    assert (dest / "index.html").read_text() == "previous" and not aside.exists()


def test_manifest_lives_outside_the_published_site(site):
    dest, manifest, write = site
    write()
    assert manifest.is_file() and not any(p.suffix == ".json" for p in dest.rglob("*"))
    os.remove(manifest)
    assert current_output(dest, manifest) is None
