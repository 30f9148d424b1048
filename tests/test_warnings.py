"""Warnings: what hurts sales or privacy is reported with file, line and fix, and never fails a build."""

from __future__ import annotations

import pytest

from sitegen.advice import SITE_BYTES_LIMIT, SITE_FILES_LIMIT, SOURCE_BYTES_LIMIT, SiteSize, review_size
from tests.conftest import BASIC_SITE, jpeg_bytes, run_sitegen

PRODUCT = "---\nname: Keripik\ngroup: sido\nprice: 15000\nphotos: [{{file: kecil.jpg{alt[0]}}}, {{file: lokasi.jpg{alt[1]}}}]\n---\n{body}\n"
ALTS = (', alt: "Keripik kecil"', ', alt: "Keripik di meja"')
ALL_WARNINGS_ID = """\
content/products/keripik/index.md:5: peringatan: foto "kecil.jpg" hanya 400×300 px — katalog WhatsApp Business dan Meta menolak foto di bawah 500 px; unggah foto asli dari HP
content/products/keripik/index.md:5: peringatan: foto "kecil.jpg" belum punya keterangan untuk pembeli tunanetra (alt) — isi "Keterangan foto" di admin, atau tulis `alt: "Keripik dalam kemasan 100 g"` di bawah `- file: kecil.jpg`
content/products/keripik/index.md:5: peringatan: foto "lokasi.jpg" belum punya keterangan untuk pembeli tunanetra (alt) — isi "Keterangan foto" di admin, atau tulis `alt: "Keripik dalam kemasan 100 g"` di bawah `- file: lokasi.jpg`
content/products/keripik/index.md:5: peringatan: foto "lokasi.jpg" menyimpan lokasi tempat foto diambil (GPS) — sitegen menghapusnya dari situs, tetapi foto asli di repositori masih memuatnya; matikan lokasi di kamera HP, atau unggah salinan tanpa lokasi
content/products/keripik/index.md:7: peringatan: deskripsi sangat panjang (2399 karakter) — pembeli di HP membaca sekitar 1500; taruh yang terpenting di awal dan persingkat sisanya
5 peringatan: situs tetap dibangun, tetapi hal di atas merugikan penjualan atau privasi; perbaiki bila sempat.
"""


def warned_site(make_site, alt: tuple[str, str] = ("", ""), body: str = "Renyah. " * 300, language: str = "id"):
    site_yaml = f"title: Tes\nbase_url: https://example.org/\nlanguage: {language}\n"
    return make_site({
        "site.yaml": site_yaml,
        "content/products/keripik/index.md": PRODUCT.format(alt=alt, body=body.strip()),
        "content/products/keripik/kecil.jpg": jpeg_bytes((400, 300)),
        "content/products/keripik/lokasi.jpg": jpeg_bytes((900, 700), gps=True),
    })


@pytest.mark.parametrize("command", ["check", "build"])
def test_every_warning_is_located_explained_and_does_not_fail(command, make_site, tmp_path):
    project = warned_site(make_site)
    result = run_sitegen(command, "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ALL_WARNINGS_ID
    assert (project / "output" / "index.html").is_file() == (command == "build")


def test_warnings_speak_the_site_language(make_site, tmp_path):
    project = warned_site(make_site, language="en")
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0
    assert 'index.md:5: warning: photo "kecil.jpg" is only 400×300 px — WhatsApp Business' in result.stderr
    assert "records the place where it was taken (GPS)" in result.stderr
    assert result.stderr.endswith("5 warnings: the site is built, but these hurt sales or privacy; "
                                  "fix them when you can.\n")


@pytest.mark.parametrize("emptied", ["alt: {}", "alt:", "photos: {}\nalt: {}"])
def test_an_emptied_mapping_counts_as_absent(emptied, make_site, tmp_path):
    """`{}` is what a form leaves in an emptied object field: no "hand-written photos" warning, no error."""
    project = make_site({
        "content/products/keripik/index.md": f"---\nname: Keripik\ngroup: sido\nprice: 15000\n{emptied}\n---\nRenyah.\n",
        "content/products/keripik/depan.jpg": jpeg_bytes((900, 700)),
    })
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert len(warnings) == 1 and "(alt)" in warnings[0], result.stderr  # only the missing description
    assert "../../img/" in (project / "output" / "produk" / "keripik" / "index.html").read_text(encoding="utf-8")


def test_a_clean_product_has_no_warnings(make_site, tmp_path):
    project = make_site({
        "content/products/keripik/index.md": PRODUCT.format(alt=ALTS, body="Renyah."),
        "content/products/keripik/kecil.jpg": jpeg_bytes((500, 375)),
        "content/products/keripik/lokasi.jpg": jpeg_bytes((900, 700)),
    })
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0
    assert result.stderr == ""


def test_a_group_photo_without_alt_is_warned_with_the_group_form_of_the_fix(make_site, tmp_path):
    project = make_site({
        "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\nphoto: rumah.jpg\n---\n",
        "content/groups/sido/rumah.jpg": jpeg_bytes((800, 600)),
    })
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0
    assert 'content/groups/sido/index.md:4: peringatan: foto "rumah.jpg" belum punya keterangan' in result.stderr
    assert '`alt: "Anggota kelompok bekerja di rumah produksi"`' in result.stderr


def test_warnings_and_errors_together_fail_with_the_errors_only(make_site, tmp_path):
    project = warned_site(make_site)
    path = project / "content/products/keripik/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("price: 15000", "price: lima ribu"), encoding="utf-8")
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert "peringatan" not in result.stderr and 'harga "lima ribu" tidak dikenali' in result.stderr


@pytest.mark.parametrize(("size", "keys"), [
    (SiteSize(0, 0, 0), []),
    (SiteSize(int(SITE_BYTES_LIMIT * 0.79), int(SITE_FILES_LIMIT * 0.79), int(SOURCE_BYTES_LIMIT * 0.79)), []),
    (SiteSize(int(SITE_BYTES_LIMIT * 0.8), 0, 0), ["site_bytes_near_limit"]),
    (SiteSize(0, int(SITE_FILES_LIMIT * 0.9), 0), ["site_files_near_limit"]),
    (SiteSize(0, 0, SOURCE_BYTES_LIMIT * 2), ["sources_near_limit"]),
    (SiteSize(SITE_BYTES_LIMIT, SITE_FILES_LIMIT, SOURCE_BYTES_LIMIT),
     ["site_bytes_near_limit", "site_files_near_limit", "sources_near_limit"]),
])
def test_a_catalogue_nearing_host_limits_is_warned(size, keys):
    assert [warning.key for warning in review_size(size)] == keys


def test_host_limit_warnings_name_sizes_in_megabytes():
    (warning,) = review_size(SiteSize(850_000_000, 10, 0))
    assert str(warning.ref) == "output/" and warning.args == {"size": 850, "limit": 1000}


@pytest.mark.parametrize("photos, warned", [
    ("photos: [kecil.jpg]\n", "daftar foto ini belum bisa dibuka di admin web"),  # plain names: cannot be saved
    ('alt: {kecil.jpg: "Keripik kecil"}\n',  # the admin splits `kecil.jpg` at its dot; there is no photo list
     "keterangan foto ini: admin menyimpan tiap keterangan bersama fotonya di daftar `photos:`"),
    ('photos:\n  - file: kecil.jpg\n    alt: "Keripik kecil"\n', ""),  # the admin's own form
    ('photos:\n  - file: kecil.jpg\nalt: {kecil.jpg: "Keripik kecil"}\n',  # a list, and alt texts apart from it
     "daftar foto ini belum bisa dibuka di admin web"),
    ("", ""),
])
def test_photo_lists_the_admin_cannot_keep_are_pointed_out(make_site, photos, warned):
    project = make_site({
        "content/products/keripik/index.md": f"---\nname: Keripik\ngroup: sido\nprice: 15000\n{photos}---\nRenyah.\n",
        "content/products/keripik/kecil.jpg": jpeg_bytes((900, 700)),
    })
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 0
    admin = [line for line in result.stderr.splitlines() if "admin web belum" in line or "di admin web" in line]
    assert [warned in line for line in admin] == ([True] if warned else []), result.stderr
    where = 7 if "file:" in photos and "alt: {" in photos else 5  # at the `alt:` apart from the list
    assert all(line.startswith(f"content/products/keripik/index.md:{where}: peringatan: ") for line in admin)


def test_a_single_file_product_is_in_the_admin_too_so_its_photo_list_is_pointed_out(make_site):
    without_bundle = {path: text for path, text in BASIC_SITE.items() if "products" not in path}
    project = make_site(base=without_bundle, files={
        "content/products/keripik.md": "---\nname: Keripik\ngroup: sido\nprice: 15000\nphotos: [kecil.jpg]\n---\nRenyah.\n",
        "content/products/kecil.jpg": jpeg_bytes((900, 700)),
    })
    result = run_sitegen("check", "--project", str(project))
    assert "content/products/keripik.md:5: peringatan: daftar foto ini belum bisa dibuka" in result.stderr


def test_a_text_shown_as_plain_text_says_why_and_where(make_site, tmp_path):
    """Past a limit of markup's a description (or a group's story) loses its formatting: the volunteer
    is told at the text's first line, which limit, and what to change; a remembered rendering too."""
    nested = "".join("  " * level + "- lapis\n" for level in range(25))
    project = make_site({
        "content/products/keripik/index.md": f"---\nname: Keripik\ngroup: sido\nprice: 15000\n---\n{nested}",
        "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\n---\n" + "<b>x</b> " * 201,
    })
    for _ in range(2):  # the second build takes both renderings from the document memo
        result = run_sitegen("build", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines()[:2] == [
            "content/groups/sido/index.md:5: peringatan: teks ini memuat lebih dari 400 tag HTML, jadi pembeli "
            "melihatnya sebagai teks biasa tanpa format — tulis formatnya dengan Markdown (`**tebal**`, `- daftar`, "
            "tabel dengan `|`) alih-alih tag HTML",
            "content/products/keripik/index.md:6: peringatan: daftar atau kutipan di teks ini bertingkat lebih dari 20 "
            "lapis, jadi pembeli melihatnya sebagai teks biasa tanpa format — kurangi tingkat daftar (`-`) dan "
            "kutipan (`>`) di dalam satu sama lain menjadi paling banyak 20"]
        page = (project / "output" / "produk" / "keripik" / "index.html").read_text(encoding="utf-8")
        assert "<p>- lapis\n  - lapis" in page and "<li>lapis" not in page
        (project / "site.yaml").write_text(BASIC_SITE["site.yaml"] + "# edited\n", encoding="utf-8")


def many_gps_photos(make_site, count: int):
    """A catalogue of `count` products, each with one phone photo that records where it was taken."""
    files = {}
    for n in range(count):
        files[f"content/products/p{n}/index.md"] = (f"---\nname: Produk {n}\ngroup: sido\nprice: 1000\n"
                                                    f"photos:\n  - file: depan.jpg\n    alt: Produk {n}\n---\nRenyah.\n")
        files[f"content/products/p{n}/depan.jpg"] = jpeg_bytes((600, 450), gps=True)
    return make_site(files)


def test_many_warnings_of_one_kind_show_a_few_and_how_many_more(make_site, tmp_path):
    """Phone photos carry GPS: one line a photo would bury every other message of a real catalogue."""
    project = many_gps_photos(make_site, 8)
    cache = tmp_path / "cache"
    built = run_sitegen("build", "--project", str(project), "--cache-dir", str(cache))
    assert built.returncode == 0, built.stderr
    lines = built.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:5]] == [f"content/products/p{n}/index.md" for n in range(5)]
    assert all("(GPS)" in line for line in lines[:5])
    assert lines[5:] == [
        "  … dan 3 peringatan lain seperti ini tidak ditampilkan; `sitegen check --all-warnings` menampilkan semuanya",
        "8 peringatan: situs tetap dibangun, tetapi hal di atas merugikan penjualan atau privasi; perbaiki bila sempat.",
    ]
    replayed = run_sitegen("build", "--project", str(project), "--cache-dir", str(cache))  # the no-op's replay
    assert replayed.stderr == built.stderr
    every = run_sitegen("check", "--all-warnings", "--project", str(project), "--cache-dir", str(cache))
    listed = every.stderr.splitlines()
    assert len(listed) == 9 and all("(GPS)" in line for line in listed[:8]) and "lain seperti ini" not in every.stderr
    assert {line.split(":")[0] for line in listed[:8]} == {f"content/products/p{n}/index.md" for n in range(8)}


def test_a_few_of_each_kind_keep_their_order_and_other_kinds_all_show():
    from sitegen.build import BuildResult
    from sitegen.i18n import Strings
    from sitegen.report import WARNINGS_PER_KIND, brief_warnings

    kinds = ("gps", "alt") * 7 + ("size",)
    warnings = tuple(f"{n}:{kind}" for n, kind in enumerate(kinds))
    strings = Strings("en", {"cli.more_warnings": "+{count} {count}"})
    result = BuildResult(1, 1, 1, warnings, strings, warning_kinds=kinds)
    assert WARNINGS_PER_KIND == 5
    assert brief_warnings(result) == ["0:gps", "1:alt", "2:gps", "3:alt", "4:gps", "5:alt", "6:gps", "7:alt",
                                      "8:gps", "+2 2", "9:alt", "+2 2", "14:size"]
    assert brief_warnings(result, every=True) == list(warnings)
    five = BuildResult(1, 1, 1, warnings[:10], strings, warning_kinds=kinds[:10])
    assert brief_warnings(five) == list(warnings[:10])  # exactly five of a kind: nothing hidden, no count


def test_the_preview_prints_a_few_of_each_kind_too(make_site, tmp_path, capsys):
    from sitegen.serve import Preview

    preview = Preview(many_gps_photos(make_site, 7), tmp_path / "preview", "http://127.0.0.1:8000/", tmp_path / "c")
    assert preview.rebuild()
    printed = capsys.readouterr().err
    assert printed.count("(GPS)") == 5 and "… dan 2 peringatan lain seperti ini" in printed
