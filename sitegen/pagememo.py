"""Pages remembered between builds: a page whose every template input is unchanged is not rendered again.

A page's key digests its template name, its path and everything its context holds (model
objects walked field by field, each object once per build, a photo with its image plan),
together with what every page sees: sitegen's code, the theme files, the libraries, the site
settings and the strings. A hit stands for the page the current output holds, when the output's
manifest vouches that the file there has the bytes the last build recorded for that key: it is
neither read back nor rendered, only linked into the new output. A value the walk cannot describe for certain
(anything but plain data and dataclasses) makes its page render anew, so a remembered page is
always exactly what rendering would give. Editing one product's text then re-renders a handful of pages.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import operator
from pathlib import Path
from typing import Any, Callable, Mapping

from sitegen import fingerprint
from sitegen.cachefile import digest_bytes, read_json, write_json
from sitegen.output import Kept, digest
from sitegen.pages import PageSpec

MEMO_NAME = "pages.json"  # in the output's state folder: page path → [key, digest of the bytes]
_PLAIN = (int, float, bool, bytes, datetime.date, Path, type(None))


class PageMemo:
    """The pages of the last build into one output, and the keys of this build's pages."""

    def __init__(self, state: Path, held: Mapping[str, str], shared: Mapping[str, Any], files: str | None,
                 companions: Mapping[type, Callable[[Any], Any]] | None = None):
        """`held` is what the output holds (path → content digest, vouched for by its manifest);
        `files` is the digest of sitegen's code and the theme files (None: not to be trusted).

        `companions` name, per type, what a template can look up with a value of that type (a
        photo's image plan): it counts as part of the value, so only the pages that hold the
        value depend on it, rather than every page on a table of every photo.
        """
        self.state, self.held = state, held
        self.companions = companions or {}
        self._described: dict[int, tuple[Any, str | None]] = {}
        self.previous = read_json(state / MEMO_NAME)
        self.common = files and self._describe({"files": files, **shared, **fingerprint.environment()})
        self.current: dict[str, list[str]] = {}

    def page(self, spec: PageSpec, render: Callable[[PageSpec], bytes], inputs: Any = ()) -> bytes | Kept:
        """The page's bytes, or `Kept` for the page the output holds when its key is unchanged.

        `inputs` are what `render` adds to the page from beyond `spec` (described with it).
        """
        context = self._describe((spec.context, inputs))
        described = f"{self.common}|{spec.template}|{spec.path}|{spec.rooted_links}|{context}"
        key = self.common and context and digest_bytes(described.encode("utf-8", "surrogatepass"))
        known = self.previous.get(spec.path) if key else None
        if known and known[0] == key and self.held.get(spec.path) == known[1]:
            data: bytes | Kept = Kept(known[1])
        else:
            data = render(spec)
        if key:
            self.current[spec.path] = [key, digest(data)]
        return data

    def save(self) -> None:
        """Remember this build's pages for the next one."""
        if self.current != self.previous:
            write_json(self.state / MEMO_NAME, self.current, sort_keys=True)

    def _leaf(self, value: Any) -> str | None:
        """`_describe`, with the commonest values (text, whole numbers) done without a further call."""
        cls = type(value)
        if cls is str:
            return f"s{len(value)}:{value}"
        if cls is int or cls is bool or value is None:
            return repr(value)
        return self._describe(value)

    def _describe(self, value: Any) -> str | None:
        """A digest of `value`'s content, or None when it holds something without a stable description."""
        cls = type(value)
        kind = _KINDS.get(cls) or _kind_of(cls)
        if kind == "str":  # Markup too; the length keeps "a", "b" apart from "a\x1fb"
            return f"s{len(value)}:{value}"
        if kind == "plain":
            return repr(value)
        known = self._described.get(id(value))
        if known is not None:
            return known[1]
        if kind == "dataclass":
            items = _getter(cls)(value)
            head = cls.__qualname__
        elif kind == "mapping":
            items = [item for pair in value.items() for item in pair]
            head = "{"
        elif kind == "sequence":
            items, head = value, "["
        else:
            items, head = (), None  # a function, a custom object: no telling what a template reads from it
        leaf = self._leaf  # text inline: most fields are text, and a call per field is most of the walk
        parts = [head, *[f"s{len(item)}:{item}" if type(item) is str else leaf(item) for item in items]]
        if kind == "dataclass" and cls in self.companions:
            parts.append(self._describe(self.companions[cls](value)))
        result = None if None in parts else _condensed("\x1f".join(parts))  # type: ignore[arg-type]
        self._described[id(value)] = (value, result)  # holding the value keeps its id from being reused
        return result


_KINDS: dict[type, str] = {}  # a value's type → how it is described (the checks below, made once per type)


def _kind_of(cls: type) -> str:
    if issubclass(cls, str):
        kind = "str"
    elif issubclass(cls, _PLAIN):
        kind = "plain"
    elif issubclass(cls, type):
        kind = "other"  # a class, even a dataclass: no telling what a template reads from it
    elif dataclasses.is_dataclass(cls):
        kind = "dataclass"
    elif issubclass(cls, Mapping):
        kind = "mapping"
    elif issubclass(cls, (list, tuple)):
        kind = "sequence"
    else:
        kind = "other"
    _KINDS[cls] = kind
    return kind


@functools.lru_cache(maxsize=None)
def _getter(cls: type) -> Callable[[Any], tuple]:
    """All of a dataclass's field values as one tuple, in field order."""
    names = [field.name for field in dataclasses.fields(cls)]
    if len(names) < 2:  # attrgetter returns a bare value for one name and needs at least one
        return lambda value: tuple(getattr(value, name) for name in names)
    return operator.attrgetter(*names)


def _condensed(description: str) -> str:
    """A description as a part of another: short ones as they are (length-prefixed, so never
    ambiguous), longer ones as their digest. A small value (a variant, a reference) is so not hashed."""
    if len(description) <= 64:
        return f"({len(description)}:{description})"
    return digest_bytes(description.encode("utf-8", "surrogatepass"))

