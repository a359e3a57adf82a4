"""Notices that could not be sent: the centre's list (who, why, how many attempts, without the
askers' addresses), "gửi lại" through an audited domain function, the inbox's link, the API, and
who may do none of it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.inquiries import domain, failed_notices, notices
from presscenter.inquiries.models import Notice, NoticeChannel
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.inquiries.test_workspace_screens import signed_in

pytestmark = pytest.mark.django_db

LIST = reverse("inquiry_work:failed_notices")
ERROR = "550 5.1.1 <an.nguyen@example.vn>: Recipient address rejected: User unknown"


@pytest.fixture
def cast():
    class Cast:
        newsroom = factories.Newsroom(name="Sở Xây dựng Thử nghiệm")
        org = newsroom.org
        editor = newsroom.editor
        spokesperson = newsroom.spokesperson
        operator = newsroom.operator
        admin = factories.user(Role.CENTER_ADMIN)
        journalist = factories.user(Role.JOURNALIST, accredited=True)
        citizen = factories.user(Role.PUBLIC)

    return Cast


def fail(notice: Notice, error: str = ERROR, attempts: int = notices.MAX_ATTEMPTS) -> Notice:
    """What the sender leaves after the last attempt (presscenter.inquiries.notices._record)."""
    Notice.objects.filter(pk=notice.pk).update(failed_at=timezone.now(), last_error=error, attempts=attempts)
    notice.refresh_from_db()
    return notice


def failed_to_asker(**fields) -> Notice:
    inquiry = factories.inquiry(None, **fields)
    return fail(Notice.objects.get(inquiry=inquiry, channel=NoticeChannel.EMAIL))


def test_the_list_says_which_notice_to_whom_why_and_how_often_without_the_address(cast):
    notice = failed_to_asker()
    routed = domain.route(cast.operator, factories.inquiry(None, subject="Cây đổ"), cast.org)
    to_editor = fail(
        Notice.objects.get(inquiry=routed, recipient=cast.editor, channel=NoticeChannel.EMAIL), "Connection refused"
    )
    body = signed_in(cast.operator).get(LIST).content.decode()
    assert notice.inquiry.code in body and routed.code in body
    assert "Người hỏi" in body and "a•••@example.vn" in body and "an.nguyen@example.vn" not in body
    assert "Recipient address rejected" in body and f'<td data-label="Số lần thử">{notices.MAX_ATTEMPTS}</td>' in body
    assert cast.editor.full_name in body and cast.org.name in body and "Connection refused" in body
    assert "Tiếp nhận" in body and "Giao cơ quan xử lý" in body  # the step each notice reports
    assert to_editor.recipient == cast.editor
    assert Notice.objects.filter(failed_at__isnull=True).exists()  # the others are not listed
    assert body.count("Gửi lại thông báo") == 2


def test_retry_requeues_the_notice_audited_and_the_sender_takes_it(cast):
    notice = failed_to_asker()
    response = signed_in(cast.operator).post(reverse("inquiry_work:retry_notice", args=[notice.pk]), follow=True)
    assert "Đã đưa thông báo vào hàng đợi gửi lại." in response.content.decode()
    notice.refresh_from_db()
    assert notice.failed_at is None and notice.attempts == 0 and notice.next_attempt_at is None
    entry = AuditEntry.objects.get(action="inquiry.notice_retry")
    assert entry.actor == cast.operator and entry.before["attempts"] == notices.MAX_ATTEMPTS
    assert "an.nguyen@example.vn" not in str(entry.before) + str(entry.after)
    _token, claimed = notices.claim()
    assert [n.pk for n in claimed] == [notice.pk]
    assert notice.inquiry.code not in signed_in(cast.operator).get(LIST).content.decode()


def test_retry_refuses_a_notice_that_did_not_fail_or_was_sent(cast):
    inquiry = factories.inquiry(None)
    pending = Notice.objects.get(inquiry=inquiry, channel=NoticeChannel.EMAIL)
    with pytest.raises(DomainError):
        failed_notices.retry(cast.operator, pending)
    Notice.objects.filter(pk=pending.pk).update(sent_at=timezone.now(), failed_at=timezone.now())
    with pytest.raises(DomainError):
        failed_notices.retry(cast.operator, pending)
    assert not AuditEntry.objects.filter(action="inquiry.notice_retry").exists()


@pytest.mark.parametrize("who", ["editor", "spokesperson", "journalist", "citizen"])
def test_only_the_centre_sees_and_retries(cast, who):
    notice = failed_to_asker()
    user = getattr(cast, who)
    client = signed_in(user)
    assert client.get(LIST).status_code == 403
    assert client.post(reverse("inquiry_work:retry_notice", args=[notice.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        failed_notices.retry(user, notice)
    notice.refresh_from_db()
    assert notice.failed_at is not None and not AuditEntry.objects.filter(action="inquiry.notice_retry").exists()


def test_anonymous_visitors_go_to_sign_in(cast):
    notice = failed_to_asker()
    for response in (Client().get(LIST), Client().post(reverse("inquiry_work:retry_notice", args=[notice.pk]))):
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("who", ["operator", "admin"])
def test_centre_staff_see_the_list(cast, who):
    failed_to_asker()
    assert signed_in(getattr(cast, who)).get(LIST).status_code == 200


def test_the_inbox_links_to_failures_for_the_centre_only(cast):
    inbox = reverse("inquiry_work:inbox")
    assert "thông báo gửi không thành công" not in signed_in(cast.operator).get(inbox).content.decode()
    failed_to_asker()
    failed_to_asker(asker_email="binh@example.vn")
    body = signed_in(cast.operator).get(inbox).content.decode()
    assert "2 thông báo gửi không thành công" in body and f'href="{LIST}"' in body
    assert "thông báo gửi không thành công" not in signed_in(cast.spokesperson).get(inbox).content.decode()


def test_an_unknown_notice_says_not_found(cast):
    response = signed_in(cast.operator).post(reverse("inquiry_work:retry_notice", args=[999_999]), follow=True)
    assert "Không tìm thấy thông báo này." in response.content.decode()


def test_the_list_query_count_does_not_grow_with_the_rows(cast, django_assert_max_num_queries):
    client = signed_in(cast.operator)
    for _n in range(2):
        failed_to_asker()
    client.get(LIST)
    with django_assert_max_num_queries(12) as few:
        assert client.get(LIST).status_code == 200
    for n in range(10):
        routed = domain.route(cast.operator, factories.inquiry(None, asker_email=f"n{n}@example.vn"), cast.org)
        for notice in Notice.objects.filter(inquiry=routed):
            fail(notice)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(LIST).content.decode()
    assert body.count("Gửi lại thông báo") == 25  # a full page


# The API ---------------------------------------------------------------------------------------


def test_staff_list_and_retry_over_the_api(cast):
    notice = failed_to_asker()
    api = ApiClient(token_for(cast.operator, None))
    listed = api.get("/api/operator/inquiry-notices/failed")
    assert listed.status_code == 200
    [row] = listed.json()["results"]
    assert row["id"] == notice.pk and row["inquiry"] == notice.inquiry.code and row["to_asker"] is True
    assert row["address"] == "a•••@example.vn" and "an.nguyen@example.vn" not in listed.content.decode()
    assert row["attempts"] == notices.MAX_ATTEMPTS and "Recipient address rejected" in row["error"]
    retried = api.post(f"/api/operator/inquiry-notices/{notice.pk}/retry")
    assert retried.status_code == 200 and retried.json()["attempts"] == 0
    assert api.get("/api/operator/inquiry-notices/failed").json()["total"] == 0
    assert api.post(f"/api/operator/inquiry-notices/{notice.pk}/retry").status_code == 409
    assert api.post("/api/operator/inquiry-notices/999999/retry").status_code == 404
    assert AuditEntry.objects.filter(action="inquiry.notice_retry").count() == 1


def test_the_api_is_for_the_centres_staff_only(cast):
    notice = failed_to_asker()
    for client in (
        ApiClient(token_for(cast.spokesperson, cast.org)),
        ApiClient(token_for(cast.editor, cast.org)),
        ApiClient(token_for(cast.journalist, None)),
    ):
        assert client.get("/api/operator/inquiry-notices/failed").status_code == 403
        assert client.post(f"/api/operator/inquiry-notices/{notice.pk}/retry").status_code == 403
    assert ApiClient().get("/api/operator/inquiry-notices/failed").status_code == 401
    notice.refresh_from_db()
    assert notice.failed_at is not None
