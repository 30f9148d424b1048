"""Files in the cache, each written whole through a temporary file: bytes, JSON and versioned JSON,
and folders of drawn files named by what they show (share cards, QR codes).

A killed build leaves the old file or the new one, never half of one. The temporary file sits
beside the target as `.<name>.<pid>.tmp`, the name the image cache's pruning knows to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, TypeVar

import orjson

Item = TypeVar("Item")


def digest_bytes(data: bytes) -> str:
    """The cache's content digest (BLAKE2b, 128 bits, as hex): memo keys and published files' identities."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


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
        data = loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, value: Any, sort_keys: bool = False) -> None:
    """`value` as JSON, written atomically."""
    write_atomically(path, dumps(value, sort_keys))


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


def fill_folder(folder: Path, wanted: Mapping[str, Item], draw: Callable[[Item], bytes], pool_above: int,
                accept: Callable[[bytes], bool] = lambda data: True, chunk: int = 1) -> dict[str, int]:
    """Draw each wanted file the folder lacks (file name → what it is drawn from), on every core when
    more than `pool_above` are missing (`chunk` at a time per worker); write those `accept` allows;
    delete every file not wanted.

    One listing of the folder, not a stat per file. Each file is written as it is drawn, so a cold
    build of 1,000 products never holds its 2,000 share cards (~120 MB) at once. Returns the size of
    what was drawn, by name (accepted or not).
    """
    folder.mkdir(parents=True, exist_ok=True)
    present = set(os.listdir(folder))
    missing = [name for name in wanted if name not in present]
    drawn = {}
    # strict: the drawings are drawn to their end, so a pool is always shut down here
    for name, data in zip(missing, _in_parallel(draw, [wanted[name] for name in missing], pool_above, chunk),
                          strict=True):
        drawn[name] = len(data)
        if accept(data):
            write_atomically(folder / name, data)
    for stale in present - set(wanted):
        (folder / stale).unlink(missing_ok=True)
    return drawn


def _in_parallel(function: Callable[[Item], bytes], items: list[Item], pool_above: int,
                 chunk: int) -> Iterator[bytes]:
    """`function` of each item, in order, each as soon as it is ready."""
    cores = os.cpu_count() or 1
    if len(items) <= pool_above or cores == 1:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # ~15 ms of imports a build with nothing to draw skips

    with ProcessPoolExecutor(max_workers=min(len(items), cores)) as pool:
        yield from pool.map(function, items, chunksize=chunk)


# The cache's JSON goes through orjson: a 1,000-product rebuild reads and writes ~6 MB of it
# (parsed documents, the output's manifest, the stamp, file digests), which the standard library
# takes ~0.15 s for and orjson ~0.04 s. What orjson cannot write exactly (integers beyond 64 bits,
# which it would read back as floats; text with lone surrogates) is written by the standard
# library after one space, the mark that makes `loads` read it with the standard library again.
_STANDARD = b" "


def loads(data: bytes) -> Any:
    """The value of a cache file's JSON text."""
    if not data.startswith(_STANDARD):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # NaN and the like, from a hand-made file: the standard library reads them
    return json.loads(data.decode("utf-8", "surrogatepass"))


def dumps(value: Any, sort_keys: bool = False) -> bytes:
    """A cache file's JSON text of `value` (keys that are not text written as text, as `json` writes them)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS | (orjson.OPT_SORT_KEYS if sort_keys else 0))
    except TypeError:  # orjson.JSONEncodeError: integers beyond 64 bits, lone surrogates, or what nothing writes
        return _STANDARD + json.dumps(value, sort_keys=sort_keys).encode("utf-8")
