"""Bytes that slow but pure code derives from plain inputs, kept in the cache under a digest of those inputs.

The key covers the inputs and the source of the module that makes the bytes, so changing either
makes them again: the cache only decides how fast a build is, never what it publishes. Used for
the web app's icons, the admin's config.yml, the fonts' family names and the strings table,
which cost more to draw, dump or parse than the rest of a one-product rebuild.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from sitegen.cachefile import write_atomically

FOLDER = "derived"


def remembered(cache_dir: Path | None, inputs: str, module_file: str, make: Callable[[], bytes]) -> bytes:
    """`make()`, or the bytes it gave last time for the same `inputs` and the same code in `module_file`."""
    if cache_dir is None:
        return make()
    digest = hashlib.blake2b(inputs.encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(Path(module_file).read_bytes())
    path = cache_dir / FOLDER / digest.hexdigest()
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    write_atomically(path, data)
    return data
