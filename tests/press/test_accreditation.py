"""Sign-up, the operator's decisions, and revocation cutting a journalist off at once."""

import datetime as dt

import pytest
from django.utils import timezone

from presscenter.accounts.models import ApiToken, Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError
from presscenter.delivery.models import Delivery, EventKind, OutboxEvent
from presscenter.delivery.models import Status as DeliveryStatus
from presscenter.live.models import FeedToken
from presscenter.press import domain
from presscenter.press.models import Accreditation, JournalistProfile
from presscenter.releases.access import public_items
from presscenter.webhooks.models import Webhook
from tests.press.conftest import journalist, photo_upload, signup_fields

pytestmark = pytest.mark.django_db


def embargoed(newsroom):
    return newsroom.publish(embargo_until=timezone.now() + dt.timedelta(hours=3))


def test_signup_creates_pending_unaccredited_journalist_with_audit(outlet):
    profile = domain.sign_up(**signup_fields(outlet), photo=photo_upload(), photo_name="chan-dung.png")
    user = profile.user
    assert profile.status == Accreditation.PENDING
    assert user.role == Role.JOURNALIST and user.accredited is False and user.is_active
    assert user.username == user.email
    assert profile.photo.name.endswith(".jpg")  # re-encoded, metadata dropped
    assert AuditEntry.objects.filter(action="press.signup", object_id=str(profile.pk)).exists()


def test_signup_approve_then_embargoed_items_visible(outlet, operator, newsroom):
    item = embargoed(newsroom)
    profile = journalist(outlet)
    assert item not in public_items(profile.user)
    domain.approve(operator, profile)
    profile.user.refresh_from_db()
    assert profile.user.accredited is True
    assert item in public_items(profile.user)
    assert AuditEntry.objects.filter(action="press.approve", object_id=str(profile.pk)).exists()


def test_reject_needs_reason_and_keeps_it(outlet, operator):
    profile = journalist(outlet)
    with pytest.raises(DomainError):
        domain.reject(operator, profile, "  ")
    profile.refresh_from_db()
    assert profile.status == Accreditation.PENDING
    domain.reject(operator, profile, "Thẻ nhà báo không khớp với danh sách của Bộ")
    profile.refresh_from_db()
    assert profile.status == Accreditation.REJECTED
    assert profile.status_reason == "Thẻ nhà báo không khớp với danh sách của Bộ"
    assert profile.decided_by == operator
    assert profile.user.accredited is False


def test_revoke_takes_effect_at_once_everywhere(outlet, operator, newsroom):
    item = embargoed(newsroom)
    profile = journalist(outlet, approved_by=operator)
    user = profile.user
    event = OutboxEvent.objects.create(kind=EventKind.PUBLISHED, item=item, version=1)
    statuses = [DeliveryStatus.PENDING, DeliveryStatus.HELD, DeliveryStatus.FAILED, DeliveryStatus.SENT]
    for status in statuses:
        Delivery.objects.create(
            event=event, item=item, version=1, kind=EventKind.PUBLISHED, channel="email",
            recipient=user, target=user.email, key=f"email:{user.pk}:{status}", status=status,
        )  # fmt: skip
    Webhook.objects.create(owner=user, name="Tòa soạn", url="https://toasoan.example.vn/hook")
    FeedToken.objects.create(user=user, digest=FeedToken.hash("bi-mat"))
    ApiToken.objects.create(user=user, name="CMS", digest="d" * 64, hint="pc_abc")
    assert item in public_items(user)

    domain.revoke(operator, profile, "Vi phạm quy định về tin cấm đăng")

    user.refresh_from_db()
    assert user.accredited is False
    assert item not in public_items(user)
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert not Webhook.objects.filter(owner=user, active=True).exists()
    assert Webhook.objects.get(owner=user).disabled_reason == "Vi phạm quy định về tin cấm đăng"
    assert not FeedToken.objects.filter(user=user).exists()
    left = dict(Delivery.objects.filter(recipient=user).values_list("key", "status"))
    assert left[f"email:{user.pk}:{DeliveryStatus.SENT}"] == DeliveryStatus.SENT
    assert sorted(left.values()) == sorted([DeliveryStatus.CANCELLED] * 3 + [DeliveryStatus.SENT])


def test_suspend_then_reinstate(outlet, operator):
    profile = journalist(outlet, approved_by=operator)
    domain.suspend(operator, profile, "Đang xác minh phản ánh")
    profile.user.refresh_from_db()
    assert profile.user.accredited is False
    domain.reinstate(operator, profile)
    profile.user.refresh_from_db()
    assert profile.user.accredited is True


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Accreditation.PENDING, "suspend"),
        (Accreditation.PENDING, "reinstate"),
        (Accreditation.APPROVED, "reject"),
        (Accreditation.REVOKED, "approve"),
        (Accreditation.REVOKED, "reinstate"),
    ],
)
def test_impossible_transitions_are_refused(outlet, operator, status, action):
    profile = journalist(outlet)
    JournalistProfile.objects.filter(pk=profile.pk).update(status=status)
    with pytest.raises(DomainError):
        domain.decide(operator, profile, action, "lý do")
    profile.refresh_from_db()
    assert profile.status == status


def test_expired_card_is_not_accredited_and_cannot_be_approved(outlet, operator):
    profile = journalist(outlet, approved_by=operator)
    lapsed_on = profile.press_card_expiry + dt.timedelta(days=1)
    assert domain.expire_lapsed_cards(lapsed_on) == 1
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert profile.status == Accreditation.APPROVED
    assert profile.user.accredited is False
    assert domain.expire_lapsed_cards(lapsed_on) == 0  # idempotent
    JournalistProfile.objects.filter(pk=profile.pk).update(
        press_card_expiry=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(DomainError):
        domain.approve(operator, profile)


def test_renewed_card_goes_back_to_the_queue(outlet, operator):
    profile = journalist(outlet, approved_by=operator)
    new_expiry = timezone.localdate() + dt.timedelta(days=700)
    domain.renew_card(profile.user, profile, press_card_number="HN-99999", press_card_expiry=new_expiry)
    profile.refresh_from_db()
    assert profile.status == Accreditation.PENDING and profile.user.accredited is False
    domain.approve(operator, profile)
    profile.user.refresh_from_db()
    assert profile.user.accredited is True


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"press_card_expiry": dt.date(2020, 1, 1)}, "press_card_expiry"),
        ({"press_card_expiry": None}, "press_card_expiry"),
        ({"outlet": None}, "outlet"),
        ({"email": "khong-phai-thu"}, "email"),
        ({"password": "ngan"}, "password"),
        ({"identity_number": " "}, "identity_number"),
    ],
)
def test_bad_signup_is_refused_and_creates_nothing(outlet, change, field):
    with pytest.raises(DomainError) as refused:
        domain.sign_up(**signup_fields(outlet, **change))
    assert refused.value.field == field
    assert not JournalistProfile.objects.exists()


def test_inactive_outlet_cannot_be_chosen(outlet, operator):
    domain.set_outlet_active(operator, outlet, False)
    with pytest.raises(DomainError) as refused:
        domain.sign_up(**signup_fields(outlet))
    assert refused.value.field == "outlet"


@pytest.mark.parametrize(
    ("name", "data"),
    [("anh.png", b"%PDF-1.4 not an image"), ("anh.jpg", b"\xff\xd8\xff\xe0 broken jpeg"), ("anh.svg", b"<svg/>")],
)
def test_non_image_photo_is_refused(outlet, name, data):
    with pytest.raises(DomainError) as refused:
        domain.sign_up(**signup_fields(outlet), photo=photo_upload(name, data), photo_name=name)
    assert refused.value.field == "photo"
    assert not JournalistProfile.objects.exists()


def test_oversized_photo_is_refused(outlet):
    big = photo_upload("to.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(DomainError) as refused:
        domain.sign_up(**signup_fields(outlet), photo=big, photo_name="to.png")
    assert "5" in str(refused.value.message)


def test_duplicate_email_is_refused(outlet):
    fields = signup_fields(outlet)
    domain.sign_up(**fields)
    with pytest.raises(DomainError) as refused:
        domain.sign_up(**{**fields, "email": fields["email"].upper()})
    assert refused.value.field == "email"


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (Accreditation.PENDING, ["approve", "reject"]),
        (Accreditation.APPROVED, ["suspend", "revoke"]),
        (Accreditation.SUSPENDED, ["reinstate", "revoke"]),
        (Accreditation.REJECTED, ["approve"]),
        (Accreditation.REVOKED, []),
    ],
)
def test_only_actions_valid_for_the_status_are_offered_and_the_rest_refused(outlet, operator, status, offered):
    assert [action["name"] for action in domain.actions_for(status)] == offered
    for action in set(domain.TRANSITIONS) - set(offered):
        profile = journalist(outlet)
        JournalistProfile.objects.filter(pk=profile.pk).update(status=status)
        with pytest.raises(DomainError) as refused:
            domain.decide(operator, profile, action, "lý do")
        assert str(JournalistProfile(status=status).get_status_display()) in str(refused.value.message)
        profile.refresh_from_db()
        assert profile.status == status


def test_a_pending_application_cannot_be_revoked(outlet, operator):
    profile = journalist(outlet)
    with pytest.raises(DomainError) as refused:
        domain.revoke(operator, profile, "Nhầm")
    assert (
        str(refused.value.message) == "Hồ sơ đang ở tình trạng “Chờ xét duyệt”: chỉ có thể Cấp thẻ tác nghiệp, Từ chối."
    )
