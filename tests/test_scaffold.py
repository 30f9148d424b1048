"""`sitegen new product|group`: commented in the site's language, passes check at once, never overwrites."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from sitegen.content import GROUP_KEYS, PRODUCT_KEYS
from tests.conftest import BASIC_SITE, REPO, run_sitegen

EN_SITE = BASIC_SITE["site.yaml"] + "language: en\n"


def new(project, *args):
    return run_sitegen("new", *args, "--project", str(project))


def check(project, tmp_path):
    return run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))


def front_matter_lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("---\n")[1].splitlines()


def test_a_new_product_passes_check_at_once(make_site, tmp_path):
    project = make_site({})
    result = new(project, "product", "Keripik Singkong", "--group", "sido")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Dibuat content/products/keripik-singkong/index.md.")
    checked = check(project, tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    assert (project / "content/products/keripik-singkong/index.md").is_file()


def test_a_new_product_in_the_example_catalogue_passes_check(tmp_path):
    project = tmp_path / "example"
    project.mkdir()
    shutil.copyfile(REPO / "site.yaml", project / "site.yaml")
    shutil.copytree(REPO / "content", project / "content")
    assert new(project, "product", "Keripik Singkong Balado", "--group", "kub-sidomulyo").returncode == 0
    result = check(project, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "keripik-singkong-balado" not in result.stderr  # no error and no warning about the new product


@pytest.mark.parametrize(("kind", "args", "keys"), [
    ("product", ("--group", "sido"), PRODUCT_KEYS),
    ("group", (), GROUP_KEYS),
])
def test_every_field_is_written_with_a_comment(kind, args, keys, make_site):
    project = make_site({})
    assert new(project, kind, "Baru Sekali", *args).returncode == 0
    lines = front_matter_lines(project / f"content/{kind}s/baru-sekali/index.md")
    written = {m.group(1): line for line in lines if (m := re.match(r"(?:# )?([a-z_]+):", line))}
    # .md files hold the description below the data; a product's `alt:` is written inside `photos:`,
    # the form the web admin opens (a separate `alt:` still reads, with a warning).
    assert set(written) == set(keys) - {"description", *(("alt",) if kind == "product" else ())}
    for key, line in written.items():
        assert re.search(r"\S {2,}# \S", line), f"{key} has no comment: {line!r}"


def test_comments_follow_the_site_language(make_site):
    project = make_site({"site.yaml": EN_SITE})
    assert new(project, "product", "Cassava Chips", "--group", "sido").returncode == 0
    text = (project / "content/products/cassava-chips/index.md").read_text(encoding="utf-8")
    assert "# product name (required)" in text and "Write the product description here" in text
    assert "wajib" not in text


def test_comments_fall_back_to_indonesian_when_site_yaml_is_broken(make_site):
    project = make_site({"site.yaml": "title: [unclosed\n"})
    assert new(project, "product", "Keripik", "--group", "sido").returncode == 1  # exists already
    assert new(project, "product", "Keripik Baru", "--group", "sido").returncode == 0
    text = (project / "content/products/keripik-baru/index.md").read_text(encoding="utf-8")
    assert "# nama produk (wajib)" in text


def test_the_data_lines_read_back_as_written(make_site, tmp_path):
    project = make_site({})
    name = 'Keripik "Pedas": Level #5'
    assert new(project, "product", name, "--group", "sido").returncode == 0
    text = (project / "content/products/keripik-pedas-level-5/index.md").read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["name"] == name and data["group"] == "sido" and data["status"] == "tersedia"
    assert check(project, tmp_path).returncode == 0


def test_never_overwrites_a_product(make_site):
    project = make_site({})
    assert new(project, "product", "Keripik Pare", "--group", "sido").returncode == 0
    path = project / "content/products/keripik-pare/index.md"
    path.write_text("edited by a volunteer", encoding="utf-8")
    result = new(project, "product", "Keripik Pare", "--group", "sido")
    assert result.returncode == 1
    assert result.stderr == ("content/products/keripik-pare: sudah ada; tidak ada yang diubah — "
                             "pilih nama lain, atau ubah berkas yang sudah ada\n")
    assert path.read_text(encoding="utf-8") == "edited by a volunteer"


def test_never_overwrites_a_single_file_product_either(make_site):
    project = make_site({"content/products/tiwul.md": "---\nname: Tiwul\ngroup: sido\nprice: 9000\n---\n"})
    result = new(project, "product", "Tiwul", "--group", "sido")
    assert result.returncode == 1
    assert result.stderr.startswith("content/products/tiwul.md: sudah ada")
    assert not (project / "content/products/tiwul").exists()


def test_an_unknown_group_is_refused_with_a_suggestion(make_site):
    project = make_site({})
    result = new(project, "product", "Keripik Baru", "--group", "sidoo")
    assert result.returncode == 1
    assert result.stderr == ('--group: kelompok "sidoo" tidak ada di content/groups/ — maksud Anda `sido`? '
                             "Atau buat kelompoknya dengan `sitegen new group`\n")
    assert not (project / "content/products/keripik-baru").exists()


def test_a_product_without_group_is_refused_in_english_too(make_site):
    result = new(make_site({"site.yaml": EN_SITE}), "product", "Chips")
    assert result.returncode == 1
    assert result.stderr == "--group: a new product needs its group — add --group with one of: `sido`\n"


def test_a_name_without_letters_is_refused(make_site):
    result = new(make_site({}), "group", "!!!")
    assert result.returncode == 1
    assert result.stderr.startswith('name: nama "!!!" tidak bisa dijadikan alamat halaman')


def test_outside_a_catalogue_new_says_where_to_run_it(tmp_path):
    result = new(tmp_path, "group", "KUB Maju")
    assert result.returncode == 1
    assert result.stderr.startswith("site.yaml: berkas site.yaml tidak ditemukan")
    assert list(tmp_path.iterdir()) == []


def test_a_new_group_asks_for_its_real_whatsapp_number(make_site, tmp_path):
    project = make_site({})
    assert new(project, "group", "KUB Maju Jaya").returncode == 0
    result = check(project, tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("content/groups/kub-maju-jaya/index.md:4: `whatsapp` masih kosong — isi nilainya sesudah `whatsapp:`")


def test_a_new_group_with_its_number_and_a_product_pass_check(make_site, tmp_path):
    project = make_site({})
    assert new(project, "group", "KUB Maju Jaya", "--whatsapp", "0812-3456-7890").returncode == 0
    assert new(project, "product", "Rengginang", "--group", "kub-maju-jaya").returncode == 0
    result = check(project, tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_wrong_whatsapp_number_is_refused(make_site):
    project = make_site({})
    result = new(project, "group", "KUB Maju Jaya", "--whatsapp", "12345")
    assert result.returncode == 1
    assert result.stderr.startswith('--whatsapp: nomor WhatsApp "12345" tidak valid')
    assert not (project / "content/groups/kub-maju-jaya").exists()


@pytest.mark.parametrize("site_yaml, comment", [
    (None, "tanggal siap dikirim"), (EN_SITE, "the day it can be sent")])
def test_a_new_product_shows_available_from_commented_in_the_site_language(make_site, site_yaml, comment):
    project = make_site({"site.yaml": site_yaml} if site_yaml else {})
    assert new(project, "product", "Kastengel", "--group", "sido").returncode == 0
    text = (project / "content/products/kastengel/index.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "available_from" in line)
    assert line.startswith("# available_from: 2026-12-20") and comment in line


@pytest.mark.parametrize("origin, expected", [
    ({}, "sitegen-katalog=={version}\n"),  # from PyPI or a wheel: the release
    ({"url": "file:///home/relawan/sitegen", "dir_info": {"editable": True}}, "sitegen-katalog=={version}\n"),
    ({"url": "https://github.com/kub-sido/sitegen", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}},
     "sitegen-katalog @ git+https://github.com/kub-sido/sitegen@0123abc\n"),  # what the site's workflow can install
    ({"url": "ssh://git@github.com/kub-sido/sitegen", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}},
     "sitegen-katalog=={version}\n"),  # a runner has no key for it
    ({"url": "file:///home/relawan/sitegen", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}},
     "sitegen-katalog=={version}\n"),  # a folder on one laptop
])
def test_a_new_site_pins_the_sitegen_that_made_it_where_its_workflow_can_get_it(origin, expected):
    from sitegen import __version__
    from sitegen.newsite import requirements_text

    assert requirements_text(origin) == expected.format(version=__version__)


def test_the_photos_example_uncommented_is_the_form_the_admin_opens(make_site, tmp_path):
    """Uncommenting the example as the file says, with those photos in the folder: no error, no warning."""
    from tests.conftest import jpeg_bytes

    project = make_site({})
    assert new(project, "product", "Keripik Singkong", "--group", "sido").returncode == 0
    folder = project / "content/products/keripik-singkong"
    lines = (folder / "index.md").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("# photos:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("#   "))
    lines[start:end] = [line[2:] for line in lines[start:end]]
    (folder / "index.md").write_text("\n".join(lines), encoding="utf-8")
    for name in ("depan.jpg", "kemasan.jpg"):
        (folder / name).write_bytes(jpeg_bytes())
    result = check(project, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # neither "the admin cannot open this list" nor a missing description
