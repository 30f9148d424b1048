"""What the terminal shows: a progress bar or quiet lines for image work, and the size report."""

from __future__ import annotations

import io

import pytest

from sitegen.build import BuildResult, builtin_theme_dirs
from sitegen.i18n import load_strings
from sitegen.report import make_progress, size_report



class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("language, expected", [
    ("id", "output: 2 halaman (0,5 MB), 3 gambar (4,5 MB), total 5,0 MB, dalam 0,25 detik"),
    ("en", "output: 2 pages (0.5 MB), 3 images (4.5 MB), 5.0 MB in total, in 0.25 s"),
])
def test_size_report_counts_pages_images_and_megabytes(language, expected):
    strings = load_strings(builtin_theme_dirs(), language)
    result = BuildResult(pages=2, images=3, total_bytes=5_000_000, image_bytes=4_500_000, strings=strings)
    assert size_report(result, "output", 0.251) == expected


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
