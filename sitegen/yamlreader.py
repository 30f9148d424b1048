"""Safe YAML with each key's line: the reader behind `sourcefile`, imported only when a file is parsed."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import AliasEvent

from sitegen.errors import SiteError, SiteErrors, SourceRef
from sitegen.sourcefile import LineDict, NumberText

# A number with a point or an exponent in YAML 1.2's core schema (what the web admin reads).
_FLOAT_12 = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # an integer as written, as every reader reads it
# What YAML escapes can smuggle in: control characters and lone surrogates.
_BAD_SCALAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _Rules:
    """What both YAML readers below enforce on top of safe YAML."""

    def construct_scalar(self, node):  # type: ignore[no-untyped-def]
        """Text as written, refusing control characters that `"\\x00"`-style escapes produce."""
        value = super().construct_scalar(node)  # type: ignore[misc]
        if isinstance(value, str) and (bad := _BAD_SCALAR.search(value)):
            raise yaml.MarkedYAMLError(None, None, f"character:{ord(bad.group()):04X}", node.start_mark)
        return value

    def construct_text(self, node: yaml.ScalarNode) -> str:
        """Text; marked as `NumberText` when written bare and YAML 1.2 would read a number there."""
        value = self.construct_scalar(node)
        return NumberText(value) if not node.style and _FLOAT_12.fullmatch(value) else value

    def construct_lenient_int(self, node: yaml.ScalarNode) -> int | str:
        """A plain decimal integer; the text itself when Python cannot hold it (thousands of digits)
        or when YAML 1.1 would read it otherwise than the volunteer (and the web admin's YAML 1.2)
        reads it: `015000` as octal 6656, `0x1F`, `1_000`, `1:30` as 90. A price `015000` or a
        phone number `02153112233` so stays what was written, and a count says it wants a number."""
        if not _DECIMAL.fullmatch(node.value):
            return self.construct_scalar(node)
        try:
            return self.construct_yaml_int(node)  # type: ignore[attr-defined]
        except ValueError:
            return self.construct_scalar(node)

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> object:
        """A date, or the text itself for impossible ones (2026-02-30) so the field parser reports it."""
        try:
            return self.construct_yaml_timestamp(node)  # type: ignore[attr-defined]
        except ValueError:
            return self.construct_scalar(node)

    def construct_line_mapping(self, node: yaml.MappingNode) -> LineDict:
        """Build a LineDict, rejecting repeated keys instead of keeping the last silently."""
        mapping = LineDict()
        mapping.line, mapping.lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            key = str(key) if not isinstance(key, str) else key
            if key in mapping:
                raise yaml.MarkedYAMLError(None, None, f"duplicate:{key}", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)  # type: ignore[attr-defined]
            mapping.lines[key] = key_node.start_mark.line + 1
        return mapping

    @classmethod
    def add_rules(cls) -> None:
        """Register the constructors above on the reader class."""
        cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, cls.construct_line_mapping)
        cls.add_constructor("tag:yaml.org,2002:int", cls.construct_lenient_int)
        cls.add_constructor("tag:yaml.org,2002:str", cls.construct_text)
        cls.add_constructor("tag:yaml.org,2002:timestamp", cls.construct_lenient_timestamp)


class _Loader(_Rules, yaml.SafeLoader):
    """Safe YAML without floats (so `15.000` stays text), aliases or duplicate keys."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):  # type: ignore[override]
        # Aliases let a few bytes expand into gigabytes; volunteers never need them.
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "alias", event.start_mark)
        return super().compose_node(parent, index)


_Loader.add_rules()
# libyaml's C parser reads valid files about ten times faster. It recurses in C, so text that
# could nest deeply (a hostile file could nest a million "[" or "- ") goes to the Python reader,
# which refuses it; a volunteer's file has a few dozen of these marks.
_FAST_MAX_NESTING_MARKS = 1000

if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(_Rules, yaml.CSafeLoader):  # type: ignore[misc]
        """The same rules over libyaml. libyaml resolves aliases itself, so a node met twice while
        constructing means an alias; any error is read again by `_Loader` for its exact message."""

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

        def construct_object(self, node, deep=False):  # type: ignore[override]
            if node in self.constructed_objects or node in self.recursive_objects:
                raise yaml.MarkedYAMLError(None, None, "alias", node.start_mark)
            return super().construct_object(node, deep)

    _FastLoader.add_rules()
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _Loader


def parse_yaml(text: str, offset: int, ref: SourceRef) -> LineDict:
    """The mapping in `text`, whose first line is line `offset + 1` of the file; SiteErrors on any problem."""
    # Leading newlines make every YAML mark count lines of the whole file.
    source = "\n" * offset + text
    marks = sum(source.count(mark) for mark in ("[", "{", "- ", "? "))
    if marks <= _FAST_MAX_NESTING_MARKS:
        try:
            return _as_mapping(yaml.load(source, Loader=_FastLoader), offset, ref, source)  # noqa: S506 - a SafeLoader
        except (yaml.YAMLError, RecursionError):
            pass  # read again below, for the Python reader's exact message and line
    try:
        data: Any = yaml.load(source, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        raise SiteErrors([_yaml_error(exc, ref, source)]) from None
    except yaml.YAMLError as exc:
        raise SiteErrors([SiteError(ref, "yaml_invalid", {"problem": str(exc)})]) from None
    except RecursionError:
        # Thousands of nested brackets: refuse rather than crash.
        raise SiteErrors([SiteError(SourceRef(ref.path, offset + 1), "yaml_too_deep", {})]) from None
    return _as_mapping(data, offset, ref, source)


def _as_mapping(data: Any, offset: int, ref: SourceRef, source: str = "") -> LineDict:
    if data is None:
        data = LineDict()
        data.line, data.lines = offset + 1, {}
    if not isinstance(data, LineDict):
        raise SiteErrors([SiteError(SourceRef(ref.path, offset + 1), "yaml_not_mapping", {})])
    data.cuts = _cut_by_comment(source)
    return data


# `name: Sambal Bawang #1 Kebumen`: YAML takes " #1 Kebumen" for a comment. A bare value, then
# " #" and no space: a comment is rarely written so, a name or a hashtag often is. (Found in two
# linear steps: one pattern that did both backtracked for minutes over a line of spaces.)
_KEY = re.compile(r"[ \t]*(?:- )?[A-Za-z_][\w-]*:[ \t]+")
_BARE_START = re.compile(r"[^\s\"'\[{|>#&*!%@`]")
_COMMENT = re.compile(r"[ \t]#")
_BLOCK = re.compile(r"([ \t]*)(?:- )?[A-Za-z_][\w-]*:[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?")  # `description: |`


def _cut_by_comment(source: str) -> dict[str, list[str]]:
    """Line number → [the value YAML kept, the text it took for a comment], for lines like the above
    (not inside a block of text such as `description: |`, where `#` is text)."""
    cuts, block = {}, -1  # the indent of the key that opened the block of text we are in
    for number, line in enumerate(source.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if block >= 0 and (indent > block or not line.strip()):
            continue
        block = -1
        if opened := _BLOCK.fullmatch(line.rstrip()):
            block = len(opened.group(1))
        elif "#" in line and (key := _KEY.match(line)) and _BARE_START.match(line, key.end()):
            comment = _COMMENT.search(line, key.end())
            cut = line[comment.start() + 1:].rstrip() if comment else ""
            if len(cut) > 1 and not cut[1].isspace():
                cuts[str(number)] = [line[key.end():comment.start()].rstrip(), cut]
    return cuts


# `name: "Keripik` (a quote opened, never closed on its line), `tags: [pedas` (a bracket left open)
# and `price:15000` (no space after the colon): YAML reads on and fails lines further down, in its
# own words.
_QUOTED_VALUE = re.compile(r"[ \t]*(?:- )?(?:[A-Za-z_][\w-]*:[ \t]+)?([\"'])(.*)")
_NO_SPACE = re.compile(r"[ \t]*(?:- )?([A-Za-z_][\w-]*):(?![\s/])\S")
_FLOW_VALUE = re.compile(r"[ \t]*(?:- )?[A-Za-z_][\w-]*:[ \t]+([\[{].*)")  # `tags: [pedas, manis`


def _slip_before(source: str, last: int) -> tuple[str, int] | None:
    """The first line up to `last` (1-based) with one of those slips, and which one: only a line
    whose repair (the quote closed, the bracket closed, the space added) lets YAML read past the
    place it failed, so a valid line (a list over two lines, text in a block) is never blamed."""
    lines, block = source.split("\n"), -1
    for index, line in enumerate(lines[:last]):
        indent = len(line) - len(line.lstrip(" \t"))
        if block >= 0 and (indent > block or not line.strip()):
            continue  # inside `description: |`: text, not data
        block = len(opened.group(1)) if (opened := _BLOCK.fullmatch(line.rstrip())) else -1
        for key, repaired in _repairs(line):
            if _reads_past(lines[:index] + [repaired] + lines[index + 1:], last):
                return key, index + 1
    return None


def _repairs(line: str) -> list[tuple[str, str]]:
    """The slips this line may hold, each with the line as it was meant."""
    found = []
    if quoted := _QUOTED_VALUE.fullmatch(line):
        mark, rest = quoted.groups()
        closed = re.match(r'(?:[^"\\]|\\.)*"', rest) if mark == '"' else "'" in rest.replace("''", "")
        if not closed:
            found.append(("yaml_unclosed_quote", line.rstrip() + mark))
    if (flow := _FLOW_VALUE.fullmatch(line)) and _opened(re.sub(r'"[^"]*"|\'[^\']*\'', "", flow.group(1))):
        value = flow.group(1).split(" #", 1)[0]
        missing = "}" * (value.count("{") - value.count("}")) + "]" * (value.count("[") - value.count("]"))
        found.append(("yaml_unclosed_bracket", line.rstrip() + missing))
    if (bare := _NO_SPACE.match(line)) and not line.lstrip().startswith("#"):
        colon = bare.end(1)
        found.append(("yaml_colon_space", line[:colon + 1] + " " + line[colon + 1:]))
    return found


def _reads_past(lines: list[str], last: int) -> bool:
    """Whether YAML reads these lines without an error, or fails only after line `last`."""
    try:
        yaml.load("\n".join(lines), Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark  # a quote the repair opened runs to the end: no
        return mark is not None and mark.line + 1 > last and "quoted scalar" not in (exc.context or "")
    except (yaml.YAMLError, RecursionError):
        return False
    return True


def _opened(value: str) -> bool:
    """Whether `[`/`{` outnumber `]`/`}` in a value (quoted parts taken out), before any comment."""
    value = value.split(" #", 1)[0]
    return value.count("[") + value.count("{") > value.count("]") + value.count("}")


def _yaml_error(exc: yaml.MarkedYAMLError, ref: SourceRef, source: str = "") -> SiteError:
    # An unclosed quote is reported where the file ends; its opening line is the useful one.
    unclosed = exc.context_mark is not None and "quoted scalar" in (exc.context or "")
    mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
    where = SourceRef(ref.path, mark.line + 1 if mark else 1)
    problem = exc.problem or ""
    if problem == "alias":
        return SiteError(where, "yaml_alias", {})
    if problem.startswith("character:"):
        return SiteError(where, "control_character", {"code": "U+" + problem.split(":", 1)[1]})
    if problem.startswith("duplicate:"):
        return SiteError(where, "yaml_duplicate_key", {"key": problem.split(":", 1)[1]})
    if "\t" in problem or "'\\t'" in problem:
        return SiteError(where, "yaml_tab", {})
    if slip := _slip_before(source, where.line):
        return SiteError(SourceRef(ref.path, slip[1]), slip[0], {})
    if reserved := _RESERVED_START.fullmatch(problem):
        return SiteError(where, "yaml_reserved_start", {"value": reserved.group(1)})
    if problem.startswith("mapping values are not allowed here"):  # a colon YAML did not expect here:
        if line := _keyless_line_before(source, where.line):  # the one missing above (`nama Keripik`)
            return SiteError(SourceRef(ref.path, line), "yaml_missing_colon", {})
        return SiteError(where, "yaml_colon_in_value", {})  # or one inside a value, or a line indented deeper
    if problem.startswith("expected <block end>"):  # a list item or key out of line with the others
        return SiteError(where, "yaml_indent", {})
    begun = exc.context_mark.line if exc.context_mark else -1  # YAML notices a missing colon a line later
    if problem.startswith("could not find expected ':'") and begun >= 0 and ":" not in source.split("\n")[begun]:
        return SiteError(SourceRef(ref.path, begun + 1), "yaml_missing_colon", {})  # (a key too long has one)
    return SiteError(where, "yaml_invalid", {"problem": problem})


# A value starting with a character YAML keeps for itself (`instagram: @kue`).
_RESERVED_START = re.compile(r"found character '([@`%])' that cannot start any token")
_KEY = re.compile(r"[ \t]*(?:- )?[^\s#][^:]*:(?:\s|$)")  # `name:`, `- file:`: a colon a space or the end follows


def _keyless_line_before(source: str, line: int) -> int:
    """The line (1-based) just above `line`, indented as it is, that holds a value but no `key:`, if
    there is one: the colon YAML misses there makes it stumble on the next key ("" lines skipped)."""
    lines = source.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        same_indent = len(above) - len(above.lstrip()) == len(here) - len(here.lstrip())
        return number if same_indent and not _KEY.match(above) and above.strip() != "---" else 0
    return 0
