"""Scale benchmark: build a synthetic catalogue of N products, text only and with one photo each.

Not a test. Prints a table of cold build, no-op rebuild and one-product edit times with the
peak memory of the whole process tree (sitegen plus its image workers), e.g.

    python benchmarks/scale.py                   # 10,000 products, both scenarios
    python benchmarks/scale.py --products 2000 --scenario text
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
PRODUCTS_PER_GROUP = 50
CATEGORIES = ("makanan-ringan", "kue-kering", "makanan-pokok", "kerajinan", "minuman")
SAMPLE_SECONDS = 0.05


def write_catalogue(root: Path, count: int, photos: bool) -> None:
    """A catalogue of `count` products in groups of 50, each with a short Markdown description."""
    categories = "".join(f"  {slug}: {slug.replace('-', ' ').title()}\n" for slug in CATEGORIES)
    (root / "site.yaml").write_text(
        f"title: Katalog Skala\nbase_url: https://example.org/katalog/\ncategories:\n{categories}",
        encoding="utf-8")
    for number in range(count // PRODUCTS_PER_GROUP + 1):
        folder = root / "content" / "groups" / f"kelompok-{number:04d}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"---\nname: Kelompok {number}\nwhatsapp: 0812-{number:04d}-0001\nvillage: Desa {number}\n---\n"
            f"Cerita kelompok {number}: **purna pekerja migran** yang pulang kampung.\n", encoding="utf-8")
    for number in range(count):
        folder = root / "content" / "products" / f"produk-{number:05d}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(_product(number), encoding="utf-8")
        if photos:
            (folder / "foto.jpg").write_bytes(_photo(number))


def _product(number: int) -> str:
    group = number // PRODUCTS_PER_GROUP
    return (
        f"---\nname: Produk Nomor {number}\ngroup: kelompok-{group:04d}\n"
        f"variants:\n  - {{name: 100 g, price: {10000 + number}}}\n  - {{name: 250 g, price: {22000 + number}}}\n"
        f"category: {CATEGORIES[number % len(CATEGORIES)]}\ntags: [oleh-oleh, khas-kebumen]\n"
        f"date: 2026-{1 + number % 12:02d}-{1 + number % 28:02d}\npirt: \"2063305010{number:03d}-25\"\n---\n"
        f"Produk ke-{number} dibuat dengan **bahan pilihan** dari kebun anggota.\n\n"
        f"- tanpa pengawet\n- dikemas rapat\n"
    )


def _photo(number: int) -> bytes:
    """A small JPEG whose colour (and so content hash) is unique to the product."""
    image = Image.new("RGB", (480, 360), (number % 256, (number // 256) % 256, 120))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def run_build(project: Path, cache: Path) -> tuple[float, float, float]:
    """Run `sitegen build` once: wall seconds, and the peak memory (MB) of its whole process tree
    as the sum of PSS (each shared page counted once, split between its sharers) and of RSS
    (forked image workers share the parent's pages, so this sum over-counts)."""
    command = [sys.executable, "-m", "sitegen", "build", "--project", str(project), "--cache-dir", str(cache)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_pss = peak_rss = 0
    while process.poll() is None:
        pss, rss = _tree_memory_kb(process.pid)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(process.stderr.read())
    return seconds, peak_pss / 1024, peak_rss / 1024


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """PSS and RSS of a process and all its descendants, from /proc (Linux)."""
    pss = rss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            fields = dict(line.split(":", 1) for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines()[1:])
            pss += int(fields["Pss"].split()[0])
            rss += int(fields["Rss"].split()[0])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, KeyError, ValueError):
            continue
    return pss, rss


def measure(count: int, photos: bool, workdir: Path) -> list[tuple[str, float, float, float]]:
    """Cold build, no-op rebuild, then a rebuild after editing one product's text."""
    project = workdir / ("photos" if photos else "text")
    cache = workdir / f"cache-{project.name}"
    project.mkdir(parents=True)
    write_catalogue(project, count, photos)
    rows = [("cold build", *run_build(project, cache))]
    rows.append(("no-op rebuild", *run_build(project, cache)))
    edited = project / "content" / "products" / "produk-00001" / "index.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("bahan pilihan", "bahan terbaik"), encoding="utf-8")
    rows.append(("one product edited", *run_build(project, cache)))
    return rows


def main() -> None:
    """Generate, build, and print one table row per build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--scenario", choices=("text", "photos", "both"), default="both")
    parser.add_argument("--keep", type=Path, help="build here and keep the files (default: a temp folder)")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="sitegen-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    scenarios = {"text": [False], "photos": [True], "both": [False, True]}[args.scenario]
    print("| products | photos | build | seconds | peak PSS, all processes (MB) | peak RSS sum (MB) |")
    print("|---|---|---|---|---|---|")
    try:
        for photos in scenarios:
            for name, seconds, pss, rss in measure(args.products, photos, workdir):
                print(f"| {args.products:,} | {'1 each' if photos else 'none'} | {name} | {seconds:.1f} "
                      f"| {pss:.0f} | {rss:.0f} |", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
