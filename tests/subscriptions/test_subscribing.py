import pytest
from django.urls import reverse

from presscenter.accounts.models import Role
from presscenter.audit.models import AuditEntry
from presscenter.core.errors import DomainError, PermissionDenied
from presscenter.subscriptions import domain
from presscenter.subscriptions.models import Subscription
from tests import factories

pytestmark = pytest.mark.django_db


def test_public_user_cannot_choose_webhook_or_live(db):
    reader = factories.user(Role.PUBLIC)
    for channel in ("webhook", "live"):
        with pytest.raises(PermissionDenied):
            domain.create_subscription(reader, channels=[channel], everything=True)
    assert domain.create_subscription(reader, channels=["email"], everything=True).owner == reader
    assert not Subscription.objects.exclude(channels=["email"]).exists()


def test_unaccredited_journalist_gets_email_only(db):
    pending = factories.user(Role.JOURNALIST, accredited=False)
    with pytest.raises(PermissionDenied):
        domain.create_subscription(pending, channels=["email", "live"], everything=True)


def test_accredited_journalist_and_staff_choose_any_channel(journalist, newsroom):
    subscription = domain.create_subscription(journalist, channels=["webhook", "live", "email"], everything=True)
    assert subscription.channels == ["email", "live", "webhook"]
    assert domain.create_subscription(newsroom.operator, channels=["live"], everything=True).channels == ["live"]


def test_anonymous_cannot_subscribe(db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        domain.create_subscription(AnonymousUser(), everything=True)


@pytest.mark.parametrize(
    "query",
    ["!!! ... ???", '"" "', "x" * 301, " ".join(f"tu{n}" for n in range(21))],
)
def test_bad_queries_are_refused_with_a_message(journalist, query):
    with pytest.raises(DomainError) as refused:
        domain.create_subscription(journalist, query=query)
    assert refused.value.field == "query"
    assert str(refused.value.message)
    assert not Subscription.objects.exists()


def test_unbalanced_quote_is_read_like_search(journalist):
    subscription = domain.create_subscription(journalist, query='"giao thông')
    assert sorted(subscription.terms.values_list("value", flat=True)) == ["giao", "thong"]


@pytest.mark.parametrize(
    "fields",
    [
        {"cadence": "hourly"},
        {"cadence": "daily", "digest_hour": 24},
        {"cadence": "weekly", "digest_weekday": 7},
        {"channels": []},
        {"channels": ["fax"]},
        {"types": ["gossip"]},
        {"priorities": ["whenever"]},
        {"topics": [999999]},
    ],
)
def test_bad_fields_change_nothing(journalist, fields):
    with pytest.raises(DomainError):
        domain.create_subscription(journalist, **fields)
    assert not Subscription.objects.exists()


def test_digest_cadence_is_stored(journalist):
    weekly = domain.create_subscription(
        journalist, cadence="weekly", digest_hour="18", digest_weekday=4, everything=True
    )
    assert (weekly.cadence, weekly.digest_hour, weekly.digest_weekday) == ("weekly", 18, 4)


def test_writes_are_audited(journalist):
    subscription = domain.create_subscription(journalist, name="Giao thông", query="giao thông")
    domain.update_subscription(journalist, subscription, query="buýt")
    domain.delete_subscription(journalist, subscription)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["subscription.create", "subscription.update", "subscription.delete"]


def test_owner_only(journalist):
    subscription = domain.create_subscription(journalist, everything=True)
    stranger = factories.user(Role.JOURNALIST, accredited=True)
    with pytest.raises(DomainError):
        domain.update_subscription(stranger, subscription, query="x")
    with pytest.raises(DomainError):
        domain.delete_subscription(stranger, subscription)
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_anonymous_is_sent_to_login(client):
    for name in ("subscriptions:list", "subscriptions:create", "subscriptions:preview"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_no_criterion_is_refused_unless_everything_is_chosen(journalist):
    with pytest.raises(DomainError) as refused:
        domain.create_subscription(journalist, channels=["email"])
    assert refused.value.field == "everything"
    assert not Subscription.objects.exists()
    everything = domain.create_subscription(journalist, channels=["email"], everything=True)
    assert everything.title == "Mọi tin"
    with pytest.raises(DomainError):  # emptying a followed subscription asks again
        followed = domain.create_subscription(journalist, query="giao thông")
        domain.update_subscription(journalist, followed, query="")


def test_public_email_subscription_with_no_criterion_is_refused(db):
    with pytest.raises(DomainError) as refused:
        domain.subscribe_by_email("ban.doc@example.vn")
    assert refused.value.field == "everything"
    assert not Subscription.objects.exists()


def test_an_unnamed_subscription_is_called_by_what_it_follows(journalist, newsroom):
    topic = factories.topic(name="Giao thông")
    subscription = domain.create_subscription(
        journalist, organisations=[newsroom.org], topics=[topic], priorities=["flash"], query="cầu Thăng Long"
    )
    assert subscription.name == ""
    assert subscription.title == f"{newsroom.org.display_name} · Giao thông · Hỏa tốc · từ khóa “cầu Thăng Long”"
    assert AuditEntry.objects.get(action="subscription.create").summary == subscription.title
