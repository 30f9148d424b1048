"""The real `sitegen` command on the bundled example catalogue, as a newcomer runs it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.conftest import REPO, SUB_PATH, build_example, files_of, shopper_pages
from tests.sitecheck import broken_links

def test_example_has_every_page_kind(example_site):
    products = sorted(p.name for p in (example_site / "produk").iterdir())
    groups = sorted(p.name for p in (example_site / "kelompok").iterdir() if p.is_dir())
    assert len(products) >= 20 and len(groups) == 9
    for path in ("index.html", "404.html", "kelompok/index.html", "sitemap.xml", "robots.txt", ".nojekyll"):
        assert (example_site / path).is_file(), path
    assert any((example_site / "kategori").iterdir())


def test_every_internal_link_resolves_under_a_sub_path(example_site):
    assert broken_links(example_site, SUB_PATH) == []


def test_no_original_photo_is_published(example_site):
    sources = {p.read_bytes() for p in (REPO / "content").rglob("*.jpg")}
    published = [p for p in example_site.rglob("*") if p.suffix in (".jpg", ".jpeg", ".png", ".webp")]
    assert published and not any(p.read_bytes() in sources for p in published)


def test_published_images_carry_no_metadata(example_site):
    images = [p for p in example_site.rglob("*") if p.suffix in (".jpg", ".jpeg", ".png", ".webp")]
    assert images
    for path in images:
        data = metadata_bytes(path.read_bytes())
        with Image.open(path) as image:
            assert not image.getexif(), f"EXIF in {path.name}"
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(image.info), path.name
        # Long markers only: short ones (e.g. b"GPS") turn up by chance in compressed pixels.
        for marker in (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"ContohPhone"):
            assert marker not in data, f"{marker!r} in {path.name}"


def metadata_bytes(data: bytes) -> bytes:
    """Everything but the compressed pixels, where three bytes like "GPS" turn up by chance."""
    if data.startswith(b"\xff\xd8"):  # JPEG: the segments before the first start-of-scan
        end = data.find(b"\xff\xda")
        return data[: end if end > 0 else len(data)]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":  # WebP: every chunk but the image data
        kept, offset = [], 12
        while offset + 8 <= len(data):
            kind, size = data[offset:offset + 4], int.from_bytes(data[offset + 4:offset + 8], "little")
            if kind not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF"):
                kept.append(data[offset:offset + 8 + size])
            offset += 8 + size + (size & 1)
        return b"".join(kept)
    return data


def test_every_img_has_dimensions_and_only_the_first_photo_loads_eagerly(example_site):
    html = (example_site / "produk").glob("*/index.html")
    for page in html:
        text = page.read_text(encoding="utf-8")
        tags = [tag for tag in text.split("<img ")[1:]]
        for tag in tags:
            assert ' width="' in tag and ' height="' in tag
        eager = [tag for tag in tags if 'loading="lazy"' not in tag]
        assert len(eager) <= 1


def test_the_build_is_deterministic_whatever_the_clock_timezone_or_locale(example_site, tmp_path):
    build_example(tmp_path / "again", tmp_path / "cache", SUB_PATH, TZ="Asia/Jakarta", LC_ALL="C.UTF-8",
                  SOURCE_DATE_EPOCH="1")
    assert files_of(tmp_path / "again") == files_of(example_site)


def test_sitegen_build_without_arguments_builds_the_example(tmp_path):
    """The README's first command, in a copy of the repository's catalogue files."""
    project = tmp_path / "repo"
    project.mkdir()
    shutil.copyfile(REPO / "site.yaml", project / "site.yaml")
    shutil.copytree(REPO / "content", project / "content")
    result = subprocess.run([sys.executable, "-m", "sitegen", "build"], cwd=project, capture_output=True,
                            text=True, timeout=900, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert (project / "output" / "index.html").is_file()
    assert re.search(r"\d+ halaman \(.+ MB\), \d+ gambar", result.stdout), result.stdout  # the size report


def test_page_weight_budgets_hold(example_site):
    """HTML+CSS of every page <= 14 KB and all JavaScript <= 6 KB, gzip-compressed."""
    import gzip

    pages = {p.relative_to(example_site).as_posix(): len(gzip.compress(p.read_bytes(), 6))
             for p in shopper_pages(example_site)}
    heavy = {path: size for path, size in pages.items() if size > 14_000}
    assert heavy == {}
    scripts = sum(len(gzip.compress(p.read_bytes(), 6)) for p in example_site.rglob("*.js"))
    assert 0 < scripts <= 6_000


def test_scripts_are_deferred_and_optional(example_site):
    for page in shopper_pages(example_site):
        text = page.read_text(encoding="utf-8")
        for tag in text.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert "defer" in head or 'type="application/ld+json"' in head, f"{page}: blocking script"
