"""One broken mini-site per kind of volunteer mistake: exact message, exit 1, old output kept."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import files_of, run_sitegen

CASES = Path(__file__).parent / "errors"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))
PREVIOUS = {"index.html": "<p>previous good site</p>", ".nojekyll": ""}


def make_case(name: str, tmp_path: Path) -> Path:
    """The base mini-site with the case's files laid over it."""
    project = tmp_path / "site"
    shutil.copytree(CASES / "_base", project)
    for path in (CASES / name).rglob("*"):
        rel = path.relative_to(CASES / name)
        if path.is_file() and rel.as_posix() != "expected.txt":
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, project / rel)
    return project


@pytest.mark.parametrize("case", CASE_NAMES)
@pytest.mark.parametrize("command", ["build", "check"])
def test_mistake_is_reported_exactly_and_output_survives(case, command, tmp_path):
    project = make_case(case, tmp_path)
    output = project / "output"
    output.mkdir()
    for name, text in PREVIOUS.items():
        (output / name).write_text(text)
    before = files_of(output)
    result = run_sitegen(command, "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == expected
    assert files_of(output) == before
    assert sorted(p.name for p in project.iterdir()) == sorted(p.name for p in (tmp_path / "site").iterdir())
