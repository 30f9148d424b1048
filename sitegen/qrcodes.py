"""QR codes (SVG, drawn by segno) that open product, group and home pages from paper or a screen."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from sitegen import urls
from sitegen.cachefile import fill_folder
from sitegen.config import SiteConfig
from sitegen.model import Catalogue

QR_VERSION = 1  # bump when the drawing options change, so cached codes are redrawn
POOL_MINIMUM = 16  # more missing codes than this are drawn on every core (segno: ~16 ms each, pure Python)


@dataclass(frozen=True, slots=True)
class QrCode:
    """One QR code: where it is published and the page address it holds."""

    path: str
    url: str

    @property
    def key(self) -> str:
        """Cache name: the same address always gives the same picture."""
        return hashlib.sha256(f"{QR_VERSION}:{self.url}".encode()).hexdigest()[:16]


def plan_qr_codes(catalogue: Catalogue, config: SiteConfig) -> tuple[QrCode, ...]:
    """A code for the home page and every product and group page (pure)."""
    pages = ["index.html", *(urls.path_for(p) for p in catalogue.products), *(urls.path_for(g) for g in catalogue.groups)]
    return tuple(QrCode(urls.qr_path(page), urls.absolute(config.base_url, page)) for page in pages)


def qr_svg(url: str) -> bytes:
    """An SVG that scales to any box: dark modules on an opaque white square (readable in dark mode)."""
    # Error level M survives a crease or a smudge on a printed price list; segno raises it further
    # when that costs no extra modules.
    import segno  # only when a code is drawn: an edit that adds no page draws none

    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, omitsize=True, border=2, light="#fff", dark="#000",
              svgclass=None, lineclass=None)
    return buffer.getvalue() + b"\n"


def qr_files(codes: tuple[QrCode, ...], cache_dir: Path) -> dict[str, Path]:
    """Published path → cached SVG, for the output writer to link."""
    store = cache_dir / "qr"
    return {code.path: store / _name(code) for code in codes}


def make_qr_codes(codes: tuple[QrCode, ...], cache_dir: Path) -> None:
    """Draw the codes missing from the cache, prune unused ones."""
    # segno is pure Python (~16 ms a code): a cold build of 1,000 products took 18 s on one core.
    fill_folder(cache_dir / "qr", {_name(code): code.url for code in codes}, qr_svg, POOL_MINIMUM, chunk=8)


def _name(code: QrCode) -> str:
    """The code's file name in the cache's qr/ folder."""
    return f"{code.key}.svg"
