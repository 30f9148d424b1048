"""UI and error strings per language, read from the theme's `strings/<lang>.yaml` files."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from sitegen.errors import SiteError, SiteWarning

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


@dataclass(frozen=True, slots=True)
class Strings:
    """The strings of one language; `t(key, **args)` fills in a message."""

    language: str
    table: Mapping[str, str]

    def t(self, name: str, /, **args: Any) -> str:
        """Return the string `name` with `{placeholders}` filled from `args`."""
        template = self.table.get(name)
        if template is None:
            raise KeyError(f"no {self.language} string for {name!r}")
        return template.format_map({key: as_written(value) for key, value in args.items()}) if args else template

    def format_error(self, error: SiteError) -> str:
        """Render an error as `path:line: what — fix`."""
        what = self.t(f"errors.{error.key}.what", **error.args)
        fix = self.t(f"errors.{error.key}.fix", **error.args)
        return f"{error.ref}: {what} — {fix}"

    def format_warning(self, warning: SiteWarning) -> str:
        """Render a warning as `path:line: warning: what — fix`."""
        what = self.t(f"warnings.{warning.key}.what", **warning.args)
        fix = self.t(f"warnings.{warning.key}.fix", **warning.args)
        return f"{warning.ref}: {self.t('cli.warning')}: {what} — {fix}"


def as_written(value: Any) -> Any:
    """A list or mapping as YAML flow (`{name: 250 g}`), the way a volunteer writes it, never Python's repr."""
    if not isinstance(value, (list, tuple, Mapping)):
        return value
    import yaml  # here, not at the top: an unchanged rebuild replays its report without YAML (~16 ms)

    try:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(_plain(value), Dumper=dumper, default_flow_style=True, allow_unicode=True,
                         sort_keys=False, width=10_000).strip()
    except yaml.YAMLError:  # a value YAML cannot write (never from a volunteer's file): its plain text
        return str(value)


def _plain(value: Any) -> Any:
    """Tuples and read-only mappings as the lists and dicts a YAML dumper knows."""
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Turn nested string tables into one dict with dotted keys."""
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


def load_strings(theme_dirs: tuple[Path, ...], language: str, cache_dir: Path | None = None) -> Strings:
    """Merge `strings/<language>.yaml` over the theme chain; earlier dirs override later ones.

    With `cache_dir`, the merged table is kept there as JSON under a digest of the files' bytes:
    parsing the YAML tables costs ~20 ms, on every build and every preview rebuild.
    """
    paths = [d / "strings" / f"{language}.yaml" for d in reversed(theme_dirs)]
    texts = [(path, path.read_bytes()) for path in paths if path.is_file()]
    key = hashlib.blake2b(b"\0".join(b"%s\0%s" % (str(p).encode(), data) for p, data in texts)).hexdigest()
    memo = cache_dir / f"strings-{language}.json" if cache_dir else None
    try:
        known = json.loads(memo.read_text(encoding="utf-8")) if memo else None
    except (OSError, ValueError):
        known = None
    if isinstance(known, dict) and known.get("key") == key and isinstance(known.get("table"), dict):
        return Strings(language, known["table"])
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when present
    table: dict[str, str] = {}
    for _, data in texts:
        table.update(flatten(yaml.load(data.decode("utf-8"), Loader=loader) or {}))
    if memo:
        memo.parent.mkdir(parents=True, exist_ok=True)
        temp = memo.with_name(f".{memo.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps({"key": key, "table": table}, sort_keys=True), encoding="utf-8")
        os.replace(temp, memo)
    return Strings(language, table)
