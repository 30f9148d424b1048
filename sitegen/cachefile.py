"""Files in the cache, each written whole through a temporary file: bytes, JSON and versioned JSON.

A killed build leaves the old file or the new one, never half of one. The temporary file sits
beside the target as `.<name>.<pid>.tmp`, the name the image cache's pruning knows to delete.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename (making its folder if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def read_json(path: Path) -> dict[str, Any]:
    """The JSON object in `path`; {} when it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, value: Any, sort_keys: bool = False) -> None:
    """`value` as JSON, written atomically."""
    write_atomically(path, json.dumps(value, sort_keys=sort_keys).encode("utf-8"))


def read_versioned(path: Path, version: int, key: str) -> dict[str, Any]:
    """The mapping under `key` of a file `write_versioned` wrote at this `version`; {} for anything else."""
    data = read_json(path)
    if data.get("version") != version:
        return {}
    found = data.get(key)
    return found if isinstance(found, dict) else {}


def write_versioned(path: Path, version: int, key: str, entries: Mapping[str, Any], sort_keys: bool = False) -> None:
    """Write `entries` under `key` with `version`, atomically."""
    write_json(path, {"version": version, key: entries}, sort_keys)
