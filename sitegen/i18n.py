"""UI and error strings per language, read from the theme's `strings/<lang>.yaml` files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from sitegen.bytememo import remembered
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

    With `cache_dir`, the merged table is kept in its derived cache (bytememo) as JSON, under a digest of the files:
    parsing the YAML tables costs ~20 ms, on every build and every preview rebuild.
    """
    paths = [d / "strings" / f"{language}.yaml" for d in reversed(theme_dirs)]
    texts = [(path, path.read_text(encoding="utf-8")) for path in paths if path.is_file()]

    def parse() -> bytes:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when present
        table: dict[str, str] = {}
        for _, text in texts:
            table.update(flatten(yaml.load(text, Loader=loader) or {}))
        return json.dumps(table, sort_keys=True).encode("utf-8")

    inputs = "\0".join(f"{path}\0{text}" for path, text in texts)  # each path names its language
    return Strings(language, json.loads(remembered(cache_dir, inputs, __file__, parse)))
