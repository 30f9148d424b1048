"""A rebuild of an unchanged catalogue is skipped; any change to what a build reads is not.

A real build swaps in a new output folder (a new inode); a skipped one leaves the folder alone.
"""

from __future__ import annotations

import io
import os
import random
import time
from pathlib import Path

import pytest
from PIL import Image

from sitegen import fingerprint, images
from sitegen.build import build
from sitegen.fingerprint import CONTENT_LIMIT

PRODUCT = "content/products/keripik/index.md"


def noisy_photo(seed: int) -> bytes:
    """A JPEG over the content-hash limit (judged by size and time, like a phone photo)."""
    pixels = random.Random(seed).randbytes(640 * 480 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (640, 480), pixels).save(buffer, "JPEG", quality=95)
    assert buffer.tell() > CONTENT_LIMIT
    return buffer.getvalue()


BIG_PHOTO = noisy_photo(1)


def inode(project: Path) -> int:
    return (project / "output").stat().st_ino


def age(path: Path, seconds: int = 60) -> None:
    """Make a file look written a minute ago (the build does not trust files changed just now)."""
    stamp = path.stat().st_mtime_ns - seconds * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def built_once(make_site, tmp_path):
    project = make_site({"content/products/keripik/depan.jpg": BIG_PHOTO})
    age(project / "content/products/keripik/depan.jpg")
    first = build(project, cache_dir=tmp_path / "cache")
    return project, tmp_path / "cache", first


def test_an_unchanged_catalogue_is_not_rebuilt_and_reports_the_same(built_once):
    project, cache, first = built_once
    before = inode(project)
    again = build(project, cache_dir=cache)
    assert inode(project) == before
    assert (again.pages, again.images, again.total_bytes, again.warnings) == \
           (first.pages, first.images, first.total_bytes, first.warnings)


@pytest.mark.parametrize("change", [
    "same-size text edit", "new file", "removed product", "photo replaced", "site.yaml", "theme file",
    "output page deleted", "output folder deleted", "other base_url", "other output",
])
def test_any_change_to_what_a_build_reads_or_writes_rebuilds(built_once, tmp_path, change):
    project, cache, _ = built_once
    before = inode(project)
    output, base_url = project / "output", None
    if change == "same-size text edit":
        path = project / PRODUCT
        path.write_text(path.read_text().replace("Renyah.", "Gurih!!"))
    elif change == "new file":
        (project / "content/products/sagon.md").write_text("---\nname: Sagon\ngroup: sido\nprice: 9000\n---\n")
    elif change == "removed product":
        (project / PRODUCT).unlink()
        (project / "content/products/keripik/depan.jpg").unlink()
    elif change == "photo replaced":
        photo = project / "content/products/keripik/depan.jpg"
        photo.write_bytes(noisy_photo(2))
        age(photo, 30)
    elif change == "site.yaml":
        (project / "site.yaml").write_text((project / "site.yaml").read_text().replace("Tes", "Uji"))
    elif change == "theme file":
        (project / "site.yaml").write_text((project / "site.yaml").read_text() + "theme: kita\n")
        build(project, cache_dir=cache)
        before = inode(project)
        (project / "themes/kita/static").mkdir(parents=True)
        (project / "themes/kita/static/catatan.txt").write_text("baru")
    elif change == "output page deleted":
        (output / "index.html").unlink()
    elif change == "output folder deleted":
        os.rename(output, tmp_path / "moved-away")
    elif change == "other base_url":
        base_url = "https://example.org/lain/"
    else:
        output = tmp_path / "elsewhere"
    build(project, output, base_url, cache_dir=cache)
    assert output.stat().st_ino != before and (output / "index.html").is_file()
    if change == "theme file":
        assert (output / "static/catatan.txt").read_text() == "baru"
    if change == "same-size text edit":
        assert "Gurih!!" in (output / "produk/keripik/index.html").read_text()


def raw_photo(seed: int) -> bytes:
    """An uncompressed PNG over the content-hash limit: its size depends on nothing but its pixel count."""
    pixels = random.Random(seed).randbytes(640 * 480 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (640, 480), pixels).save(buffer, "PNG", compress_level=0)
    assert buffer.tell() > CONTENT_LIMIT
    return buffer.getvalue()


def test_a_photo_written_just_now_is_not_trusted_by_its_time_alone(make_site, tmp_path):
    """Two writes within one clock tick keep the same size and time: fresh files are read again."""
    project = make_site({"content/products/keripik/depan.png": raw_photo(1)})
    build(project, cache_dir=tmp_path / "cache")
    first = sorted(p.name for p in (project / "output" / "img").iterdir())
    photo = project / "content/products/keripik/depan.png"
    stat = photo.stat()
    photo.write_bytes(raw_photo(2))
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert photo.stat().st_size == stat.st_size
    build(project, cache_dir=tmp_path / "cache")
    assert sorted(p.name for p in (project / "output" / "img").iterdir()) != first


@pytest.mark.parametrize("stamp", ["kept", "deleted"])
def test_a_settled_photo_replaced_keeping_its_size_and_date_is_published_anew(make_site, tmp_path, monkeypatch,
                                                                              stamp):
    """`rsync -a` or `cp -p` of a retaken photo keeps its size and mtime; its ctime still moves.

    The fresh-file window is shut, so only the stat keys can see the change: the no-op stamp's,
    and with the stamp gone, the photo memo's (which would otherwise hand back the old digest).
    """
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)
    monkeypatch.setattr(images, "RACY_NS", 0)
    project = make_site({"content/products/keripik/depan.png": raw_photo(1)})
    cache = tmp_path / "cache"
    build(project, cache_dir=cache)
    first = sorted(p.name for p in (project / "output" / "img").iterdir())
    photo = project / "content/products/keripik/depan.png"
    stat = photo.stat()
    time.sleep(0.05)  # past the coarse clock tick that stamps ctime
    photo.write_bytes(raw_photo(2))
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    now = photo.stat()
    assert (now.st_size, now.st_mtime_ns, now.st_ino) == (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if stamp == "deleted":
        (cache / "last-build.json").unlink()
    build(project, cache_dir=cache)
    assert sorted(p.name for p in (project / "output" / "img").iterdir()) != first


def test_an_unchanged_rebuild_replays_its_report_without_reading_site_yaml(built_once):
    """A fresh `sitegen build` on an unchanged catalogue prints the same report and warnings, and
    imports none of the build's heavy modules (YAML, configuration, templates, Markdown, Pillow)."""
    import re
    import subprocess
    import sys

    project, cache, _ = built_once
    (project / PRODUCT).write_text((project / PRODUCT).read_text() + "\nfoto tanpa teks\n")
    script = ("import sys; from sitegen.cli import main; code = main(sys.argv[1:]); "
              "print(' '.join(sorted(sys.modules)), file=sys.stderr); sys.exit(code)")

    def run() -> tuple[str, list[str], set[str]]:
        done = subprocess.run([sys.executable, "-c", script, "build", "--project", str(project),
                               "--cache-dir", str(cache)], capture_output=True, text=True, check=True)
        *messages, modules = done.stderr.splitlines()
        return re.sub(r"\d+[,.]\d+ detik", "N detik", done.stdout), messages, set(modules.split())

    age(project / PRODUCT)
    built = run()
    before = inode(project)
    replayed = run()
    assert inode(project) == before
    assert replayed[:2] == built[:2] and "halaman" in replayed[0] and any("peringatan" in m for m in built[1])
    assert {"yaml", "sitegen.config", "jinja2", "cmarkgfm", "PIL", "sitegen.pipeline"}.isdisjoint(replayed[2])
    # The check above can fail: a build loads these (and YAML, when a front matter changed: below).
    assert {"sitegen.config", "jinja2", "sitegen.pipeline"} <= built[2]


def test_an_edit_that_changes_no_text_or_card_loads_no_markdown_or_pillow(built_once):
    """A new WhatsApp number for a group parses no Markdown and draws no card: a fresh build then
    imports neither (Pillow is ~15 ms of a rebuild), and its pages are still those of a clean build."""
    import subprocess
    import sys

    from tests.conftest import files_of

    project, cache, _ = built_once
    group = project / "content/groups/sido/index.md"
    group.write_text(group.read_text().replace("0812-0000-0001", "0812-0000-0009"))
    age(group)
    script = ("import sys; from sitegen.cli import main; code = main(sys.argv[1:]); "
              "print(' '.join(sorted(sys.modules)), file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, "build", "--project", str(project), "--cache-dir", str(cache)],
                          capture_output=True, text=True, check=True)
    modules = set(done.stderr.splitlines()[-1].split())
    assert {"cmarkgfm", "PIL.Image", "segno"}.isdisjoint(modules) and "jinja2" in modules
    assert "6281200000009" in (project / "output/kelompok/sido/index.html").read_text()
    clean = build(project, project.parent / "clean", cache_dir=project.parent / "clean-cache")
    assert clean.pages and files_of(project / "output") == files_of(project.parent / "clean")


@pytest.mark.parametrize("edit", ["description", "front matter"])
def test_an_edit_below_the_front_matter_parses_no_yaml(built_once, edit):
    """A description edit takes every file's fields, site.yaml's too, from the document memo: a
    fresh build never loads PyYAML (~20 ms), and its pages are those of a clean build."""
    import subprocess
    import sys

    from tests.conftest import files_of

    project, cache, _ = built_once
    product = project / PRODUCT
    old, new = ("Renyah.", "Gurih sekali.") if edit == "description" else ("price: 15000", "price: 16000")
    product.write_text(product.read_text().replace(old, new))
    script = ("import sys; from sitegen.cli import main; code = main(sys.argv[1:]); "
              "print(' '.join(sorted(sys.modules)), file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, "build", "--project", str(project), "--cache-dir", str(cache)],
                          capture_output=True, text=True, check=True)
    modules = set(done.stderr.split())
    assert ("yaml" in modules) == (edit == "front matter") and "sitegen.pipeline" in modules
    assert ("cmarkgfm" in modules) == (edit == "description")  # the changed text alone is rendered
    page = (project / "output/produk/keripik/index.html").read_text()
    assert ("Gurih sekali." in page) == (edit == "description") and ("16.000" in page) == (edit != "description")
    built = files_of(project / "output")
    build(project, project.parent / "clean", cache_dir=project.parent / "clean-cache")
    assert built == files_of(project.parent / "clean")


def test_the_cycle_collector_is_paused_while_the_pipeline_runs_and_restored_after(make_site, tmp_path, monkeypatch):
    """It walked every live object again and again: a fifth of a 1,000-product rebuild."""
    import gc

    import sitegen.pipeline

    seen = []
    real = sitegen.pipeline.run_pipeline

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(sitegen.pipeline, "run_pipeline", spy)
    project = make_site({})
    assert gc.isenabled()
    build(project, cache_dir=tmp_path / "cache")
    build(project, cache_dir=tmp_path / "cache", check_only=True)
    assert seen == [False, False] and gc.isenabled()
