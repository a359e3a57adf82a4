"""Relevance is computed in Python from the folded columns: the same order on both databases."""

from presscenter.search.index import text_columns
from presscenter.search.parse import parse
from presscenter.search.ranking import BODY_CHARS, Ranking, opening, recency_boost


def candidate(item_id, age, title, lead, body):
    """What a backend reads for an item of this text, as the index stores it."""
    title, lead, _body, body_opening, marked = text_columns(title, lead, body)
    return (item_id, age, title, lead, body_opening, marked)


def ranked(items, query, by_date=False):
    ranking = Ranking(query, by_date)
    ranking.add([candidate(*item) for item in items])
    return ranking.ranked()


def occurrences(text, query):
    """How often the query's one term counts in a body."""
    ranking = Ranking(parse(query))
    ranking.add([candidate(1, 0.0, "", "", text)])
    [[frequency]] = ranking.frequencies
    return frequency


def order(query, *candidates):
    return [item_id for item_id, _score in ranked(list(candidates), parse(query))]


def test_occurrences_count_whole_tokens_in_order():
    assert occurrences("nha o xa hoi o ha noi", "o") == 2
    assert occurrences("thanh pho ha noi", "ha") == 1  # not inside "thanh"
    assert occurrences("ha noi va ha noi", '"ha noi"') == 2
    assert occurrences("noi ha", '"ha noi"') == 0
    assert occurrences("ha ha noi", "ha") == 1  # the two would share the space between them


def test_title_counts_more_than_lead_and_lead_more_than_body():
    body = (3, 0.0, "bao cao", "tuan nay", "ngap ung sau mua")
    lead = (2, 0.0, "bao cao", "ngap ung sau mua", "tuan nay")
    title = (1, 0.0, "ngap ung sau mua", "bao cao", "tuan nay")
    assert order("ngap ung", body, lead, title) == [1, 2, 3]


def test_more_mentions_count_with_diminishing_returns():
    once = (1, 0.0, "", "", "gia dien tang lai tu thang sau")
    twice = (2, 0.0, "", "", "gia dien tang gia dien tu thang sau")
    [(_, twice_score), (_, once_score)] = ranked([once, twice], parse("gia dien"))
    assert twice_score > once_score
    assert twice_score < 2 * once_score


def test_ranking_reads_the_opening_of_the_body_in_whole_tokens():
    assert opening("gia dien tang") == "gia dien tang"
    cut = "x" * (BODY_CHARS - 6) + " gia dien"  # BODY_CHARS ends inside "dien"
    assert opening(cut[:BODY_CHARS]) == "x" * (BODY_CHARS - 6) + " gia"
    early = (1, 0.0, "", "", "gia dien " + "thong tin " * 200)
    late = (2, 0.0, "", "", ("thong tin " * 200)[:BODY_CHARS] + " gia dien")
    [(first, _score), (second, late_score)] = ranked([late, early], parse("gia dien"))
    assert (first, second, late_score) == (1, 2, 0.0)


def test_a_mention_in_a_short_body_counts_more_than_in_a_long_one():
    short = (1, 0.0, "", "", "cap nuoc sach")
    long = (2, 0.0, "", "", "cap nuoc sach " + "thong tin chung " * 40)
    assert order("cap nuoc", long, short) == [1, 2]


def test_recent_items_rank_higher_and_ties_go_to_the_newest():
    old = (1, 60.0, "xe buyt dien", "", "")
    new = (2, 0.0, "xe buyt dien", "", "")
    newer_same_age = (3, 60.0, "xe buyt dien", "", "")
    assert order("xe buyt", old, new, newer_same_age) == [2, 3, 1]
    assert recency_boost(0) == 2.0
    assert recency_boost(30) == 1.5
    assert recency_boost(-1) == 2.0  # clocks a little apart: never above "today"


def test_every_term_adds_to_the_score():
    both = (1, 0.0, "cau vuot", "ha noi", "")
    one = (2, 0.0, "cau vuot", "", "ha noi")
    assert order("cau vuot ha noi", one, both) == [1, 2]


def test_no_candidates_no_ranking():
    assert ranked([], parse("ha noi")) == []


def test_without_words_the_newest_publication_comes_first():
    corrected_later = (1, 0.5, "", "", "")
    newer = (2, 3.0, "", "", "")
    same_age = (3, 3.0, "", "", "")
    assert ranked([newer, corrected_later, same_age], parse("")) == [(1, 0.0), (3, 0.0), (2, 0.0)]


def test_candidates_counted_as_they_arrive_rank_as_if_all_came_at_once():
    candidates = [
        (n, float(n % 7), f"cau vuot so {n}" if n % 3 else "thong bao", "ha noi" * (n % 2), "cau " * (n % 5))
        for n in range(1, 40)
    ]
    query = parse("cầu Hà Nội")
    ranking = Ranking(query)
    for start in range(0, len(candidates), 8):
        ranking.add([candidate(*item) for item in candidates[start : start + 8]])
    assert len(ranking) == len(candidates)
    assert ranking.ranked() == ranked(candidates, query)


def test_syllables_side_by_side_outrank_the_same_syllables_apart_even_in_the_title():
    apart = (1, 0.0, "Đầu tư hạ tầng nội đô", "", "")
    whole = (2, 10.0, "Phủ sóng 5G", "", "Mạng 5G phủ khắp Hà Nội")
    assert order("Hà Nội", apart, whole) == [2, 1]
    assert order("ha noi", apart, whole) == [2, 1]


def test_only_words_typed_one_after_the_other_make_a_pair():
    assert parse("Sở Y tế Hà Nội").terms == (("so",), ("y",), ("te",), ("ha",), ("noi",))
    assert Ranking(parse('"so y te" ha noi')).patterns[-2:] == [" te ha ", " ha noi "]
    assert Ranking(parse("ha")).patterns == [" ha "]


def test_an_accented_query_counts_only_mentions_with_its_accents():
    exact = (1, 0.0, "", "", "công trình thủy lợi")
    other_accents = (2, 0.0, "", "", "rà phá thủy lôi")
    old_placement = (3, 0.0, "", "", "công trình thuỷ lợi")
    without_it = (4, 0.0, "", "", "rà phá thủy tinh")
    scores = dict(ranked([other_accents, exact, old_placement, without_it], parse("thủy lợi")))
    assert scores[1] == scores[3] > scores[2] == scores[4] > 0  # "lôi" counts as nothing


def test_an_unaccented_query_scores_every_spelling_alike():
    exact = (1, 0.0, "", "", "công trình thủy lợi")
    folded = (2, 0.0, "", "", "rà phá thủy lôi")
    [(_, first), (_, second)] = ranked([exact, folded], parse("thuy loi"))
    assert first == second
    assert not Ranking(parse("thuy loi")).reads_marks
    assert Ranking(parse("thủy lợi")).reads_marks


def test_by_date_the_words_are_not_counted():
    ranking = Ranking(parse("thủy lợi"), by_date=True)
    assert not ranking.reads_text and not ranking.reads_marks
    older_in_title = (1, 9.0, "thủy lợi", "", "")
    newer_in_body = (2, 1.0, "", "", "thủy lợi")
    assert ranked([older_in_title, newer_in_body], parse("thủy lợi"), by_date=True) == [(2, 0.0), (1, 0.0)]
