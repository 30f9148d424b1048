"""Writing the site: unchanged output is left alone, changes land whole, failures change nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.output import Kept, current_output, digest, existing_output, recover, write_site

PAGES = {".nojekyll": b"", "index.html": b"<p>home</p>", "produk/a/index.html": b"a", "produk/b/index.html": b"b"}


@pytest.fixture
def site(tmp_path):
    """A cache with three images, and a function that writes the site from pages + some of them."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("k1-320.webp", "k2-320.webp", "k3-320.webp"):
        (cache / name).write_bytes(name.encode())
    dest, state = tmp_path / "output", tmp_path / "state"

    def write(pages=PAGES, images=("k1-320.webp", "k2-320.webp")):
        return write_site(dest, pages, {f"img/{name}": cache / name for name in images}, state)

    return dest, state, write


def state_of(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's content, inode and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def contents(folder: Path) -> dict[str, bytes]:
    return {path: data for path, (data, _, _) in state_of(folder).items()}


def expected(pages=PAGES, images=("k1-320.webp", "k2-320.webp")) -> dict[str, bytes]:
    return {**pages, **{f"img/{name}": name.encode() for name in images}}


def test_first_write_publishes_everything_and_reports_sizes(site):
    dest, _, write = site
    assert write() == {".nojekyll": 0, "index.html": 11, "produk/a/index.html": 1, "produk/b/index.html": 1,
                       "img/k1-320.webp": 11, "img/k2-320.webp": 11}
    assert contents(dest) == expected()


def test_the_same_site_again_touches_nothing(site):
    dest, state, write = site
    write()
    before, inode = state_of(dest), dest.stat().st_ino
    assert write() == current_output(dest, state)
    assert state_of(dest) == before and dest.stat().st_ino == inode


@pytest.mark.parametrize("builds", [1, 2, 3])  # the first swaps a new folder in; later ones reuse the spare
def test_every_change_lands_whole_in_a_new_folder(site, builds):
    dest, _, write = site
    for n in range(builds):
        write({**PAGES, "index.html": f"<p>edition {n}</p>".encode()})
    inode = dest.stat().st_ino
    pages = {**PAGES, "produk/a/index.html": b"a, edited", "produk/c/index.html": b"c"}
    del pages["produk/b/index.html"]
    write(pages, images=("k1-320.webp", "k3-320.webp"))
    assert contents(dest) == expected(pages, ("k1-320.webp", "k3-320.webp"))
    assert dest.stat().st_ino != inode  # swapped in whole: readers saw the old site or the new one


def test_published_images_are_copies_so_editing_them_cannot_reach_the_cache(site, tmp_path):
    dest, _, write = site
    write()
    write({**PAGES, "index.html": b"again"})  # the second output links what the first one held
    (dest / "img" / "k1-320.webp").write_bytes(b"optimised by some tool")
    assert (tmp_path / "cache" / "k1-320.webp").read_bytes() == b"k1-320.webp"
    write()  # the edited file no longer matches the manifest: it is replaced
    assert contents(dest) == expected()


def test_output_changed_by_hand_is_rebuilt_whole(site):
    dest, state, write = site
    write()
    (dest / "index.html").write_bytes(b"<p>edited by hand</p>")
    (dest / "stray.txt").write_text("?")
    assert current_output(dest, state) is None
    write()
    assert contents(dest) == expected()


def test_a_failure_while_writing_leaves_the_previous_site(site, tmp_path):
    dest, state, write = site
    write()
    before = state_of(dest)
    with pytest.raises(OSError):  # an image the cache no longer has
        write_site(dest, {**PAGES, "index.html": b"new"}, {"img/gone.webp": tmp_path / "cache" / "gone.webp"}, state)
    assert state_of(dest) == before
    recover(dest)  # what the next build does first: the half-made staging folder goes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "output", "state"]


def test_recover_puts_back_an_output_a_killed_swap_left_aside(tmp_path):
    dest = tmp_path / "output"
    aside = tmp_path / ".output.previous-12345"
    aside.mkdir()
    (aside / "index.html").write_text("previous")
    recover(dest)
    assert (dest / "index.html").read_text() == "previous" and not aside.exists()


def test_nothing_but_the_site_is_published(site, tmp_path):
    dest, state, write = site
    for n in range(3):
        write({**PAGES, "index.html": str(n).encode()})
    assert set(contents(dest)) == set(expected())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "output", "state"]
    assert (state / "manifest.json").is_file() and (state / "spare").is_dir()


def test_a_spare_with_unknown_files_is_brought_up_to_date(site, tmp_path):
    """Files of the old output that no manifest vouched for are never trusted in the spare."""
    dest, state, write = site
    write()
    (dest / "stray.txt").write_text("?")  # the output changed by hand: its files become unknown
    write(images=("k3-320.webp",))
    write(images=("k1-320.webp",))  # this build's staging is the spare with the unknown files
    assert contents(dest) == expected(images=("k1-320.webp",))


def test_a_kept_file_is_linked_from_the_output_without_its_bytes(site):
    """A page the output holds (vouched for by the manifest) comes through as its digest alone."""
    dest, state, write = site
    write()
    existing = existing_output(dest, state)
    assert existing.held["produk/a/index.html"] == digest(b"a")
    pages = {**PAGES, "produk/a/index.html": Kept(digest(b"a")), "index.html": b"<p>baru</p>"}
    write_site(dest, pages, {}, state, existing)
    assert contents(dest) == {**PAGES, "index.html": b"<p>baru</p>"}
    assert current_output(dest, state) is not None  # the manifest records the kept file too


def test_a_file_changed_by_hand_is_not_vouched_for(site):
    dest, state, write = site
    write()
    (dest / "produk/a/index.html").write_bytes(b"diubah")
    assert "produk/a/index.html" not in existing_output(dest, state).held


def test_cache_files_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """A write that fails half-way leaves the old file and no temporary file behind."""
    from sitegen import cachefile

    target = tmp_path / "memo" / "pages.json"
    cachefile.write_json(target, {"a": 1})
    assert cachefile.read_json(target) == {"a": 1}

    def failing_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(cachefile.os, "replace", failing_replace)
    with pytest.raises(OSError):
        cachefile.write_json(target, {"a": 2})
    assert cachefile.read_json(target) == {"a": 1} and sorted(p.name for p in target.parent.iterdir()) == ["pages.json"]
    target.write_text("[1, 2]")  # JSON, but not an object
    assert cachefile.read_json(target) == {} and cachefile.read_versioned(target, 1, "files") == {}


def test_the_record_of_an_output_left_as_it_was_moves_with_it_to_the_spare(site):
    """The spare's record is the old manifest itself, moved, not written again (17,000 entries at
    1,000 products); for an output changed by hand it is written from the scan."""
    dest, state, write = site
    write()
    manifest = state / "manifest.json"
    before, inode = manifest.read_bytes(), manifest.stat().st_ino
    write({**PAGES, "index.html": b"<p>baru</p>"})
    assert (state / "spare.json").read_bytes() == before and (state / "spare.json").stat().st_ino == inode
    assert not (state / "spare.next.json").exists()
    (dest / "produk/a/index.html").write_bytes(b"diubah")  # changed by hand: not vouched for
    write()
    assert contents(dest) == expected()
    write({**PAGES, "index.html": b"<p>lagi</p>"})  # its staging is the spare with the hand-made edit
    assert contents(dest) == expected({**PAGES, "index.html": b"<p>lagi</p>"})


def test_a_rebuild_that_drops_many_files_lists_no_folder_per_file(tmp_path, monkeypatch):
    """New image settings rename every image: the spare (the output of two builds ago) then loses
    them all, and the folders they leave empty go, without a listing of `img/` per deleted file."""
    cache = tmp_path / "cache"
    cache.mkdir()
    dest, state = tmp_path / "output", tmp_path / "state"

    def write(generation: str, pages: dict[str, bytes]):
        names = [f"{generation}{n:03d}-320.webp" for n in range(300)]
        for name in names:
            (cache / name).write_bytes(name.encode())
        return write_site(dest, pages, {f"img/{name}": cache / name for name in names}, state)

    gone = {**PAGES, "produk/lama/index.html": b"old", "arsip/2025/index.html": b"old"}
    write("a", gone)
    write("b", PAGES)  # the first output, with the "a" images, is now the spare
    listings = []
    real_listdir, real_scandir = os.listdir, os.scandir
    monkeypatch.setattr(os, "listdir", lambda *a: listings.append(a) or real_listdir(*a))
    monkeypatch.setattr(os, "scandir", lambda *a: listings.append(a) or real_scandir(*a))
    write("c", PAGES)
    monkeypatch.undo()
    assert len(listings) < 10, len(listings)  # the spare's 300 "a" images went without a listing each
    names = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*"))
    assert names == sorted([*PAGES, "img", "produk", "produk/a", "produk/b",
                            *(f"img/c{n:03d}-320.webp" for n in range(300))])  # no empty folder left
