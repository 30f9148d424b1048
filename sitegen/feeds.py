"""Pure serialisers of machine-read files: sitemap.xml, robots.txt and the search index."""

from __future__ import annotations

import json
from html import escape as _html_escape

from sitegen import urls
from sitegen.config import SiteConfig
from sitegen.model import Catalogue


def escape(text: str) -> str:
    """XML-escape &, < and > (xml.sax.saxutils.escape would cost ~15 ms of imports per build)."""
    return _html_escape(text, quote=False)


def sitemap(page_paths: list[str], config: SiteConfig) -> str:
    """A sitemap of every indexable page, with absolute URLs, in a stable order."""
    entries = "".join(
        f"<url><loc>{escape(urls.absolute(config.base_url, path))}</loc></url>\n"
        for path in sorted(page_paths)
        if path != "404.html"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def robots(config: SiteConfig) -> str:
    """robots.txt that allows everything and names the sitemap."""
    return f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(config.base_url, 'sitemap.xml')}\n"


def search_index(catalogue: Catalogue) -> str:
    """The small JSON the search script loads on first use: one compact record per product."""
    records = [
        {
            "n": product.name,
            "p": urls.relative("index.html", urls.path_for(product)),
            "g": product.group.name,
            "v": product.group.place,
            "c": product.category.name if product.category else "",
            "t": " ".join(product.tags),
            "r": product.min_price,
            "m": len(product.variants) > 1,
        }
        for product in catalogue.products
    ]
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
