import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from presscenter.accounts.models import Role, User
from presscenter.audit.domain import verify
from presscenter.authenticity.keys import check
from presscenter.cli import main
from presscenter.demo import people
from presscenter.demo.seed import logins
from presscenter.events.models import Event, EventStatus, EventType, RoomBooking, Visibility
from presscenter.orgs.models import AREA_KINDS, Kind, Organisation
from presscenter.releases import access
from presscenter.releases.models import Item, ItemType, Priority, State, Version


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, committed once for the module (seeding takes seconds), flushed after it; with
    the settings every test has (tests/conftest.py), which function fixtures cannot give it."""
    folder = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=folder / "media",
            AUDIT_CHECKPOINT_DIR=folder / "audit",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
    ):
        assert main(["seed-demo"]) == 0
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def seeded(seeded_once, db):
    """Each test's own changes roll back; the demo stays."""


def test_organisation_tree_after_the_2025_reform(seeded):
    city = Organisation.objects.get(slug="ubnd-ha-noi")
    assert city.parent is None
    assert Organisation.objects.filter(kind=Kind.DEPARTMENT, parent=city).count() >= 12
    assert Organisation.objects.filter(kind__in=AREA_KINDS, parent=city).count() >= 20
    assert Organisation.objects.filter(kind=Kind.BOARD).exists()
    assert Organisation.objects.filter(kind=Kind.SECTOR).exists()
    assert not Organisation.objects.filter(name__startswith="Quận").exists()  # no districts any more
    assert not Organisation.objects.filter(name_en="").exists()


def test_every_role_has_an_account_that_logs_in(seeded, client):
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    journalists = User.objects.filter(role=Role.JOURNALIST)
    assert {account.accredited for account in journalists} == {True, False}
    assert all(account.organisation for account in User.objects.filter(role__in=[Role.EDITOR, Role.SPOKESPERSON]))
    assert User.objects.filter(role=Role.SPOKESPERSON, organisation__kind=Kind.WARD).exists()
    for login in logins():
        assert client.login(username=login.username, password=login.password), login.username
    assert len(logins()) == User.objects.count()


def test_items_tell_a_plausible_two_months(seeded):
    now = timezone.now()
    items = Item.objects.all()
    assert items.count() >= 55
    published = items.filter(first_published_at__isnull=False)
    oldest = published.order_by("first_published_at").first().first_published_at
    assert now - dt.timedelta(days=61) < oldest < now - dt.timedelta(days=50)
    assert published.values("organisation").distinct().count() >= 8
    assert set(items.values_list("type", flat=True)) == set(ItemType.values)
    assert items.filter(type=ItemType.EMERGENCY, priority=Priority.FLASH).exists()
    correction = items.get(type=ItemType.CORRECTION)
    assert correction.corrects is not None and correction.corrects.first_published_at < correction.first_published_at
    translations = items.filter(language="en")
    assert translations.count() >= 5
    assert all(item.translation_of and item.translation_of.language == "vi" for item in translations)
    assert items.filter(topics__isnull=False).distinct().count() == items.count()
    assert items.filter(areas__isnull=False).exists()


def test_special_cases_are_present(seeded):
    now = timezone.now()
    revised = Version.objects.get(number=2)
    assert revised.change_note
    assert revised.published_at > revised.item.versions.get(number=1).published_at
    withdrawn = Item.objects.get(state=State.WITHDRAWN)
    assert withdrawn.withdrawal_reason and not access.public_items().filter(pk=withdrawn.pk).exists()
    embargoed = Item.objects.get(embargo_until__gt=now)
    assert embargoed.current_version is not None
    assert not access.public_items().filter(pk=embargoed.pk).exists()
    assert access.public_items(User.objects.get(username="nhabao")).filter(pk=embargoed.pk).exists()
    scheduled = Item.objects.get(state=State.SCHEDULED)
    assert scheduled.scheduled_at > now and scheduled.current_version is None
    attached = Item.objects.filter(attachments__isnull=False).distinct()
    assert attached.count() >= 3
    kinds = {attachment.kind for item in attached for attachment in item.attachments.all()}
    assert kinds == {"image", "document"}
    assert all(a.published for item in attached for a in item.attachments.all())


def test_versions_are_signed_at_their_story_date_and_the_audit_chain_verifies(seeded):
    for version in Version.objects.all():
        assert check(bytes(version.signed_bytes), version.signature, version.key_id)
        assert (
            version.published_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")[:19]
            in bytes(version.signed_bytes).decode()
        )
    assert list(verify()) == []
    assert main(["audit", "verify"]) == 0


def test_agency_desks_match_the_organisation_file(seeded):
    for desk, (slug, _) in people.AGENCY_DESKS.items():
        spokesperson = User.objects.get(username=people.spokesperson_of(desk))
        assert spokesperson.organisation.slug == slug
        assert spokesperson.full_name == spokesperson.organisation.spokesperson_name


def test_seed_demo_is_idempotent(seeded, capsys):
    capsys.readouterr()
    counts = (Organisation.objects.count(), User.objects.count(), Item.objects.count())
    assert main(["seed-demo"]) == 0
    assert "bỏ qua" in capsys.readouterr().out
    assert (Organisation.objects.count(), User.objects.count(), Item.objects.count()) == counts


def test_press_access_is_seeded_without_replaying_history(seeded):
    from presscenter.delivery.models import Delivery, OutboxEvent
    from presscenter.press.models import Accreditation, JournalistProfile, Outlet
    from presscenter.subscriptions.matching import match

    assert Outlet.objects.count() >= 5
    assert set(JournalistProfile.objects.values_list("status", flat=True)) == {
        Accreditation.APPROVED,
        Accreditation.PENDING,
    }
    journalist = User.objects.get(username="nhabao")
    assert journalist.subscriptions.count() == 3
    traffic = Item.objects.filter(topics__slug="giao-thong", current_version__isnull=False).first()
    assert journalist.pk in {subscription.owner_id for subscription in match(traffic)}
    assert not OutboxEvent.objects.filter(processed_at__isnull=True).exists()
    assert not Delivery.objects.exists()


def test_questions_tell_a_routing_history_and_are_open_in_every_state(seeded):
    from presscenter.inquiries.models import Inquiry, RoutingDecision
    from presscenter.inquiries.models import State as InquiryState

    now = timezone.now()
    decisions = RoutingDecision.objects.all()
    assert decisions.count() >= 100
    assert decisions.values("organisation").distinct().count() >= 8
    assert not Inquiry.objects.filter(received_at__gt=now).exists()
    states = set(Inquiry.objects.values_list("state", flat=True))
    wanted = {"new", "assigned", "in_progress", "waiting", "answered", "rejected"}
    assert wanted <= states
    late = Inquiry.objects.filter(answered_on_time=False)
    assert late.exists() and Inquiry.objects.filter(answered_on_time=True).count() > late.count()
    published = Inquiry.objects.get(state=InquiryState.ANSWERED, answer_item__isnull=False, asker__username="nhabao")
    assert published.answer_item.type == ItemType.ANSWER and published.answer_item.current_version_id
    overdue = [i for i in Inquiry.objects.filter(state=InquiryState.ASSIGNED) if i.is_overdue()]
    assert overdue
    assert not list(verify())  # the story's steps kept the audit chain whole


def test_events_of_the_demo(seeded, client):
    now = timezone.now()
    assert Event.objects.filter(type=EventType.PRESS_CONFERENCE, ends_at__lt=now).exists()
    assert Event.objects.filter(type=EventType.PRESS_CONFERENCE, starts_at__gt=now).exists()
    forum = Event.objects.get(type=EventType.FORUM)
    assert forum.sessions.count() >= 3 and forum.speakers.exclude(session=None).count() >= 3
    postponed = Event.objects.get(status=EventStatus.POSTPONED)
    assert postponed.postponed_from is not None and postponed.starts_at > postponed.postponed_from
    assert Event.objects.get(status=EventStatus.CANCELLED).status_reason
    assert Event.objects.filter(visibility=Visibility.INVITED).exists()
    assert RoomBooking.objects.filter(session__isnull=False).exists()
    page = client.get("/su-kien/" + forum.slug + "/").content.decode()
    assert forum.title in page and "Phiên khai mạc" in page
    assert forum.title in client.get("/").content.decode()


def test_a_past_press_conference_has_its_record_and_media_kit(seeded, client):
    record = Item.objects.get(type=ItemType.EVENT_RECORD)
    assert record.current_version_id and record.attachments.filter(published=True).count() == 2
    event = record.outcome_of_events.get()
    assert "Báo Hà Nội Mới" in record.body and event.questions.filter(state="answered").count() == 2
    page = client.get(f"/su-kien/{event.slug}/").content.decode()
    assert "Nội dung đã công bố" in page and record.verification_code in page
    assert f"/su-kien/{event.slug}/tai-lieu-hinh-anh.zip" in page and "Toàn cảnh buổi họp báo" in page


def test_the_photo_exhibition_of_the_demo(seeded, client):
    from presscenter.exhibitions.models import Exhibition, ExhibitionState, Score

    exhibition = Exhibition.objects.get()
    assert exhibition.state == ExhibitionState.PUBLISHED
    assert exhibition.closes_at < timezone.now()
    assert Score.objects.filter(entry__exhibition=exhibition).count() >= 3 * 4
    selected = exhibition.entries.filter(status="selected").order_by("position")
    assert selected.count() >= 3 and all(entry.exif.get("camera") for entry in selected)
    page = client.get(f"/trien-lam/{exhibition.event.slug}/").content.decode()
    assert selected[0].caption in page


def test_the_press_at_the_demo_events(seeded, client):
    from presscenter.events.models import EventQuestion, Invitation, Registration, Ticket

    mine = Registration.objects.filter(journalist__username="nhabao", status="approved").select_related("event").get()
    assert Ticket.objects.filter(registration=mine).count() == 1 + mine.crew.count()
    assert Registration.objects.filter(event=mine.event).count() == 5
    states = set(EventQuestion.objects.filter(event=mine.event).values_list("state", flat=True))
    assert {"submitted", "approved", "answered", "merged", "rejected"} <= states
    assert Invitation.objects.filter(journalist__username="nhabao", event__visibility="invited").exists()
    client.force_login(mine.journalist)
    assert "Đăng ký của bạn" in client.get(f"/su-kien/{mine.event.slug}/").content.decode()
