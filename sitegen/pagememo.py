"""Pages remembered between builds: a page whose every template input is unchanged is not rendered again.

A page's key digests its template name, its path and everything its context holds (model
objects walked field by field, each object once per build), together with what every page
sees: sitegen's code, the theme files, the libraries, the site settings, the strings and the
image plan. A hit takes the page from the current output, after checking its bytes against the
digest the last build recorded. A value the walk cannot describe for certain (anything but
plain data and dataclasses) makes its page render anew, so a remembered page is always exactly
what rendering would give. Editing one product's text then re-renders a handful of pages.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable, Mapping

from sitegen import fingerprint
from sitegen.pages import PageSpec

MEMO_NAME = "pages.json"  # in the output's state folder: page path → [key, digest of the bytes]
_PLAIN = (int, float, bool, bytes, datetime.date, Path, type(None))


class PageMemo:
    """The pages of the last build into one output, and the keys of this build's pages."""

    def __init__(self, state: Path, output: Path, shared: Mapping[str, Any], code_and_themes: list[Path]):
        self.state, self.output = state, output
        self._described: dict[int, tuple[Any, str | None]] = {}
        self.previous = _read(state / MEMO_NAME)
        files = fingerprint.digest_files(code_and_themes)
        self.common = files and self._describe({"files": files, **shared, **fingerprint.environment()})
        self.current: dict[str, list[str]] = {}

    def page(self, spec: PageSpec, render: Callable[[PageSpec], bytes]) -> bytes:
        """The page's bytes: remembered when its key is unchanged, else rendered."""
        context = self._describe(spec.context)
        key = self.common and context and _digest(f"{self.common}|{spec.template}|{spec.path}|"
                                                  f"{spec.rooted_links}|{context}".encode())
        data = self._remembered(spec.path, key) if key else None
        if data is None:
            data = render(spec)
        if key:
            self.current[spec.path] = [key, _digest(data)]
        return data

    def save(self) -> None:
        """Remember this build's pages for the next one."""
        if self.current != self.previous:
            self.state.mkdir(parents=True, exist_ok=True)
            temp = self.state / f".{MEMO_NAME}.{os.getpid()}.tmp"
            temp.write_text(json.dumps(self.current, sort_keys=True), encoding="utf-8")
            os.replace(temp, self.state / MEMO_NAME)

    def _remembered(self, path: str, key: str) -> bytes | None:
        known = self.previous.get(path)
        if not known or known[0] != key:
            return None
        try:
            data = (self.output / path).read_bytes()
        except OSError:
            return None
        return data if _digest(data) == known[1] else None

    def _describe(self, value: Any) -> str | None:
        """A digest of `value`'s content, or None when it holds something without a stable description."""
        if isinstance(value, str):  # Markup too; the length keeps "a", "b" apart from "a\x1fb"
            return f"s{len(value)}:{value}"
        if isinstance(value, _PLAIN):
            return repr(value)
        if id(value) in self._described:
            return self._described[id(value)][1]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = [type(value).__qualname__] + [self._describe(getattr(value, name)) for name in _fields(type(value))]
        elif isinstance(value, Mapping):
            parts = ["{"] + [self._describe(item) for pair in value.items() for item in pair]
        elif isinstance(value, (list, tuple)):
            parts = ["["] + [self._describe(item) for item in value]
        else:
            parts = [None]  # a function, a custom object: no telling what a template reads from it
        result = None if None in parts else _digest("\x1f".join(parts).encode())
        self._described[id(value)] = (value, result)  # holding the value keeps its id from being reused
        return result


@functools.lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _read(path: Path) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
