import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presscenter.text import fold, marked_tokens, tokens
from tests.text.test_fold import TONE_PLACEMENT_PAIRS, VIETNAMESE


@settings(deadline=None)
@given(st.one_of(VIETNAMESE, st.text()))
def test_marked_tokens_are_the_tokens_one_for_one(text):
    marked = marked_tokens(text)
    assert [fold(token) for token in marked] == tokens(text)


@pytest.mark.parametrize(("old", "new"), TONE_PLACEMENT_PAIRS)
def test_where_the_tone_mark_sits_does_not_matter(old, new):
    assert marked_tokens(old) == marked_tokens(new)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_case_and_composition_do_not_matter(form):
    assert marked_tokens(unicodedata.normalize(form, "HÀ NỘI, Đà Nẵng")) == marked_tokens("hà nội đà nẵng")


@pytest.mark.parametrize(
    ("one", "other"),
    [("hà", "hạ"), ("lợi", "lôi"), ("đô", "do"), ("nội", "nói"), ("sở", "số"), ("ba", "bà"), ("ư", "u")],
)
def test_words_that_fold_alike_keep_their_accents_apart(one, other):
    assert tokens(one) == tokens(other)
    assert marked_tokens(one) != marked_tokens(other)


def test_letters_typed_for_d_with_stroke_mean_it():
    assert marked_tokens("Ðà ɖô") == marked_tokens("Đà đô")


def test_a_text_whose_words_do_not_fold_one_for_one_gives_its_folded_tokens():
    # Devanagari's virama is a mark that folding drops: the word is one token folded, two marked.
    assert marked_tokens("Hà नमस्ते") == tokens("Hà नमस्ते") == ["ha", "नमसत"]
