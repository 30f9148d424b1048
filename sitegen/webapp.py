"""What "Add to home screen" installs: the web app manifest and its icons, drawn with Pillow at build time."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typing import TYPE_CHECKING

import PIL  # only its version, for the memo key: PIL.Image (~10 ms) is imported when an icon is drawn

from sitegen import urls
from sitegen.bytememo import remembered
from sitegen.config import SiteConfig

if TYPE_CHECKING:
    from PIL import Image

THEME_COLOUR = "#0b6347"  # the <meta name="theme-color"> of every page
BACKGROUND_COLOUR = "#faf8f3"  # the page background, shown while the app opens
ICON_SIZES = (192, 512)
APPLE_ICON_SIZE = 180
SHORT_NAME_LIMIT = 12  # what fits under an icon on a home screen


def manifest(config: SiteConfig) -> str:
    """The manifest; start_url and scope are relative to it (the site root), so they work under /<repo>/."""
    icons = [{"src": icon_path(size), "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
             for size in ICON_SIZES]
    icons.append({"src": icon_path(512, maskable=True), "sizes": "512x512", "type": "image/png",
                  "purpose": "maskable"})
    data = {
        "name": config.title, "short_name": short_name(config.title), "lang": config.language,
        "description": config.description or config.title, "start_url": "./", "scope": "./",
        "display": "standalone", "theme_color": THEME_COLOUR, "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def short_name(title: str) -> str:
    """The title cut at a word to fit under a home-screen icon."""
    if len(title) <= SHORT_NAME_LIMIT:
        return title
    words, shown = title.split(), ""
    for word in words:
        if len(f"{shown} {word}".strip()) > SHORT_NAME_LIMIT:
            break
        shown = f"{shown} {word}".strip()
    return shown or title[:SHORT_NAME_LIMIT]


def icon_path(size: int, maskable: bool = False) -> str:
    """Where an icon is published (relative to the site root)."""
    return f"{urls.ICON_DIR}/icon-{size}{'-maskable' if maskable else ''}.png"


def webapp_files(config: SiteConfig, cache_dir: Path | None = None) -> dict[str, bytes]:
    """The manifest and every icon it or the pages name (icons kept in `cache_dir` once drawn)."""
    files = {urls.MANIFEST: manifest(config).encode()}
    icons = [(icon_path(size), size, 0.18, False) for size in ICON_SIZES]
    icons += [(icon_path(512, maskable=True), 512, 0.28, True), (icon_path(APPLE_ICON_SIZE), APPLE_ICON_SIZE, 0.2, True)]
    for path, size, inset, full_bleed in icons:
        inputs = f"icon|{size}|{inset}|{full_bleed}|{THEME_COLOUR}|{PIL.__version__}"
        files[path] = remembered(cache_dir, inputs, __file__, lambda s=size, i=inset, f=full_bleed: _png(draw_icon(s, i, f)))
    return files


def draw_icon(size: int, inset: float, full_bleed: bool = False) -> Image.Image:
    """The favicon's shopping basket, white on the theme colour; `inset` keeps it in a mask's safe zone."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = _rgb(THEME_COLOUR)
    if full_bleed:  # maskable and Apple icons: the platform cuts the shape, so fill every pixel
        draw.rectangle((0, 0, size, size), fill=colour)
    else:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 4, fill=colour)
    # The favicon's basket (M4 6 h8 l-1 6 H5 z, 8 units wide, 6 high), centred in the safe zone.
    scale, left = size * (1 - 2 * inset) / 8, size * inset
    points = [(4, 6), (12, 6), (11, 12), (5, 12)]
    draw.polygon([(left + (x - 4) * scale, size / 2 + (y - 9) * scale) for x, y in points], fill="white")
    return image


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
