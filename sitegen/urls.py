"""The one owner of output paths and URLs: where each page lives and how pages link to each other."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from sitegen.model import Category, Group, Product

PRODUCT_DIR = "produk"
GROUP_DIR = "kelompok"
CATEGORY_DIR = "kategori"
GROUPS_INDEX = f"{GROUP_DIR}/index.html"
PRODUCTS_INDEX = f"{PRODUCT_DIR}/index.html"
BASKET_PAGE = "keranjang/index.html"
SEARCH_PAGE = "cari/index.html"
SEARCH_INDEX = "search.json"
SERVICE_WORKER = "sw.js"


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
    start = posixpath.dirname(from_path)
    link = _relpath(target, start)
    if link == ".":
        return "./"
    return link + "/" if target.endswith("/") or (not target and link) else link


def rooted(base_path: str, to_path: str) -> str:
    """A link from the site root path, for pages served at any URL (404.html)."""
    return base_path + _pretty(to_path)


def absolute(base_url: str, to_path: str) -> str:
    """The full public URL of a file, for feeds, link previews and WhatsApp messages."""
    return base_url + _pretty(to_path)


def wa_link(digits: str, message: str) -> str:
    """A wa.me order link; spaces become %20 and newlines %0A, never "+"."""
    return f"https://wa.me/{digits}?text={quote(message, safe='')}"


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for the clean relative paths of a site, without its cwd look-ups.

    A page renders thousands of links, and relpath's abspath calls were 40 % of render time.
    """
    inner = target[:-1] if target.endswith("/") else target
    target_parts, start_parts = inner.split("/") if inner else [], start.split("/") if start else []
    if target.startswith("/") or {".", "..", ""} & set(target_parts + start_parts):
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    for ours, theirs in zip(target_parts, start_parts):
        if ours != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


def _pretty(path: str) -> str:
    """Drop a trailing index.html so links read `produk/x/` rather than `produk/x/index.html`."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path
