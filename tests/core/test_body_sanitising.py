"""What the body keeps of what an editor or a paste sends: structure stays, anything active or styled goes."""

import pytest

from presscenter.core.html import sanitize

STRUCTURE = (
    "<h2>Quy mô</h2><h3>Hạng mục</h3><h4>Chi tiết</h4>"
    "<p><strong>Đậm</strong>, <b>đậm</b>, <em>nghiêng</em>, <i>nghiêng</i></p>"
    "<ul><li>Một</li></ul><ol><li>Hai</li></ol><blockquote>Trích dẫn</blockquote>"
    '<table><thead><tr><th scope="col">Tuyến</th></tr></thead><tbody><tr><td colspan="2">E01</td></tr></tbody></table>'
)


def test_headings_lists_tables_and_emphasis_survive():
    assert sanitize(STRUCTURE) == STRUCTURE


def test_links_survive_with_a_safe_rel():
    assert sanitize('<p><a href="https://hanoi.gov.vn/">Cổng</a></p>') == (
        '<p><a href="https://hanoi.gov.vn/" rel="noopener noreferrer nofollow">Cổng</a></p>'
    )


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ("<p>Giá<script>alert(1)</script></p>", "<p>Giá</p>"),
        ('<p>Ảnh<img src="x" onerror="alert(1)"></p>', "<p>Ảnh</p>"),
        ('<p onclick="alert(1)">Bấm</p>', "<p>Bấm</p>"),
        ('<p><a href="javascript:alert(1)">bấm</a></p>', '<p><a rel="noopener noreferrer nofollow">bấm</a></p>'),
        (
            '<p><a href="data:text/html,<script>alert(1)</script>">bấm</a></p>',
            '<p><a rel="noopener noreferrer nofollow">bấm</a></p>',
        ),
        ('<p style="color:red;background:url(javascript:alert(1))">Đỏ</p>', "<p>Đỏ</p>"),
        ('<p class="MsoNormal"><span style="font-family:Arial">Word</span><o:p></o:p></p>', "<p>Word</p>"),
        ("<style>p{color:red}</style><p>Kiểu</p>", "<p>Kiểu</p>"),
        ('<iframe src="https://example.org/"></iframe><p>Khung</p>', "<p>Khung</p>"),
        ("<h1>Tiêu đề trang</h1>", "Tiêu đề trang"),
        ("<!-- [if gte mso 9]><xml></xml><![endif] --><p>Chú thích</p>", "<p>Chú thích</p>"),
        # What Quill adds: a table's border style, rows' ids, a link's target.
        (
            '<table style="border: 1px solid #000;"><tbody><tr><td data-row="1">Ô</td></tr></tbody></table>',
            "<table><tbody><tr><td>Ô</td></tr></tbody></table>",
        ),
        (
            '<a href="https://x.vn/" target="_blank">x</a>',
            '<a href="https://x.vn/" rel="noopener noreferrer nofollow">x</a>',
        ),
    ],
)
def test_hostile_or_styled_markup_is_removed(hostile, kept):
    assert sanitize(hostile) == kept
