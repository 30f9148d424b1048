"""Pages remembered between builds: a page whose every template input is unchanged is not rendered again.

A page's key digests its template name, its path and everything its context holds (model
objects walked field by field, each object once per build, a photo with its image plan),
together with what every page sees: sitegen's code, the theme files, the libraries, the site
settings and the strings. A hit stands for the page the current output holds, when the output's
manifest vouches that the file there has the bytes the last build recorded for that key: it is
neither read back nor rendered, only linked into the new output. A value the walk cannot describe for certain
(anything but plain data and dataclasses) makes its page render anew, so a remembered page is
always exactly what rendering would give.

Long texts (a product's description, a group's story and their summaries) count only for the
pages that read them. While a page renders, those fields of the watched types answer through a
descriptor that notes which text of which value was read, by any code at all: template, filter,
link preview. The page's key then holds its context without any watched text, plus the texts it
read last time, looked up by the value's slug. Rendering is deterministic, so while everything the last
rendering read is the same, it would read the same again and give the same bytes: the ten pages
that list a product but show only its name and price are not rendered again when its
description is edited, only its own page is; nor are a group's product pages, which show its
summary, when only a later paragraph of its story changes.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import operator
import threading
import types
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
                 companions: Mapping[type, Callable[[Any], Any]] | None = None,
                 texts: Mapping[type, tuple[str, ...]] | None = None):
        """`held` is what the output holds (path → content digest, vouched for by its manifest);
        `files` is the digest of sitegen's code and the theme files (None: not to be trusted).

        `companions` name, per type, what a template can look up with a value of that type (a
        photo's image plan): it counts as part of the value, so only the pages that hold the
        value depend on it, rather than every page on a table of every photo.

        `texts` name, per dataclass with slots and a unique `slug`, the fields that count only
        for the pages that read them.
        """
        self.state, self.held = state, held
        self.companions = companions or {}
        self.texts = dict(texts or {})
        for cls, names in self.texts.items():
            for name in names:
                _watch(cls, name)
        self._described: dict[int, tuple[Any, str | None]] = {}
        self._named: dict[str, Any] = {}  # "Product:slug" → the value of that name met in this build
        self._texts: dict[str, str | None] = {}  # "Product:slug.summary" → a description of that text
        self._ambiguous = False  # two values of one name: no text can be told apart by it
        self.previous = read_json(state / MEMO_NAME)
        self.common = files and self._describe({"files": files, **shared, **fingerprint.environment()})
        self.current: dict[str, list[str]] = {}

    def page(self, spec: PageSpec, render: Callable[[PageSpec], bytes], inputs: Any = ()) -> bytes | Kept:
        """The page's bytes, or `Kept` for the page the output holds when its key is unchanged.

        `inputs` are what `render` adds to the page from beyond `spec` (described with it).
        """
        context = self._describe((spec.context, inputs))
        head = f"{self.common}|{spec.template}|{spec.path}|{spec.rooted_links}|{context}"
        known = self.previous.get(spec.path)
        read = known[2] if known and len(known) == 3 else None  # the texts its last rendering read
        key = self._key(head, read) if self.common and context and read is not None else None
        if key and known[0] == key and self.held.get(spec.path) == known[1]:
            data: bytes | Kept = Kept(known[1])
        else:
            data, read = self._render_watching(render, spec)
            key = self._key(head, read) if self.common and context else None
        if key:
            self.current[spec.path] = [key, digest(data), read]
        return data

    def _key(self, head: str, read: list[str]) -> str | None:
        """The page's key: its described context and the texts it read (None: cannot be told)."""
        texts = [self._text_of(name) for name in read]
        if self._ambiguous or None in texts:
            return None
        described = "\x1e".join([head, *read, *texts])  # type: ignore[list-item]  # no None past the check
        return digest_bytes(described.encode("utf-8", "surrogatepass"))

    def _text_of(self, read: str) -> str | None:
        """A description of one text that was read ("Product:slug.summary"); None for a value no page
        holds in its context (no telling where the template found it)."""
        if read not in self._texts:
            name, _, field = read.rpartition(".")
            value = self._named.get(name)
            if value is None or field not in self.texts[type(value)]:
                return None
            self._texts[read] = self._leaf(getattr(value, field))
        return self._texts[read]

    def _render_watching(self, render: Callable[[PageSpec], bytes], spec: PageSpec) -> tuple[bytes, list[str]]:
        """`render(spec)`, and the texts it read, each as "Type:slug.field"."""
        seen: list[tuple[Any, str]] = []
        outer, _READING.seen = getattr(_READING, "seen", None), seen
        try:
            data = render(spec)
        finally:
            _READING.seen = outer
        # The slots stay watched for the process: a memo that watches other types (or none) ignores them.
        return data, sorted({f"{type(value).__qualname__}:{value.slug}.{field}"
                             for value, field in seen if type(value) in self.texts})

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
            texts = self.texts.get(cls, ())
            items = _getter(cls, texts)(value)
            head = cls.__qualname__
            if texts:  # its texts are described apart, for the pages that read them
                name = f"{head}:{value.slug}"
                self._ambiguous |= self._named.setdefault(name, value) is not value
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
def _getter(cls: type, leaving: tuple[str, ...] = ()) -> Callable[[Any], tuple]:
    """A dataclass's field values (but those named in `leaving`) as one tuple, in field order."""
    names = [field.name for field in dataclasses.fields(cls) if field.name not in leaving]
    if len(names) < 2:  # attrgetter returns a bare value for one name and needs at least one
        return lambda value: tuple(getattr(value, name) for name in names)
    return operator.attrgetter(*names)


def _condensed(description: str) -> str:
    """A description as a part of another: short ones as they are (length-prefixed, so never
    ambiguous), longer ones as their digest. A small value (a variant, a reference) is so not hashed."""
    if len(description) <= 64:
        return f"({len(description)}:{description})"
    return digest_bytes(description.encode("utf-8", "surrogatepass"))


_READING = threading.local()  # .seen: where the page rendering on this thread notes whose texts it read


def _watch(cls: type, name: str) -> None:
    """Route reads of a slot through `_Watched`, once per process: replacing a class attribute
    again and again would make Python drop its fast attribute lookups for the class."""
    slot = cls.__dict__.get(name)
    if isinstance(slot, _Watched):
        return
    if not isinstance(slot, types.MemberDescriptorType):
        raise TypeError(f"{cls.__qualname__}.{name} is no slot: only a dataclass with slots can be watched")
    setattr(cls, name, _Watched(slot, name))


class _Watched:
    """A watched slot: reads as the slot does, and notes the value and field read while a page renders."""

    __slots__ = ("slot", "name")

    def __init__(self, slot: Any, name: str):
        self.slot, self.name = slot, name

    def __get__(self, value: Any, owner: type | None = None) -> Any:
        if value is None:
            return self.slot
        seen = getattr(_READING, "seen", None)
        if seen is not None:
            seen.append((value, self.name))
        return self.slot.__get__(value, owner)

    def __set__(self, value: Any, field: Any) -> None:
        self.slot.__set__(value, field)

    def __delete__(self, value: Any) -> None:
        self.slot.__delete__(value)
