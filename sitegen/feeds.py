"""Pure serialisers of machine-read files: sitemap.xml and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape

from sitegen import urls
from sitegen.config import SiteConfig


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
