"""The superior organisation acts on an escalated question: a directive to the handling agency,
a transfer to another agency under it, one extension of the deadline with a reason; the centre's
staff can do the same; nobody else can (the parent before escalation, its editors, the handling
agency itself, a sibling, the grandparent before the second level, the asker)."""

import datetime as dt

import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.inquiries import access, domain, escalation, notices, superior
from presscenter.inquiries.models import Event, EventKind, Inquiry, Notice, State
from presscenter.orgs.models import Kind
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.inquiries.asking_helpers import status_path
from tests.inquiries.test_workspace_screens import action, signed_in

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))
# A deadline far ahead of the machine's clock, so "the later of the deadline and now" is the deadline.
DUE = dt.datetime(2036, 12, 10, 16, 0, tzinfo=HANOI)  # a Wednesday
AFTER_DUE = DUE + dt.timedelta(hours=20)
LONG_AFTER = DUE + dt.timedelta(days=7)  # past the second level (INQUIRY_ESCALATE_AGAIN_DAYS)


@pytest.fixture
def cast():
    return hierarchy()


def hierarchy():
    """A city, a department under it, two wards under that, another department; their people."""

    class Cast:
        city = factories.organisation(kind=Kind.PEOPLES_COMMITTEE, name="Ủy ban nhân dân Thành phố Thử nghiệm")
        department = factories.organisation(name="Sở Xây dựng Thử nghiệm", parent=city)
        ward = factories.organisation(kind=Kind.WARD, name="Phường Hoàn Kiếm Thử nghiệm", parent=department)
        sibling = factories.organisation(kind=Kind.WARD, name="Phường Hàng Bạc Thử nghiệm", parent=department)
        elsewhere = factories.organisation(name="Sở Y tế Thử nghiệm", parent=city)
        officer = factories.user(Role.EDITOR, ward, full_name="Cán bộ Phường")
        ward_spokesperson = factories.user(Role.SPOKESPERSON, ward, full_name="Phát ngôn Phường")
        sibling_spokesperson = factories.user(Role.SPOKESPERSON, sibling, full_name="Phát ngôn Hàng Bạc")
        department_editor = factories.user(Role.EDITOR, department, full_name="Chuyên viên Sở")
        department_spokesperson = factories.user(Role.SPOKESPERSON, department, full_name="Phát ngôn Sở")
        city_spokesperson = factories.user(Role.SPOKESPERSON, city, full_name="Phát ngôn Thành phố")
        operator = factories.user(Role.CENTER_OPERATOR, full_name="Điều hành viên")
        journalist = factories.user(Role.JOURNALIST, accredited=True)

    return Cast


def escalated(cast, level: int = 1) -> Inquiry:
    """A question routed to the ward, given to its officer, overdue and escalated `level` levels."""
    inquiry = domain.route(cast.operator, factories.inquiry(cast.journalist), cast.ward)
    domain.assign(cast.ward_spokesperson, inquiry, cast.officer)
    Inquiry.objects.filter(pk=inquiry.pk).update(due_at=DUE)
    for _level in range(level):
        escalation.escalate(inquiry, now=LONG_AFTER if level > 1 else AFTER_DUE)
    return Inquiry.objects.get(pk=inquiry.pk)


def notified(event: Event) -> set[int | None]:
    return set(Notice.objects.filter(event=event).values_list("recipient_id", flat=True))


# A directive -------------------------------------------------------------------------------------


def test_the_parent_directs_the_handling_agency(cast):
    inquiry = escalated(cast)
    event = superior.direct(cast.department_spokesperson, inquiry, "Báo cáo kết quả xử lý trước 16 giờ thứ Sáu.")
    assert (event.kind, event.from_organisation, event.to_organisation) == (
        EventKind.DIRECTED, cast.department, cast.ward,
    )  # fmt: skip
    assert event.actor == cast.department_spokesperson and not event.is_public
    assert notified(event) == {cast.ward_spokesperson.pk, cast.officer.pk}
    entry = AuditEntry.objects.get(action="inquiry.direct")
    assert entry.actor == cast.department_spokesperson and entry.object_id == str(inquiry.pk)
    # The asker's status page does not show it.
    page = signed_in(cast.journalist).get(status_path(inquiry, key=False)).content.decode()
    assert "Báo cáo kết quả xử lý" not in page


def test_a_directive_notice_names_the_superior_and_quotes_it(cast):
    inquiry = escalated(cast)
    event = superior.direct(cast.department_spokesperson, inquiry, "Kiểm tra hiện trường ngay.")
    notice = Notice.objects.get(event=event, recipient=cast.officer, channel="live")
    rendered = notices.render(notice)
    assert cast.department.name in rendered.title and "Kiểm tra hiện trường ngay." in rendered.text


def test_an_empty_directive_is_refused_and_changes_nothing(cast):
    inquiry = escalated(cast)
    with pytest.raises(DomainError):
        superior.direct(cast.department_spokesperson, inquiry, "   ")
    assert not Event.objects.filter(kind=EventKind.DIRECTED).exists()


# Transfer under the superior -------------------------------------------------------------------


def test_the_parent_transfers_to_another_agency_under_it(cast):
    inquiry = escalated(cast)
    moved = superior.transfer(cast.department_spokesperson, inquiry, cast.sibling, "Địa bàn thuộc Hàng Bạc.")
    assert moved.organisation == cast.sibling and moved.assignee is None and moved.due_at == DUE
    event = Event.objects.get(inquiry=inquiry, kind=EventKind.TRANSFERRED)
    assert (event.from_organisation, event.to_organisation, event.actor) == (
        cast.ward, cast.sibling, cast.department_spokesperson,
    )  # fmt: skip
    assert cast.sibling_spokesperson.pk in notified(event)
    assert AuditEntry.objects.filter(action="inquiry.transfer", actor=cast.department_spokesperson).exists()


def test_the_parent_cannot_transfer_outside_its_tree(cast):
    inquiry = escalated(cast)
    for target in (cast.elsewhere, cast.city, cast.department):
        with pytest.raises(DomainError) as refused:
            superior.transfer(cast.department_spokesperson, inquiry, target, "Chuyển đi.")
        assert refused.value.field == "organisation"
    assert Inquiry.objects.get(pk=inquiry.pk).organisation == cast.ward


def test_the_centre_transfers_anywhere(cast):
    inquiry = escalated(cast)
    assert superior.transfer(cast.operator, inquiry, cast.elsewhere, "Thuộc lĩnh vực y tế.").organisation == (
        cast.elsewhere
    )


# Extending the deadline -------------------------------------------------------------------------


def test_the_parent_extends_the_deadline_once_and_the_asker_sees_it(cast):
    inquiry = escalated(cast)
    extended = superior.extend(cast.department_spokesperson, inquiry, 3, "Cần khảo sát hiện trường.")
    # Three working days after Wednesday 10 December: Monday 15 December at closing time.
    assert extended.due_at == dt.datetime(2036, 12, 15, 17, 0, tzinfo=HANOI)
    assert extended.deadline_extended_at is not None and extended.reminded_at is None
    assert extended.escalation_level == 1  # the parent keeps seeing it
    entry = AuditEntry.objects.get(action="inquiry.extend_deadline")
    assert entry.before["due_at"] != entry.after["due_at"]
    event = Event.objects.get(inquiry=inquiry, kind=EventKind.EXTENDED)
    assert event.is_public and "15/12/2036 17:00" in event.text and "Cần khảo sát hiện trường." in event.text
    assert {cast.journalist.pk, cast.ward_spokesperson.pk, cast.officer.pk} <= notified(event)
    page = signed_in(cast.journalist).get(status_path(inquiry, key=False)).content.decode()
    assert "Gia hạn trả lời" in page and "15/12/2036 17:00" in page and "Cần khảo sát hiện trường." in page
    with pytest.raises(DomainError):
        superior.extend(cast.operator, inquiry, 2, "Lần nữa.")
    assert Inquiry.objects.get(pk=inquiry.pk).due_at == extended.due_at


@pytest.mark.parametrize("days", [0, -1, 11, 1000])
def test_the_extension_is_between_one_and_the_limit(cast, days):
    inquiry = escalated(cast)
    with pytest.raises(DomainError) as refused:
        superior.extend(cast.department_spokesperson, inquiry, days, "Lý do.")
    assert refused.value.field == "days" and Inquiry.objects.get(pk=inquiry.pk).deadline_extended_at is None


def test_no_extension_while_waiting_for_the_asker(cast):
    inquiry = escalated(cast)
    domain.request_info(cast.officer, inquiry, "Xin số nhà cụ thể.")
    with pytest.raises(DomainError):
        superior.extend(cast.department_spokesperson, inquiry, 2, "Lý do.")


# Who may and who may not --------------------------------------------------------------------------


def _attempts(cast, user, inquiry):
    return [
        lambda: superior.direct(user, inquiry, "Chỉ đạo."),
        lambda: superior.transfer(user, inquiry, cast.sibling, "Chuyển."),
        lambda: superior.extend(user, inquiry, 2, "Gia hạn."),
    ]


@pytest.mark.parametrize(
    "who", ["department_editor", "ward_spokesperson", "officer", "sibling_spokesperson", "city_spokesperson",
            "journalist"],
)  # fmt: skip
def test_others_cannot_act_as_the_superior(cast, who):
    inquiry = escalated(cast)
    user = getattr(cast, who)
    assert not access.can_act_as_superior(user, inquiry)
    for attempt in _attempts(cast, user, inquiry):
        with pytest.raises(PermissionDenied):
            attempt()
    after = Inquiry.objects.get(pk=inquiry.pk)
    assert (after.organisation, after.due_at, after.deadline_extended_at) == (cast.ward, DUE, None)
    assert not Event.objects.filter(kind__in=[EventKind.DIRECTED, EventKind.EXTENDED]).exists()


def test_the_parent_cannot_act_before_escalation(cast):
    inquiry = escalated(cast, level=0)
    assert not access.can_act_as_superior(cast.department_spokesperson, inquiry)
    for attempt in _attempts(cast, cast.department_spokesperson, inquiry):
        with pytest.raises(PermissionDenied):
            attempt()


def test_the_grandparent_acts_at_the_second_level(cast):
    inquiry = escalated(cast, level=2)
    assert inquiry.escalation_level == 2
    assert access.can_act_as_superior(cast.city_spokesperson, inquiry)
    event = superior.direct(cast.city_spokesperson, inquiry, "Thành phố yêu cầu trả lời ngay.")
    assert event.from_organisation == cast.city
    # Under the city, the other department is in reach too.
    assert superior.transfer(cast.city_spokesperson, inquiry, cast.elsewhere, "Thuộc Sở Y tế.").organisation == (
        cast.elsewhere
    )


def test_nothing_once_answered(cast):
    inquiry = escalated(cast)
    draft = domain.save_answer(cast.officer, inquiry, "<p>Đã xử lý.</p>")
    domain.submit_answer(cast.officer, draft)
    domain.approve_answer(cast.ward_spokesperson, domain.current_answer(inquiry))
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    assert inquiry.state == State.ANSWERED
    for user in (cast.department_spokesperson, cast.operator):
        assert not access.can_act_as_superior(user, inquiry)


# The working screen ----------------------------------------------------------------------------


def test_the_parent_acts_through_the_working_screen(cast):
    inquiry = escalated(cast)
    client = signed_in(cast.department_spokesperson)
    page = client.get(reverse("inquiry_work:detail", args=[inquiry.pk])).content.decode()
    assert "Chỉ đạo cơ quan xử lý" in page and "Gia hạn trả lời (một lần)" in page
    reassign = page[page.index('id="id_reassign_organisation"') :].split("</select>")[0]
    assert f'value="{cast.sibling.pk}"' in reassign and f'value="{cast.elsewhere.pk}"' not in reassign
    assert f'value="{cast.ward.pk}"' not in reassign
    state = {"state": inquiry.state}
    response = client.post(action(inquiry, "direct"), {**state, "text": "Khẩn trương xử lý."}, follow=True)
    assert "Đã gửi ý kiến chỉ đạo" in response.content.decode()
    refused = client.post(action(inquiry, "extend"), {**state, "days": "99", "reason": "Lý do."})
    assert refused.status_code == 400 and Inquiry.objects.get(pk=inquiry.pk).deadline_extended_at is None
    client.post(action(inquiry, "extend"), {**state, "days": "2", "reason": "Cần thêm thời gian."})
    assert Inquiry.objects.get(pk=inquiry.pk).deadline_extended_at is not None
    page = client.get(reverse("inquiry_work:detail", args=[inquiry.pk])).content.decode()
    assert "Gia hạn trả lời (một lần)" not in page and "chỉ gia hạn một lần" in page
    client.post(action(inquiry, "reassign"), {**state, "organisation": cast.sibling.pk, "reason": "Sai địa bàn."})
    assert Inquiry.objects.get(pk=inquiry.pk).organisation == cast.sibling


def test_the_screen_refuses_who_is_not_the_superior(cast):
    inquiry = escalated(cast)
    for user in (cast.department_editor, cast.officer):
        client = signed_in(user)
        page = client.get(reverse("inquiry_work:detail", args=[inquiry.pk])).content.decode()
        assert "Chỉ đạo cơ quan xử lý" not in page
        response = client.post(action(inquiry, "direct"), {"state": inquiry.state, "text": "Chỉ đạo."})
        assert response.status_code == 403
    assert not Event.objects.filter(kind=EventKind.DIRECTED).exists()


# The API ---------------------------------------------------------------------------------------


def test_the_superior_acts_over_the_api(cast):
    inquiry = escalated(cast)
    api = ApiClient(token_for(cast.department_spokesperson, cast.department))
    base = f"/api/agency/inquiries/{inquiry.code}"
    assert api.post(f"{base}/directive", {"text": "Báo cáo ngay."}).status_code == 201
    assert Event.objects.filter(inquiry=inquiry, kind=EventKind.DIRECTED).count() == 1
    assert api.post(f"{base}/extend", {"days": 50, "reason": "Lâu."}).status_code == 422
    extended = api.post(f"{base}/extend", {"days": 3, "reason": "Khảo sát."})
    assert extended.status_code == 200 and extended.json()["due_at"].startswith("2036-12-15T10:00")
    assert api.post(f"{base}/extend", {"days": 1, "reason": "Nữa."}).status_code == 409
    assert (
        api.post(f"{base}/superior-transfer", {"organisation": cast.elsewhere.slug, "reason": "X"}).status_code == 422
    )
    moved = api.post(f"{base}/superior-transfer", {"organisation": cast.sibling.slug, "reason": "Sai địa bàn."})
    assert moved.status_code == 200 and moved.json()["organisation"]["slug"] == cast.sibling.slug
    assert moved.json()["asker"] is None  # no longer the caller's: no personal data


def test_the_api_refuses_who_is_not_the_superior(cast):
    inquiry = escalated(cast)
    base = f"/api/agency/inquiries/{inquiry.code}"
    editor = ApiClient(token_for(cast.department_editor, cast.department))
    assert editor.post(f"{base}/directive", {"text": "Chỉ đạo."}).status_code == 403
    assert editor.post(f"{base}/extend", {"days": 2, "reason": "Lý do."}).status_code == 403
    handler = ApiClient(token_for(cast.ward_spokesperson, cast.ward))
    assert handler.post(f"{base}/extend", {"days": 2, "reason": "Lý do."}).status_code == 403
    sibling = ApiClient(token_for(cast.sibling_spokesperson, cast.sibling))
    assert sibling.post(f"{base}/directive", {"text": "Chỉ đạo."}).status_code == 404
    assert Inquiry.objects.get(pk=inquiry.pk).deadline_extended_at is None
