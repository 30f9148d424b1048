"""The build stamp: a fingerprint of every input of a build, so an unchanged rebuild stops at once.

Inputs are site.yaml, everything under content/ and themes/, the built-in theme, sitegen's own
code, the libraries that shape the output, and the command-line options. Each file counts by
path, size, modification and change time (the change time cannot be set back by any tool, so
a file rewritten with its old date still counts as changed). The stamp only says "same inputs";
the output itself is checked against its manifest before a build is skipped.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable

STAMP_VERSION = 1
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "babel", "yaml", "PIL", "pillow_heif")


def fingerprint(project: Path, theme_dirs: Iterable[Path], options: Iterable[Any]) -> str:
    """One digest of every input file's path and times, plus the options and library versions."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((STAMP_VERSION, sys.version, tuple(options))).encode())
    roots = [project / "site.yaml", project / "content", project / "themes", Path(__file__).parent]
    roots += list(theme_dirs) + [_library_file(name) for name in LIBRARIES]
    for root in roots:
        for line in _describe(root):
            digest.update(line.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def read_stamp(path: Path, expected: str) -> dict | None:
    """What the last build recorded, if it was made from exactly the same inputs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("fingerprint") == expected else None


def write_stamp(path: Path, fingerprint_: str, record: dict) -> None:
    """Remember the inputs of a successful build, with what its report needs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps({**record, "fingerprint": fingerprint_}, sort_keys=True), encoding="utf-8")
    os.replace(temp, path)


def _describe(root: Path, seen: set | None = None) -> list[str]:
    """One line per file under `root` (or for `root` itself), in a stable order."""
    seen = set() if seen is None else seen
    try:
        stat = root.stat()
        if not root.is_dir():
            return [f"{root}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}\n"]
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError:
        return [f"{root}|missing\n"]
    if (stat.st_dev, stat.st_ino) in seen:  # a folder linked into itself
        return []
    seen.add((stat.st_dev, stat.st_ino))
    lines = []
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            lines += _describe(Path(entry.path), seen)
        else:
            stat = entry.stat()
            lines.append(f"{entry.path}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}\n")
    return lines


def _library_file(name: str) -> Path:
    """The file that changes when a library is upgraded (found without importing it)."""
    spec = importlib.util.find_spec(name)
    return Path(spec.origin) if spec and spec.origin else Path(name)
