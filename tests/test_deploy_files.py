"""Files static hosts read from the output: .nojekyll always, CNAME only when site.yaml names a domain."""

from __future__ import annotations

from tests.conftest import BASIC_SITE, run_sitegen


def build(project, tmp_path):
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    return project / "output"


def test_cname_comes_from_site_yaml(make_site, tmp_path):
    site_yaml = BASIC_SITE["site.yaml"] + "cname: Katalog.Desaku.ID\n"
    output = build(make_site({"site.yaml": site_yaml}), tmp_path)
    assert (output / "CNAME").read_text() == "katalog.desaku.id\n"
    assert (output / ".nojekyll").read_bytes() == b""


def test_no_cname_without_a_domain(make_site, tmp_path):
    output = build(make_site({}), tmp_path)
    assert not (output / "CNAME").exists()
    assert (output / ".nojekyll").is_file()


def test_a_cname_with_a_path_is_an_error(make_site, tmp_path):
    site_yaml = BASIC_SITE["site.yaml"] + "cname: https://katalog.desaku.id/\n"
    result = run_sitegen("check", "--project", str(make_site({"site.yaml": site_yaml})))
    assert result.returncode == 1
    assert result.stderr.startswith('site.yaml:4: domain "https://katalog.desaku.id/" tidak valid')
