"""Privacy: nothing published carries a source photo's metadata, a local path or the user's name.

Photos with EXIF (camera, owner, date, GPS), XMP, ICC, JPEG comments and PNG text chunks are built
by the real command line from a project inside a fake home folder, run as a fake user; then every
published byte, including the inline placeholders, is searched for any of it.
"""

from __future__ import annotations

import base64
import getpass
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from tests.conftest import BASIC_SITE, REPO, write_tree

USER = "relawan-sitirahayu"
SECRETS = [b"PhoneMaker-X9", b"Siti Rahayu", b"KOMENTAR-RAHASIA", b"XMP-RAHASIA", b"PNG-RAHASIA", b"2025:12:31 23:59",
           b"sRGB built-in"]
MARKERS = [b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"adobe:ns:meta", b"ICC_PROFILE", b"tEXt", b"iTXt", b"eXIf"]


def exif_block() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker-X9"  # Make
    exif[0x013B] = "Siti Rahayu"  # Artist
    exif[0x0132] = "2025:12:31 23:59:00"  # DateTime
    exif[0x0112] = 6  # Orientation
    exif.get_ifd(0x8825).update({1: "S", 2: (7.0, 40.0, 12.0), 3: "E", 4: (109.0, 39.0, 5.0)})
    return exif.tobytes()


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def photos() -> dict[str, bytes]:
    """The same kinds of metadata in every format a phone or a laptop produces."""
    image = Image.new("RGB", (900, 600), (190, 120, 60))
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>XMP-RAHASIA Siti Rahayu</rdf:RDF></x:xmpmeta>'
    jpeg, png, webp = io.BytesIO(), io.BytesIO(), io.BytesIO()
    image.save(jpeg, "JPEG", exif=exif_block(), icc_profile=icc_profile(), comment=b"KOMENTAR-RAHASIA", xmp=xmp)
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Siti Rahayu PNG-RAHASIA")
    text.add_itxt("Comment", "PNG-RAHASIA", zip=False)
    image.convert("RGBA").save(png, "PNG", pnginfo=text, exif=exif_block(), icc_profile=icc_profile())
    image.save(webp, "WEBP", exif=exif_block(), icc_profile=icc_profile(), xmp=xmp)
    return {"depan.jpg": jpeg.getvalue(), "kemasan.png": png.getvalue(), "samping.webp": webp.getvalue()}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    """Build as user USER from a project inside USER's (fake) home; return output, project, files."""
    home = tmp_path_factory.mktemp("home") / USER
    project = home / "Dokumen" / "katalog-desa"
    write_tree(project, {**BASIC_SITE, **{f"content/products/keripik/{n}": d for n, d in photos().items()},
                         "content/groups/sido/ketua.jpg": photos()["depan.jpg"],
                         "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\n"
                                                        "photo: ketua.jpg\n---\nCerita.\n"})
    env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(home), "USER": USER, "LOGNAME": USER, "USERNAME": USER}
    result = subprocess.run([sys.executable, "-m", "sitegen", "build"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    output = project / "output"
    files = {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}
    assert len([name for name in files if name.startswith("img/")]) >= 6
    return output, project, files


def inline_images(files: dict[str, bytes]) -> dict[str, bytes]:
    """Images embedded in pages as data URIs (the blurred placeholders)."""
    found = {}
    for name, data in files.items():
        for index, encoded in enumerate(re.findall(rb"data:image/\w+;base64,([A-Za-z0-9+/=]+)", data)):
            found[f"{name}#inline{index}"] = base64.b64decode(encoded)
    return found


def test_no_published_byte_carries_photo_metadata(published):
    _, _, files = published
    everything = {**files, **inline_images(files)}
    assert any("#inline" in name for name in everything)
    for name, data in everything.items():
        for secret in SECRETS + MARKERS:
            assert secret not in data, f"{secret!r} in {name}"


def test_published_images_decode_without_any_metadata(published):
    _, _, files = published
    images = {n: d for n, d in {**files, **inline_images(files)}.items() if n.startswith("img/") or "#inline" in n}
    for name, data in images.items():
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "Author", "Comment"} & set(image.info), (name, image.info)


def test_no_published_file_names_the_volunteers_folder_or_user_name(published):
    output, project, files = published
    local = [str(project), str(project.parent.parent), str(output), USER, str(REPO)]
    real_user = getpass.getuser()
    # A short or common login name ("root", "runner") also occurs in CSS; look for it as a folder.
    local += [f"/{real_user}/", f"\\{real_user}\\"] if len(real_user) < 7 else [real_user]
    for name, data in files.items():
        text = data.decode("utf-8", errors="replace")
        for secret in local:
            assert secret not in text and secret not in name, f"{secret!r} in {name}"
