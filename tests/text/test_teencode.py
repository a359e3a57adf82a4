import pytest

from presscenter.text.teencode import TEENCODE, expand_folded, normalize_informal


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ko", "khong"), ("k", "khong"), ("hok", "khong"), ("khg", "khong"),
        ("dc", "duoc"), ("đc", "duoc"), ("j", "gi"), ("ntn", "nhu the nao"), ("bn", "bao nhieu"),
        ("vs", "voi"), ("r", "roi"), ("cx", "cung"), ("ubnd", "uy ban nhan dan"), ("CCCD", "can cuoc cong dan"),
    ],
)  # fmt: skip
def test_teencode_reads_as_the_word_it_stands_for(typed, meant):
    assert normalize_informal(typed) == meant


def test_a_question_in_teencode_reads_like_the_one_written_out():
    assert normalize_informal("Lam ntn de dc cap lai CCCD vs ạ???") == normalize_informal(
        "Làm như thế nào để được cấp lại căn cước công dân với ạ"
    )
    assert normalize_informal("Ko đc à?") == "khong duoc a"


def test_letters_typed_many_times_are_one():
    assert normalize_informal("quaaaaa khongggg") == "qua khong"
    assert normalize_informal("xoong") == "xoong"  # two in a row are a spelling


@pytest.mark.parametrize(
    ("word", "folded"),
    [("hỏng", "hong"), ("khó", "kho"), ("đăng ký", "dang ky"), ("đk", "dk"), ("và", "va"), ("anh", "anh")],
)
def test_words_that_only_look_like_teencode_are_kept(word, folded):
    assert normalize_informal(word) == folded


def test_ordinary_words_numbers_and_punctuation():
    assert normalize_informal("Hà Nội, 8h ngày 2/9!") == "ha noi 8h ngay 2 9"
    assert expand_folded("") == ""
    assert normalize_informal("hix hix") == ""


def test_the_table_is_folded_on_both_sides():
    from presscenter.text import fold

    for key, value in TEENCODE.items():
        assert fold(key) == key and key.isalnum(), key
        assert fold(value) == value, value
