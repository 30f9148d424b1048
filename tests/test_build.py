"""Whole builds of small scratch catalogues, checking what shoppers and volunteers get."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from PIL import Image

from sitegen import cards
from sitegen.build import BuildFailed, _settings, build
from sitegen.content import load_catalogue
from tests.conftest import jpeg_bytes, run_sitegen


def built(project, **kwargs):
    output = project / "output"
    build(project, output, cache_dir=project.parent / "cache", **kwargs)
    return output


def read(output, path: str) -> str:
    return (output / path).read_text(encoding="utf-8")


def test_english_site_speaks_english(make_site):
    project = make_site({"site.yaml": "title: Test\nbase_url: https://example.org/\nlanguage: en\n"})
    page = read(built(project), "produk/keripik/index.html")
    assert '<html lang="en">' in page and "Order via WhatsApp" in page and "Pesan" not in page
    assert "Rp15,000" in page
    assert unquote(page.split('href="https://wa.me/6281200000001?text=')[1].split('"')[0]) == (
        "Hello KUB Sido, I would like to order Keripik for Rp15,000. https://example.org/produk/keripik/"
    )


@pytest.mark.parametrize("mistake", ["contact: {whatsapp: '123'}", "foo: bar", "order_message: Halo {nama}"])
def test_mistakes_in_site_yaml_are_told_in_the_site_language(make_site, mistake):
    """Its other settings wrong, site.yaml still names the language the volunteer reads."""
    project = make_site({"site.yaml": f"title: Test\nbase_url: https://example.org/\nlanguage: en\n{mistake}\n"})
    result = run_sitegen("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.endswith("1 problem found. The site was not built; the previous output folder is unchanged.\n")
    project.joinpath("site.yaml").write_text(f"title: Test\nlanguage: xx\n{mistake}\n", encoding="utf-8")
    assert "masalah ditemukan" in run_sitegen("check", "--project", str(project)).stderr  # no language to go by


@pytest.mark.parametrize("command", ["build", "check"])
def test_outside_a_catalogue_nothing_is_left_behind(tmp_path, command):
    """`sitegen build` run in the wrong folder says so, and leaves no lock or cache folder in it."""
    result = run_sitegen(command, "--project", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith("site.yaml: berkas site.yaml tidak ditemukan — jalankan sitegen di folder katalog")
    assert list(tmp_path.iterdir()) == []


ONE_OF_EACH_IN_ENGLISH = {
    "site.yaml": "title: Test\nbase_url: https://example.org/\nlanguage: en\ncategories: {snacks: Snacks}\n",
    "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\nmembers: 1\n---\nStory.\n",
    "content/products/keripik/index.md": "---\nname: Keripik\ngroup: sido\nprice: 15000\ncategory: snacks\n"
                                         "photos: [front.jpg, back.jpg]\n---\nCrisp.\n",
    "content/products/keripik/front.jpg": jpeg_bytes(),
    "content/products/keripik/back.jpg": jpeg_bytes(color=(20, 120, 60)),
}


def test_english_counts_of_one_are_singular(make_site):
    """One product, one group of one member, one more photo: no "1 products" anywhere, cards included."""
    project = make_site(ONE_OF_EACH_IN_ENGLISH)
    output = built(project)
    assert "<summary>See 1 more photo</summary>" in read(output, "produk/keripik/index.html")
    assert "1 member</p>" in read(output, "kelompok/sido/index.html")
    assert '<p class="lead">1 product</p>' in read(output, "produk/index.html")
    assert '<p class="lead">1 product</p>' in read(output, "kategori/snacks/index.html")
    assert ">See the 1 product</a>" in read(output, "index.html")
    assert """data-found-forms='{"one": "{count} product found", "other": "{count} products found"}'""" in \
        read(output, "cari/index.html")
    config, _, strings = _settings(project, None, "", None)
    catalogue = load_catalogue(project, config)
    assert cards._site_text(catalogue, config, strings).byline == "1 product · 1 group"
    assert cards._group_text(catalogue.groups[0], catalogue, config, strings).note == "1 product"


def test_english_counts_of_several_are_plural(make_site):
    project = make_site({**ONE_OF_EACH_IN_ENGLISH, "content/products/keripik/side.jpg": jpeg_bytes(),
                         "content/products/sagon.md": "---\nname: Sagon\ngroup: sido\nprice: 9000\ncategory: snacks\n---\n",
                         "content/groups/sido/index.md": "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\nmembers: 12\n---\n"})
    (project / "content/products/keripik/index.md").write_text(
        ONE_OF_EACH_IN_ENGLISH["content/products/keripik/index.md"].replace("back.jpg]", "back.jpg, side.jpg]"))
    output = built(project)
    assert "<summary>See 2 more photos</summary>" in read(output, "produk/keripik/index.html")
    assert "12 members</p>" in read(output, "kelompok/sido/index.html")
    assert '<p class="lead">2 products</p>' in read(output, "kategori/snacks/index.html")
    assert ">See all 2 products</a>" in read(output, "index.html")


def test_order_message_template_names_product_variant_price_and_url(make_site):
    project = make_site({
        "site.yaml": "title: T\nbase_url: https://user.github.io/katalog/\n"
                     "order_message: \"Pesan {product} / {variant} / {price} / {unit}\\n{url}\"\n",
        "content/products/keripik/index.md": "---\nname: Keripik & Pare\ngroup: sido\nunit: 100 g\n"
                                             "variants:\n  - {name: Pedas, price: 16000}\n  - {name: Asin, price: '15.000'}\n---\n",
    })
    page = read(built(project), "produk/keripik/index.html")
    links = [part.split('"')[0] for part in page.split('href="https://wa.me/')[1:] if not part.startswith("?")]
    assert [unquote(link) for link in links] == [
        "6281200000001?text=Pesan Keripik & Pare / Pedas / Rp16.000 / 100 g\nhttps://user.github.io/katalog/produk/keripik/",
        "6281200000001?text=Pesan Keripik & Pare / Asin / Rp15.000 / 100 g\nhttps://user.github.io/katalog/produk/keripik/",
    ]
    assert all("%0A" in link and "+" not in link and " " not in link for link in links)


def test_product_number_overrides_the_groups(make_site):
    project = make_site({"content/products/keripik/index.md":
                         "---\nname: K\ngroup: sido\nprice: 1000\nwhatsapp: +62 813-1111-2222\n---\n"})
    assert "https://wa.me/6281311112222?text=" in read(built(project), "produk/keripik/index.html")


def test_site_theme_overrides_the_built_in_one_file_by_file(make_site):
    project = make_site({
        "site.yaml": "title: T\nbase_url: https://example.org/\ntheme: desa\n",
        "themes/desa/templates/404.html": "{% extends 'base.html' %}{% block main %}<p>Tersesat!</p>{% endblock %}",
        "themes/desa/strings/id.yaml": "ui:\n  order: Beli lewat WA\n",
        "themes/desa/static/extra.txt": "hello",
    })
    output = built(project)
    assert "Tersesat!" in read(output, "404.html")
    assert "Beli lewat WA" in read(output, "produk/keripik/index.html")
    assert "Kelompok" in read(output, "produk/keripik/index.html")  # other strings still built in
    assert read(output, "static/extra.txt") == "hello"


@pytest.mark.parametrize("page_path", ["404.html", "offline.html"])  # served at any URL
@pytest.mark.parametrize("base_url, prefix", [("https://example.org/", "/"), ("https://u.github.io/katalog/", "/katalog/")])
def test_stand_in_pages_link_from_the_site_root_and_stay_out_of_the_sitemap(make_site, base_url, prefix, page_path):
    project = make_site({"site.yaml": f"title: T\nbase_url: {base_url}\n"})
    output = built(project)
    assert page_path not in read(output, "sitemap.xml")
    page = read(output, page_path)
    hrefs = [part.split('"')[0] for part in page.split('href="')[1:] if not part.startswith(("http", "data:", "#"))]
    assert hrefs and all(href.startswith(prefix) for href in hrefs)


def test_single_file_and_yaml_products(make_site):
    project = make_site({
        "content/products/sagon.md": "---\nname: Sagon\ngroup: sido\nprice: Rp 12.000\n---\nManis *sekali*.\n",
        "content/products/tikar/index.yaml": "name: Tikar\ngroup: sido\nprice: 90000\ndescription: |\n  Anyaman **pandan**.\n",
    })
    output = built(project)
    assert "<em>sekali</em>" in read(output, "produk/sagon/index.html")
    assert "<strong>pandan</strong>" in read(output, "produk/tikar/index.html")


def test_photos_default_to_every_image_by_name_and_come_out_upright(make_site):
    project = make_site({
        "content/products/keripik/b.jpg": jpeg_bytes((1200, 800), orientation=6, gps=True),
        "content/products/keripik/a.jpg": jpeg_bytes((800, 600)),
    })
    output = built(project)
    page = read(output, "produk/keripik/index.html")
    first, second = [part.split('"')[0] for part in page.split('<img src="')[1:3]]
    with Image.open(output / "produk/keripik" / first) as a, Image.open(output / "produk/keripik" / second) as b:
        assert a.width > a.height  # a.jpg: landscape, listed first by name
        assert b.height > b.width  # b.jpg: stored landscape, Orientation 6 → shown portrait
        assert not b.getexif()


def test_cname_from_site_yaml(make_site):
    project = make_site({"site.yaml": "title: T\nbase_url: https://katalog.desa.id/\ncname: katalog.desa.id\n"})
    assert read(built(project), "CNAME") == "katalog.desa.id\n"


def test_build_refuses_an_output_folder_it_did_not_make(make_site):
    project = make_site({"notes/keep.txt": "mine"})
    with pytest.raises(BuildFailed) as failure:
        build(project, project / "notes", cache_dir=project.parent / "cache")
    assert "notes" in failure.value.messages[0]
    assert (project / "notes/keep.txt").read_text() == "mine"


def test_markdown_html_is_sanitised(make_site):
    project = make_site({"content/products/keripik/index.md":
                         "---\nname: K\ngroup: sido\nprice: 1000\n---\n<script>alert(1)</script>\n\n"
                         "[x](javascript:alert(1)) <img src=x onerror=alert(2)> <iframe src=//e.vil></iframe>\n"})
    page = read(built(project), "produk/keripik/index.html")
    for bad in ("alert(1)", "javascript:", "onerror", "<iframe"):
        assert bad not in page


def test_the_basket_can_check_every_item_for_sale_and_only_those(make_site):
    import json

    project = make_site({
        "content/products/rempeyek/index.md": ("---\nname: Rempeyek\ngroup: sido\nwhatsapp: 0813-0000-0002\nvariants:\n"
                                              "  - {name: 100 g, price: 9000}\n  - {name: 250 g, price: 20000}\n---\n"),
        "content/products/tiwul/index.md": "---\nname: Tiwul\ngroup: sido\nprice: 12000\nstatus: habis\n---\n",
    })
    build(project)
    offers = json.loads((project / "output/keranjang/harga.json").read_text(encoding="utf-8"))
    assert offers == {  # id as the page's "add to basket" button gives it → [price, seller's number, group]
        "keripik:": [15000, "6281200000001", "KUB Sido"],  # and, for a number of its own, the seller's label:
        "rempeyek:100 g": [9000, "6281300000002", "KUB Sido", "KUB Sido · 0813-0000-0002"],
        "rempeyek:250 g": [20000, "6281300000002", "KUB Sido", "KUB Sido · 0813-0000-0002"],
    }  # the sold-out Tiwul cannot be ordered from a basket either
    page = (project / "output/produk/rempeyek/index.html").read_text(encoding="utf-8")
    assert "rempeyek:250 g" in page  # the same id on the button


def test_feed_row_ids_are_unique_across_the_whole_catalogue(make_site):
    """Meta and Google keep one row per id: a variant row must never take another product's id."""
    import csv

    def product(name: str, variants: str) -> str:
        return f"---\nname: {name}\ngroup: sido\nvariants:\n{variants}---\n"

    project = make_site({
        "content/products/stick/index.md": product("Stick Aneka", "  - {name: Bawang, price: 10000}\n"
                                                                  "  - {name: Kelor, price: 12000}\n"),
        "content/products/stick-kelor/index.md": "---\nname: Stick Kelor\ngroup: sido\nprice: 17500\n---\n",
        "content/products/keripik-pare/index.md": product("Keripik Pare", "  - {name: Pedas, price: 15000}\n"
                                                                          "  - {name: Asin, price: 14000}\n"),
        "content/products/keripik/index.md": product("Keripik", "  - {name: Pare Pedas, price: 16000}\n"
                                                                "  - {name: Singkong, price: 13000}\n"),
        "content/products/sagon/index.md": product("Sagon", "  - {name: 150 g, price: 15000}\n"
                                                            "  - {name: 250 g, price: 23000}\n"),
    })
    build(project)
    with open(project / "output/feeds/meta-catalogue.csv", encoding="utf-8", newline="") as feed:
        rows = {row["id"]: row for row in csv.DictReader(feed)}
    assert sorted(rows) == ["keripik--pare-pedas", "keripik--singkong", "keripik-pare--asin", "keripik-pare--pedas",
                            "sagon-150-g", "sagon-250-g", "stick--bawang", "stick--kelor", "stick-kelor"]
    assert rows["stick-kelor"]["price"] == "17500 IDR" and rows["stick--kelor"]["price"] == "12000 IDR"


def test_a_sold_out_products_button_asks_when_it_is_back_instead_of_ordering(make_site):
    project = make_site({"content/products/tiwul/index.md":
                         "---\nname: Tiwul\ngroup: sido\nstatus: habis\nvariants:\n"
                         "  - {name: 250 g, price: 12000}\n  - {name: 500 g, price: 22000}\n---\n"})
    page = read(built(project), "produk/tiwul/index.html")
    links = [unquote(part.split('"')[0]) for part in page.split('href="https://wa.me/6281200000001?text=')[1:]]
    assert links == [
        "Halo KUB Sido, Tiwul (250 g) sedang habis. Kapan tersedia lagi? https://example.org/produk/tiwul/",
        "Halo KUB Sido, Tiwul (500 g) sedang habis. Kapan tersedia lagi? https://example.org/produk/tiwul/",
    ]
    assert "memesan" not in page and "Tanya via WhatsApp" in page
    ordered = read(built(make_site({})), "produk/keripik/index.html")  # one for sale still orders
    assert "saya ingin memesan Keripik seharga Rp15.000" in unquote(ordered)
