"""Markdown → sanitised HTML: volunteers write Markdown, shoppers never get their raw HTML."""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

import nh3

from sitegen.errors import FieldProblem

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a",
    "h2", "h3", "h4", "hr", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
MAX_MARKDOWN = 50_000  # characters; keeps the worst hostile text to about a second of work
_HEADING = re.compile(r"<(/?)h1>")
# An <a> whose link nh3 took out (`[x](javascript:…)`) keeps only the rel nh3 gives every <a>: not
# valid HTML without an href, so it goes too.
_REL = ' rel="nofollow noopener noreferrer"'
_LINK_WITHOUT_HREF = re.compile(r'<a((?:(?! href=)[^>])*)' + re.escape(_REL) + r'((?:(?! href=)[^>])*)>')
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


@functools.cache
def _markdown() -> MarkdownIt:
    """The parser, made on first use: a rebuild whose texts are all remembered skips its ~25 ms."""
    from markdown_it import MarkdownIt

    # CommonMark (markdown-it) parses in linear time and caps nesting, so no text can hang the build.
    parser = MarkdownIt("commonmark").enable("table")
    # Every link becomes an <a>; nh3 below is the one judge of schemes, so `[x](javascript:…)`
    # shows as the word x rather than as its raw source text.
    parser.validateLink = lambda url: True
    return parser


def render_markdown(text: str) -> str:
    """Convert Markdown to HTML and keep only safe tags, attributes and URL schemes."""
    if len(text) > MAX_MARKDOWN:
        raise FieldProblem("text_too_long", length=len(text), limit=MAX_MARKDOWN)
    raw = _markdown().render(text).rstrip("\n")
    # The page title is the only h1; description headings start at h2.
    raw = _HEADING.sub(r"<\1h2>", raw)
    cleaned = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=_REL.split('"')[1],
    )
    return _LINK_WITHOUT_HREF.sub(r"<a\1\2>", cleaned) if "<a" in cleaned else cleaned


def summarise(text: str, limit: int = 160) -> str:
    """Plain text of the paragraphs, cut at a word boundary, for cards and previews."""
    return summarise_html(render_markdown(text), limit)


def summarise_html(rendered: str, limit: int = 160) -> str:
    """Like `summarise`, from HTML that `render_markdown` already made. Headings, lists, tables and
    code are left out (their words would run together); a text without paragraphs gives all of it."""
    paragraphs = _PARAGRAPH.findall(rendered)
    text = " ".join(paragraphs) if paragraphs else rendered
    plain = " ".join(html.unescape(nh3.clean(text, tags=set())).split())
    if len(plain) <= limit:
        return plain
    return plain[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
