"""What the terminal shows around a build: progress of the image work and the final size report."""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING, Callable, TextIO

if TYPE_CHECKING:
    from sitegen.build import BuildResult

PLAIN_MINIMUM = 20  # fewer photos than this finish too soon to be worth progress lines
BAR_WIDTH = 30
# Phone photos carry GPS: a catalogue of 1,000 products warned 4,101 times, one line a photo,
# burying every other message. A few of each kind show what to fix and where.
WARNINGS_PER_KIND = 5

Progress = Callable[[str, int, int], None]  # (label, photos done, photos to do)


def size_report(result: BuildResult, output: str, seconds: float) -> str:
    """The closing line of a build: pages, images and their megabytes (the 1 GB warning is advice's)."""
    strings = result.strings
    language = strings.language
    return strings.t("cli.report", output=output, **count_phrases(result),
                     pages_mb=_megabytes(result.total_bytes - result.image_bytes, language),
                     images_mb=_megabytes(result.image_bytes, language),
                     total_mb=_megabytes(result.total_bytes, language), seconds=_decimal(seconds, 2, language))


def count_phrases(result: BuildResult) -> dict[str, str]:
    """`12 pages` and `1 image`, each in its own plural form, for the report and the check's OK line."""
    strings = result.strings
    return {"pages": strings.t("cli.page_count", count=result.pages),
            "images": strings.t("cli.image_count", count=result.images)}


def brief_warnings(result: BuildResult, every: bool = False) -> list[str]:
    """The warning lines to print: in order, at most WARNINGS_PER_KIND of each kind, the last one
    shown of a kind followed by how many more of it there are; with `every`, all of them."""
    warnings, kinds = result.warnings, result.warning_kinds
    if every or len(kinds) != len(warnings) or result.strings is None:
        return list(warnings)
    totals, shown = Counter(kinds), Counter[str]()
    lines = []
    for text, kind in zip(warnings, kinds):
        shown[kind] += 1
        if shown[kind] <= WARNINGS_PER_KIND:
            lines.append(text)
        if shown[kind] == WARNINGS_PER_KIND < totals[kind]:
            lines.append(result.strings.t("cli.more_warnings", count=totals[kind] - WARNINGS_PER_KIND))
    return lines


def make_progress(terminal: TextIO, plain: TextIO) -> Progress:
    """A redrawn bar when `terminal` is a terminal; otherwise a few plain lines on `plain`."""
    return _Bar(terminal) if terminal.isatty() else _Lines(plain)


class _Bar:
    """`gambar [#########.....] 155/310 0:12`, redrawn in place, at most ten times a second."""

    def __init__(self, stream: TextIO):
        self.stream, self.started, self.drawn = stream, time.monotonic(), 0.0

    def __call__(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn < 0.1:
            return
        self.drawn = now
        filled = BAR_WIDTH * done // max(total, 1)
        elapsed = int(now - self.started)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r{label} [{bar}] {done}/{total} {elapsed // 60}:{elapsed % 60:02d}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class _Lines:
    """One quiet line per quarter of the work, for CI logs; nothing for a handful of photos."""

    def __init__(self, stream: TextIO):
        self.stream, self.quarter = stream, 0

    def __call__(self, label: str, done: int, total: int) -> None:
        quarter = 4 * done // max(total, 1)
        if total >= PLAIN_MINIMUM and quarter > self.quarter:
            self.quarter = quarter
            print(f"{label} {done}/{total}", file=self.stream, flush=True)


def _megabytes(size: int, language: str) -> str:
    return _decimal(size / 1_000_000, 1, language)


def _decimal(value: float, digits: int, language: str) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language == "id" else text  # Indonesian writes "4,5 MB"
