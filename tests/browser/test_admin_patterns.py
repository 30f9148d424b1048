"""The admin's phone pattern in the engine the CMS runs it in (V8): the same answers as `sitegen check`.

tests/test_admin_config.py compares the pattern with check in Python's `re`; the form runs it as a
JavaScript RegExp, whose whitespace class and Unicode escapes could differ. Numbers pasted from
WhatsApp carry invisible marks, non-breaking hyphens and spaces, so those are mixed into thousands
of typed ones.
"""

from sitegen.admin import PHONE_PATTERN
from tests.test_admin_config import phone_accepted, typed_numbers


def test_the_form_accepts_exactly_the_numbers_check_accepts(browser):
    page = browser.new_page()
    texts = ["\u202a+62 812\u20113456\u20117890\u202c", "\ufeff", " \u00a0 ", "\u2068(0287)\u202f381234\u2069",
             *typed_numbers(6000, seed=23)]
    in_browser = page.evaluate("([source, texts]) => texts.map(t => new RegExp(source).test(t))", [PHONE_PATTERN, texts])
    expected = [phone_accepted(text) or not text.strip() for text in texts]
    assert sum(expected) > 1000  # the sample holds plenty of accepted numbers, pasted ones among them
    assert [text for text, got, want in zip(texts, in_browser, expected) if got != want] == []
    page.close()
