"""The one owner of output paths and URLs: where each page lives and how pages link to each other."""

from __future__ import annotations

import posixpath

from sitegen.model import Category, Group, Product

PRODUCT_DIR = "produk"
GROUP_DIR = "kelompok"
CATEGORY_DIR = "kategori"
GROUPS_INDEX = f"{GROUP_DIR}/index.html"
PRODUCTS_INDEX = f"{PRODUCT_DIR}/index.html"
BASKET_PAGE = "keranjang/index.html"
BASKET_PRICES = "keranjang/harga.json"  # what the basket checks its items against: price and seller now
SEARCH_PAGE = "cari/index.html"
SEARCH_INDEX = "search.json"
SERVICE_WORKER = "sw.js"
OFFLINE_PAGE = "offline.html"  # the service worker (sw.js names it) shows it offline for a page never seen
STAND_IN_PAGES = ("404.html", OFFLINE_PAGE)  # served in place of another URL, so never listed in the sitemap
MANIFEST = "manifest.json"  # the web app manifest, at the root like the service worker (same scope)
ICON_DIR = "icons"  # home-screen icons the manifest names
PRICE_LIST_DIR = "daftar-harga"  # printable price lists: the whole catalogue and one per group
LABEL_DIR = "label"  # printable A4 sheets of packaging stickers, one per group
CARD_DIR = "cards"  # link-preview images (1200×630) and square feed photos
QR_DIR = "qr"  # QR codes (SVG) of product, group and home pages
FEED_DIR = "feeds"  # machine-read files: Atom, Meta and Google product feeds, products.json
ATOM_FEED = f"{FEED_DIR}/new-products.atom"
GOOGLE_FEED = f"{FEED_DIR}/google-merchant.xml"
PRODUCTS_JSON = f"{FEED_DIR}/products.json"


def path_for(obj: Product | Group | Category | str) -> str:
    """The output file of a page: a model object, or a site path such as "index.html"."""
    if isinstance(obj, Product):
        return f"{PRODUCT_DIR}/{obj.slug}/index.html"
    if isinstance(obj, Group):
        return f"{GROUP_DIR}/{obj.slug}/index.html"
    if isinstance(obj, Category):
        return f"{CATEGORY_DIR}/{obj.slug}/index.html"
    return obj


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at `from_path` to the file at `to_path`; directories end in "/"."""
    target = _pretty(to_path)
    link = _relpath(target, posixpath.dirname(from_path))
    if link == ".":
        return "./"
    return link + "/" if target.endswith("/") or (not target and link) else link


def rooted(base_path: str, to_path: str) -> str:
    """A link from the site root path, for pages served at any URL (404.html)."""
    return base_path + _pretty(to_path)


def absolute(base_url: str, to_path: str) -> str:
    """The full public URL of a file, for feeds, link previews and WhatsApp messages."""
    return base_url + _pretty(to_path)


def price_list_path(group: Group | None = None) -> str:
    """The printable price list of one group, or of the whole catalogue."""
    return f"{PRICE_LIST_DIR}/{group.slug}/index.html" if group else f"{PRICE_LIST_DIR}/index.html"


def label_sheet_path(group: Group) -> str:
    """The printable sheet of packaging stickers of one group."""
    return f"{LABEL_DIR}/{group.slug}/index.html"


def meta_feed_path(group: Group | None = None) -> str:
    """The Meta commerce catalogue CSV of one group, or of the whole catalogue."""
    return f"{FEED_DIR}/meta-catalogue-{group.slug}.csv" if group else f"{FEED_DIR}/meta-catalogue.csv"


def card_path(page_path: str, key: str, square: bool = False) -> str:
    """A page's link-preview card (or square feed photo); the content key makes caches refetch it."""
    suffix = "-square" if square else ""
    return f"{CARD_DIR}/{_page_name(page_path)}-{key}{suffix}.jpg"


def qr_path(page_path: str) -> str:
    """The QR code (SVG) that opens the page at `page_path`."""
    return f"{QR_DIR}/{_page_name(page_path)}.svg"


def share_link(url: str, text: str) -> str:
    """A WhatsApp share link; the URL comes first so WhatsApp shows its link preview."""
    return f"https://wa.me/?text={quote(url + chr(10) + text)}"


def facebook_share_link(url: str) -> str:
    """Facebook's share dialog for a page."""
    return f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}"


def wa_link(digits: str, message: str) -> str:
    """A wa.me order link; spaces become %20 and newlines %0A, never "+"."""
    return f"https://wa.me/{digits}?text={quote(message)}"


def _page_name(page_path: str) -> str:
    """ "index.html" → "index", "produk/x/index.html" → "produk/x": a page as a file name stem."""
    return _pretty(page_path).rstrip("/") or "index"


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for site paths (relative, normalised), without its two getcwd() calls."""
    to, here = [p for p in target.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def _pretty(path: str) -> str:
    """Drop a trailing index.html so links read `produk/x/` rather than `produk/x/index.html`."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


# Each byte as `urllib.parse.quote(..., safe="")` writes it: itself if unreserved, else %XX.
_QUOTED = tuple(chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_.-~") else f"%{b:02X}"
                for b in range(256))


def quote(text: str) -> str:
    """`urllib.parse.quote(text, safe="")`, by a table of the 256 bytes: urllib calls a function
    per byte, ~20 ms a build for the 2,000 order links of a 1,000-product catalogue."""
    return "".join(map(_QUOTED.__getitem__, text.encode("utf-8")))
