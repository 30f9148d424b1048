"""Write the site into a staging folder, then swap it in whole: a failed build changes nothing.

A manifest (kept in the cache folder) records what each file should hold
and how it looked on disk after the last build. When the output still matches it and the
new build would write the same files, nothing is touched. Image folders hold only
content-named files, so instead of re-linking thousands of images into every staging folder
the previous folder is carried over: new images are added first (the old pages never see
them), the folder moves into the staging site, the swap happens, and only then are images no
page uses any more deleted.
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


def write_site(dest: Path, files: Mapping[str, bytes], links: Mapping[str, Path],
               manifest_path: Path) -> dict[str, int]:
    """Make `dest` hold exactly `files` (path → bytes) and `links` (path → cached file), atomically.

    Returns the size of every published file. Unchanged output is left untouched.
    """
    dest = dest.resolve()
    wanted = {path: _digest(data) for path, data in files.items()}
    wanted.update({path: "=" + source.name for path, source in links.items()})
    previous = _read_manifest(manifest_path)
    on_disk = _scan(dest)
    intact = bool(previous) and on_disk == {path: entry[1:] for path, entry in previous.items()}
    if intact and {path: entry[0] for path, entry in previous.items()} == wanted:
        return {path: entry[1] for path, entry in previous.items()}
    manifest_path.unlink(missing_ok=True)  # from here on the recorded state is no longer true
    _replace(dest, files, links, intact)
    after = _scan(dest)
    _write_manifest(manifest_path, {path: [wanted[path], *after[path]] for path in sorted(after)})
    return {path: stat[0] for path, stat in after.items()}


def recover(dest: Path) -> None:
    """Undo what a build killed in the middle of a swap left: the previous output comes back whole."""
    dest = dest.resolve()
    if not dest.parent.is_dir():
        return
    leftovers = [p for p in sorted(dest.parent.glob(f".{dest.name}.previous-*")) if not _running(p)]
    if not dest.exists() and leftovers:
        os.replace(leftovers[-1], dest)
    for journal in sorted(dest.parent.glob(f".{dest.name}.carried-*")):
        if _running(journal):
            continue
        staging = dest.with_name(journal.name.replace(".carried-", ".staging-"))
        for folder in journal.read_text(encoding="utf-8").split():
            if (staging / folder).is_dir() and dest.is_dir() and not (dest / folder).exists():
                os.replace(staging / folder, dest / folder)
        journal.unlink()
    for leftover in leftovers + sorted(dest.parent.glob(f".{dest.name}.staging-*")):
        if leftover.exists() and not _running(leftover):
            _remove(leftover)


def _replace(dest: Path, files: Mapping[str, bytes], links: Mapping[str, Path], intact: bool) -> None:
    staging = dest.with_name(f".{dest.name}.staging-{os.getpid()}")
    _remove(staging)
    for path in sorted(files):
        _write(staging / path, files[path])
    carried = _image_folders(files, links) if intact else set()
    for path in sorted(links):
        if path.split("/", 1)[0] not in carried:
            _link_or_copy(links[path], staging / path)
        elif not (dest / path).exists():  # a new image joins the current folder: the old pages never see it
            _link_or_copy(links[path], dest / path)
    _swap(staging, dest, carried)
    _delete_unused(dest, carried, links)


def _swap(staging: Path, dest: Path, carried: set[str]) -> None:
    """Move the carried folders into staging, then staging in place of dest; undo on any failure."""
    previous = dest.with_name(f".{dest.name}.previous-{os.getpid()}")
    journal = dest.with_name(f".{dest.name}.carried-{os.getpid()}")
    journal.write_text("\n".join(sorted(carried)), encoding="utf-8")  # lets recover() finish an undo
    try:
        for folder in sorted(carried):
            if (dest / folder).is_dir():
                os.replace(dest / folder, staging / folder)
        if dest.exists():
            os.replace(dest, previous)
        os.replace(staging, dest)
    except BaseException:
        if not dest.exists() and previous.exists():
            os.replace(previous, dest)
        for folder in sorted(carried):
            if (staging / folder).is_dir() and not (dest / folder).exists():
                os.replace(staging / folder, dest / folder)
        raise
    finally:
        journal.unlink(missing_ok=True)
    _remove(previous)


def _image_folders(files: Mapping[str, bytes], links: Mapping[str, Path]) -> set[str]:
    """Top-level folders that hold only linked images, and no page."""
    folders = {path.split("/", 1)[0] for path in links if "/" in path}
    return folders - {path.split("/", 1)[0] for path in files}


def _delete_unused(dest: Path, carried: set[str], links: Mapping[str, Path]) -> None:
    for folder in sorted(carried):
        for entry in os.scandir(dest / folder) if (dest / folder).is_dir() else ():
            if f"{folder}/{entry.name}" not in links:
                _remove(Path(entry.path))


def _running(leftover: Path) -> bool:
    """Whether the build that made `leftover` (its name ends in the process id) is still running."""
    pid = leftover.name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _scan(root: Path) -> dict[str, list[int]]:
    """Every file under `root` → [size, mtime_ns, inode]; a cheap fingerprint of the folder."""
    found: dict[str, list[int]] = {}
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((Path(entry.path), f"{prefix}{entry.name}/"))
            else:
                stat = entry.stat(follow_symlinks=False)
                found[prefix + entry.name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    return found


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


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _link_or_copy(source: Path, target: Path) -> None:
    # Hard links make a rebuild cost no image copying; copy where links are impossible.
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
