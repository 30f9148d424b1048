"""Draw share cards with Pillow: a photo (or a mosaic) on the left, wrapped text on the right."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageOps

from sitegen.fonts import Fonts, load_font

if TYPE_CHECKING:
    from sitegen.cards import CardText

PAPER = (251, 248, 241)
INK = (29, 42, 36)
MUTED = (84, 99, 91)
ACCENT = (13, 107, 79)  # the theme colour, so a preview looks like the site it opens
BADGE = {"habis": (179, 38, 30), "pre-order": (154, 91, 0)}
MARGIN = 48
PHOTO_SHARE = 0.47  # of the card's width; the rest is the text panel
TITLE_SIZES = (60, 52, 46, 40, 34)
PRICE_SIZES = (52, 44, 38)
_ASCII = str.maketrans({"—": "-", "–": "-", "·": "-", "×": "x", "’": "'", "‘": "'", "“": '"', "”": '"'})


def draw_card(text: CardText, photos: list[Image.Image], fonts: Fonts, size: tuple[int, int]) -> Image.Image:
    """A link-preview card: photos fill the left part, the text panel the rest."""
    width, height = size
    photo_width = round(width * PHOTO_SHARE)
    card = Image.new("RGB", size, PAPER)
    card.paste(_photo_area(photos, (photo_width, height), text.title, fonts), (0, 0))
    _draw_panel(ImageDraw.Draw(card), text, fonts, (photo_width + MARGIN, MARGIN, width - MARGIN, height - MARGIN))
    return card


def draw_square(photo: Image.Image, side: int) -> Image.Image:
    """A square photo on white, whole (never cropped), as product feeds want it."""
    square = Image.new("RGB", (side, side), (255, 255, 255))
    fitted = ImageOps.contain(photo.convert("RGB"), (side, side), Image.Resampling.LANCZOS)
    square.paste(fitted, ((side - fitted.width) // 2, (side - fitted.height) // 2))
    return square


def wrap(text: str, font, width: int) -> list[str]:
    """Greedy word wrap to `width` pixels; a word longer than a line is split between letters."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while font.getlength(word) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


def clip(lines: list[str], font, width: int, count: int) -> list[str]:
    """At most `count` lines; a cut shows as an ellipsis on the last one."""
    if len(lines) <= count:
        return lines
    return lines[: count - 1] + [clip_line(lines[count - 1] + "…", font, width)]


def clip_line(line: str, font, width: int) -> str:
    """One line cut to `width`, ending in an ellipsis when anything was cut."""
    if font.getlength(line) <= width:
        return line
    line = line.removesuffix("…")
    while line and font.getlength(line + "…") > width:
        line = line[:-1].rstrip()
    return line + "…"


def printable(text: str, fonts: Fonts) -> str:
    """Text the font can draw: Pillow's built-in font has ASCII letters only, so fold accents there;
    no text font has emoji (a card would show 🌶️ as an empty box), so they are left out."""
    if text.isascii():
        return text
    if fonts.builtin:
        kept = unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore").decode("ascii")
    else:
        kept = "".join(" " if _is_emoji(ch) else ch for ch in text)
    return " ".join(kept.split())  # no double space where something was left out


def _is_emoji(ch: str) -> bool:
    """An emoji or a part of one: pictographs (U+1F000 on), their variation selectors, joiners,
    skin tones and keycaps."""
    return ord(ch) >= 0x1F000 and unicodedata.category(ch) in ("So", "Sk", "Cn") or ch in "\ufe0e\ufe0f\u200d\u20e3"


def _photo_area(photos: list[Image.Image], size: tuple[int, int], title: str, fonts: Fonts) -> Image.Image:
    """One photo cropped to fill `size`, four as a 2×2 mosaic, none as the name's initials."""
    if not photos:
        return _initials(title, size, fonts)
    if len(photos) < 4:
        return ImageOps.fit(photos[0].convert("RGB"), size, Image.Resampling.LANCZOS)
    mosaic = Image.new("RGB", size, PAPER)
    half = (size[0] // 2, size[1] // 2)
    for index, photo in enumerate(photos[:4]):
        tile = ImageOps.fit(photo.convert("RGB"), half, Image.Resampling.LANCZOS)
        mosaic.paste(tile, ((index % 2) * half[0], (index // 2) * half[1]))
    return mosaic


def _initials(title: str, size: tuple[int, int], fonts: Fonts) -> Image.Image:
    """A plain panel with the name's initials, for products and groups without a photo."""
    panel = Image.new("RGB", size, ACCENT)
    letters = "".join(word[0] for word in printable(title, fonts).split()[:2]).upper() or "?"
    ImageDraw.Draw(panel).text((size[0] // 2, size[1] // 2), letters, font=load_font(fonts, size[0] // 3, True),
                               fill=PAPER, anchor="mm")
    return panel


def _draw_panel(draw: ImageDraw.ImageDraw, text: CardText, fonts: Fonts, box: tuple[int, int, int, int]) -> None:
    left, top, right, bottom = box
    width = right - left
    bottom = _draw_foot(draw, text, fonts, left, width, bottom)
    y = top
    if text.badge:
        y = _draw_badge(draw, printable(text.badge, fonts), BADGE.get(text.status, MUTED), fonts, left, y)
    reserved = _price_block_height(text)
    y = _draw_title(draw, printable(text.title, fonts), fonts, left, y, width, bottom - y - reserved)
    if text.price:
        _draw_price(draw, printable(text.price, fonts), fonts, left, y + 8, width)
        y += 8 + 64
    if text.note:
        font = load_font(fonts, 28)
        for line in clip(wrap(printable(text.note, fonts), font, width), font, width, _note_lines(text)):
            draw.text((left, y + 8), line, font=font, fill=MUTED)
            y += 36


def _draw_price(draw, price: str, fonts: Fonts, left: int, top: int, width: int) -> None:
    """The price in the largest size that fits on one line."""
    for size in PRICE_SIZES:
        font = load_font(fonts, size, True)
        if font.getlength(price) <= width:
            break
    draw.text((left, top), clip_line(price, font, width), font=font, fill=ACCENT)


def _draw_title(draw, title: str, fonts: Fonts, left: int, top: int, width: int, room: int) -> int:
    """The name in the largest size that fits `room`; the smallest size is clipped to fit."""
    for size in TITLE_SIZES:
        font = load_font(fonts, size, True)
        lines = wrap(title, font, width)
        if len(lines) <= 3 and len(lines) * _leading(size) <= room:
            break
    else:
        lines = clip(lines, font, width, max(1, min(3, room // _leading(size))))
    for index, line in enumerate(lines):
        draw.text((left, top + index * _leading(size)), line, font=font, fill=INK)
    return top + len(lines) * _leading(size)


def _draw_badge(draw, label: str, colour: tuple[int, int, int], fonts: Fonts, left: int, top: int) -> int:
    font = load_font(fonts, 26, True)
    right = left + int(font.getlength(label)) + 28
    draw.rounded_rectangle((left, top, right, top + 44), radius=22, fill=colour)
    draw.text((left + 14, top + 22), label, font=font, fill=PAPER, anchor="lm")
    return top + 60


def _draw_foot(draw, text: CardText, fonts: Fonts, left: int, width: int, bottom: int) -> int:
    """Footer under an accent bar, with place and byline stacked above it; returns the stack's top."""
    y = bottom
    if text.footer:
        y = _draw_lines(draw, text.footer, fonts, (22, False, MUTED), (left, width, y), 1) - 14
        draw.rectangle((left, y, left + 72, y + 5), fill=ACCENT)
        y -= 10
    for value, style, count in ((text.place, (26, False, MUTED), 1), (text.byline, (30, True, INK), 2)):
        if value:
            y = _draw_lines(draw, value, fonts, style, (left, width, y), count)
    return y - 16


def _draw_lines(draw, value: str, fonts: Fonts, style: tuple, box: tuple[int, int, int], count: int) -> int:
    """Up to `count` wrapped lines whose block ends at `bottom`; returns its top."""
    size, bold, colour = style
    left, width, bottom = box
    font = load_font(fonts, size, bold)
    lines = clip(wrap(printable(value, fonts), font, width), font, width, count)
    top = bottom - len(lines) * _leading(size)
    for index, line in enumerate(lines):
        draw.text((left, top + index * _leading(size)), line, font=font, fill=colour)
    return top


def _price_block_height(text: CardText) -> int:
    return (72 if text.price else 0) + (36 * _note_lines(text) + 8 if text.note else 0)


def _note_lines(text: CardText) -> int:
    return 1 if text.price else 3


def _leading(size: int) -> int:
    return round(size * 1.22)
