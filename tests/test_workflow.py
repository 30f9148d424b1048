"""The GitHub Pages workflow: valid against GitHub's schema, checks every pull request, deploys only main."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO, jpeg_bytes, run_sitegen

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
MATCHER = REPO / ".github" / "sitegen-problems.json"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps_of(job: dict) -> dict[str, dict]:
    """Steps by the action they use (without version) or by their command."""
    return {step.get("uses", "").split("@")[0] or step["run"].strip(): step for step in job["steps"]}


def test_the_workflow_is_valid_against_githubs_schema():
    command = shutil.which("check-jsonschema") or pytest.fail("check-jsonschema is missing: pip install -e '.[test]'")
    result = subprocess.run([command, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    """Guards the test above: a workflow with a misspelt key must fail the same check."""
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    command = shutil.which("check-jsonschema") or pytest.fail("check-jsonschema is missing")
    result = subprocess.run([command, "--builtin-schema", "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0


def test_runs_on_pushes_to_main_and_on_every_pull_request(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert "pull_request" in triggers


def test_a_pull_request_is_only_checked(workflow):
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name != 'pull_request'"
    for step in build["steps"]:
        publishing = any(word in str(step) for word in ("sitegen build", "pages", "upload-pages-artifact"))
        if publishing:
            assert step.get("if") == "github.event_name != 'pull_request'", step
    check = next(step for step in build["steps"] if "sitegen check" in step.get("run", ""))
    assert "if" not in check


def test_main_is_checked_then_built_for_the_pages_address_then_deployed(workflow):
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = steps_of(build)
    order = [step.get("uses", step.get("run", "")) for step in build["steps"]]
    assert steps["pip install ."]
    check = next(i for i, s in enumerate(order) if "sitegen check" in s)
    site = next(i for i, s in enumerate(order) if "sitegen build" in s)
    assert check < site
    site_step = build["steps"][site]
    assert site_step["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert site_step["run"] == 'sitegen build --base-url "$BASE_URL"'
    assert steps["actions/configure-pages"]["id"] == "pages"
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "output"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_image_cache_is_kept_between_runs(workflow):
    steps = steps_of(workflow["jobs"]["build"])
    cache = steps["actions/cache/restore"]["with"]
    assert cache["path"] == ".sitegen-cache"
    assert cache["key"].startswith(cache["restore-keys"])
    saved = steps["actions/cache/save"]
    assert saved["with"]["path"] == ".sitegen-cache" and "pull_request" in saved["if"]
    order = [step.get("uses", "").split("@")[0] or step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert order.index("actions/cache/restore") < next(i for i, s in enumerate(order) if "sitegen check" in s)
    built = next(i for i, s in enumerate(order) if s.startswith("sitegen build"))
    assert built < order.index("actions/cache/save")  # saved with what the build made


def test_the_problem_matcher_is_the_one_the_workflow_registers(workflow):
    check = next(step for step in workflow["jobs"]["build"]["steps"] if "sitegen check" in step.get("run", ""))
    assert "::add-matcher::.github/sitegen-problems.json" in check["run"]
    assert MATCHER.is_file()


def annotations(output: str) -> list[tuple[str, str, str, str]]:
    """What GitHub's problem matcher makes of sitegen's output: (severity, file, line, message)."""
    found = []
    for matcher in json.loads(MATCHER.read_text(encoding="utf-8"))["problemMatcher"]:
        (pattern,) = matcher["pattern"]
        for line in output.splitlines():
            if match := re.match(pattern["regexp"], line):
                groups = [match.group(pattern[key]) for key in ("file", "line", "message")]
                found.append((matcher["severity"], *groups))
    return sorted(found)


def test_errors_become_error_annotations_on_their_line(make_site, tmp_path):
    project = make_site({"content/products/keripik/index.md": "---\nname: Keripik\ngroup: sido\nprice: 15,5\n---\n"})
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert annotations(result.stdout + result.stderr) == [
        ("error", "content/products/keripik/index.md", "4",
         'harga "15,5" tidak dikenali — tulis 15000 atau "Rp 15.000"'),
    ]


@pytest.mark.parametrize("language", ["id", "en"])
def test_warnings_become_warning_annotations(language, make_site, tmp_path):
    site_yaml = f"title: Tes\nbase_url: https://example.org/\nlanguage: {language}\n"
    project = make_site({"site.yaml": site_yaml, "content/products/keripik/kecil.jpg": jpeg_bytes((300, 200))})
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0
    found = annotations(result.stdout + result.stderr)
    assert [(severity, file, line) for severity, file, line, _ in found] == [
        ("warning", "content/products/keripik/index.md", "1"),
        ("warning", "content/products/keripik/index.md", "1"),
    ]
