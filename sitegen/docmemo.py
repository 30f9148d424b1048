"""Parsed documents remembered between builds, keyed by their bytes: an edit parses only the edited files.

A source file's parse (its YAML fields with each key's line, its Markdown body) and a Markdown
text's sanitised HTML depend on nothing but that text, so they are kept under a digest of the
exact bytes, never under a file's size and time: two edits within the same second are never
mistaken for one. The fields are kept apart, under a digest of the YAML text alone, so an edit
below a Markdown file's front matter (its description) parses no YAML and never loads PyYAML.
Parses holding anything but plain YAML data (text, integers, dates, lists and mappings) are not
kept, so a remembered parse is always exactly what parsing would give. The memo is JSON, not
pickle: a cache restored in CI can never run code.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Callable

from sitegen.cachefile import digest_bytes, read_versioned, write_versioned
from sitegen.errors import SourceRef
from sitegen.sourcefile import LineDict, NumberText, RawDoc, parse_fields, read_bytes, split_source

MEMO_NAME = "documents.json"
MEMO_VERSION = 9  # bump when what a parse or a rendering records changes (4: orjson, which reads huge integers
# back only when marked; 5: integers with a leading zero stay text, NumberText; 6: Markdown links
# without an href lose their rel, summaries are made of paragraphs; 7: Markdown rendered by cmark-gfm;
# 8: a text past the limits on nesting, raw tags or size is plain text; 9: a rendering records which limit)


class DocumentMemo:
    """Source parses and Markdown renderings of the last build, and of this one."""

    def __init__(self, cache_dir: Path | None):
        self.path = cache_dir / MEMO_NAME if cache_dir else None
        self.previous = read_versioned(self.path, MEMO_VERSION, "entries") if self.path else {}
        self.current: dict[str, Any] = {}

    def read_source(self, path: Path, rel: str) -> RawDoc:
        """`sourcefile.read_source`, from the memo when the file's bytes were parsed before, and
        with its fields from the memo when only a Markdown file's body changed (YAML is not loaded)."""
        raw = read_bytes(path, rel)
        key = "d" + digest_bytes(b"%s\0%s\0" % (rel.encode(), path.suffix.encode()) + raw)
        ref = SourceRef(rel, 1)
        known = self.previous.get(key)
        if known is not None:
            fields_key, body, line = known
            fields = self._remembered_fields(fields_key)
            if fields is not None:
                self.current[key] = known
                return RawDoc(path, ref, fields, body, line)
        front, offset, body, line = split_source(path, raw, ref)
        fields_key = "f" + digest_bytes(b"%d\0" % offset + front.encode("utf-8", "surrogatepass"))
        fields = self._remembered_fields(fields_key)
        if fields is None:
            fields = parse_fields(front, offset, ref)
            encoded = _encode(fields)
            if encoded is _UNKNOWN:
                return RawDoc(path, ref, fields, body, line)
            self.current[fields_key] = encoded
        self.current[key] = [fields_key, body, line]
        return RawDoc(path, ref, fields, body, line)

    def _remembered_fields(self, key: str) -> LineDict | None:
        """The fields parsed from one YAML text before, by its key (None: not remembered)."""
        known = self.previous.get(key)
        if known is not None:
            self.current[key] = known
        else:
            known = self.current.get(key)  # another file of this build with the same front matter
        return None if known is None else _decode(known)

    def markdown(self, text: str, render: Callable[[str], tuple[str, str, str]]) -> tuple[str, str, str]:
        """`render(text)` (HTML, summary and the key of a limit it passed), from the memo when this
        text was rendered before."""
        key = "m" + digest_bytes(text.encode("utf-8", "surrogatepass"))
        known = self.previous.get(key) or self.current.get(key)
        result = tuple(known) if known else render(text)
        self.current[key] = list(result)
        return result  # type: ignore[return-value]

    def save(self) -> None:
        """Keep what this build used (and nothing else) for the next build; write only on a change."""
        if self.path is None or self.current == self.previous:
            return
        write_versioned(self.path, MEMO_VERSION, "entries", self.current, sort_keys=True)


_UNKNOWN = object()  # what `_encode` gives for a value JSON cannot carry exactly


def _encode(value: Any) -> Any:
    """Plain YAML data as JSON values (`_UNKNOWN` when something else is inside).

    Text, whole numbers, booleans, null and lists stand for themselves; only mappings (with
    their lines) and dates are tagged objects, so reading a remembered parse back builds little.
    """
    if isinstance(value, LineDict):
        items = [[key, _encode(item)] for key, item in value.items()]
        if any(item is _UNKNOWN for _, item in items):
            return _UNKNOWN
        encoded = {"map": items, "line": value.line, "lines": value.lines}
        return {**encoded, "cuts": value.cuts} if value.cuts else encoded
    if isinstance(value, list):
        items = [_encode(item) for item in value]
        return _UNKNOWN if any(item is _UNKNOWN for item in items) else items
    if type(value) is NumberText:
        return {"number_text": str(value)}
    if value is None or isinstance(value, (str, bool)) or type(value) is int:
        return value
    if type(value) is datetime.date:
        return {"date": value.isoformat()}
    return _UNKNOWN  # datetimes, bytes, sets, pairs: parsed again every time


def _decode(value: Any) -> Any:
    cls = type(value)
    if cls is list:
        return [_decode(item) for item in value]
    if cls is not dict:
        return value
    if "map" in value:
        mapping = LineDict((key, _decode(item)) for key, item in value["map"])
        mapping.line, mapping.lines = value["line"], dict(value["lines"])
        if "cuts" in value:
            mapping.cuts = dict(value["cuts"])
        return mapping
    if "number_text" in value:
        return NumberText(value["number_text"])
    return datetime.date.fromisoformat(value["date"])

