"""The admin's config.yml and page: made from the schema, valid for the pinned CMS, safe for shoppers."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from sitegen import fields, schema
from sitegen.admin import BASE_URL_PATTERN, NAME_PATTERN, ORDER_MESSAGE_PATTERN, PHONE_PATTERN, PRICE_PATTERN, SVELTIA_INTEGRITY, SVELTIA_SCRIPT, admin_files, cms_config
from sitegen.build import build, builtin_theme_dirs
from sitegen.config import load_config, parse_base_url, parse_order_message
from sitegen.errors import FieldProblem
from sitegen.fields import check_slug, parse_phone, parse_price
from sitegen.i18n import LANGUAGES, load_strings
from tests.admincms import require_sveltia
from tests.conftest import BASIC_SITE


def config_of(text: str, repository: str = ""):
    """site.yaml text → SiteConfig, read the way a build reads it."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "site.yaml").write_text(text, encoding="utf-8")
        return load_config(Path(folder), None, repository)


SITE = "title: Tes\nbase_url: https://example.org/katalog/\ncategories: {makanan: Makanan, kerajinan: Kerajinan}\n"


@pytest.mark.parametrize("language", LANGUAGES)
def test_config_is_valid_for_the_pinned_cms(language):
    cms = require_sveltia()
    config = config_of(SITE + f"language: {language}\n", "kub-sido/katalog")
    data = yaml.safe_load(admin_files(config, load_strings(builtin_theme_dirs(), language))["admin/config.yml"])
    cms_schema = json.loads((cms / "schema" / "sveltia-cms.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(cms_schema).validate(data)


def test_the_integrity_hash_is_the_pinned_files():
    cms = require_sveltia()
    digest = base64.b64encode(hashlib.sha384((cms / "dist" / "sveltia-cms.js").read_bytes()).digest()).decode()
    assert SVELTIA_INTEGRITY == f"sha384-{digest}"


def forms(config=None, groups=()):
    config = config or config_of(SITE, "kub-sido/katalog")
    return {c["name"]: c for c in cms_config(config, load_strings(builtin_theme_dirs(), "id"), groups)["collections"]}


@pytest.mark.parametrize("kind, specs", [("products", schema.PRODUCT_FIELDS), ("groups", schema.GROUP_FIELDS)])
def test_every_schema_field_has_exactly_one_widget(kind, specs):
    names = [field["name"] for field in forms()[kind]["fields"]]
    expected = ["body" if s.key == "description" else s.key for s in specs if s.in_admin]
    assert names == expected
    required = {field["name"] for field in forms()[kind]["fields"] if field["required"]}
    assert required == {s.key for s in specs if s.required}


def test_widgets_match_what_check_accepts():
    fields = {field["name"]: field for field in forms()["products"]["fields"]}
    assert fields["group"]["widget"] == "relation" and fields["group"]["collection"] == "groups"
    assert [o["value"] for o in fields["category"]["options"]] == ["makanan", "kerajinan"]  # as site.yaml lists them
    assert [o["value"] for o in fields["status"]["options"]] == ["tersedia", "habis", "pre-order"]
    assert [o["label"] for o in fields["status"]["options"]] == ["Tersedia", "Habis", "Pre-order"]
    assert [f["name"] for f in fields["variants"]["fields"]] == ["name", "price"]
    assert [f["widget"] for f in fields["photos"]["fields"]] == ["image", "string"]
    assert fields["date"]["widget"] == "datetime" and fields["date"]["format"] == "YYYY-MM-DD"
    assert fields["weight_g"]["value_type"] == "int"
    assert fields["pirt"]["widget"] == fields["shelf_life"]["widget"] == "string"
    assert forms()["products"]["path"] == "{{slug}}/index" and forms()["products"]["media_folder"] == ""


@pytest.mark.parametrize("text", [
    "15000", "15.000", "Rp 15.000", "rp15.000", "Rp. 15.000", "15.000,-", "Rp 15.000,-", "15.000,00", "15rb",
    "15 ribu", "15K", "1,5", "15.5", "lima belas ribu", "15,000", "Rp", "-15000", "15.00", "1.5rb", " 15000 ",
    "0", "000", "Rp 0", "0,-", "0rb", "0.000", "015000", "0.500", "99999999999", "1000000000", "1000000001",
    "999999999", "1.000.000.000", "1.000.000.001", "999.999.999", "1.000.000rb", "1.000.001rb", "1000000rb",
    "1000001rb", "999.999k", "12.500rb",
])
def test_the_price_pattern_accepts_exactly_what_check_accepts(text):
    try:
        accepted = parse_price(text) > 0
    except FieldProblem:
        accepted = False
    assert bool(re.fullmatch(PRICE_PATTERN, text)) == accepted


def phone_accepted(text: str) -> bool:
    try:
        return bool(parse_phone(text))
    except FieldProblem:
        return False


@pytest.mark.parametrize("text", [
    "0812-3456-7890", "+62 812 3456 7890", "62812345678", "(0287) 381234", "0287 381234", "021 5311 2233",
    "+62 0812-3456-7890", "+620812 3456 7890", "(0812) 3456 7890", "812 3456 7890", "+62 (0287) 381234",
    "0287 123", "(((", ".", "08123", "+62 812 3456 7890 1234 5", "0812 3456 7890 12", "08123456", "1234-5678",
    "+1 202 555 0123", "00812345678", "(02) 1234567", "(0287) 1234", "(0287) 123456789", "+0812 3456 7890",
    "62 21 5311 2233", "2153112233", "0812+3456", "", "   ",
    # Copied from WhatsApp: wrapped in direction marks, with non-breaking hyphens and spaces.
    "\u202a+62 812\u20113456\u20117890\u202c", "\u202a(0287) 381234\u202c", "(02\u200e87)\u00a0381234",
    "0812\u200b3456\u200b7890", "\u202a\u202c", "\u2068+62\u202f812\u202f3456\u202f7890\u2069", "\u202a(0287) 12\u202c", "\ufeff",
])
def test_the_phone_pattern_accepts_exactly_what_check_accepts(text):
    assert bool(re.fullmatch(PHONE_PATTERN, text)) == (phone_accepted(text) or not text.strip())


WHATSAPP_EXTRAS = fields.INVISIBLE_MARKS + fields.HYPHENS + fields.SPACES


def typed_numbers(count: int, seed: int) -> list[str]:
    """Numbers as volunteers type them (digits, spaces, - . and parentheses after a usual start), a
    third pasted from WhatsApp: invisible marks, other hyphens and spaces put in anywhere."""
    import random

    generator = random.Random(seed)
    starts = ["", "0", "08", "+62", "62", "+62 0", "(0", "(08", "(02", "+", "00", "8", " "]
    numbers = []
    for _ in range(count):
        body = "".join(generator.choice("0123456789012345678901234567890123456789 -.()") for _ in range(generator.randint(3, 16)))
        text = list(generator.choice(starts) + body)
        if generator.random() < 0.3:
            for _ in range(generator.randint(1, 4)):
                text.insert(generator.randint(0, len(text)), generator.choice(WHATSAPP_EXTRAS))
        numbers.append("".join(text))
    return numbers


def test_the_phone_pattern_agrees_with_check_on_thousands_of_typed_numbers():
    differ = [text for text in typed_numbers(20000, seed=11) if bool(re.fullmatch(PHONE_PATTERN, text)) != phone_accepted(text)]
    assert differ == []



@pytest.mark.parametrize("text", [
    "Halo {group}, saya ingin memesan {item} seharga {price}. {url}", "Pesan {product} ({variant}) {unit}",
    "Tanpa isian", "", "Kurung {{kurawal}} boleh", "{item} {item}", "Halo {nama}", "Halo {group", "Halo group}",
    "{}", "{ item }", "{price:d}", "{url!r}", "{{item}", "{item}}", "{{{item}}}", "Rp {price},-", "{0}",
])
def test_the_order_message_pattern_accepts_exactly_what_check_accepts(text):
    try:
        accepted = parse_order_message(text) is not None
    except FieldProblem:
        accepted = False
    assert bool(re.fullmatch(ORDER_MESSAGE_PATTERN, text)) == accepted


@pytest.mark.parametrize("text", [
    "https://kub-sido.github.io/katalog/", "https://kub-sido.github.io/katalog", "http://katalog.desa.id",
    " https://katalog.desa.id/ ", "HTTPS://Katalog.Desa.id/", "https://katalog.desa.id/a b/", "https://",
    "katalog.desa.id", "ftp://katalog.desa.id/", "https://katalog.desa.id/?q=1", "https://katalog.desa.id/#x",
    'https://katalog.desa.id/"x', "https://katalog.desa.id/<b>", "https:/katalog.desa.id", "https://a/b/c/",
    "https://[katalog/", "https://katalog.desa.id:xx/", "https://katalog.desa.id:8080/k/", "https://a.id/[x]/",
])
def test_the_address_pattern_accepts_exactly_what_check_accepts(text):
    try:
        accepted = bool(parse_base_url(text))
    except FieldProblem:
        accepted = False
    assert bool(re.fullmatch(BASE_URL_PATTERN, text)) == accepted


def test_the_settings_form_checks_the_address_and_the_message():
    site = {field["name"]: field for field in forms()["settings"]["files"][0]["fields"]}
    assert site["base_url"]["pattern"][0] == BASE_URL_PATTERN
    assert site["order_message"]["pattern"][0] == ORDER_MESSAGE_PATTERN


def test_every_pattern_reaches_the_cms_whole():
    """Sveltia reads a pattern string as `/source/flags` when it can (`^/?(.+?)(?:/([dgimsuy]*))?$`):
    an address pattern ending in `/g` or `/i` would lose its tail. Each one must come through whole."""
    def patterns(node):
        if isinstance(node, dict):
            yield from ([node["pattern"][0]] if "pattern" in node else [])
            for value in node.values():
                yield from patterns(value)
        elif isinstance(node, list):
            for value in node:
                yield from patterns(value)

    found = list(patterns(cms_config(config_of(SITE, "kub-sido/katalog"), load_strings(builtin_theme_dirs(), "id"))))
    assert len(found) >= 7
    for pattern in found:
        assert re.fullmatch(r"/?(?P<source>.+?)(?:/(?P<flags>[dgimsuy]*))?", pattern)["source"] == pattern


def sveltia_slug(name: str) -> str:
    """The folder name the pinned Sveltia CMS makes of a new entry's name with sitegen's `slug:` settings
    (encoding ascii, clean_accents, the default `-` replacement, trimmed, lowercased): its slugify
    function, read from dist/sveltia-cms.mjs of 0.221.1 (`[^\\w-~]` becomes a space)."""
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    spaced = re.sub(r"[^A-Za-z0-9_~-]", " ", folded).strip()
    return re.sub(r"-+", "-", re.sub(r"\s+", "-", spaced)).strip("-").lower()


@pytest.mark.parametrize("name", [
    "Keripik Singkong Balado", "Kue Bolu (Toples 500 g)", "Sagon Kelapa – Ibu Siti", "Tiwul Instan 3 in 1",
    "Kue_Bolu", "_Promo", "Paket~Hemat", "Con", "con.", " NUL ", "Aux!", "COM1", "lpt9", "Cone", "Konsol",
    "Com 1", "Nul 2", "Kaos Lurik", "Rengginang, Ketela", "Pé Kopi", "Kopi ☕ Mantap", "100% Asli",
])
def test_the_name_pattern_refuses_every_name_whose_new_folder_check_refuses(name):
    slug = sveltia_slug(name)
    try:
        accepted = bool(check_slug(slug)) and not slug.startswith("_")  # a `_` folder would be skipped
    except FieldProblem:
        accepted = False
    assert bool(re.fullmatch(NAME_PATTERN, name)) == accepted, slug


def test_both_forms_check_the_name():
    for kind in ("products", "groups"):
        name = next(field for field in forms()[kind]["fields"] if field["name"] == "name")
        assert name["pattern"][0] == NAME_PATTERN and "_" in name["pattern"][1]
    assert forms()["products"]["slug"] == forms()["groups"]["slug"] == "{{name}}"


def test_a_one_group_catalogue_fills_in_its_group():
    group = next(f for f in forms(groups=("sido",))["products"]["fields"] if f["name"] == "group")
    assert group["default"] == "sido"
    assert "default" not in next(f for f in forms(groups=("a", "b"))["products"]["fields"] if f["name"] == "group")


@pytest.mark.parametrize("admin, repository, expected", [
    ("", "kub-sido/katalog", {"name": "github", "repo": "kub-sido/katalog", "auth_methods": ["token"]}),
    ("admin: {repo: a/b, branch: terbit}\n", "x/y", {"name": "github", "repo": "a/b", "branch": "terbit",
                                                     "auth_methods": ["token"]}),
    ("admin: {auth_url: 'https://auth.example.workers.dev'}\n", "a/b",
     {"name": "github", "repo": "a/b", "base_url": "https://auth.example.workers.dev"}),
])
def test_backend_comes_from_site_yaml_or_the_workflow(admin, repository, expected):
    data = cms_config(config_of(SITE + admin, repository), load_strings(builtin_theme_dirs(), "id"))
    assert data["backend"] == expected


def test_photos_uploaded_through_the_admin_are_shrunk_and_re_encoded():
    data = cms_config(config_of(SITE), load_strings(builtin_theme_dirs(), "id"))
    raster = data["media_libraries"]["default"]["config"]["transformations"]["raster_image"]
    assert raster["width"] == raster["height"] == 2048 and raster["format"] == "webp"


def test_admin_false_publishes_no_admin(make_site):
    project = make_site({"site.yaml": BASIC_SITE["site.yaml"] + "admin: false\n"})
    build(project)
    assert not (project / "output" / "admin").exists()


def test_admin_page_is_noindex_pinned_and_out_of_the_shoppers_way(make_site):
    project = make_site({})
    build(project)
    output = project / "output"
    page = (output / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert f'src="{SVELTIA_SCRIPT}" integrity="{SVELTIA_INTEGRITY}"' in page
    assert "admin" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    assert 'SCOPE + "admin/"' in (output / "sw.js").read_text(encoding="utf-8")  # tests/browser/test_offline.py
    for shopper_page in output.rglob("*.html"):
        if "admin" not in shopper_page.parts:
            assert "admin/" not in shopper_page.read_text(encoding="utf-8"), shopper_page


def test_admin_page_without_javascript_says_why_in_valid_html(make_site):
    """The Nu checker: a `main` may not sit inside `noscript`; the message stays for shoppers without JS."""
    from html.parser import HTMLParser

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open, self.inside_noscript, self.text = [], [], []

        def handle_starttag(self, tag, attrs):
            if "noscript" in self.open:
                self.inside_noscript.append(tag)
            self.open.append(tag)

        def handle_endtag(self, tag):
            while self.open and self.open.pop() != tag:
                pass

        def handle_data(self, data):
            if "noscript" in self.open:
                self.text.append(data)

    project = make_site({})
    build(project)
    nesting = Nesting()
    nesting.feed((project / "output" / "admin" / "index.html").read_text(encoding="utf-8"))
    assert "JavaScript" in "".join(nesting.text)
    assert not {"main", "header", "nav", "aside", "footer"} & set(nesting.inside_noscript)


def test_a_wrong_admin_setting_is_a_located_error(make_site, tmp_path):
    from sitegen.build import BuildFailed

    project = make_site({"site.yaml": BASIC_SITE["site.yaml"] + "admin:\n  repo: not a repo\n  brnch: main\n"})
    with pytest.raises(BuildFailed) as failure:
        build(project, check_only=True)
    messages = "\n".join(failure.value.messages)
    assert "site.yaml:5:" in messages and "not a repo" in messages
    assert "site.yaml:6:" in messages and "`branch`" in messages


def test_files_laid_out_another_way_get_a_collection_that_opens_but_does_not_create():
    layouts = frozenset({"products/index.md", "products/file.md", "products/index.yaml", "groups/index.md"})
    data = cms_config(config_of(SITE), load_strings(builtin_theme_dirs(), "id"), (), layouts)
    collections = {c["name"]: c for c in data["collections"]}
    assert list(collections) == ["products", "groups", "products-file-md", "products-index-yaml", "settings"]
    single, plain = collections["products-file-md"], collections["products-index-yaml"]
    assert single["create"] is False and "path" not in single and single["extension"] == "md"
    assert plain["format"] == "yaml" and plain["path"] == "{{slug}}/index"
    assert "description" in [f["name"] for f in plain["fields"]] and "body" not in [f["name"] for f in plain["fields"]]
    assert "create" not in collections["products"]


@pytest.mark.parametrize("path, layout", [
    ("content/products/keripik/index.md", "products/index.md"),
    ("content/products/keripik.md", "products/file.md"),
    ("content/products/keripik/index.yaml", "products/index.yaml"),
    ("content/groups/sido.yaml", "groups/file.yaml"),
    ("content/products/index.md", "products/file.md"),  # a product whose slug is "index"
])
def test_layout_of(path, layout):
    from sitegen.admin import layout_of

    assert layout_of(path) == layout


def test_the_catalogue_contact_is_in_every_footer_and_in_the_settings_form(make_site):
    project = make_site({"site.yaml": BASIC_SITE["site.yaml"] + 'contact:\n  whatsapp: "0812-0000-0099"\n'
                                                               '  email: katalog@desaku.id\n'})
    build(project)
    home = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://wa.me/6281200000099">' in home and 'href="mailto:katalog@desaku.id"' in home
    config = yaml.safe_load((project / "output" / "admin" / "config.yml").read_text(encoding="utf-8"))
    site = config["collections"][-1]["files"][0]["fields"]
    contact = next(field for field in site if field["name"] == "contact")
    assert [field["name"] for field in contact["fields"]] == ["whatsapp", "email"]


def test_a_wrong_contact_is_a_located_error(make_site):
    from sitegen.build import BuildFailed

    project = make_site({"site.yaml": BASIC_SITE["site.yaml"] + "contact:\n  whatsapp: 12\n  email: nobody\n"})
    with pytest.raises(BuildFailed) as failure:
        build(project, check_only=True)
    messages = "\n".join(failure.value.messages)
    assert "site.yaml:5:" in messages and "site.yaml:6:" in messages and "nobody" in messages


def test_the_settings_form_writes_site_yamls_own_keys():
    """site.yaml is plain YAML: its description is a `description:` key, never a Markdown body."""
    settings = forms()["settings"]["files"][0]["fields"]
    names = [field["name"] for field in settings]
    assert names == ["title", "description", "base_url", "language", "order_message", "contact", "categories"]
    from sitegen.config import _PARSERS

    assert set(names) - {"contact"} <= set(_PARSERS) | {"categories"}  # every key the form writes is one site.yaml reads (categories: parse_categories)


def test_the_description_form_refuses_a_text_check_would_refuse():
    from sitegen.markup import MAX_MARKDOWN, render_markdown

    body = next(field for field in forms()["products"]["fields"] if field["name"] == "body")
    pattern = body["pattern"][0]
    assert re.fullmatch(pattern, "Renyah.\n" * 10)
    assert not re.fullmatch(pattern, "a" * MAX_MARKDOWN)  # the CMS may add a newline: one to spare
    with pytest.raises(FieldProblem):
        render_markdown("a" * (MAX_MARKDOWN + 1))
    assert "50.000" in body["pattern"][1]
