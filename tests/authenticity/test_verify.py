import datetime as dt
import io
import unicodedata

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.authenticity.verify import (
    MAX_TEXT_CHARS,
    Status,
    check_signature,
    verify_code,
    verify_file,
    verify_text,
)
from presscenter.core.errors import DomainError
from presscenter.releases import attachments, domain
from presscenter.releases.models import Version
from tests import factories
from tests.authenticity.conftest import PDF_BYTES, correct, publish_with_attachment

TITLE = "Hà Nội khởi công cầu Trần Hưng Đạo"
LEAD = "Sáng nay, thành phố khởi công xây dựng cầu Trần Hưng Đạo bắc qua sông Hồng."
BODY = "Cầu dài 5,4 km, dự kiến hoàn thành sau 36 tháng."


def spaced(code: str) -> str:
    return f"  {code[:4].lower()}- {code[4:]} "


# --- code -----------------------------------------------------------------------------------------


def test_code_is_tolerant_of_case_spaces_and_dashes(published):
    result = verify_code(spaced(published.verification_code))
    assert result.status == Status.AUTHENTIC
    [match] = result.matches
    assert match.item == published
    assert match.version.number == 1
    assert match.signature_valid
    assert published.organisation.name in result.message


def test_unknown_code_and_unpublished_draft_are_no_match(newsroom):
    draft = newsroom.draft()
    assert verify_code("ZZZZ9999").status == Status.NO_MATCH
    assert verify_code(draft.verification_code).status == Status.NO_MATCH


def test_empty_or_absurd_code_is_refused(db):
    with pytest.raises(DomainError):
        verify_code(" - ")
    with pytest.raises(DomainError):
        verify_code("A" * 100)


def test_embargoed_item_is_hidden_until_the_embargo_lifts_except_for_accredited_press(newsroom):
    item = newsroom.publish(embargo_until=timezone.now() + dt.timedelta(hours=2))
    journalist = factories.user(Role.JOURNALIST, accredited=True)
    assert verify_code(item.verification_code).status == Status.NO_MATCH
    assert verify_text(f"{TITLE}\n{LEAD}\n{BODY}").matches == []
    assert verify_code(item.verification_code, journalist).status == Status.AUTHENTIC


def test_withdrawn_item_is_authentic_but_withdrawn_with_reason(newsroom, published):
    domain.withdraw(newsroom.spokesperson, published, "Thông tin chưa chính xác về tiến độ.")
    result = verify_code(published.verification_code)
    assert result.status == Status.WITHDRAWN
    assert result.authentic
    assert "Thông tin chưa chính xác về tiến độ." in result.note


# --- text -----------------------------------------------------------------------------------------


def test_exact_text_with_other_whitespace_and_nfd_matches(published):
    pasted = unicodedata.normalize("NFD", f"\n  {TITLE}\n\n{LEAD}   \t\r\n {BODY}\u00a0\n")
    assert pasted != unicodedata.normalize("NFC", pasted)
    result = verify_text(pasted)
    assert result.status == Status.AUTHENTIC
    assert [m.version.number for m in result.matches] == [1]
    assert "phiên bản 1" in result.message


def test_markup_and_invisible_characters_from_copying_still_match(published):
    pasted = f"<h2>{TITLE}</h2><p>{LEAD}</p><p>Cầu dài 5,4\u200b km, dự kiến hoàn thành sau 36 tháng.</p>"
    assert verify_text(pasted).status == Status.AUTHENTIC


def test_near_miss_gives_closest_version_with_similarity_and_diff(published):
    altered = f"{TITLE}\n{LEAD}\nCầu dài 9 km, dự kiến hoàn thành sau 12 tháng."
    result = verify_text(altered)
    assert result.status == Status.NO_MATCH
    assert result.matches == []
    closest = result.closest
    assert closest is not None
    assert closest.item == published and closest.version.number == 1
    assert 0.6 <= closest.similarity < 1
    assert f"{closest.percent}%" in result.message
    removed = [s.text for s in closest.diff if s.kind == "removed"]
    added = [s.text for s in closest.diff if s.kind == "added"]
    assert "5,4" in " ".join(removed) and "36" in " ".join(removed)
    assert "9" in " ".join(added) and "12" in " ".join(added)


def test_unrelated_text_is_no_match_without_closest(published):
    result = verify_text("Giá vàng hôm nay tăng mạnh, người dân đổ xô đi mua tích trữ trước ngày vía Thần Tài.")
    assert result.status == Status.NO_MATCH
    assert result.closest is None


def test_old_version_is_reported_superseded_after_correction(newsroom, published):
    old_text = f"{TITLE}\n{LEAD}\n{BODY}"
    correct(newsroom, published, body="<p>Cầu dài 5,4 km, dự kiến hoàn thành sau 30 tháng.</p>")
    result = verify_text(old_text)
    assert result.status == Status.SUPERSEDED
    assert result.matches[0].version.number == 1
    assert "phiên bản 2" in result.note
    current = verify_text(f"{TITLE}\n{LEAD}\nCầu dài 5,4 km, dự kiến hoàn thành sau 30 tháng.")
    assert current.status == Status.AUTHENTIC
    assert current.matches[0].version.number == 2


def test_empty_and_huge_text_are_refused(db):
    with pytest.raises(DomainError) as empty:
        verify_text(" \n\t ")
    assert empty.value.field == "text"
    with pytest.raises(DomainError) as huge:
        verify_text("a" * (MAX_TEXT_CHARS + 1))
    assert "200.000" in str(huge.value.message)


# --- file -----------------------------------------------------------------------------------------


def test_published_attachment_verifies_with_every_version_that_lists_it(newsroom):
    item = publish_with_attachment(newsroom)
    correct(newsroom, item, lead="Sáng 26/11, thành phố khởi công cầu Trần Hưng Đạo.")
    result = verify_file(io.BytesIO(PDF_BYTES))
    assert result.status == Status.AUTHENTIC
    assert sorted(m.version.number for m in result.matches) == [1, 2]
    assert result.matches[0].version.number == 2  # the current version comes first


def test_unpublished_or_unknown_file_is_no_match(newsroom):
    draft = newsroom.draft()
    attachments.add_attachment(newsroom.editor, draft, ContentFile(PDF_BYTES, name="nhap.pdf"))
    assert verify_file(io.BytesIO(PDF_BYTES)).status == Status.NO_MATCH
    assert verify_file(io.BytesIO(b"%PDF-1.4 another file")).status == Status.NO_MATCH


def test_empty_missing_and_too_large_files_are_refused(db, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(DomainError, match="rỗng"):
        verify_file(io.BytesIO(b""))
    with pytest.raises(DomainError):
        verify_file(None)
    with pytest.raises(DomainError, match="quá lớn"):
        verify_file(io.BytesIO(b"x" * 1025))


# --- signature ------------------------------------------------------------------------------------


def test_signature_checks_and_tampering_fails(published):
    version = Version.objects.get(item=published)
    assert check_signature(version)
    version.signed_bytes = bytes(version.signed_bytes).replace(b"5,4 km", b"9 km")
    assert not check_signature(version)
