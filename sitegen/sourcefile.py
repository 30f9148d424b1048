"""Read one volunteer file (YAML or Markdown with front matter) into a RawDoc with key lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import SiteError, SiteErrors, SourceRef

MAX_SOURCE_BYTES = 1_000_000
FRONT_MATTER_FENCE = "---"
# Invisible control characters (and what YAML escapes can smuggle in: lone surrogates) break
# UTF-8 pages and XML feeds; Tab and newline are the only ones a volunteer's text needs.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


class NumberText(str):
    """Text written without quotes that YAML 1.2 readers (the web admin's) take for a number: `15.000`
    is Rp 15.000 to sitegen but 15 to the admin, which would save it so."""


class LineDict(dict):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int
    lines: dict[str, int]
    cuts: dict[str, list[str]] = {}  # the file's mapping only: line → [value kept, text taken for a comment]


@dataclass(frozen=True, slots=True)
class RawDoc:
    """A file's fields (LineDict), where each key is, and its Markdown body."""

    path: Path
    ref: SourceRef
    fields: LineDict
    body: str
    body_line: int

    def at(self, key: str) -> SourceRef:
        """The location of `key`, or of the file's first line when the key is absent."""
        return SourceRef(self.ref.path, self.fields.lines.get(key, self.ref.line or 1))


def read_source(path: Path, rel: str) -> RawDoc:
    """Read a `.md` (front matter + body) or `.yaml` file; raise SiteErrors on any problem."""
    return read_source_bytes(path, rel, read_bytes(path, rel))


def read_bytes(path: Path, rel: str) -> bytes:
    """A source file's bytes; one over MAX_SOURCE_BYTES is an error."""
    raw = path.read_bytes()
    if len(raw) > MAX_SOURCE_BYTES:
        raise SiteErrors([SiteError(SourceRef(rel, 1), "file_too_big", {"size": len(raw) // 1024})])
    return raw


def read_source_bytes(path: Path, rel: str, raw: bytes) -> RawDoc:
    """`read_source` of bytes already read from `path`."""
    ref = SourceRef(rel, 1)
    front, offset, body, body_line = split_source(path, raw, ref)
    return RawDoc(path, ref, parse_fields(front, offset, ref), body, body_line)


def split_source(path: Path, raw: bytes, ref: SourceRef) -> tuple[str, int, str, int]:
    """A source file's YAML text, the number of lines before it, its Markdown body and the body's
    first line (a `.yaml` file is all YAML); SiteErrors for text that is not clean UTF-8."""
    text = _decode_text(raw, ref)
    if path.suffix == ".md":
        return _split_front_matter(text, ref)
    return text, 0, "", 0


def _decode_text(raw: bytes, ref: SourceRef) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SiteErrors([SiteError(SourceRef(ref.path, line), "not_utf8", {})]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if bad := _CONTROL.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        raise SiteErrors([SiteError(SourceRef(ref.path, line), "control_character", _code(bad.group()))])
    return text


def _split_front_matter(text: str, ref: SourceRef) -> tuple[str, int, str, int]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise SiteErrors([SiteError(ref, "front_matter_missing", {})])
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER_FENCE:
            front = "\n".join(lines[1:index])
            return front, 1, "\n".join(lines[index + 1 :]), index + 2
    raise SiteErrors([SiteError(ref, "front_matter_unclosed", {})])


def parse_fields(text: str, offset: int, ref: SourceRef) -> LineDict:
    """The YAML mapping of a source file (`split_source`'s first two values); SiteErrors on any problem."""
    # PyYAML is imported only to parse: a rebuild whose edited file changed only below its front
    # matter takes every parse from the document memo and never loads it (~20 ms).
    from sitegen.yamlreader import parse_yaml

    return parse_yaml(text, offset, ref)


def _code(character: str) -> dict[str, str]:
    return {"code": f"U+{ord(character):04X}"}
