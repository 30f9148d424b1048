"""What the terminal shows: a progress bar or quiet lines for image work, and the size report."""

from __future__ import annotations

import io

import pytest

from sitegen.build import BuildResult, builtin_theme_dirs
from sitegen.i18n import load_strings
from sitegen.report import WARNINGS_PER_KIND, brief_warnings, make_progress, size_report



class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("language, pages, images, expected", [
    ("id", 2, 3, "output: 2 halaman (0,5 MB), 3 gambar (4,5 MB), total 5,0 MB, dalam 0,25 detik"),
    ("en", 2, 3, "output: 2 pages (0.5 MB), 3 images (4.5 MB), 5.0 MB in total, in 0.25 s"),
    ("en", 1, 1, "output: 1 page (0.5 MB), 1 image (4.5 MB), 5.0 MB in total, in 0.25 s"),
    ("en", 1, 0, "output: 1 page (0.5 MB), 0 images (4.5 MB), 5.0 MB in total, in 0.25 s"),
    ("id", 1, 1, "output: 1 halaman (0,5 MB), 1 gambar (4,5 MB), total 5,0 MB, dalam 0,25 detik"),
])
def test_size_report_counts_pages_images_and_megabytes(language, pages, images, expected):
    strings = load_strings(builtin_theme_dirs(), language)
    result = BuildResult(pages=pages, images=images, total_bytes=5_000_000, image_bytes=4_500_000, strings=strings)
    assert size_report(result, "output", 0.251) == expected


@pytest.mark.parametrize("count, line", [(1, "  … and 1 more warning like this one"), (2, "  … and 2 more warnings like this one")])
def test_the_warnings_left_out_are_counted_in_english_grammar(count, line):
    strings = load_strings(builtin_theme_dirs(), "en")
    warnings = tuple(f"warning {n}" for n in range(WARNINGS_PER_KIND + count))
    result = BuildResult(1, 0, 0, warnings, strings, warning_kinds=("photo_location",) * len(warnings))
    assert brief_warnings(result)[-1].startswith(line + ", not shown;")


def test_plain_progress_is_a_line_per_quarter_and_silent_for_a_few_photos():
    plain = io.StringIO()
    progress = make_progress(io.StringIO(), plain)
    for done in range(1, 41):
        progress("images", done, 40)
    assert plain.getvalue() == "images 10/40\nimages 20/40\nimages 30/40\nimages 40/40\n"
    few = io.StringIO()
    progress = make_progress(io.StringIO(), few)
    for done in range(1, 4):
        progress("images", done, 3)
    assert few.getvalue() == ""


def test_terminal_progress_is_a_bar_redrawn_in_place():
    terminal = Terminal()
    progress = make_progress(terminal, io.StringIO())
    progress("gambar", 1, 4)
    progress("gambar", 4, 4)
    text = terminal.getvalue()
    assert text.startswith("\rgambar [") and text.endswith("] 4/4 0:00\n") and "#" * 30 in text
