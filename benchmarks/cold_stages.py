#!/usr/bin/env python3
"""Where a cold build's time goes: wall and CPU seconds of each pipeline stage (not a test).

Builds a hard-linked copy of a benchmark catalogue from an empty cache, in this process, with
each stage timed; CPU counts this process and every worker it waited for (photos, share cards,
QR codes). This is how the share cards' part of a cold build is reported.

    python benchmarks/cold_stages.py                                    # the 100-product catalogue
    python benchmarks/cold_stages.py --project /tmp/sitegen-bench/p1000x3-4000x3000-v3
The catalogue is made by build_speed.py (run it once first).
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import sitegen.pipeline as pipeline  # noqa: E402

STAGES = ("load_catalogue", "inspect_photos", "process_images", "plan_cards", "make_cards", "make_qr_codes",
          "render_site", "write_site", "_result")
WALL: collections.Counter = collections.Counter()
CPU: collections.Counter = collections.Counter()


def main() -> None:
    """Time one cold build of a copy of the catalogue and print a table, largest stage first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path("/tmp/sitegen-bench/p100x3-4000x3000-v3"))
    args = parser.parse_args()
    for name in STAGES:
        _time_stage(name)
    from sitegen.build import build

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "site"
        copy.mkdir()
        shutil.copyfile(args.project / "site.yaml", copy / "site.yaml")
        shutil.copytree(args.project / "content", copy / "content", copy_function=os.link)
        started, spent = time.perf_counter(), _cpu()
        build(copy)
        wall, cpu = time.perf_counter() - started, _cpu() - spent
    print(f"cold build of {args.project.name}, load average {os.getloadavg()[0]:.1f}")
    print("| stage | wall s | share of wall | CPU s | share of CPU |\n|---|---|---|---|---|")
    for name in sorted(WALL, key=lambda n: -WALL[n]):
        print(f"| {name} | {WALL[name]:.1f} | {WALL[name] / wall:.0%} | {CPU[name]:.1f} | {CPU[name] / cpu:.0%} |")
    print(f"| whole build | {wall:.1f} | | {cpu:.1f} | |")


def _time_stage(name: str) -> None:
    stage = getattr(pipeline, name)

    @functools.wraps(stage)
    def timed(*args, **kwargs):
        started, spent = time.perf_counter(), _cpu()
        try:
            return stage(*args, **kwargs)
        finally:
            WALL[name] += time.perf_counter() - started
            CPU[name] += _cpu() - spent

    setattr(pipeline, name, timed)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":  # image workers are spawned and import this file: they must not build
    main()
