"""Find anything in an HTML page that a browser would run: the checker of the injection tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sitegen.admin import SVELTIA_INTEGRITY, SVELTIA_SCRIPT

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)


THEME_SCRIPTS = ("static/app.js",)  # the built-in theme's own progressive-enhancement script


class _Scanner(HTMLParser):
    def __init__(self, allowed_scripts: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.allowed_scripts, self.problems = allowed_scripts, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ACTIVE_TAGS and not (tag == "script" and self._allowed(values)):
            self.problems.append(f"<{tag} {values}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            cleaned = re.sub(r"[\x00-\x20]", "", value or "")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(cleaned):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and re.search(r"expression|javascript:|url\(\s*['\"]?\s*javascript", cleaned, re.I):
                self.problems.append(f"<{tag} style={value!r}>")
            if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")

    def _allowed(self, values: dict[str, str | None]) -> bool:
        """JSON-LD data, or the theme's own script file linked relatively (no scheme, no host)."""
        source = values.get("src") or ""
        own = bool(source) and ":" not in source and not source.startswith("//") and source.endswith(THEME_SCRIPTS)
        # The admin page's one script: the pinned CMS, checked by its integrity hash.
        pinned = source == SVELTIA_SCRIPT and values.get("integrity") == SVELTIA_INTEGRITY
        return values.get("type") in self.allowed_scripts or own or pinned


def active_content(html: str, allowed_scripts: tuple[str, ...] = ("application/ld+json",)) -> list[str]:
    """Every tag, event handler or URL in `html` that could run script; [] for a safe page."""
    scanner = _Scanner(allowed_scripts)
    scanner.feed(html)
    scanner.close()
    return scanner.problems
