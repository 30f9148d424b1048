"""Write the site so that a failed build changes nothing, and an unchanged one touches nothing.

A manifest (kept in the cache folder) records what each published file should hold and how it
looked on disk after the last build. When the output still matches it exactly, a build writes
only what changed, in two phases: every new or changed file is first written beside its
target under a hidden temporary name (a failure here removes them all, leaving the previous
site untouched), then all are renamed over their targets and files no page uses any more are
deleted, which takes milliseconds. A first build, or one into an output that was changed by
hand, renders the whole site into a staging folder and swaps it in at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Mapping

from sitegen.errors import SiteError, SiteErrors, SourceRef

SIGNATURE = ".nojekyll"  # every sitegen output has it; a folder without it is not ours to replace
MANIFEST_VERSION = 1


def check_destination(dest: Path, project: Path) -> None:
    """Refuse to replace anything a volunteer wrote: the project, its content, a foreign folder."""
    dest, project = dest.resolve(), project.resolve()
    protected = [project / "content", project / "themes", project / "site.yaml"]
    unsafe = project.is_relative_to(dest) or any(dest.is_relative_to(p) for p in protected)
    foreign = dest.is_dir() and any(dest.iterdir()) and not (dest / SIGNATURE).exists()
    if unsafe or foreign:
        raise SiteErrors([SiteError(SourceRef(str(dest)), "output_unsafe", {"value": str(dest)})])


def write_site(dest: Path, files: Mapping[str, bytes], copies: Mapping[str, Path],
               manifest_path: Path) -> dict[str, int]:
    """Make `dest` hold exactly `files` (path → bytes) and `copies` (path → cached file).

    Returns the size of every published file.
    """
    dest = dest.resolve()
    wanted = {path: _digest(data) for path, data in files.items()}
    wanted.update({path: "=" + source.name for path, source in copies.items()})
    previous = _read_manifest(manifest_path)
    intact = bool(previous) and _scan(dest) == {path: entry[1:] for path, entry in previous.items()}
    if intact and {path: entry[0] for path, entry in previous.items()} == wanted:
        return {path: entry[1] for path, entry in previous.items()}
    manifest_path.unlink(missing_ok=True)  # from here on the recorded state may no longer be true
    if intact:
        entries = _update(dest, files, copies, wanted, previous)
    else:
        _replace(dest, files, copies)
        entries = {path: [wanted[path], *stat] for path, stat in _scan(dest).items()}
    _write_manifest(manifest_path, entries)
    return {path: entry[1] for path, entry in entries.items()}


def current_output(dest: Path, manifest_path: Path) -> dict[str, int] | None:
    """The size of every published file, if `dest` is exactly as the last build left it."""
    previous = _read_manifest(manifest_path)
    if previous and _scan(dest.resolve()) == {path: entry[1:] for path, entry in previous.items()}:
        return {path: entry[1] for path, entry in previous.items()}
    return None


def recover(dest: Path) -> None:
    """Put back the previous output if a build was killed between the two renames of a swap."""
    dest = dest.resolve()
    if dest.exists() or not dest.parent.is_dir():
        return
    leftovers = sorted(dest.parent.glob(f".{dest.name}.previous-*"))
    if leftovers:
        os.replace(leftovers[-1], dest)


def _update(dest: Path, files: Mapping[str, bytes], copies: Mapping[str, Path], wanted: dict[str, str],
            previous: dict[str, list]) -> dict[str, list]:
    """Change an intact output in place: write every change aside, then rename them all in."""
    changed = sorted(path for path in wanted if previous.get(path, [None])[0] != wanted[path])
    temps = {path: _temp_for(dest / path) for path in changed}
    created: list[Path] = []
    try:
        for path in changed:
            created += _make_parents(dest / path, dest)
            if path in files:
                temps[path].write_bytes(files[path])
            else:
                _copy(copies[path], temps[path])
    except BaseException:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        for folder in reversed(created):
            folder.rmdir()
        raise
    for path in changed:
        os.replace(temps[path], dest / path)
    for path in sorted(set(previous) - set(wanted)):
        _delete(dest, path)
    entries = {path: entry for path, entry in previous.items() if path in wanted}
    entries.update({path: [wanted[path], *_stat(dest / path)] for path in changed})
    return dict(sorted(entries.items()))


def _replace(dest: Path, files: Mapping[str, bytes], copies: Mapping[str, Path]) -> None:
    """Write the whole site into a staging folder, then swap it in place of `dest`."""
    staging = dest.with_name(f".{dest.name}.staging-{os.getpid()}")
    _remove(staging)
    staging.mkdir(parents=True)
    for path in sorted(files):
        _make_parents(staging / path, staging)
        (staging / path).write_bytes(files[path])
    for path in sorted(copies):
        _make_parents(staging / path, staging)
        _copy(copies[path], staging / path)
    previous = dest.with_name(f".{dest.name}.previous-{os.getpid()}")
    if dest.exists():
        os.replace(dest, previous)
    os.replace(staging, dest)
    _remove(previous)


def _make_parents(target: Path, root: Path) -> list[Path]:
    """Create the missing folders above `target` (up to `root`); return them, outermost first."""
    missing = []
    folder = target.parent
    while folder != root and not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _delete(dest: Path, path: str) -> None:
    """Delete a published file no longer wanted, and the folders it leaves empty."""
    target = dest / path
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != dest and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _temp_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _scan(root: Path) -> dict[str, list[int]]:
    """Every file under `root` → [size, mtime_ns, inode]: a cheap fingerprint of the folder."""
    found: dict[str, list[int]] = {}
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                stat = entry.stat(follow_symlinks=False)
                found[prefix + entry.name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    return found


def _stat(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _read_manifest(path: Path) -> dict[str, list]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    return data.get("files", {})


def _write_manifest(path: Path, entries: dict[str, list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps({"version": MANIFEST_VERSION, "files": entries}), encoding="utf-8")
    os.replace(temp, path)


def _copy(source: Path, target: Path) -> None:
    # A copy, not a hard link: a tool that edits published images in place (an optimiser run
    # over output/ in CI) must not reach into the cache. Only new images are ever copied.
    shutil.copyfile(source, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
