"""Plain text of sanitised markup, as signatures, the index and snippets read it."""

from hypothesis import given
from hypothesis import strategies as st

from presscenter.core.html import to_text

PIECES = ["a", "ễ", " ", "  ", "\t", "\r", "\f", "\v", "\xa0", "\n", "<p>", "</p>", "<br>", "<br/>", "&nbsp;", "&#9;"]


def test_paragraphs_become_lines_and_spaces_collapse():
    markup = "<p>Hà  Nội\t mùa\r\nthu</p><p>  </p><ul><li>cầu&nbsp;<b>Long</b> Biên</li></ul>x<br>y"
    assert to_text(markup) == "Hà Nội mùa\nthu\ncầu\xa0Long Biên\nx\ny"


def test_text_with_single_spaces_is_kept_as_it_is():
    assert to_text("<p>Thông báo phân luồng giao thông.</p>") == "Thông báo phân luồng giao thông."


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_no_line_has_a_run_of_spaces_or_a_tab(markup):
    for line in to_text(markup).split("\n"):
        assert line == line.strip()
        assert "  " not in line and not any(c in line for c in "\t\r\f\v")
