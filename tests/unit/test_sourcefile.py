"""Reading volunteer files: front matter, line numbers, YAML traps."""

from pathlib import Path

import pytest

from sitegen.errors import SiteErrors
from sitegen.sourcefile import read_source


def read(tmp_path: Path, text: str | bytes, name: str = "index.md"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_source(path, name)


def test_key_lines_count_from_the_top_of_the_file(tmp_path):
    doc = read(tmp_path, "---\nname: A\nprice: 15.000\n---\nBody\n")
    assert doc.fields == {"name": "A", "price": "15.000"}
    assert doc.fields.lines == {"name": 2, "price": 3}
    assert doc.body.strip() == "Body" and doc.body_line == 5


def test_unquoted_dotted_price_stays_text_not_a_float(tmp_path):
    assert read(tmp_path, "---\nprice: 15.000\n---\n").fields["price"] == "15.000"


def test_bom_and_windows_line_endings(tmp_path):
    doc = read(tmp_path, b"\xef\xbb\xbf---\r\nname: A\r\n---\r\nBody\r\n")
    assert doc.fields["name"] == "A" and doc.fields.lines["name"] == 2


def test_plain_yaml_file(tmp_path):
    doc = read(tmp_path, "name: A\ndescription: |\n  Hi\n", "index.yaml")
    assert doc.fields.lines == {"name": 1, "description": 2}


@pytest.mark.parametrize("text, key, line", [
    ("---\nname: A\nname: B\n---\n", "yaml_duplicate_key", 3),
    ("---\na: &x 1\nb: *x\n---\n", "yaml_alias", 3),
    ("---\nname: A\n\tprice: 1\n---\n", "yaml_tab", 3),
    ("---\nname: [A\n---\n", "yaml_unclosed_bracket", 2),
    ("---\nname: A\nprice: 1\nunit: 100 g: toples\n---\n", "yaml_colon_in_value", 4),
    ("---\nname: A\nvariants:\n  - name: a\n    price: 1\n   - name: b\n---\n", "yaml_indent", 6),
    ("---\nname: A\ngroup sido\nprice: 1\n---\n", "yaml_missing_colon", 3),
    ("---\nnama Keripik\ngroup: sido\n---\n", "yaml_missing_colon", 2),  # YAML stumbles on the line below
    ("---\nname: A\nlinks:\n  instagram https://x.id/a\n  facebook: y\n---\n", "yaml_missing_colon", 4),
    ("---\nname: @kue\n---\n", "yaml_reserved_start", 2),
    ("---\nname: `kue`\n---\n", "yaml_reserved_start", 2),
    pytest.param("---\nname: A\n" + "k" * 2000 + ": 1\nprice: 1\n---\n", "yaml_invalid", 3, id="long-key"),  # YAML's words
    ("---\nname: \"A\nprice: 1\n---\n", "yaml_unclosed_quote", 2),
    ("---\nname: 'Kue Ibu''s\nprice: 1\n---\n", "yaml_unclosed_quote", 2),
    ("---\nname: A\nprice:15000\nunit: 100 g\n---\n", "yaml_colon_space", 3),
    ("---\nname: A\nlinks: {website: https://a.id}\nprice:1\nunit: 100 g\n---\n", "yaml_colon_space", 4),
    ("---\nname: A\n\tprice: 1\ntags: [a\n---\n", "yaml_tab", 3),  # a precise message stays first
    # Valid lines before the real mistake (a mis-indented line) are not blamed for it:
    ("---\nname: A\ntags: [pedas, manis,\n  oleh-oleh]\nprice: 1\n  unit: 100 g\n---\n", "yaml_colon_in_value", 6),
    ('---\nname: "Keripik plastik\n  100 gram"\nprice: 1\n  unit: 100 g\n---\n', "yaml_colon_in_value", 5),
    ("---\nname: A\ndescription: |\n  PIRT:2063305010123\nprice: 1\n  unit: 100 g\n---\n", "yaml_colon_in_value", 6),
    ("---\nname: A\nlist:\n  - jam:08.00\nprice: 1\n  unit: 100 g\n---\n", "yaml_colon_in_value", 6),
    ('---\nname: "C:\\\\"\nprice: 1\n  unit: 100 g\n---\n', "yaml_colon_in_value", 4),
    ("name: A\n", "front_matter_missing", 1),
    ("---\nname: A\n", "front_matter_unclosed", 1),
    ("---\n- a\n- b\n---\n", "yaml_not_mapping", 2),
    (b"---\nname: \xff\n---\n", "not_utf8", 2),
])
def test_broken_files_give_located_errors(tmp_path, text, key, line):
    with pytest.raises(SiteErrors) as caught:
        read(tmp_path, text)
    [error] = caught.value.errors
    assert (error.key, error.ref.line) == (key, line)


def test_fast_and_exact_readers_agree_on_nested_lines_and_refuse_aliases(tmp_path):
    doc = read(tmp_path, "---\nname: A\nvariants:\n  - {name: B, price: 2}\nalt:\n  a.jpg: x\n---\n")
    assert doc.fields["alt"].lines == {"a.jpg": 6} and doc.fields["variants"][0].lines == {"name": 4, "price": 4}
    with pytest.raises(SiteErrors) as raised:
        read(tmp_path, "---\nname: &n A\nunit: *n\n---\n")
    assert raised.value.errors[0].key == "yaml_alias"
