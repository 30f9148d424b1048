"""The cache's versioned JSON files: written whole through a temporary file, read back only at their version."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping


def read_versioned(path: Path, version: int, key: str) -> dict[str, Any]:
    """The mapping under `key` of a file `write_versioned` wrote at this `version`; {} for anything else."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != version:
        return {}
    found = data.get(key)
    return found if isinstance(found, dict) else {}


def write_versioned(path: Path, version: int, key: str, entries: Mapping[str, Any], sort_keys: bool = False) -> None:
    """Write `entries` under `key` with `version`, atomically: a killed build leaves the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps({"version": version, key: entries}, sort_keys=sort_keys), encoding="utf-8")
    os.replace(temp, path)
