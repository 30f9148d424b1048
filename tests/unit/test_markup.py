"""Markdown → sanitised HTML (cmark-gfm, then nh3): what volunteers write, as GitHub's preview shows it."""

from sitegen.markup import (MAX_HTML, MAX_NESTING, MAX_RAW_TAGS, PLAIN_NESTING, PLAIN_SIZE, PLAIN_TAGS, render_markdown,
                            rendered_markdown)


def test_descriptions_render_as_github_shows_them():
    text = ("# Keripik\n\nRenyah dan **gurih**, _tanpa_ pengawet.\n\n- 100 g\n- 250 g\n\n"
            "1. Goreng\n2. Kemas\n\n> Kata pembeli\n\n[Pesan](https://wa.me/6281200000001)")
    assert render_markdown(text) == (
        "<h2>Keripik</h2>\n<p>Renyah dan <strong>gurih</strong>, <em>tanpa</em> pengawet.</p>\n"
        "<ul>\n<li>100 g</li>\n<li>250 g</li>\n</ul>\n<ol>\n<li>Goreng</li>\n<li>Kemas</li>\n</ol>\n"
        "<blockquote>\n<p>Kata pembeli</p>\n</blockquote>\n"
        '<p><a href="https://wa.me/6281200000001" rel="nofollow noopener noreferrer">Pesan</a></p>')


def test_a_price_table_keeps_its_column_alignment():
    """As a style holding text-align alone (HTML5 has no align=), also when written as raw HTML."""
    html = render_markdown("| Ukuran | Harga |\n|---|--:|\n| 100 g | Rp15.000 |")
    assert '<th style="text-align:right">Harga</th>' in html and '<td style="text-align:right">Rp15.000</td>' in html
    assert "<th>Ukuran</th>" in html
    raw = render_markdown('<table><tr><td style="text-align:center;position:fixed" align="left">1</td></tr></table>')
    assert '<td style="text-align:center">1</td>' in raw


def test_raw_html_and_dangerous_links_are_left_to_the_sanitiser():
    html = render_markdown('<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <b onclick="x()">tebal</b>')
    assert "script" not in html and "javascript" not in html and "onclick" not in html
    assert "<a>klik</a>" in html and "<b>tebal</b>" in html


def test_lists_and_quotes_nest_as_written_up_to_the_limit():
    nested = "".join("  " * level + "- lapis\n" for level in range(MAX_NESTING))
    assert render_markdown(nested).count("<ul>") == MAX_NESTING
    assert render_markdown("> " * MAX_NESTING + "kutipan").count("<blockquote>") == MAX_NESTING


def test_deeper_nesting_is_shown_as_plain_text():
    """50,000 '>' would make as many nested quotes, which the sanitiser takes seconds over (no timing asserted)."""
    for text in (">" * 50_000, "> " * 25_000, "".join("  " * i + "- lapis\n" for i in range(200)),
                 "<blockquote>" * (MAX_NESTING + 1)):
        html = render_markdown(text)
        assert "<blockquote>" not in html and "<ul>" not in html and html.startswith("<p>")
    assert render_markdown("> " * (MAX_NESTING + 1) + "x\n\nlagi").endswith("x</p>\n<p>lagi</p>")


def test_texts_that_would_blow_up_are_shown_as_plain_text():
    """A table padded to a thousand columns (19 MB of cells), misnested raw tags the sanitiser
    reopens one by one (60 MB), raw lists in capitals or self-closed: all plain text instead."""
    table = ("|" + "a|" * 1000 + "\n|" + ":-:|" * 1000 + "\n" + "x\n" * 22_000)[:50_000]
    for text in (table, "".join(f"<b a{i}><p>" for i in range(4166)), "<UL>" * 12_500, "<ul/>" * 10_000,
                 "<blockquote></ul>" * 2900):
        html = render_markdown(text)
        assert html.startswith("<p>&lt;") or html.startswith("<p>|a|") and len(html) < MAX_HTML
        assert "<ul>" not in html and "<blockquote>" not in html and "<td" not in html
    assert render_markdown("<b>tebal</b> " * (MAX_RAW_TAGS // 2)).count("<b>") == MAX_RAW_TAGS // 2


def test_each_limit_names_itself_for_the_volunteers_warning():
    """The warning says which limit made the text plain, so its fix can say what to change."""
    table = ("|" + "a|" * 1000 + "\n|" + ":-:|" * 1000 + "\n" + "x\n" * 22_000)[:50_000]
    nested = "".join("  " * level + "- lapis\n" for level in range(MAX_NESTING + 1))
    assert rendered_markdown(table)[1] == PLAIN_SIZE
    assert rendered_markdown("<b>tebal</b> " * (MAX_RAW_TAGS // 2 + 1))[1] == PLAIN_TAGS
    assert rendered_markdown(nested)[1] == PLAIN_NESTING
    within = "".join("  " * level + "- lapis\n" for level in range(MAX_NESTING))
    assert rendered_markdown(within) == (render_markdown(within), "") and "<ul>" in render_markdown(within)
    assert rendered_markdown("<b>tebal</b> " * (MAX_RAW_TAGS // 2))[1] == ""


def test_a_lone_surrogate_becomes_a_replacement_character():
    assert render_markdown("harga \ud800 murah") == "<p>harga \ufffd murah</p>"
