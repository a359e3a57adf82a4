import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from presscenter.accounts.models import Role, User
from presscenter.delivery.models import Delivery, EventKind, OutboxEvent
from presscenter.live import sender
from presscenter.press.models import Accreditation, JournalistProfile, Outlet
from presscenter.releases.models import Item
from tests import factories


def journalist(status: str = Accreditation.APPROVED, **fields: Any) -> User:
    fields.setdefault("accredited", status == Accreditation.APPROVED)
    user = factories.user(Role.JOURNALIST, **fields)
    outlet, _ = Outlet.objects.get_or_create(name="Báo Thử nghiệm", defaults={"type": "online"})
    JournalistProfile.objects.create(
        user=user,
        outlet=outlet,
        press_card_number=f"TN-{user.pk}",
        press_card_expiry=dt.date.today() + dt.timedelta(days=365),
        status=status,
    )
    return user


def revoke(user: User) -> None:
    JournalistProfile.objects.filter(user=user).update(status=Accreditation.REVOKED)
    User.objects.filter(pk=user.pk).update(accredited=False)
    user.refresh_from_db()


def deliver_live(item: Item, *users: User, kind: str = EventKind.PUBLISHED) -> list[Delivery]:
    """What the dispatcher does for the live channel: Delivery rows handed to the sender."""
    item.refresh_from_db()
    version = item.current_version.number
    event = OutboxEvent.objects.create(kind=kind, item=item, version=version)
    batch = [
        Delivery.objects.create(
            event=event,
            item=item,
            version=version,
            kind=kind,
            channel="live",
            recipient=user,
            target=str(user.pk),
            key=f"live:{user.pk}:{item.uid}:v{version}:{kind}",
        )
        for user in users
    ]
    results = sender.send(batch)
    assert all(result.ok for result in results)
    return batch


@pytest.fixture
def reporter(db) -> User:
    return journalist()


@pytest.fixture
def embargoed(newsroom) -> Item:
    return newsroom.publish(
        title="Kế hoạch tổ chức Tết Nguyên đán", embargo_until=timezone.now() + dt.timedelta(hours=3)
    )
