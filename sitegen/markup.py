"""Markdown → sanitised HTML: volunteers write Markdown, shoppers never get their raw HTML."""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

import nh3

from sitegen.errors import FieldProblem

if TYPE_CHECKING:
    from collections.abc import Callable

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a",
    "h2", "h3", "h4", "hr", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}
# A table column's alignment is the one style kept (`filter_style_properties`): HTML5 has no align=.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}}
STYLE_PROPERTIES = {"text-align"}
MAX_MARKDOWN = 50_000  # characters
# Past these a text is shown as the plain text it is, so the worst hostile one costs a fraction of a
# second and the page stays small: lists and quotes inside each other (markdown-it's CommonMark
# limit; 50,000 '>' would make as many nested quotes, seconds of work for the sanitiser and a
# phone), raw HTML tags (misnested ones make the sanitiser reopen each: quadratic) and rendered
# HTML (GFM pads every row of a table to its header's width: 50,000 characters made 19 MB).
MAX_NESTING = 20
MAX_RAW_TAGS = 400
MAX_HTML = 1_000_000  # characters of rendered HTML
# The warnings that tell a volunteer which limit made a text plain (their values: `limit`).
PLAIN_SIZE, PLAIN_TAGS, PLAIN_NESTING = "text_plain_size", "text_plain_tags", "text_plain_nesting"
_CONTAINER = re.compile(r"<(/?)(?:blockquote|ul|ol)\b", re.IGNORECASE)
_RAW_TAG = re.compile(r"<[A-Za-z/!?]")
_HEADING = re.compile(r"<(/?)h1>")
# An <a> whose link nh3 took out (`[x](javascript:…)`) keeps only the rel nh3 gives every <a>: not
# valid HTML without an href, so it goes too.
_REL = ' rel="nofollow noopener noreferrer"'
_LINK_WITHOUT_HREF = re.compile(r'<a((?:(?! href=)[^>])*)' + re.escape(_REL) + r'((?:(?! href=)[^>])*)>')
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


@functools.cache
def _markdown() -> Callable[[str], str]:
    """cmark-gfm, GitHub's own Markdown, so a description shows as GitHub's preview of the file did.

    It is C (GitHub renders every README with it), imported on first use in ~2 ms (markdown-it-py
    took 20-35 ms, about a tenth of a text edit's rebuild); the limits above bound its output.
    Raw HTML and every link are passed on (UNSAFE): nh3 below is the one judge of tags and
    schemes, so `[x](javascript:…)` shows as the word x.
    """
    import cmarkgfm
    from cmarkgfm.cmark import Options

    options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
    return functools.partial(cmarkgfm.markdown_to_html_with_extensions, options=options, extensions=["table"])


def render_markdown(text: str) -> str:
    """Convert Markdown to HTML and keep only safe tags, attributes and URL schemes."""
    return rendered_markdown(text)[0]


def rendered_markdown(text: str) -> tuple[str, str]:
    """`render_markdown`'s HTML, and the warning that says why the text is shown as plain text
    ("" when it is not: the text is within every limit)."""
    if len(text) > MAX_MARKDOWN:
        raise FieldProblem("text_too_long", length=len(text), limit=MAX_MARKDOWN)
    try:
        raw = _markdown()(text)
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form (the file readers refuse them; a caller may not)
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        raw = _markdown()(text)
    plain = _past_limits(text, raw)
    if plain:
        raw = "\n".join(f"<p>{html.escape(part.strip())}</p>" for part in re.split(r"\n\s*\n", text)
                        if part.strip())
    # The page title is the only h1; description headings start at h2.
    raw = _HEADING.sub(r"<\1h2>", raw.rstrip("\n"))
    cleaned = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        filter_style_properties=STYLE_PROPERTIES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=_REL.split('"')[1],
    )
    return (_LINK_WITHOUT_HREF.sub(r"<a\1\2>", cleaned) if "<a" in cleaned else cleaned), plain


def _past_limits(text: str, raw: str) -> str:
    """The warning key of the first limit the text or its rendering passes ("" for none)."""
    if len(raw) > MAX_HTML:
        return PLAIN_SIZE
    if len(_RAW_TAG.findall(text)) > MAX_RAW_TAGS:
        return PLAIN_TAGS
    return PLAIN_NESTING if _nesting(raw) > MAX_NESTING else ""


def _nesting(raw: str) -> int:
    """How deep lists and quotes go in rendered HTML (raw HTML in the text counts too; a stray
    closing tag, which a browser ignores, still counts: MAX_RAW_TAGS bounds what that lets through)."""
    depth = deepest = 0
    for tag in _CONTAINER.finditer(raw):
        depth += -1 if tag.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


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
