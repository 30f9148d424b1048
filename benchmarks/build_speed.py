#!/usr/bin/env python3
"""Benchmark `sitegen build` on a synthetic catalogue and print a table (not a test).

Scenarios, each run as the real command line in a fresh process:
  cold           empty cache, no output
  no-op          nothing changed since the last build
  text edit      one product's index.md edited
  photo replace  one product photo replaced by a new one
For each: the median wall time over the runs, and the peak resident memory of the whole
process tree (the build and its image workers, sampled every 10 ms from /proc).

Usage (from the repository root):
    python benchmarks/build_speed.py                         # 100 products, 310 photos of 4000x3000
    python benchmarks/build_speed.py --products 1000 --size 1280x960 --cold-runs 1
Generated catalogues are kept in --workdir and reused by later runs.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import Shape, make_catalogue, photo_bytes  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    """Generate (or reuse) the catalogue, run every scenario, print the table."""
    args = _arguments()
    width, height = (int(v) for v in args.size.split("x"))
    shape = Shape(args.products, args.photos_per_product, width, height)
    project = args.workdir / shape.label
    started = time.perf_counter()
    make_catalogue(project, shape, workers=os.cpu_count() or 1)
    print(f"catalogue: {project} ({shape.products} products, {shape.photo_count} photos "
          f"{width}x{height}; ready in {time.perf_counter() - started:.0f} s)")
    print(f"load average before: {_load()}")
    rows = run_scenarios(project, args.cold_runs, args.runs)
    print(f"load average after:  {_load()}\n")
    print_table(rows)
    published = sum(f.stat().st_size for f in (project / "output" / "img").iterdir())
    print(f"\npublished images: {published / 1e6:.1f} MB = {published / shape.photo_count / 1000:.0f} KB "
          f"per source photo ({shape.photo_count} photos)")
    if args.reference_sample:
        print(f"reference, plain Pillow q75 like the issue's anchor: "
              f"{reference_kb(project, args.reference_sample):.0f} KB per photo (sample of {args.reference_sample})")


def run_scenarios(project: Path, cold_runs: int, runs: int) -> list[tuple[str, list[float], list[float], list[float]]]:
    """Every scenario's wall times, CPU times and peak memory; the edited files are restored."""
    product = project / "content" / "products" / "produk-0001"
    text, photo = (product / "index.md").read_text(encoding="utf-8"), (product / "foto-1.jpg").read_bytes()

    def edit_text(n: int) -> None:
        (product / "index.md").write_text(text.replace("tangan.", f"tangan. Edit {n}."), encoding="utf-8")

    def replace_photo(n: int) -> None:
        (product / "foto-1.jpg").write_bytes(photo_bytes(900_000 + n, Image.open(product / "foto-1.jpg").size))

    rows = [("cold", *_repeat(cold_runs, lambda n: _clean(project), project))] if cold_runs else []
    build(project)  # make sure the no-op starts from a complete build
    rows.append(("no-op", *_repeat(runs, lambda n: None, project)))
    rows.append(("text edit (1 product)", *_repeat(runs, edit_text, project)))
    rows.append(("photo replace (1 photo)", *_repeat(runs, replace_photo, project)))
    (product / "index.md").write_text(text, encoding="utf-8")
    (product / "foto-1.jpg").write_bytes(photo)
    build(project)
    return rows


def _repeat(runs: int, prepare, project: Path) -> tuple[list[float], list[float], list[float]]:
    times, cpus, peaks = [], [], []
    for n in range(runs):
        prepare(n)
        seconds, cpu, peak = build(project)
        times.append(seconds)
        cpus.append(cpu)
        peaks.append(peak)
    return times, cpus, peaks


def build(project: Path) -> tuple[float, float, float]:
    """Run `sitegen build` on `project`; return (wall seconds, CPU seconds, peak tree RSS in MB)."""
    # Like a volunteer's or a CI runner's Python, which caches compiled modules (this sandbox sets
    # PYTHONDONTWRITEBYTECODE, which would add the compiling of sitegen to every run).
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--project", str(project)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = _PeakSampler(process.pid)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    if process.returncode:
        sys.exit(f"build failed:\n{out}\n{err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and its workers, once waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, sampler.peak_kb / 1024


class _PeakSampler(threading.Thread):
    """Polls /proc for the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self._done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))
            self._done.wait(0.01)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    """The process and all its descendants, from the kernel's per-thread children lists."""
    tree, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        tree.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    frontier += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return tree


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reference_kb(project: Path, sample: int) -> float:
    """KB per photo of a plain Pillow pipeline at quality 75 (full decode, Lanczos, default WebP)."""
    photos = sorted((project / "content").rglob("*.jpg"))[:sample]
    total = 0
    for path in photos:
        with Image.open(path) as image:
            upright = _upright(image)
        for width, fmt in ((320, "WEBP"), (640, "WEBP"), (1024, "WEBP"), (640, "JPEG")):
            size = (width, round(upright.height * width / upright.width))
            buffer = io.BytesIO()
            options = {"optimize": True, "progressive": True} if fmt == "JPEG" else {}
            upright.resize(size, Image.Resampling.LANCZOS).save(buffer, fmt, quality=75, **options)
            total += buffer.tell()
    return total / len(photos) / 1000


def _upright(image: Image.Image) -> Image.Image:
    from PIL import ImageOps

    return ImageOps.exif_transpose(image).convert("RGB")


def print_table(rows: list[tuple[str, list[float], list[float], list[float]]]) -> None:
    """A Markdown table: scenario, median wall seconds, every run, median CPU seconds, peak memory."""
    print("| scenario | median wall s | runs (s) | median CPU s (all processes) | peak RSS, process tree (MB) |")
    print("|---|---|---|---|---|")
    for name, times, cpus, peaks in rows:
        runs = " ".join(f"{t:.2f}" for t in times)
        print(f"| {name} | {statistics.median(times):.2f} | {runs} | {statistics.median(cpus):.2f} | {max(peaks):.0f} |")


def _clean(project: Path) -> None:
    for folder in ("output", ".sitegen-cache"):
        shutil.rmtree(project / folder, ignore_errors=True)


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100)
    parser.add_argument("--photos-per-product", type=int, default=3)
    parser.add_argument("--size", default="4000x3000", help="stored photo size, WIDTHxHEIGHT")
    parser.add_argument("--runs", type=int, default=3, help="runs of each warm scenario (median)")
    parser.add_argument("--cold-runs", type=int, default=2, help="cold builds (each from an empty cache)")
    parser.add_argument("--reference-sample", type=int, default=10, help="photos for the q75 reference; 0 skips")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sitegen-bench"))
    return parser.parse_args()


if __name__ == "__main__":
    main()
