"""Helpers that inspect a built site the way a browser and a crawler would."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


class LinkCollector(HTMLParser):
    """Collects every URL a page refers to: href, src, srcset entries and content URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            elif name == "content" and value.startswith(("http://", "https://")):
                self.urls.append(value)


def page_urls(html: str) -> list[str]:
    """All URLs in an HTML document."""
    collector = LinkCollector()
    collector.feed(html)
    return collector.urls


def broken_links(output: Path, base_url: str) -> list[str]:
    """Every internal link, image or srcset entry that does not resolve to a file in `output`."""
    broken = []
    base_path = urlparse(base_url).path
    for page in sorted(output.rglob("*.html")):
        rel = page.relative_to(output).as_posix()
        page_url = urljoin(base_url, rel)
        for url in page_urls(page.read_text(encoding="utf-8")):
            target = urlparse(urljoin(page_url, url))
            if url.startswith(("mailto:", "tel:", "data:")) or target.netloc != urlparse(base_url).netloc:
                continue
            if not target.path.startswith(base_path) or not _resolves(output, target.path[len(base_path):]):
                broken.append(f"{rel}: {url}")
    return broken


def _resolves(output: Path, path: str) -> bool:
    path = unquote(path)
    candidate = output / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate.is_file() and output.resolve() in candidate.resolve().parents


def missing_files(output: Path, base_url: str, urls: list[str]) -> list[str]:
    """The absolute URLs (from feeds, JSON-LD or meta tags) that do not point at a file in `output`."""
    base = urlparse(base_url)
    missing = []
    for url in urls:
        target = urlparse(url)
        inside = target.scheme == base.scheme and target.netloc == base.netloc and target.path.startswith(base.path)
        if not inside or not _resolves(output, target.path[len(base.path):]):
            missing.append(url)
    return missing
