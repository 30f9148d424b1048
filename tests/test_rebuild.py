"""Rebuilds: nothing changed → nothing touched; any input changed → exactly the right output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.build import build
from tests.conftest import jpeg_bytes

PHOTOS = {
    "content/products/keripik/depan.jpg": jpeg_bytes((400, 300), color=(200, 40, 40)),
    "content/products/keripik/belakang.jpg": jpeg_bytes((400, 300), color=(40, 200, 40)),
}


def rebuild(project: Path, **options) -> dict[str, tuple[bytes, int, int]]:
    """Build into project/output; return every published file's content, inode and mtime."""
    build(project, cache_dir=project.parent / "cache", **options)
    output = project / "output"
    return {p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(output.rglob("*")) if p.is_file()}


def contents(state: dict) -> dict[str, bytes]:
    return {path: data for path, (data, _, _) in state.items()}


def test_an_unchanged_rebuild_touches_nothing(make_site):
    project = make_site(PHOTOS)
    first = rebuild(project)
    assert rebuild(project) == first


def test_a_text_edit_rewrites_only_pages_and_leaves_images_alone(make_site):
    project = make_site({**PHOTOS, "content/products/lain/index.md": "---\nname: Lain\ngroup: sido\nprice: 1\n---\n"})
    first = rebuild(project)
    source = project / "content/products/keripik/index.md"
    source.write_text(source.read_text().replace("Renyah.", "Renyah sekali."))
    second = rebuild(project)
    assert b"Renyah sekali." in second["produk/keripik/index.html"][0]
    images = [path for path in first if path.startswith("img/")]
    assert images and all(second[path] == first[path] for path in images)
    assert second["kelompok/index.html"] == first["kelompok/index.html"]  # a page the edit does not reach
    assert contents(second) == contents(rebuild_clean(project))


def rebuild_clean(project: Path) -> dict:
    """The same project built from scratch, for comparison."""
    fresh = project.parent / "fresh"
    build(project, fresh, cache_dir=project.parent / "fresh-cache")
    return {p.relative_to(fresh).as_posix(): (p.read_bytes(), 0, 0) for p in sorted(fresh.rglob("*")) if p.is_file()}


def test_a_replaced_photo_gets_new_images_and_the_old_ones_go(make_site):
    project = make_site(PHOTOS)
    first = rebuild(project)
    # Held the other way: pages carry each image's size, which a photo's plan is described by only
    # through its key (the page memo's `PhotoPlan.identity`).
    (project / "content/products/keripik/depan.jpg").write_bytes(jpeg_bytes((300, 400), color=(10, 10, 200)))
    second = rebuild(project)
    assert {p for p in second if p.startswith("img/")} != {p for p in first if p.startswith("img/")}
    assert contents(second) == contents(rebuild_clean(project))
    cached = set(os.listdir(project.parent / "cache" / "images"))
    assert cached == {p.split("/", 1)[1] for p in second if p.startswith("img/")}


@pytest.mark.parametrize("change", ["site.yaml", "theme", "same size and date", "new product", "base url"])
def test_every_kind_of_input_change_is_noticed(make_site, change):
    project = make_site(PHOTOS)
    rebuild(project)
    options = {}
    if change == "site.yaml":
        (project / "site.yaml").write_text((project / "site.yaml").read_text().replace("title: Tes", "title: Tas"))
    elif change == "theme":
        (project / "site.yaml").write_text((project / "site.yaml").read_text() + "theme: desa\n")
        rebuild(project)
        page = project / "themes/desa/templates/404.html"
        page.parent.mkdir(parents=True)
        page.write_text("{% extends 'base.html' %}{% block main %}Tas{% endblock %}")
    elif change == "same size and date":  # an editor that restores the file's date, e.g. rsync -a
        source = project / "content/groups/sido/index.md"
        stat = source.stat()
        source.write_text(source.read_text().replace("Cerita.", "Ceriti."))
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert source.stat().st_size == stat.st_size
    elif change == "new product":
        (project / "content/products/tas.md").write_text("---\nname: Tas\ngroup: sido\nprice: 5\n---\n")
    else:
        options["base_url"] = "https://example.org/tas/"
    state = rebuild(project, **options)
    assert any(marker in data for data, _, _ in state.values() for marker in (b"Tas", b"Ceriti", b"/tas/"))


def test_output_changed_by_hand_is_repaired_and_never_reaches_the_cache(make_site):
    project = make_site(PHOTOS)
    first = rebuild(project)
    (project / "output" / "index.html").unlink()
    image = next(p for p in first if p.startswith("img/"))
    (project / "output" / image).write_bytes(b"broken")
    assert contents(rebuild(project)) == contents(first)
