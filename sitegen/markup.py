"""Markdown → sanitised HTML: volunteers write Markdown, shoppers never get their raw HTML."""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a",
    "h2", "h3", "h4", "hr", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_HEADING = re.compile(r"<(/?)h1>")
# One converter each, reset between documents: building one loads its extensions every time,
# and naming extensions by string makes Markdown scan every installed package's entry points.
_DESCRIPTION = markdown.Markdown(extensions=[SaneListExtension(), TableExtension()], output_format="html")
_PLAIN = markdown.Markdown()


def render_markdown(text: str) -> str:
    """Convert Markdown to HTML and keep only safe tags, attributes and URL schemes."""
    raw = _DESCRIPTION.reset().convert(text)
    # The page title is the only h1; description headings start at h2.
    raw = _HEADING.sub(r"<\1h2>", raw)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="nofollow noopener noreferrer",
    )


def summarise(text: str, limit: int = 160) -> str:
    """Plain text of the first paragraph, cut at a word boundary, for cards and previews."""
    plain = nh3.clean(_PLAIN.reset().convert(text), tags=set())
    plain = " ".join(html.unescape(plain).split())
    if len(plain) <= limit:
        return plain
    return plain[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
