#!/usr/bin/env python3
"""Benchmark `sitegen build` on a synthetic catalogue and print a table (not a test).

Scenarios, each run as the real command line in a fresh process:
  cold           empty cache, no output
  no-op          nothing changed since the last build
  text edit      one product's index.md edited
  photo replace  one product photo replaced by a new one
For each: the median wall time over the runs, and the peak resident memory of the whole
process tree (the build and its image workers, sampled every 10 ms from /proc).

The catalogue uses sitegen's default `images` settings. Because the machine is shared, every run
also measures, under the same load, a plain Pillow pipeline (full decode, Lanczos from the full
photo, WebP and JPEG at quality 75, default effort) on a sample of the photos with one process per
core, and prints the cold build as a ratio to it; and it prints the CPU cost of each stage of one
photo (decode at 1/2 scale, resizes, WebP encodes, JPEG) next to the issue's held-out figures,
which is how the synthetic photos were calibrated (see synthetic.py).

Usage (from the repository root):
    python benchmarks/build_speed.py                         # 100 products, 310 photos of 4000x3000
    python benchmarks/build_speed.py --calibrate             # only the per-stage costs of a sample
    python benchmarks/build_speed.py --code /tmp/old-sitegen # time another checkout of sitegen
    python benchmarks/build_speed.py --products 1000 --cold-runs 1
    python benchmarks/build_speed.py --python sys            # this interpreter, not a clean virtualenv
    python benchmarks/build_speed.py --hugo                  # and Hugo on the same photos (apt-get install hugo)
Generated catalogues are kept in --workdir and reused by later runs.

sitegen runs in a virtualenv made once in --workdir with `pip install` of this checkout (its
declared dependencies, nothing else), the way a volunteer's machine or a CI runner has it:
an interpreter with development extras, editable installs or a sandbox's start-up hooks (`.pth`
files run at every start) would add their own milliseconds to every fresh `sitegen build`.
The checkout to time is put first on PYTHONPATH, so the venv's installed copy is never run.
"""

from __future__ import annotations

import argparse
import hashlib
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

from concurrent.futures import ProcessPoolExecutor

from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import Shape, make_catalogue, photo_bytes  # noqa: E402
import hugo  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WIDTHS, FALLBACK_WIDTH, QUALITY = (360, 720, 1080), 640, 66  # sitegen's ImageConfig defaults
# The issue's held-out figures for one photo (ms): decode at 1/2 scale, resizes, WebP encodes, JPEG.
ISSUE_STAGES = (60, 110, 200, 6)


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
    photos = sorted((project / "content").rglob("*.jpg"))
    if args.calibration_sample:  # 0 skips the stage costs
        print_stages(photos[:: max(1, len(photos) // args.calibration_sample)][: args.calibration_sample],
                     shape.photo_count)
    if args.calibrate:
        return
    python = sys.executable if args.python == "sys" else args.python or user_python(args.workdir)
    print(f"code: {args.code}\npython: {python}\nload average before: {_load()}")
    reference = reference_run(photos, args.reference_sample) if args.reference_sample else None
    rows = run_scenarios(project, args.cold_runs, args.runs, args.code, python)
    print(f"load average after:  {_load()}\n")
    print_table(rows)
    published = sum(f.stat().st_size for f in (project / "output" / "img").iterdir())
    print(f"\npublished images: {published / 1e6:.1f} MB = {published / shape.photo_count / 1000:.0f} KB "
          f"per source photo ({shape.photo_count} photos)")
    if reference:
        print_reference(reference, len(photos), rows)
    if args.hugo:
        print_hugo(project, args.workdir / f"{shape.label}-hugo", args.cold_runs, args.runs, rows)


def user_python(workdir: Path) -> str:
    """A virtualenv holding what `pip install sitegen` installs (made once per pyproject.toml, then reused)."""
    declared = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()[:8]
    venv = workdir / f"venv-user-{declared}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(REPO)], check=True)
    return str(python)


def run_scenarios(project: Path, cold_runs: int, runs: int, code: Path = REPO,
                  python: str = sys.executable) -> list[tuple[str, list[float], list[float], list[float]]]:
    """Every scenario's wall times, CPU times and peak memory; the edited files are restored."""
    product = project / "content" / "products" / "produk-0001"
    text, photo = (product / "index.md").read_text(encoding="utf-8"), (product / "foto-1.jpg").read_bytes()

    def edit_text(n: int) -> None:
        (product / "index.md").write_text(text.replace("tangan.", f"tangan. Edit {n}."), encoding="utf-8")

    def replace_photo(n: int) -> None:
        (product / "foto-1.jpg").write_bytes(photo_bytes(900_000 + n, Image.open(product / "foto-1.jpg").size))

    def run() -> tuple[float, float, float]:
        return build(project, code, python)

    rows = [("cold", *_repeat(cold_runs, lambda n: _clean(project), run))] if cold_runs else []
    # A file written in the last two seconds is never trusted by its size and date (sitegen's
    # fingerprint.RACY_NS): the build before the no-op would leave no stamp, and every no-op would
    # rebuild, if the files restored by the last run were that fresh. Wait that out.
    time.sleep(2.1)
    run()  # make sure the no-op starts from a complete build
    rows.append(("no-op", *_repeat(runs, lambda n: None, run)))
    rows.append(("text edit (1 product)", *_repeat(runs, edit_text, run)))
    rows.append(("photo replace (1 photo)", *_repeat(runs, replace_photo, run)))
    (product / "index.md").write_text(text, encoding="utf-8")
    (product / "foto-1.jpg").write_bytes(photo)
    build(project, code, python)
    return rows


def _repeat(runs: int, prepare, run) -> tuple[list[float], list[float], list[float]]:
    """`prepare(n)` then the timed `run()`, `runs` times: (wall times, CPU times, peaks)."""
    times, cpus, peaks = [], [], []
    for n in range(runs):
        prepare(n)
        seconds, cpu, peak = run()
        times.append(seconds)
        cpus.append(cpu)
        peaks.append(peak)
    return times, cpus, peaks


def build(project: Path, code: Path = REPO, python: str = sys.executable) -> tuple[float, float, float]:
    """Run `sitegen build` from the checkout `code` on `project`; return (wall s, CPU s, peak tree RSS MB)."""
    # Like a volunteer's or a CI runner's Python, which caches compiled modules (this sandbox sets
    # PYTHONDONTWRITEBYTECODE, which would add the compiling of sitegen to every run).
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Run from the project: `python -m` puts the working directory before PYTHONPATH, so started
    # from a checkout it would time that checkout's sitegen instead of `code`'s.
    return timed([python, "-m", "sitegen", "build", "--project", str(project)], project, env)


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Run `command` in `cwd`; return (wall s, CPU s of it and its children, peak tree RSS MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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


def reference_run(photos: list[Path], sample: int) -> tuple[float, float]:
    """Wall seconds and KB per photo of the plain Pillow pipeline on `sample` photos, one process per core."""
    chosen = photos[:: max(1, len(photos) // sample)][:sample]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        sizes = list(pool.map(plain_pillow, chosen))
    return (time.perf_counter() - started) / len(chosen), sum(sizes) / len(chosen) / 1000


def plain_pillow(path: Path) -> int:
    """The reference for one photo: full decode, upright, Lanczos from the full photo, q75; bytes written."""
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    total = 0
    for width, fmt in [(w, "WEBP") for w in DEFAULT_WIDTHS] + [(FALLBACK_WIDTH, "JPEG")]:
        size = (width, round(upright.height * width / upright.width))
        buffer = io.BytesIO()
        upright.resize(size, Image.Resampling.LANCZOS).save(buffer, fmt, quality=75)
        total += buffer.tell()
    return total


def print_reference(reference: tuple[float, float], photo_count: int, rows) -> None:
    """The plain Pillow pipeline scaled to the whole catalogue, and the cold build's ratio to it."""
    seconds, kb = reference
    estimate = seconds * photo_count
    print(f"plain Pillow reference (same run, same load): {seconds:.3f} s per photo on all cores → "
          f"{estimate:.1f} s for {photo_count} photos, {kb:.0f} KB per photo")
    cold = [statistics.median(times) for name, times, _, _ in rows if name == "cold"]
    if cold:
        print(f"cold build / plain Pillow reference: {cold[0] / estimate:.2f}")


def print_stages(photos: list[Path], photo_count: int) -> None:
    """CPU milliseconds of each stage of one photo at the default settings, next to the issue's, and
    the cold build's floor: no build can do less than decode each photo once and encode each file."""
    costs = [stage_costs(path) for path in photos]
    print(f"stage costs, CPU ms per photo (best of 3, median of {len(photos)} photos; ms per megapixel "
          "of output for the WebP encodes):")
    print("| | photo MB | decode 1/2 | resizes | WebP encodes | JPEG | WebP ms/MP | published KB |")
    print("|---|---|---|---|---|---|---|---|")
    medians = [statistics.median(column) for column in zip(*costs)]
    megapixels = sum(w * w * 3 / 4 for w in DEFAULT_WIDTHS) / 1e6
    print(f"| synthetic | {medians[0]:.2f} | {medians[1]:.0f} | {medians[2]:.0f} | {medians[3]:.0f} | "
          f"{medians[4]:.0f} | {medians[3] / megapixels:.0f} | {medians[5]:.0f} |")
    issue = ISSUE_STAGES
    print(f"| issue (held-out) | 2.4-3.3 | {issue[0]} | {issue[1]} | {issue[2]} | {issue[3]} | "
          f"{issue[2] / megapixels:.0f} | <=130 |\n")
    cores = os.cpu_count() or 1
    for name, (decode, _, webp, jpeg) in (("synthetic", medians[1:5]), ("issue (held-out)", issue)):
        floor = (decode + webp + jpeg) * photo_count / cores / 1000
        print(f"cold floor, {name}: decode + encodes only (no resize, no share cards, nothing else), "
              f"{photo_count} photos on {cores} cores: {floor:.1f} s")
    print()


def stage_costs(path: Path) -> tuple[float, ...]:
    """(MB, decode, resizes, WebP, JPEG ms, KB) of one photo, the way sitegen's defaults make it."""
    data = path.read_bytes()

    def decode() -> Image.Image:
        image = Image.open(io.BytesIO(data))
        image.draft("RGB", (image.width // 2, image.height // 2))
        return ImageOps.exif_transpose(image).convert("RGB")

    decode_ms, half = _best_cpu(decode)
    sizes = [(w, round(half.height * w / half.width)) for w in DEFAULT_WIDTHS]
    resize_ms, frames = _best_cpu(lambda: [half.resize(size, Image.Resampling.BICUBIC) for size in sizes])
    webp_ms, webp = _best_cpu(lambda: [_encoded(frame, "WEBP", method=4) for frame in frames])
    fallback = half.resize((FALLBACK_WIDTH, round(half.height * FALLBACK_WIDTH / half.width)))
    jpeg_ms, jpeg = _best_cpu(lambda: _encoded(fallback, "JPEG", optimize=True, progressive=True))
    return len(data) / 1e6, decode_ms, resize_ms, webp_ms, jpeg_ms, (sum(webp) + jpeg) / 1000


def _encoded(image: Image.Image, fmt: str, **options) -> int:
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=QUALITY, **options)
    return buffer.tell()


def _best_cpu(work):
    """(best CPU milliseconds of 3 runs, the last result): CPU time, so other engineers' load counts less."""
    best, result = float("inf"), None
    for _ in range(3):
        started = time.process_time()
        result = work()
        best = min(best, time.process_time() - started)
    return best * 1000, result


def print_table(rows: list[tuple[str, list[float], list[float], list[float]]]) -> None:
    """A Markdown table: scenario, median wall seconds, every run, median CPU seconds, peak memory."""
    print("| scenario | median wall s | runs (s) | median CPU s (all processes) | peak RSS, process tree (MB) |")
    print("|---|---|---|---|---|")
    for name, times, cpus, peaks in rows:
        runs = " ".join(f"{t:.2f}" for t in times)
        print(f"| {name} | {statistics.median(times):.2f} | {runs} | {statistics.median(cpus):.2f} | {max(peaks):.0f} |")


def hugo_scenarios(project: Path, site: Path, cold_runs: int,
                   runs: int) -> list[tuple[str, list[float], list[float], list[float]]]:
    """Hugo's cold, no-op and text-edit builds of the catalogue's twin (benchmarks/hugo.py)."""
    hugo.make_hugo_site(project, site)
    page = site / "content" / "produk" / "produk-0001" / "index.md"
    text = page.read_text(encoding="utf-8")

    def edit_text(n: int) -> None:
        page.write_text(text.replace("tangan.", f"tangan. Edit {n}."), encoding="utf-8")

    def run() -> tuple[float, float, float]:
        return timed(["hugo", "--quiet"], site)

    rows = [("cold", *_repeat(max(1, cold_runs), lambda n: hugo.clean(site), run))]
    run()  # a no-op starts from a complete build, as sitegen's does
    rows.append(("no-op", *_repeat(runs, lambda n: None, run)))
    rows.append(("text edit (1 product)", *_repeat(runs, edit_text, run)))
    page.write_text(text, encoding="utf-8")
    return rows


def print_hugo(project: Path, site: Path, cold_runs: int, runs: int, rows) -> None:
    """Hugo's table, measured after sitegen's in the same run, and sitegen's time as a ratio to it."""
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    print(f"\nHugo {version} on the same photos ({site}), load average before: {_load()}")
    hugo_rows = hugo_scenarios(project, site, cold_runs, runs)
    print(f"load average after:  {_load()}\n")
    print_table(hugo_rows)
    published = sum(f.stat().st_size for f in (site / "public").rglob("*_resize_*"))
    photos = sum(1 for _ in (site / "content").rglob("*.jpg"))
    print(f"\nHugo's resized images: {published / 1e6:.1f} MB = {published / photos / 1000:.0f} KB per source photo")
    ours = {name: statistics.median(times) for name, times, _, _ in rows}
    for name, times, _, _ in hugo_rows:
        if name in ours:
            print(f"{name}: sitegen / Hugo = {ours[name]:.2f} / {statistics.median(times):.2f} s = "
                  f"{ours[name] / statistics.median(times):.2f}")


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
    parser.add_argument("--reference-sample", type=int, default=20,
                        help="photos for the plain Pillow reference; 0 skips")
    parser.add_argument("--calibration-sample", type=int, default=5, help="photos whose stage costs are printed; 0 skips")
    parser.add_argument("--calibrate", action="store_true", help="print the stage costs only, build nothing")
    parser.add_argument("--hugo", action="store_true", help="also time Hugo (`hugo` on PATH, e.g. Debian's "
                        "0.111 extended) on a twin of the catalogue with the same photos (benchmarks/hugo.py)")
    parser.add_argument("--code", type=Path, default=REPO, help="the sitegen checkout to run (default: this one)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sitegen-bench"))
    parser.add_argument("--python", help="interpreter to run sitegen with; 'sys' for this one "
                                         "(default: a clean virtualenv in --workdir)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
