"""What volunteers really write (found by trying): numbers with a leading zero, numbers copied from
WhatsApp, AVIF/BMP photos, macOS's hidden `._` files. Each is read as meant, never silently otherwise."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.conftest import BASIC_SITE, jpeg_bytes, run_sitegen

PRODUCT = "content/products/keripik/index.md"


def build(make_site, tmp_path, files: dict) -> tuple[int, str, str]:
    project = make_site(files)
    result = run_sitegen("build", "--project", str(project), "--cache-dir", str(tmp_path / "cache"))
    page = project / "output" / "produk" / "keripik" / "index.html"
    return result.returncode, result.stderr, page.read_text(encoding="utf-8") if page.exists() else ""


def test_a_leading_zero_is_not_octal(make_site, tmp_path):
    """YAML 1.1 reads `015000` as octal 6656: the price must stay Rp15.000, the permit its digits."""
    front = "name: Keripik\ngroup: sido\nprice: 015000\nweight_g: 0120\npirt: 0123456789012\n"
    code, err, page = build(make_site, tmp_path, {PRODUCT: f"---\n{front}---\nRenyah.\n"})
    assert code == 0, err
    assert "Rp15.000" in page and "Rp6.656" not in page
    assert "0123456789012" in page and "120 g" in page


def test_an_unquoted_landline_with_its_area_code_is_the_number_written(make_site, tmp_path):
    group = "---\nname: KUB Sido\nwhatsapp: 02153112233\n---\nCerita.\n"
    code, err, page = build(make_site, tmp_path, {"content/groups/sido/index.md": group})
    assert code == 0, err
    assert "wa.me/622153112233" in page


@pytest.mark.parametrize("written", ["\u202a+62 812-3456-7890\u202c", "0812\u20113456\u20117890", "0812\u00a03456\u00a07890"])
def test_a_number_copied_from_whatsapp_or_an_android_keyboard_works(make_site, tmp_path, written):
    group = f'---\nname: KUB Sido\nwhatsapp: "{written}"\n---\nCerita.\n'
    code, err, page = build(make_site, tmp_path, {"content/groups/sido/index.md": group})
    assert code == 0, err
    assert "wa.me/6281234567890" in page


@pytest.mark.parametrize("fmt", ["AVIF", "BMP"])
def test_avif_and_bmp_photos_in_the_folder_are_published(make_site, tmp_path, fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 120, 60)).save(buffer, fmt)
    code, err, page = build(make_site, tmp_path, {f"content/products/keripik/foto.{fmt.lower()}": buffer.getvalue()})
    assert code == 0, err
    assert '<img' in page and ".webp" in page


def test_macos_hidden_companion_files_are_not_photos(make_site, tmp_path):
    files = {"content/products/keripik/depan.jpg": jpeg_bytes(),
             "content/products/keripik/._depan.jpg": b"\x00\x05\x16\x07AppleDouble"}
    code, err, page = build(make_site, tmp_path, files)
    assert code == 0, err
    assert page.count('type="image/webp"') >= 1


def test_what_the_web_admin_would_misread_or_drop_is_warned_about_with_its_line(make_site, tmp_path):
    """`check` accepts all of it, but saved once in the admin (YAML 1.2, list fields) the price
    would become Rp15, the tags and the photo order would be gone: say so before anyone does."""
    front = "name: Keripik\ngroup: sido\nprice: 15.000\ntags: pedas, oleh-oleh\nphotos: b.jpg, a.jpg\n"
    variants = ('name: Rempeyek\ngroup: sido\nvariants:\n  - {name: 100 g, price: 15.000}\n'
                '  - name: 250 g\n    price: "32.000"\n')
    files = {PRODUCT: f"---\n{front}---\nRenyah.\n", "content/products/keripik/a.jpg": jpeg_bytes(),
             "content/products/keripik/b.jpg": jpeg_bytes(),
             "content/products/rempeyek/index.md": f"---\n{variants}---\nGurih.\n"}
    project = make_site(files)
    for run in range(2):  # the second from the memo of parsed files: the marks must survive it
        result = run_sitegen("check", "--project", str(project), "--all-warnings", "--cache-dir", str(tmp_path / "c"))
        assert result.returncode == 0, result.stderr
        err = result.stderr
        assert "keripik/index.md:4: peringatan: harga 15.000 tanpa tanda kutip terbaca lain di admin web" in err
        assert 'tulis tanpa titik (`price: 15000`) atau dengan tanda kutip (`price: "15.000"`)' in err
        assert "keripik/index.md:5: peringatan: tag yang ditulis sebagai satu baris teks hilang" in err
        assert "`tags: [pedas, oleh-oleh]`" in err
        assert "keripik/index.md:6: peringatan: daftar foto ini belum bisa dibuka di admin web" in err
        assert "rempeyek/index.md:5: peringatan: harga 15.000" in err and "rempeyek/index.md:7:" not in err


@pytest.mark.parametrize("price", ['"15.000"', "15000", '"Rp 15.000"', "'12.500'"])
def test_prices_the_admin_reads_alike_are_not_warned_about(make_site, tmp_path, price):
    project = make_site({PRODUCT: f"---\nname: Keripik\ngroup: sido\nprice: {price}\ntags: [pedas]\n---\nRenyah.\n"})
    result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "c"))
    assert result.returncode == 0 and "peringatan" not in result.stderr, result.stderr


@pytest.mark.parametrize("name", ["index.md.txt", "Index.md", "index.MD", "index.markdown"])
def test_a_product_file_with_the_wrong_name_is_an_error_not_a_missing_product(make_site, tmp_path, name):
    text = "---\nname: Kue\ngroup: sido\nprice: 5000\n---\nEnak.\n"
    project = make_site({f"content/products/kue/{name}": text})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert f'content/products/kue/{name}:1: folder content/products/kue tidak berisi index.md' in result.stderr
    assert f'ganti nama "{name}" menjadi index.md' in result.stderr


@pytest.mark.parametrize("name, expected", [("kue.md.txt", "kue.md"), ("kue.markdown", "kue.md"),
                                            ("kue.MD", "kue.md"), ("kue.yaml.txt", "kue.yaml")])
def test_a_single_product_file_with_the_wrong_name_is_an_error_too(make_site, name, expected):
    """As a bundle's `index.md.txt` is: Notepad's hidden `.txt` would otherwise leave the product out unsaid."""
    text = "---\nname: Kue\ngroup: sido\nprice: 5000\n---\nEnak.\n"
    project = make_site({f"content/products/{name}": text, "content/products/catatan.txt": "bukan produk\n",
                         "content/products/README.markdown": "# Cara menambah produk\n"})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f'content/products/{name}:1: berkas "{name}" tidak ikut dibangun karena namanya tidak berakhiran .md atau '
        f'.yaml — ganti namanya menjadi {expected} (di Windows, tampilkan ekstensi nama berkas agar ".txt" terlihat)')
    assert "catatan" not in result.stderr and "README" not in result.stderr


def test_a_misnamed_copy_beside_the_right_file_is_not_told_to_take_its_name(make_site):
    project = make_site({"content/products/kue.md.txt": "catatan lama\n",
                         "content/products/kue.md": "---\nname: Kue\ngroup: sido\nprice: 5000\n---\n"})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        'content/products/kue.md.txt:1: berkas "kue.md.txt" tidak ikut dibangun, dan kue.md sudah ada di sampingnya — '
        'hapus "kue.md.txt" bila itu salinan lama, atau pindahkan isinya ke kue.md lalu hapus')


@pytest.mark.parametrize("folder, source", [("content/products/tanpa-index", ""), ("content/groups/rumah", ""),
                                            ("content/products/kue", "index.yml")])
def test_a_folder_no_product_or_group_uses_is_warned(make_site, folder, source):
    """An index.md forgotten, or deleted to take a product down: its photos would still be in the
    repository, on no page, without a word. A bundle in any of its layouts is in use."""
    kind = "produk" if "products" in folder else "kelompok"
    files = {f"{folder}/depan.jpg": jpeg_bytes(), "content/products/rempeyek.md": "---\nname: Rempeyek\ngroup: sido\nprice: 1\n---\n"}
    if source:
        files[f"{folder}/{source}"] = "name: Kue\ngroup: sido\nprice: 5000\n"
    result = run_sitegen("check", "--project", str(make_site(files)))
    assert result.returncode == 0, result.stderr
    warned = f"{folder}/: peringatan: folder ini tidak berisi {kind} (tidak ada index.md)"
    assert (warned in result.stderr) == (not source), result.stderr
    assert "content/products/keripik/" not in result.stderr and "content/groups/sido/" not in result.stderr


@pytest.mark.parametrize("key", ["description", "deskripsi", "descripton"])
def test_a_description_in_a_markdown_front_matter_says_where_the_text_goes(make_site, key):
    """Not "unknown key `deskripsi`, did you mean `description`?", which the same file refuses too."""
    project = make_site({"content/products/keripik/index.md": f"---\nname: Keripik\ngroup: sido\nprice: 1\n{key}: Renyah\n---\n"})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"content/products/keripik/index.md:5: di berkas .md, deskripsi tidak ditulis sebagai `{key}:` — "
        f"hapus `{key}:` dan tulis teksnya di bawah baris `---` kedua")


def test_an_empty_folder_or_one_beside_a_single_file_is_told_apart(make_site):
    """Git keeps no empty folder, so one (or one of `.DS_Store` alone) is nothing to delete; a folder
    of photos beside `rempeyek.md` cannot take an index.md (two files for one product): say what can."""
    project = make_site({"content/products/kosong/.DS_Store": "x", "content/products/rempeyek/depan.jpg": jpeg_bytes(),
                         "content/products/rempeyek.md": "---\nname: Rempeyek\ngroup: sido\nprice: 1\n---\n"})
    (project / "content/products/hampa").mkdir()
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 0, result.stderr
    assert "kosong" not in result.stderr and "hampa" not in result.stderr
    assert ("content/products/rempeyek/: peringatan: folder ini tidak dipakai: content/products/rempeyek.md hanya "
            "memakai foto yang berada di sampingnya — pindahkan content/products/rempeyek.md ke dalam folder ini "
            "dengan nama index.md, atau pindahkan fotonya ke samping content/products/rempeyek.md") in result.stderr


def test_a_product_folder_one_level_too_deep_is_an_error(make_site, tmp_path):
    text = "---\nname: Kue\ngroup: sido\nprice: 5000\n---\nEnak.\n"
    project = make_site({"content/products/makanan/kue/index.md": text})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert ("content/products/makanan/kue/index.md:1: folder content/products/makanan/kue satu tingkat terlalu "
            "dalam") in result.stderr and "pindahkan folder itu langsung ke content/products/" in result.stderr


@pytest.mark.parametrize("written, target", [
    ("content/produk/kue/index.md", "content/products/kue/index.md"),  # the folder named in Indonesian
    ("content/kue.md", "content/products/kue.md"),  # "Add file" one folder too high
    ("content/kue/index.md", "content/products/kue/index.md"),
    ("kue/index.md", "content/products/kue/index.md"),  # "Add file" on the repository's front page
    ("kue.md", "content/products/kue.md"),
])
def test_a_product_beside_content_products_is_an_error_saying_where_it_goes(make_site, tmp_path, written, target):
    text = "---\nname: Kue\ngroup: sido\nprice: 5000\n---\nEnak.\n"
    project = make_site({written: text})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert f"{written}:1: {written} tidak berada di content/products/ atau content/groups/" in result.stderr
    assert f"pindahkan menjadi {target}" in result.stderr


def test_a_group_at_the_top_goes_to_groups_and_other_files_there_are_left_alone(make_site, tmp_path):
    project = make_site({
        "baru/index.md": "---\nname: KUB Baru\nwhatsapp: 0812-0000-0009\n---\nCerita.\n",
        "README.md": "---\nname: x\ngroup: y\n---\n", "docs/index.md": "---\nname: Panduan\ngroup: a\n---\n",
        "catatan/index.md": "# Catatan rapat\n", "content/foto-lama/depan.jpg": jpeg_bytes(),
        "themes/toko/index.md": "---\nname: t\ngroup: g\n---\n",
    })
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.count("tidak berada di") == 1, result.stderr
    assert "baru/index.md:1:" in result.stderr and "pindahkan menjadi content/groups/baru/index.md" in result.stderr


def test_a_folder_of_photos_for_a_product_file_beside_it_is_fine(make_site, tmp_path):
    text = "---\nname: Kue\ngroup: sido\nprice: 5000\nphotos: [{file: kue/depan.jpg, alt: Kue}]\n---\nEnak.\n"
    project = make_site({"content/products/kue.md": text, "content/products/kue/depan.jpg": jpeg_bytes()})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 0, result.stderr


def test_a_broken_group_file_is_one_error_not_one_more_per_product(make_site, tmp_path):
    project = make_site({"content/groups/sido/index.md": "---\nname: [KUB Sido\nwhatsapp: 0812-0000-0001\n---\n"})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1 and "content/groups/sido/index.md" in result.stderr
    assert "tidak ada di content/groups/" not in result.stderr  # the product's group exists, broken


def test_a_value_cut_short_by_a_hash_is_warned_about_and_comments_are_not(make_site, tmp_path):
    """`name: Sambal Bawang #1 Kebumen` publishes "Sambal Bawang": YAML reads " #1 Kebumen" as a comment."""
    front = ("name: Sambal Bawang #1 Kebumen\ngroup: sido   # the group's folder\nprice: 15000\n"
             'unit: 100 g #hemat\nshelf_life: "3 bulan #awet"\n')
    project = make_site({PRODUCT: f"---\n{front}---\nPedas.\n"})
    for run in range(2):  # the second from the memo of parsed files
        result = run_sitegen("check", "--project", str(project), "--cache-dir", str(tmp_path / "c"))
        assert result.returncode == 0, result.stderr
        err = result.stderr
        assert ('index.md:2: peringatan: teks "Sambal Bawang #1 Kebumen" terpotong menjadi "Sambal Bawang"' in err
                and 'beri tanda kutip pada nilainya: "Sambal Bawang #1 Kebumen"' in err)
        assert 'index.md:5: peringatan: teks "100 g #hemat"' in err
        assert "index.md:3:" not in err and "index.md:6:" not in err  # a comment, and a quoted value


@pytest.mark.parametrize("year, ok", [("2016", True), ("1900", True), ("20201", False), ("16", False), ("2101", False)])
def test_a_founding_year_is_a_year(make_site, tmp_path, year, ok):
    """`founded: 20201` was published as "Berdiri sejak 20201"; the admin's form allows 1900–2100."""
    group = f"---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\nfounded: {year}\n---\nCerita.\n"
    project = make_site({"content/groups/sido/index.md": group})
    result = run_sitegen("check", "--project", str(project))
    assert (result.returncode == 0) == ok, result.stderr
    if not ok:
        assert f'content/groups/sido/index.md:4: tahun "{year}" tidak masuk akal' in result.stderr


def test_a_hash_inside_a_block_of_text_is_text_not_a_cut_value(make_site, tmp_path):
    text = "name: Keripik\ngroup: sido\nprice: 15000\ndescription: |\n  Komposisi: singkong #organik\n\n  Enak #1\n"
    project = make_site({"content/products/kue.yaml": text.replace("Keripik", "Kue")})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 0 and "terpotong" not in result.stderr, result.stderr


def test_no_folder_is_named_as_windows_devices_are(make_site, tmp_path):
    """`content/products/con/` cannot exist on Windows: the repository could not be checked out there."""
    result = run_sitegen("new", "product", "CON", "--group", "sido", "--project", str(make_site({})))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "content" / "products" / "con-1" / "index.md").is_file()
    project = make_site({"content/products/nul/index.md": "---\nname: Nul\ngroup: sido\nprice: 5000\n---\nx\n"})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1 and 'ganti namanya menjadi "nul-1"' in result.stderr


def test_the_example_number_left_in_a_product_is_warned_about_with_its_line(make_site, tmp_path):
    """`# whatsapp: "0812-3456-7890"` uncommented as `sitegen new product` wrote it: orders to a stranger."""
    front = 'name: Keripik\ngroup: sido\nprice: 15000\nwhatsapp: "0812-3456-7890"\n'
    code, err, page = build(make_site, tmp_path, {PRODUCT: f"---\n{front}---\nRenyah.\n"})
    assert code == 0, err
    assert f'{PRODUCT}:5: peringatan: nomor WhatsApp "0812-3456-7890" masih nomor contoh' in err


def test_an_empty_photo_file_says_its_upload_failed(make_site, tmp_path):
    front = "name: Keripik\ngroup: sido\nprice: 15000\n"
    code, err, _ = build(make_site, tmp_path, {PRODUCT: f"---\n{front}---\nRenyah.\n",
                                               "content/products/keripik/depan.jpg": b""})
    assert code == 1
    assert 'berkas foto "depan.jpg" kosong (0 byte): unggahannya mungkin gagal' in err


def test_a_price_in_curly_quotes_from_a_phone_keyboard_is_the_price(make_site, tmp_path):
    code, err, page = build(make_site, tmp_path, {PRODUCT: "---\nname: Keripik\ngroup: sido\nprice: “Rp 15.000”\n---\n"})
    assert code == 0, err
    assert "Rp15.000" in page


def test_a_product_written_into_the_groups_folder_says_so(make_site, tmp_path):
    text = "---\nname: Kue\ngroup: sido\nprice: 5000\n---\nEnak.\n"
    project = make_site({"content/groups/kue/index.md": text})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.startswith("content/groups/kue/index.md:3: content/groups/kue/index.md berisi produk")
    assert "pindahkan menjadi content/products/kue/index.md" in result.stderr
    assert "tidak dikenal" not in result.stderr  # not "unknown key group, did you mean …"


def test_an_address_python_cannot_even_split_is_a_located_error(make_site, tmp_path):
    project = make_site({"site.yaml": "title: Tes\nbase_url: https://[katalog/\n"})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("site.yaml:2:")


@pytest.mark.parametrize("name, text", [
    ("CONTRIBUTING.md", "# Cara ikut\n\nContoh:\n\n```yaml\nname: Keripik\ngroup: sido\n```\n"),
    ("content/catatan.yaml", "name: rapat\nversion: 1\n"),
    ("content/panduan/index.md", "Tulis produk seperti ini:\n\nname: Keripik\ngroup: sido\n"),
])
def test_notes_and_guides_beside_the_content_are_left_alone(make_site, tmp_path, name, text):
    project = make_site({name: text})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 0, result.stderr
