from presscenter.portal.diff import Segment, diff_paragraphs, diff_words, paragraphs


def test_changed_word_is_deleted_and_inserted_in_place():
    result = diff_words("Cầu dài 5,4 km.", "Cầu dài 5,6 km.")
    assert result == [
        Segment("same", "Cầu dài "),
        Segment("del", "5,4"),
        Segment("ins", "5,6"),
        Segment("same", " km."),
    ]


def test_added_and_removed_paragraphs_are_whole():
    result = diff_paragraphs(["Một", "Hai", "Ba"], ["Một", "Ba", "Bốn"])
    assert result == [
        [Segment("same", "Một")],
        [Segment("del", "Hai")],
        [Segment("same", "Ba")],
        [Segment("ins", "Bốn")],
    ]


def test_identical_text_has_no_changes():
    text = paragraphs("Tiêu đề", "Sapo", "<p>Đoạn một.</p><p>Đoạn hai.</p>")
    assert all(segment.kind == "same" for para in diff_paragraphs(text, text) for segment in para)


def test_paragraphs_take_title_lead_and_body_as_plain_text():
    assert paragraphs("Tiêu đề", "", "<p>A &amp; B</p><p><strong>C</strong></p>") == [
        "Tiêu đề",
        "A & B",
        "C",
    ]
