"""Find the fonts that share cards are drawn with: a theme's own, the system's, or Pillow's built-in one."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.bytememo import remembered
from sitegen.errors import SiteError, SiteErrors, SourceRef
from sitegen.fingerprint import stat_identity

if TYPE_CHECKING:  # Pillow is imported where fonts are drawn: an unchanged rebuild never loads it
    from PIL import ImageFont

THEME_FONTS = ("fonts/regular.ttf", "fonts/bold.ttf")  # a theme may ship its own pair
# (regular, bold) pairs that cover Indonesian (Latin with accents, dashes, the rupiah "Rp"),
# most likely first: Debian/Ubuntu (fonts-dejavu-core), Fedora, Arch/Alpine/openSUSE, macOS, Windows.
SYSTEM_FONTS = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("C:/Windows/Fonts/segoeui.ttf", "C:/Windows/Fonts/segoeuib.ttf"),
)


@dataclass(frozen=True, slots=True)
class Fonts:
    """A regular and a bold font file; without files, Pillow's built-in font (ASCII letters only)."""

    regular: str | None
    bold: str | None
    name: str  # part of every card's cache key: another font draws another card

    @property
    def builtin(self) -> bool:
        """True when no font file was found and cards fall back to Pillow's own font."""
        return self.regular is None


def font_files(theme_dirs: tuple[Path, ...], candidates=SYSTEM_FONTS) -> tuple[str | None, str | None]:
    """The first complete (regular, bold) pair of files: the site theme's, the built-in theme's, the system's.

    Paths only, without loading Pillow: an unchanged rebuild needs no more to know the fonts are the same.
    """
    pairs = [tuple(str(theme / name) for name in THEME_FONTS) for theme in theme_dirs]
    for regular, bold in [*pairs, *candidates]:
        if Path(regular).is_file() and Path(bold).is_file():
            return regular, bold
    return None, None


def find_fonts(theme_dirs: tuple[Path, ...], candidates=SYSTEM_FONTS, cache_dir: Path | None = None) -> Fonts:
    """The first complete pair: the site theme's, the built-in theme's, then the system's.

    Their family names are read with FreeType once and kept in `cache_dir` (if given), keyed by
    each file's path and stat (`fingerprint.stat_identity`): loading Pillow's font module costs
    every rebuild ~15 ms.
    """
    regular, bold = font_files(theme_dirs, candidates)
    if regular and bold:
        return Fonts(regular, bold, f"{_remembered_name(regular, cache_dir)}/{_remembered_name(bold, cache_dir)}")
    from PIL import features  # imports all of PIL.Image: only when no font file was found

    if not features.check("freetype2"):
        raise SiteErrors([SiteError(SourceRef("site.yaml"), "font_missing", {"platform": sys.platform})])
    return Fonts(None, None, "pillow-builtin")


@functools.lru_cache(maxsize=64)
def load_font(fonts: Fonts, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The font at `size` pixels; Pillow's built-in font has no bold, so size alone sets it apart."""
    from PIL import ImageFont

    path = fonts.bold if bold else fonts.regular
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(path, size)


def _remembered_name(path: str, cache_dir: Path | None) -> str:
    import PIL  # the package only, for its version

    inputs = f"font name|{path}|{stat_identity(Path(path).stat())}|{PIL.__version__}"
    return remembered(cache_dir, inputs, __file__, lambda: _name(path).encode("utf-8")).decode("utf-8")


def _name(path: str) -> str:
    from PIL import ImageFont

    family, style = ImageFont.truetype(path, 12).getname()
    return f"{family} {style}"
