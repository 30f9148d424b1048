"""Hostile and broken files: each one ends in a clean build or in located errors, never a traceback.

Binary files are generated here rather than committed. Builds run in-process through
`sitegen.build.build` on scratch projects; anything but BuildResult or BuildFailed fails the test.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from sitegen.build import BuildFailed, build
from sitegen.markup import render_markdown
from tests.conftest import BASIC_SITE, jpeg_bytes, write_tree

PRODUCT = "content/products/keripik/index.md"
FOLDER = "content/products/keripik"
LOCATED = re.compile(r"^[^\s:][^:\n]*(:\d+)?: [^\n]+ — [^\n]+$")


def product(extra: str = "", body: str = "Renyah.\n") -> str:
    return f"---\nname: Keripik\ngroup: sido\nprice: 15000\n{extra}---\n{body}"


def outcome(project: Path) -> list[str]:
    """Build; [] on success, else the located messages (each one checked for its shape)."""
    try:
        build(project, cache_dir=project / ".cache")
    except BuildFailed as failure:
        assert failure.messages and all(LOCATED.match(m) for m in failure.messages), failure.messages
        return failure.messages
    return []


def only_error(project: Path) -> str:
    [message] = outcome(project)
    return message


def image_bytes(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes of PNG whose header claims width × height pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def animation(fmt: str) -> bytes:
    frames = [Image.new("RGB", (64, 48), colour) for colour in ((220, 20, 20), (20, 220, 20), (20, 20, 220))]
    return image_bytes(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


# --- photos -----------------------------------------------------------------------------------

GOOD_JPEG = jpeg_bytes()


@pytest.mark.parametrize("name, data, key_words", [
    ("zero-byte.jpg", b"", "kosong (0 byte)"),
    ("truncated.jpg", GOOD_JPEG[: len(GOOD_JPEG) // 2], "rusak"),
    ("truncated.png", image_bytes(Image.new("RGB", (300, 300), (9, 9, 9)), "PNG")[:200], "rusak"),
    ("bomb.png", png_claiming(40_000, 40_000), "terlalu besar"),
    ("bomb-named.jpg", png_claiming(40_000, 40_000), "terlalu besar"),
    ("huge-header.jpg", GOOD_JPEG.replace(struct.pack(">HH", 600, 800), struct.pack(">HH", 65000, 65000), 1),
     "terlalu besar"),
    ("strip.png", image_bytes(Image.new("L", (10, 20_000)), "PNG"), "terlalu panjang atau terlalu sempit"),
    ("text.jpg", b"this is a note, not a photo", "bukan foto yang dikenali"),
    ("page.jpg", b"<!doctype html><title>404</title>", "bukan foto yang dikenali"),
    ("postscript.jpg", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n", "bukan foto yang dikenali"),
    ("vector.png", b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>', "bukan foto yang dikenali"),
    ("document.jpg", image_bytes(Image.new("RGB", (32, 32)), "PDF"), "bukan foto yang dikenali"),
])
def test_a_broken_or_hostile_photo_is_a_located_error(make_site, name, data, key_words):
    project = make_site({PRODUCT: product(f"photos: [{name}]\n"), f"{FOLDER}/{name}": data})
    message = only_error(project)
    assert message.startswith(f"{PRODUCT}:5: ") and name in message and key_words in message


def test_a_photo_is_recognised_by_its_content_not_its_extension(make_site):
    png = image_bytes(Image.new("RGBA", (64, 48), (10, 200, 30, 128)), "PNG")
    project = make_site({PRODUCT: product(), f"{FOLDER}/depan.jpg": png})
    assert outcome(project) == []
    [fallback] = (project / "output" / "img").glob("*.jpg")
    with Image.open(fallback) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize("fmt, suffix", [("GIF", "gif"), ("WEBP", "webp")])
def test_an_animated_photo_is_published_as_its_first_frame(make_site, fmt, suffix):
    project = make_site({PRODUCT: product(), f"{FOLDER}/animasi.{suffix}": animation(fmt)})
    assert outcome(project) == []
    for path in (project / "output" / "img").iterdir():
        with Image.open(path) as image:
            assert getattr(image, "n_frames", 1) == 1, path.name
            red, green, blue = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
            assert red > 150 and green < 100 and blue < 100, (path.name, red, green, blue)


def test_a_photo_that_crashes_its_image_worker_is_a_located_error(make_site):
    """The cheap stat memo still vouches for a file that went bad since: the worker then fails."""
    project = make_site({PRODUCT: product("photos: [depan.jpg]\n"), f"{FOLDER}/depan.jpg": GOOD_JPEG})
    assert outcome(project) == []
    photo = project / FOLDER / "depan.jpg"
    before = photo.stat()
    photo.write_bytes(GOOD_JPEG[:600] + b"\0" * (len(GOOD_JPEG) - 600))
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    for cached in (project / ".cache" / "images").iterdir():
        cached.unlink()
    message = only_error(project)
    # Found by the worker's decoder ("rusak"), or the worker itself failed ("gagal diolah").
    assert message.startswith(f"{PRODUCT}:5: ") and "depan.jpg" in message
    assert "gagal diolah" in message or "rusak" in message


# --- text files -------------------------------------------------------------------------------

ALIAS_BOMB = "---\n" + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
) + "name: Keripik\ngroup: sido\nprice: 1\n---\n"


@pytest.mark.parametrize("text, expected", [
    pytest.param(ALIAS_BOMB, f"{PRODUCT}:3: alias YAML", id="alias-bomb"),
    pytest.param("---\nname: " + "[" * 3000 + "]" * 3000 + "\ngroup: sido\nprice: 1\n---\n",
                 f"{PRODUCT}:2: data bertingkat", id="deep-brackets"),
    pytest.param(product("tags:\n  " + "- " * 3000 + "x\n"), f"{PRODUCT}:2: data bertingkat", id="deep-dashes"),
    pytest.param("---\nname: " + "k" * 10_000 + "\ngroup: sido\nprice: 1\n---\n",
                 f"{PRODUCT}:2: teks terlalu panjang (10000", id="long-name"),
    pytest.param(product("k" * 1000 + ": 1\n"), f"{PRODUCT}:5: kunci `" + "k" * 57 + "…` tidak dikenal", id="long-key"),
    pytest.param(product("k" * 100_000 + ": 1\n"), f"{PRODUCT}:5: penulisan data tidak valid", id="huge-key"),
    pytest.param(product(body="Kata. " * 10_000), f"{PRODUCT}:6: teks terlalu panjang (60000", id="long-description"),
    pytest.param("---\nname: Keripik\ngroup: sido\nprice: " + "9" * 5000 + "\n---\n", f"{PRODUCT}:4: harga",
                 id="huge-number"),
    pytest.param(product("date: 2026-02-30\n"), f'{PRODUCT}:5: tanggal "2026-02-30" tidak dikenali', id="impossible-date"),
    pytest.param('---\nname: "Keripik\\x00"\ngroup: sido\nprice: 1\n---\n',
                 f"{PRODUCT}:2: ada karakter kontrol tak terlihat (U+0000)", id="escaped-nul"),
    pytest.param('---\nname: "Keripik\\ud800"\ngroup: sido\nprice: 1\n---\n',
                 f"{PRODUCT}:2: ada karakter kontrol tak terlihat (U+D800)", id="escaped-surrogate"),
    pytest.param(product(body="Renyah.\n\nEnak\x1b[31m sekali.\n"),
                 f"{PRODUCT}:8: ada karakter kontrol tak terlihat (U+001B)", id="escape-in-body"),
    pytest.param(product("\tcategory: makanan\n"), f"{PRODUCT}:5: ada karakter Tab", id="tab"),
])
def test_hostile_text_is_a_located_error(make_site, text, expected):
    messages = outcome(make_site({PRODUCT: text}))
    assert any(m.startswith(expected) for m in messages), messages


@pytest.mark.parametrize("data, expected", [
    ("---\nname: Keripik\ngroup: sido\nprice: 15,5\n---\n".encode("latin-1") + "Gurih \xe9\n".encode("latin-1"),
     f"{PRODUCT}:6: berkas ini bukan teks UTF-8"),
    ("---\nname: Keripik\n---\n".encode("utf-16"), f"{PRODUCT}:1: berkas ini bukan teks UTF-8"),
    (b"\xef\xbb\xbf---\r\nname: Keripik\r\ngroup: sido\r\nprice: 15,5\r\n---\r\nRenyah.\r\n",
     f'{PRODUCT}:4: harga "15,5" tidak dikenali'),
    (b"---\rname: Keripik\rgroup: sido\rprice: 15,5\r---\rRenyah.\r", f'{PRODUCT}:4: harga "15,5" tidak dikenali'),
])
def test_encodings_and_line_endings_keep_exact_lines(make_site, data, expected):
    assert only_error(make_site({PRODUCT: data})).startswith(expected)


def test_bom_and_windows_line_endings_build_like_plain_files(make_site, tmp_path):
    plain = product("unit: 100 g\n", "Renyah dan **gurih**.\n\nTanpa pengawet.\n")
    windows = b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8")
    project = make_site({PRODUCT: windows})
    assert outcome(project) == []
    page = (project / "output" / "produk" / "keripik" / "index.html").read_bytes()
    assert b"\r" not in page and "\ufeff".encode() not in page and b"<strong>gurih</strong>" in page


def test_pathological_markdown_finishes_quickly_enough_to_build(make_site):
    """Python-Markdown needed minutes for 20,000 "["; cmark-gfm is linear (no timing asserted)."""
    for text in ("[" * 40_000, "![" * 20_000, "[a](" * 10_000, "<a " * 15_000, "> " * 20_000, "a\n=\n" * 10_000):
        render_markdown(text)
    body = "".join("  " * i + "- lapis\n" for i in range(200))
    assert outcome(make_site({PRODUCT: product(body=body)})) == []


def test_a_long_line_of_spaces_before_a_hash_builds_like_any_other(make_site):
    """The check for values cut at " #" once backtracked over such a line for minutes (no timing
    asserted: a quadratic pass over 300,000 spaces would not end within the test run)."""
    line = "unit: 100 g" + " " * 300_000 + "# catatan\n"
    assert outcome(make_site({PRODUCT: product(line)})) == []


# --- paths, links and names ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../sido/foto.jpg", "../../../site.yaml.jpg", "/etc/foto.jpg", "..\\\\foto.jpg"])
def test_a_photo_name_cannot_leave_the_product_folder(make_site, name):
    message = only_error(make_site({PRODUCT: product(f'photos: ["{name}"]\n')}))
    assert message.startswith(f"{PRODUCT}:5: ") and "di luar folder berkas ini" in message


def test_a_group_photo_cannot_leave_the_group_folder(make_site):
    group = "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\nphoto: ../../products/keripik/depan.jpg\n---\n"
    project = make_site({"content/groups/sido/index.md": group, f"{FOLDER}/depan.jpg": GOOD_JPEG})
    assert only_error(project).startswith("content/groups/sido/index.md:4: ")


def test_a_photo_symlink_out_of_the_project_is_refused(make_site, tmp_path):
    secret = tmp_path / "private" / "ktp.jpg"
    secret.parent.mkdir()
    secret.write_bytes(GOOD_JPEG)
    project = make_site({PRODUCT: product()})
    (project / FOLDER / "depan.jpg").symlink_to(secret)
    message = only_error(project)
    assert message.startswith(f"{PRODUCT}:1: ") and "tautan (symlink)" in message
    assert not (project / "output").exists()


def test_a_photo_symlink_inside_the_project_is_fine(make_site):
    project = make_site({PRODUCT: product(), "content/shared/depan.jpg": GOOD_JPEG})
    (project / FOLDER / "depan.jpg").symlink_to(project / "content" / "shared" / "depan.jpg")
    assert outcome(project) == []


@pytest.mark.parametrize("link", ["content/products/rahasia", "content/products/rahasia.md"])
def test_a_product_folder_or_file_symlinked_out_of_the_project_is_refused(make_site, tmp_path, link):
    outside = tmp_path / "elsewhere"
    write_tree(outside, {"rahasia/index.md": product(), "rahasia.md": product()})
    project = make_site({})
    (project / link).symlink_to(outside / Path(link).name)
    message = only_error(project)
    assert message.startswith(link) and "tautan (symlink)" in message


def test_a_theme_file_symlinked_out_of_the_project_is_never_published(make_site, tmp_path):
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY")
    project = make_site({"site.yaml": BASIC_SITE["site.yaml"] + "theme: milik-kami\n",
                         "themes/milik-kami/static/logo.svg": "<svg/>"})
    (project / "themes/milik-kami/static/kunci.txt").symlink_to(secret)
    message = only_error(project)
    assert message.startswith("themes/milik-kami/static/kunci.txt: ") and "tautan (symlink)" in message


@pytest.mark.parametrize("other", ["content/products/Keripik/index.md", "content/products/kéripik/index.md",
                                   "content/products/KERIPIK.md"])
def test_slugs_that_collide_once_case_and_accents_are_folded(make_site, other):
    """One folder on a volunteer's Windows/Mac laptop, two different pages on GitHub Pages."""
    messages = outcome(make_site({other: product()}))
    assert len(messages) == 1
    assert "jika huruf besar/kecil dan aksen diabaikan" in messages[0]
    assert {other, PRODUCT} <= set(re.findall(r"content/products/[^\s:,]+", messages[0]))


@pytest.mark.parametrize("files", [
    {"content/products/keripik.md": product()},
    {"content/products/keripik.yaml": "name: Keripik\ngroup: sido\nprice: 1\n"},
    {f"{FOLDER}/index.yaml": "name: Keripik\ngroup: sido\nprice: 1\n"},
])
def test_a_product_written_twice_is_a_located_error(make_site, files):
    message = only_error(make_site(files))
    assert "ditulis lebih dari sekali" in message and all(path in message for path in files)


def test_names_must_match_exactly_as_on_the_publishing_machine(make_site):
    project = make_site({PRODUCT: product("photos: [Depan.JPG]\n"), f"{FOLDER}/depan.jpg": GOOD_JPEG})
    assert only_error(project).startswith(f'{PRODUCT}:5: foto "Depan.JPG" tidak ditemukan')
