"""Rebuilds: nothing changed → nothing touched; any input changed → exactly the right output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.build import build
from tests.conftest import BASIC_SITE, jpeg_bytes

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


def rendered_pages(monkeypatch) -> list[str]:
    """The paths of the pages the builds after this call render (rather than take from the output)."""
    import sitegen.pipeline

    rendered: list[str] = []
    render_page = sitegen.pipeline.render_page
    monkeypatch.setattr(sitegen.pipeline, "render_page",
                        lambda env, spec: rendered.append(spec.path) or render_page(env, spec))
    return rendered


SIBLING = {"content/products/sagon/index.md": "---\nname: Sagon\ngroup: sido\nprice: 9000\ncategory: makanan\n---\nManis.\n"}


def edit_and_rebuild(project: Path, rendered: list[str], path: str, old: str, new: str) -> tuple[dict, list[str]]:
    """Replace `old` by `new` in a source file and rebuild: the output (checked against a clean build of
    the same project) and the pages that rebuild rendered rather than took from the output."""
    source = project / path
    source.write_text(source.read_text().replace(old, new, 1))
    rendered.clear()
    state = rebuild(project)
    pages = list(rendered)
    assert contents(state) == contents(rebuild_clean(project))
    return state, pages


def test_a_description_edit_renders_only_the_pages_that_show_it(make_site, monkeypatch):
    # The sibling's page, the group, the listings, the price list and labels all hold the product,
    # but show only its name, photo and price.
    project = make_site(SIBLING)
    rebuild(project)
    second, rendered = edit_and_rebuild(project, rendered_pages(monkeypatch), "content/products/keripik/index.md",
                                        "Renyah.", "Renyah sekali.")
    assert rendered == ["produk/keripik/index.html"]
    assert b"Renyah sekali." in second["produk/keripik/index.html"][0]


def test_a_theme_that_shows_a_description_elsewhere_gets_that_page_rendered_too(make_site, monkeypatch):
    # A site's own theme lists the other products of the group with their summaries.
    default = Path(__file__).resolve().parents[1] / "themes/default/templates/product.html"
    template = default.read_text(encoding="utf-8").replace("{{ other.name }}</a>", "{{ other.name }}</a> {{ other.summary }}")
    assert "other.summary" in template
    project = make_site({**SIBLING, "themes/desa/templates/product.html": template,
                         "site.yaml": BASIC_SITE["site.yaml"] + "theme: desa\n"})
    rebuild(project)
    second, rendered = edit_and_rebuild(project, rendered_pages(monkeypatch), "content/products/keripik/index.md",
                                        "Renyah.", "Renyah sekali.")
    assert sorted(rendered) == ["produk/keripik/index.html", "produk/sagon/index.html"]
    assert b"Renyah sekali." in second["produk/sagon/index.html"][0]


def test_a_story_edit_past_the_summary_renders_only_the_group_page(make_site, monkeypatch):
    # Product pages show the group's summary (its story's first 160 characters), not the story.
    opening = "Kelompok ibu-ibu purna migran di desa Sido yang membuat keripik dan sagon dari bahan panen sendiri, " * 2
    group = f"---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\n---\n{opening}\n\nBerdiri tahun 2019.\n"
    project = make_site({**SIBLING, "content/groups/sido/index.md": group})
    rebuild(project)
    watched = rendered_pages(monkeypatch)
    second, rendered = edit_and_rebuild(project, watched, "content/groups/sido/index.md", "2019", "2018")
    assert rendered == ["kelompok/sido/index.html"]
    assert b"Berdiri tahun 2018." in second["kelompok/sido/index.html"][0]
    third, rendered = edit_and_rebuild(project, watched, "content/groups/sido/index.md",  # the summary too
                                       "Kelompok ibu-ibu", "Kelompok bapak-bapak")
    assert {"kelompok/sido/index.html", "produk/keripik/index.html", "produk/sagon/index.html"} <= set(rendered)
    assert b"Kelompok bapak-bapak" in third["produk/sagon/index.html"][0]
