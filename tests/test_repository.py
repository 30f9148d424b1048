"""Files of the sitegen repository itself that people rely on after a fresh clone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", [".venv/bin/python", "venv/lib/site.py", "output/index.html",
                                  ".sitegen-cache/images/x.webp"])
def test_gitignore_covers_virtualenvs_and_generated_files(tmp_path, path):
    """The README has people `pip install` in the checkout: their virtualenv must never be committed."""
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    found = subprocess.run(["git", "-C", str(tmp_path), "check-ignore", "-q", "--no-index", path])
    assert found.returncode == 0, f"{path} is not ignored"
