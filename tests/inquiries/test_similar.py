"""Similar open questions: Vietnamese-aware (diacritics folded, teencode spelled out), only open
and non-merged ones of the same audience, and only what an asker may see of them."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.inquiries import asking, domain, similar
from presscenter.inquiries.models import EventKind, Inquiry, State
from tests import factories

STREETLIGHT = "Đèn đường hỏng trên phố Hàng Bông"
STREETLIGHT_TEXT = "Ba cột đèn đường trước số 40 Hàng Bông không sáng từ tuần trước, buổi tối rất tối và nguy hiểm."
CANDIDATES = [
    ("den", f"{STREETLIGHT} {STREETLIGHT_TEXT}"),
    ("phep", "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ cần những giấy tờ gì?"),
    ("rac", "Rác thải ùn ứ ở chợ Long Biên nhiều ngày chưa được thu gom"),
    ("ngap", "Ngập úng kéo dài trên đường Nguyễn Trãi sau mỗi trận mưa"),
]


def test_a_rewording_without_diacritics_in_teencode_is_found():
    found = similar.rank("den duong o hang bong ko sang may hom nay r, tối thui", CANDIDATES)
    assert [key for key, _score in found] == ["den"]


def test_typos_and_abbreviations_still_find_it():
    found = similar.rank("cap giay fep xay dung nha rieng le can giay to j", CANDIDATES)
    assert found and found[0][0] == "phep"


def test_an_unrelated_question_finds_nothing():
    assert similar.rank("Tiền điện tháng này tăng bất thường", CANDIDATES) == []
    assert similar.rank("lịch tiêm vắc xin cho trẻ em", CANDIDATES) == []


def test_empty_or_filler_text_finds_nothing():
    assert similar.rank("", CANDIDATES) == []
    assert similar.rank("cho em hỏi với ạ", CANDIDATES) == []


def test_teencode_is_spelled_out_and_folded():
    assert similar.words("Đèn KO sáng ở p Hàng Bông") == ["den", "khong", "sang", "phuong", "hang", "bong"]


def test_broken_is_not_read_as_not():
    """ "hỏng" folds to "hong", which must not turn into "không"."""
    assert "khong" not in similar.words("đèn hỏng")


@pytest.mark.django_db
def test_only_open_unmerged_recent_questions_of_the_same_audience_are_offered():
    citizen_open = factories.inquiry(subject=STREETLIGHT, text=STREETLIGHT_TEXT)
    rejected = factories.inquiry(subject=STREETLIGHT, text=STREETLIGHT_TEXT)
    operator = factories.user(Role.CENTER_OPERATOR)
    domain.reject(operator, rejected, "Trùng lặp")
    old = factories.inquiry(subject=STREETLIGHT, text=STREETLIGHT_TEXT)
    Inquiry.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=400))
    journalist = factories.user(Role.JOURNALIST)
    press = factories.inquiry(journalist, subject=STREETLIGHT, text=STREETLIGHT_TEXT)

    found = similar.open_similar("den duong hang bong ko sang", press=False)
    assert [row.code for row in found] == [citizen_open.code]
    assert [row.code for row in similar.open_similar("den duong hang bong ko sang", press=True)] == [press.code]


@pytest.mark.django_db
def test_what_is_shown_of_another_question_has_no_personal_data():
    factories.inquiry(
        subject="Đèn đường hỏng, gọi 0912 345 678", text=STREETLIGHT_TEXT, asker_name="Trần Thị Bình",
        asker_email="binh@example.vn",
    )  # fmt: skip
    (row,) = similar.open_similar("den duong hong", press=False)
    shown = " ".join(str(value) for value in vars(row).values())
    assert "0912" not in shown and "Bình" not in shown and "binh@" not in shown
    assert row.state == "Mới tiếp nhận" and row.agency == ""


@pytest.mark.django_db
def test_join_merges_the_askers_question_into_the_open_one():
    existing = factories.inquiry(subject=STREETLIGHT, text=STREETLIGHT_TEXT)
    mine = factories.inquiry(subject="den hang bong ko sang", asker_email="an@example.vn")

    joined = asking.join(None, mine, existing, key=mine.access_key)

    assert joined.state == State.MERGED and joined.merged_into == existing and joined.closed_at
    assert list(joined.events.values_list("kind", "text"))[-1] == (EventKind.MERGED, existing.code)
    assert existing.events.filter(kind=EventKind.MERGED, text=mine.code).exists()
    entry = AuditEntry.objects.get(action="inquiry.join")
    assert entry.object_id == str(mine.pk) and entry.after["merged_into"] == existing.pk


@pytest.mark.django_db
def test_the_merged_asker_is_told_when_the_existing_question_is_answered():
    newsroom = factories.Newsroom()
    existing = factories.inquiry(subject=STREETLIGHT, text=STREETLIGHT_TEXT)
    mine = factories.inquiry(subject="den hang bong ko sang", asker_email="an.khac@example.vn")
    asking.join(None, mine, existing, key=mine.access_key)
    domain.route(newsroom.operator, existing, newsroom.org)
    answer = domain.save_answer(newsroom.editor, existing, "<p>Đã thay bóng đèn.</p>")
    domain.submit_answer(newsroom.editor, answer)
    domain.approve_answer(newsroom.spokesperson, answer)
    assert mine.notices.filter(reason=EventKind.ANSWERED, email="an.khac@example.vn").exists()


@pytest.mark.django_db
def test_join_refuses_closed_or_rejected_questions_and_strangers():
    operator = factories.user(Role.CENTER_OPERATOR)
    rejected = factories.inquiry(subject=STREETLIGHT)
    domain.reject(operator, rejected, "Không thuộc thẩm quyền")
    mine = factories.inquiry(subject="den hang bong")
    with pytest.raises(DomainError):
        asking.join(None, mine, rejected, key=mine.access_key)
    other = factories.inquiry(subject=STREETLIGHT)
    with pytest.raises(PermissionDenied):
        asking.join(None, mine, other, key="sai-khoa")
    with pytest.raises(PermissionDenied):
        asking.join(factories.user(Role.PUBLIC), mine, other)
    with pytest.raises(DomainError):
        asking.join(None, mine, mine, key=mine.access_key)
    mine.refresh_from_db()
    assert mine.state == State.NEW and mine.merged_into is None
    assert not AuditEntry.objects.filter(action="inquiry.join").exists()


@pytest.mark.django_db
def test_join_refuses_mixing_the_press_and_the_public():
    journalist = factories.user(Role.JOURNALIST)
    press = factories.inquiry(journalist, subject=STREETLIGHT)
    mine = factories.inquiry(subject=STREETLIGHT)
    with pytest.raises(DomainError):
        asking.join(None, mine, press, key=mine.access_key)


def test_rank_among_ranks_a_set_against_itself_as_rank_does():
    texts = [
        (1, "Phương án phân luồng giao thông quanh hồ Hoàn Kiếm dịp Tết ra sao?"),
        (2, "phan luong giao thong quanh ho hoan kiem dip tet ntn"),
        (3, "Tiến độ tuyến đường sắt đô thị Nhổn – ga Hà Nội đến đâu rồi?"),
        (4, "Khi nào tuyến metro Nhổn ga Hà Nội chạy đoạn ngầm?"),
        (5, "..."),
    ]
    ranked = similar.rank_among(texts, [1, 2, 3, 5, 99])
    assert [key for key, _score in ranked[1]] == [2] and [key for key, _score in ranked[2]] == [1]
    assert 3 in ranked and ranked[3][0][0] == 4 and 5 not in ranked and 99 not in ranked
    for key in (1, 2):
        alone = similar.rank(dict(texts)[key], [(other, text) for other, text in texts if other != key])
        assert [other for other, _score in alone][:1] == [other for other, _score in ranked[key]][:1]
