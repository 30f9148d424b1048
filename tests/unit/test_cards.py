"""Share-card drawing: text fits its box, any photo gives a card under WhatsApp's 300 KB limit."""

import io
import random

import pytest
from PIL import Image

from sitegen.cards import CARD_SIZE, MAX_CARD_BYTES, Card, CardText, render_card
from sitegen.drawing import PAPER, clip, draw_card, printable, wrap
from sitegen.errors import SourceRef
from sitegen.fonts import find_fonts, load_font
from sitegen.fields import format_phone

SYSTEM = find_fonts(())
BUILTIN = find_fonts((), candidates=())
LONG_NAME = "Rengginang Ketela Singkong Pedas Manis Khas Desa Tanjungsari Kecamatan Puring Kabupaten Kebumen"


def test_without_any_font_file_cards_fall_back_to_pillows_own_font():
    assert BUILTIN.builtin and BUILTIN.name == "pillow-builtin"
    assert printable("Kue Légit — Rp15.000 · 2×", BUILTIN) == "Kue Legit - Rp15.000 - 2x"


def test_a_theme_may_ship_its_own_fonts(tmp_path):
    if SYSTEM.builtin:
        pytest.skip("no system font to copy into the theme")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "regular.ttf").write_bytes(open(SYSTEM.regular, "rb").read())
    (fonts / "bold.ttf").write_bytes(open(SYSTEM.bold, "rb").read())
    assert find_fonts((tmp_path,)).regular == str(fonts / "regular.ttf")


def test_a_theme_font_replaced_keeping_its_size_and_date_is_named_anew(tmp_path):
    """The family name is part of every card's key: a same-size font whose date a tool kept
    (`cp -p`, `rsync -a`) must not keep the old name, nor the cards drawn with the old font."""
    import os
    import time

    if SYSTEM.builtin:
        pytest.skip("no system font to copy into the theme")
    regular, bold = (open(path, "rb").read() for path in (SYSTEM.regular, SYSTEM.bold))
    size = max(len(regular), len(bold))  # padded to one size: a font's tables are found by offset
    regular, bold = regular.ljust(size, b"\0"), bold.ljust(size, b"\0")
    fonts = tmp_path / "theme" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "regular.ttf").write_bytes(regular)
    (fonts / "bold.ttf").write_bytes(bold)
    first = find_fonts((tmp_path / "theme",), cache_dir=tmp_path / "cache")
    stat = (fonts / "regular.ttf").stat()
    time.sleep(0.05)  # past the coarse clock tick that stamps ctime
    (fonts / "regular.ttf").write_bytes(bold)
    os.utime(fonts / "regular.ttf", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = find_fonts((tmp_path / "theme",), cache_dir=tmp_path / "cache")
    assert first.name.split("/")[0] != second.name.split("/")[0] == second.name.split("/")[1]


@pytest.mark.parametrize("fonts", [SYSTEM, BUILTIN], ids=["system", "builtin"])
@pytest.mark.parametrize("text", [LONG_NAME, "Supercalifragilisticexpialidociouskeripikpare" * 3, "Nastar"])
def test_wrapped_lines_never_run_past_the_box(fonts, text):
    font = load_font(fonts, 52, True)
    lines = wrap(text, font, 450)
    assert lines and all(font.getlength(line) <= 450 for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    clipped = clip(lines, font, 450, 2)
    assert len(clipped) == min(2, len(lines)) and all(font.getlength(line) <= 450 for line in clipped)


def noise_photo(path, size=(1024, 768)):
    """The worst case for JPEG: random pixels."""
    rng = random.Random(4)
    Image.frombytes("RGB", size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3))).save(path, "WEBP")
    return path


@pytest.mark.parametrize("fonts", [SYSTEM, BUILTIN], ids=["system", "builtin"])
def test_even_a_noise_photo_gives_a_card_under_300_kb(fonts, tmp_path):
    text = CardText(LONG_NAME, "mulai Rp1.250.000", "Pre-order", "pre-order", "100 g · 250 g · 1 kg",
                    "KUB Srikandi Tanjungsari (contoh) dari Desa Tanjungsari", "Tanjungsari, Puring, Kebumen",
                    "Katalog Produk Purna Migran Kebumen (contoh)")
    card = Card("k", "cards/produk/x-k.jpg", False, text, (), SourceRef("x"))
    data = render_card(card, [noise_photo(tmp_path / "noise.webp")], fonts)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == CARD_SIZE
    assert len(data) <= MAX_CARD_BYTES


def test_a_card_without_photo_is_drawn_from_the_name(tmp_path):
    card = Card("k", "cards/produk/x-k.jpg", False, CardText("Gatot Instan", "Rp13.000"), (), SourceRef("x"))
    with Image.open(io.BytesIO(render_card(card, [], SYSTEM))) as image:
        assert image.size == CARD_SIZE


def test_a_square_feed_photo_keeps_the_whole_photo(tmp_path):
    photo = tmp_path / "wide.webp"
    Image.new("RGB", (1024, 512), (200, 30, 30)).save(photo, "WEBP")
    card = Card("k", "cards/produk/x-k-square.jpg", True, CardText(""), (), SourceRef("x"))
    with Image.open(io.BytesIO(render_card(card, [photo], SYSTEM))) as image:
        assert image.size == (640, 640)
        assert image.getpixel((320, 5))[1] > 240 and image.getpixel((320, 320))[1] < 80


@pytest.mark.parametrize("digits, shown", [
    ("6281234567890", "0812-3456-7890"), ("628123456789", "0812-3456-789"), ("62287381234", "(0287) 381234"),
    ("622153112233", "(021) 5311 2233"), ("62215551234", "(021) 555 1234"), ("6227412345", "(0274) 12345"),
    ("627517051234", "(0751) 705 1234"),
])
def test_phone_numbers_are_shown_as_written_in_indonesia(digits, shown):
    assert format_phone(digits) == shown


@pytest.mark.parametrize("fonts", [SYSTEM, BUILTIN], ids=["system", "builtin"])
def test_long_texts_stay_inside_the_card_margins(fonts):
    text = CardText(LONG_NAME + " " + LONG_NAME, "mulai Rp1.000.000.000 per kemasan besar", "Pre-order",
                    "pre-order", "Original 100 g · Pedas 100 g · Original 250 g · Pedas 250 g · Keluarga 1 kg",
                    LONG_NAME, LONG_NAME, LONG_NAME)
    image = draw_card(text, [], fonts, CARD_SIZE)
    margin = image.crop((CARD_SIZE[0] - 40, 0, CARD_SIZE[0], CARD_SIZE[1]))
    bottom = image.crop((round(CARD_SIZE[0] * 0.47), CARD_SIZE[1] - 30, CARD_SIZE[0], CARD_SIZE[1]))
    assert margin.getcolors() == [(40 * CARD_SIZE[1], PAPER)]
    assert bottom.getcolors() == [(bottom.width * 30, PAPER)]


@pytest.mark.parametrize("fonts", [SYSTEM, BUILTIN], ids=["system font", "built-in font"])
def test_emoji_are_left_out_of_a_card_rather_drawn_as_empty_boxes(fonts):
    """No text font has emoji: "🌶️🔥 Keripik 👍🏽" would show three boxes in every link preview."""
    assert printable("🌶️🔥 Keripik Pare 👍🏽 Pedas 1️⃣", fonts) == "Keripik Pare Pedas 1"
    photo = Image.new("RGB", (900, 700), (120, 80, 40))
    plain = CardText(title="Keripik Pare", price="Rp15.000", note="100 g", byline="KUB Sido", footer="Tes")
    with_emoji = CardText(title="🌶️ Keripik Pare 🔥", price="Rp15.000", note="100 g 👍", byline="KUB Sido 🤝",
                          footer="Tes")
    drawn = [draw_card(text, [photo], fonts, CARD_SIZE).tobytes() for text in (plain, with_emoji)]
    assert drawn[0] == drawn[1]
