import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from presscenter.audit.models import AuditEntry
from presscenter.delivery import dispatch as dispatcher
from presscenter.delivery import fanout
from presscenter.delivery.domain import resend
from presscenter.delivery.embargo import lift_due_embargoes
from presscenter.delivery.fanout import fan_out
from presscenter.delivery.models import Delivery, EventKind, OutboxEvent, Status
from presscenter.mail.digests import send_due_digests
from presscenter.mail.sender import message_id
from presscenter.press.models import Accreditation
from presscenter.releases import domain as releases
from presscenter.subscriptions import domain as subscriptions
from presscenter.subscriptions.models import Subscription
from tests import factories
from tests.delivery.conftest import journalist

pytestmark = pytest.mark.django_db


def header(message, name):
    """A decoded header; a long value is folded after the colon, which leaves a leading space."""
    value = message[name]
    return None if value is None else " ".join(str(value).split())


def subject(message):
    return header(message, "Subject")


def follow(user, newsroom, **fields):
    fields.setdefault("channels", ["email"])
    return subscriptions.create_subscription(user, organisations=[newsroom.org.pk], **fields)


def public_subscriber(newsroom, address="ban.doc@example.vn", language="vi"):
    subscriber = subscriptions.subscribe_by_email(address, language=language, organisations=[newsroom.org.pk])
    return subscriptions.confirm_email(subscriber.token)


def test_published_item_arrives_by_email_with_headers(newsroom, smtp, publish):
    reporter = journalist()
    follow(reporter, newsroom)
    item = publish()
    [message] = smtp.to(reporter.email)
    delivery = Delivery.objects.get(recipient=reporter)
    assert delivery.status == Status.SENT and delivery.sent_at is not None
    assert subject(message) == item.title
    assert header(message, "Message-ID") == message_id(delivery.key)
    assert header(message, "X-Presscenter-Delivery") == delivery.key
    assert header(message, "List-Unsubscribe") == f"<{subscriptions_unsubscribe(reporter)}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert item.verification_code in text and item.verification_code in html
    assert newsroom.org.name in text and item.lead in text
    assert item.get_absolute_url() in html


def test_public_subscriber_gets_one_click_unsubscribe_in_english(newsroom, smtp, publish):
    subscriber = public_subscriber(newsroom, language="en")
    publish(priority="urgent")
    [message] = [m for m in smtp.to(subscriber.email) if m["X-Presscenter-Delivery"]]
    assert header(message, "List-Unsubscribe") == f"<{subscriptions_unsubscribe(subscriber)}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert subject(message).startswith("[")  # urgent marker, translated by the lead's .po


def test_readers_sharing_one_prebuilt_message_each_get_their_own_headers_and_links(newsroom, smtp, publish):
    readers = [public_subscriber(newsroom, address=f"doc-gia-{n}@example.vn") for n in range(3)]
    reporters = [journalist() for _n in range(2)]
    for reporter in reporters:
        follow(reporter, newsroom)
    item = publish(priority="urgent")
    for address, reader in [(r.email, r) for r in readers + reporters]:
        [message] = smtp.to(address)
        delivery = Delivery.objects.get(target=address, item=item)
        assert header(message, "To") == address
        assert header(message, "Message-ID") == message_id(delivery.key)
        assert header(message, "X-Presscenter-Delivery") == delivery.key
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert item.verification_code in text and item.verification_code in html
        link = subscriptions_unsubscribe(reader)
        assert header(message, "List-Unsubscribe") == f"<{link}>"
        assert link in text and link in html
        # No stand-in left (they read __like_this__); the link's random token may itself hold "__".
        assert "__" not in (text + html).replace(link, "")
        others = [subscriptions_unsubscribe(r) for r in readers + reporters if r != reader]
        assert not any(other in text + html for other in others)


def test_live_notifications_are_sent_by_the_fan_out_itself(newsroom):
    from presscenter.live.models import Notification

    reporters = [journalist() for _n in range(3)]
    for reporter in reporters:
        follow(reporter, newsroom, channels=["live", "email"])
    item = newsroom.publish(priority="urgent")  # no commit in this test: fan out by hand
    fan_out(OutboxEvent.objects.get(item=item).pk)

    live = Delivery.objects.filter(item=item, channel="live")
    assert sorted(live.values_list("status", flat=True)) == [Status.SENT] * 3
    assert set(Notification.objects.filter(item=item).values_list("user_id", flat=True)) == {r.pk for r in reporters}
    assert Delivery.objects.filter(item=item, channel="email").count() == 3  # left to the email dispatcher


def subscriptions_unsubscribe(reader):
    from presscenter.subscriptions.emails import unsubscribe_url

    return unsubscribe_url(reader)


def test_urgent_subject_marker_in_vietnamese(newsroom, smtp, publish):
    reporter = journalist()
    follow(reporter, newsroom)
    item = publish(priority="flash")
    [message] = smtp.to(reporter.email)
    assert subject(message) == f"[HỎA TỐC] {item.title}"


def test_daily_digest_is_held_then_sent_as_one_email(newsroom, smtp, publish):
    reporter = journalist()
    follow(reporter, newsroom, cadence="daily", digest_hour=7)
    first = publish(title="Thông cáo thứ nhất")
    second = publish(title="Thông cáo thứ hai")
    held = list(Delivery.objects.filter(recipient=reporter))
    assert {d.status for d in held} == {Status.HELD} and all(d.digest for d in held)
    assert smtp.to(reporter.email) == []
    assert send_due_digests(now=held[0].due_at - dt.timedelta(seconds=1)) == 0
    assert send_due_digests(now=held[0].due_at + dt.timedelta(seconds=1)) == 1
    [message] = smtp.to(reporter.email)
    text = message.get_body(("plain",)).get_content()
    assert first.title in text and second.title in text
    assert set(Delivery.objects.filter(recipient=reporter).values_list("status", flat=True)) == {Status.SENT}
    assert header(message, "List-Unsubscribe") == f"<{subscriptions_unsubscribe(reporter)}>"
    assert subscriptions_unsubscribe(reporter) in text
    local_due = timezone.localtime(held[0].due_at)
    assert (local_due.hour, local_due.minute) == (7, 0)


def test_urgent_bypasses_digest_and_quiet_hours(newsroom, smtp, publish):
    reporter = journalist()
    reporter.journalist.quiet_hours_start = dt.time(0, 0)
    reporter.journalist.quiet_hours_end = dt.time(23, 59, 59)
    reporter.journalist.save()
    follow(reporter, newsroom, cadence="weekly")
    urgent = publish(priority="urgent", title="Cảnh báo mưa lớn")
    assert [subject(m) for m in smtp.to(reporter.email)] == [f"[KHẨN] {urgent.title}"]


def test_quiet_hours_hold_normal_items_until_they_end(newsroom, smtp, publish):
    reporter = journalist()
    reporter.journalist.quiet_hours_start = dt.time(0, 0)
    reporter.journalist.quiet_hours_end = dt.time(23, 59, 59)
    reporter.journalist.save()
    follow(reporter, newsroom)
    publish()
    delivery = Delivery.objects.get(recipient=reporter)
    assert delivery.status == Status.HELD and not delivery.digest and delivery.due_at > timezone.now()
    assert smtp.to(reporter.email) == []
    Delivery.objects.filter(pk=delivery.pk).update(due_at=timezone.now())  # the quiet hours are over
    dispatcher.dispatch()
    assert len(smtp.to(reporter.email)) == 1


def test_correction_reaches_everyone_who_received_v1_on_the_same_channel(newsroom, smtp, publish, after_commit):
    reporter = journalist()
    subscription = follow(reporter, newsroom)
    reader = public_subscriber(newsroom)
    item = publish()
    subscriptions.delete_subscription(reporter, subscription)  # history, not matching, reaches them
    releases.update_item(newsroom.editor, item, lead="Sáng 26/11 khởi công.", change_note="Sửa ngày khởi công.")
    releases.submit(newsroom.editor, item)
    after_commit(releases.approve, newsroom.spokesperson, item)
    for address in (reporter.email, reader.email):
        subjects = [subject(m) for m in smtp.to(address) if m["X-Presscenter-Delivery"]]
        assert subjects == [item.title, f"[ĐÍNH CHÍNH] {item.title}"]
    correction = Delivery.objects.get(recipient=reporter, kind=EventKind.CORRECTED)
    assert correction.version == 2 and correction.channel == "email"
    [message] = [m for m in smtp.to(reporter.email) if header(m, "X-Presscenter-Delivery") == correction.key]
    assert "Sửa ngày khởi công." in message.get_body(("plain",)).get_content()


def test_withdrawal_notice_with_reason(newsroom, smtp, publish, after_commit):
    reporter = journalist()
    follow(reporter, newsroom)
    item = publish()
    after_commit(releases.withdraw, newsroom.spokesperson, item, "Thông tin chưa được kiểm chứng.")
    subjects = [subject(m) for m in smtp.to(reporter.email)]
    assert subjects == [item.title, f"[THU HỒI] {item.title}"]
    notice = smtp.to(reporter.email)[1].get_body(("plain",)).get_content()
    assert "Thông tin chưa được kiểm chứng." in notice


def test_embargo_only_entitled_before_lift_public_at_lift(newsroom, smtp, publish, after_commit):
    reporter = journalist()
    follow(reporter, newsroom)
    applicant = factories.user("public")  # signed-in member of the public, email only
    follow(applicant, newsroom)
    reader = public_subscriber(newsroom)
    item = publish(embargo_until=timezone.now() + dt.timedelta(hours=1))
    assert len(smtp.to(reporter.email)) == 1
    assert smtp.to(applicant.email) == []
    assert [m for m in smtp.to(reader.email) if m["X-Presscenter-Delivery"]] == []
    assert lift_due_embargoes() == 0
    type(item).objects.filter(pk=item.pk).update(embargo_until=timezone.now() - dt.timedelta(seconds=1))
    assert after_commit(lift_due_embargoes) == 1
    assert after_commit(lift_due_embargoes) == 0
    assert OutboxEvent.objects.filter(item=item, kind=EventKind.EMBARGO_LIFTED).count() == 1
    assert len(smtp.to(reporter.email)) == 1  # nothing twice for the journalist
    assert len(smtp.to(applicant.email)) == 1
    assert len([m for m in smtp.to(reader.email) if m["X-Presscenter-Delivery"]]) == 1


def test_fan_out_and_dispatch_twice_send_once(newsroom, smtp, publish):
    reporter = journalist()
    follow(reporter, newsroom)
    item = publish()
    event = OutboxEvent.objects.get(item=item)
    assert fan_out(event.pk) == 0  # already processed
    # A crashed worker's run: the claim went stale and processed_at was never written.
    OutboxEvent.objects.filter(pk=event.pk).update(processed_at=None, claimed_at=timezone.now() - dt.timedelta(hours=1))
    fan_out(event.pk)  # every key already exists: nothing is inserted twice
    assert OutboxEvent.objects.get(pk=event.pk).processed_at is not None
    assert dispatcher.dispatch() == 0
    assert Delivery.objects.filter(item=item).count() == 1
    assert len(smtp.to(reporter.email)) == 1


def test_refused_recipient_is_dead_and_failing_server_is_retried_with_backoff(newsroom, smtp, publish, settings):
    bounced, delayed = journalist(), journalist()
    follow(bounced, newsroom)
    follow(delayed, newsroom)
    smtp.refuse.add(bounced.email)
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens: connection refused, a temporary failure
    item = publish()
    failed = Delivery.objects.get(recipient=delayed)
    assert failed.status == Status.FAILED and failed.attempts == 1
    assert failed.due_at >= timezone.now() + dt.timedelta(seconds=25)
    assert dispatcher.dispatch() == 0  # not due yet
    settings.EMAIL_PORT = working_port
    Delivery.objects.filter(item=item).update(due_at=timezone.now())
    assert dispatcher.dispatch() == 1
    assert Delivery.objects.get(recipient=delayed).status == Status.SENT
    dead = Delivery.objects.get(recipient=bounced)
    assert dead.status == Status.DEAD and "refused" in dead.last_error
    assert smtp.to(bounced.email) == [] and len(smtp.to(delayed.email)) == 1


def test_backoff_grows_and_ends_dead():
    assert [dispatcher.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]


def test_revoked_journalist_gets_nothing(newsroom, smtp, publish, after_commit):
    revoked, suspended_later = journalist(), journalist()
    follow(revoked, newsroom)
    follow(suspended_later, newsroom, cadence="daily")
    revoked.journalist.status = Accreditation.REVOKED
    revoked.journalist.save()
    type(revoked).objects.filter(pk=revoked.pk).update(accredited=False)
    publish()
    assert not Delivery.objects.filter(recipient=revoked).exists()
    held = Delivery.objects.get(recipient=suspended_later)
    suspended_later.journalist.status = Accreditation.SUSPENDED
    suspended_later.journalist.save()
    Delivery.objects.filter(pk=held.pk).update(digest=False, due_at=timezone.now())
    dispatcher.dispatch()
    assert Delivery.objects.get(pk=held.pk).status == Status.CANCELLED
    assert smtp.to(revoked.email) == [] and smtp.to(suspended_later.email) == []


def test_health_screen_for_staff_with_resend(client, newsroom, smtp, publish, django_assert_max_num_queries):
    reporters = [journalist() for _ in range(3)]
    for reporter in reporters:
        follow(reporter, newsroom)
        smtp.refuse.add(reporter.email)
    publish()
    client.force_login(newsroom.operator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("delivery:health"))
    assert page.status_code == 200
    assert page.content.decode().count(reverse("delivery:resend", args=[Delivery.objects.first().pk])) == 1
    smtp.refuse.clear()
    dead = Delivery.objects.filter(status=Status.DEAD).first()
    response = client.post(reverse("delivery:resend", args=[dead.pk]))
    assert response.status_code == 302
    assert Delivery.objects.get(pk=dead.pk).status in (Status.PENDING, Status.SENT)


def test_health_screen_refuses_journalists_and_resend_needs_staff(client, newsroom):
    reporter = journalist()
    client.force_login(reporter)
    assert client.get(reverse("delivery:health")).status_code == 403
    assert client.post(reverse("delivery:resend", args=[1])).status_code == 403


def test_resend_of_pending_delivery_is_refused(newsroom, publish):
    from presscenter.core.errors import DomainError

    reporter = journalist()
    follow(reporter, newsroom, cadence="daily")
    publish()
    with pytest.raises(DomainError):
        resend(newsroom.operator, Delivery.objects.get(recipient=reporter))


def test_my_delivery_log(client, newsroom, smtp, publish, django_assert_max_num_queries):
    reporter, other = journalist(), journalist()
    follow(reporter, newsroom)
    follow(other, newsroom)
    for n in range(3):
        publish(title=f"Thông cáo số {n}")
    client.force_login(reporter)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("delivery:mine"))
    assert page.status_code == 200
    assert page.content.decode().count("Thông cáo số") == 3


def test_an_immediate_plan_in_a_later_chunk_sends_at_once_what_an_earlier_chunk_held(
    newsroom, smtp, publish, monkeypatch
):
    """Two subscriptions reach one address: the daily digest's chunk is inserted first, HELD;
    the immediate one, in the next chunk, moves that row to now and must wake the dispatcher."""
    monkeypatch.setattr(fanout, "FIRST_CHUNK", 1)
    monkeypatch.setattr(fanout, "CHUNK", 1)
    reporter = journalist()
    follow(reporter, newsroom, cadence="daily", digest_hour=7)
    follow(reporter, newsroom, cadence="immediate")
    item = publish(title="Thông cáo về lịch cắt điện")
    [message] = smtp.to(reporter.email)
    assert subject(message) == item.title
    assert Delivery.objects.get(recipient=reporter).status == Status.SENT


def test_health_screen_names_channels_and_explains_percentiles(client, newsroom, smtp, publish):
    follow(journalist(), newsroom)
    publish()
    client.force_login(newsroom.operator)
    body = client.get(reverse("delivery:health")).content.decode()
    assert '<th scope="row">Thư điện tử</th>' in body
    assert '<th scope="row">email</th>' not in body
    assert "Trung vị" in body and "95% trong vòng" in body
    assert "một nửa số lần gửi xong nhanh hơn mức này" in body


def test_journalist_unsubscribes_from_an_alert_email_with_one_click(client, settings, newsroom, smtp, publish):
    """RFC 2369 + RFC 8058 end to end: the link arrives over SMTP, works without a login, and
    stops email (other channels stay; what was held for a digest is cancelled)."""
    settings.SITE_URL = "https://baochi.example.vn"
    reporter = journalist()
    digest = follow(reporter, newsroom, cadence="daily")
    publish(title="Lịch tiếp công dân")  # held for tomorrow's digest
    alerts = follow(reporter, newsroom, channels=["email", "live"])
    publish(title="Thông báo phân luồng giao thông")
    [message] = smtp.to(reporter.email)
    link = header(message, "List-Unsubscribe")[1:-1]
    assert link.startswith("https://baochi.example.vn/") and link in message.get_body(("plain",)).get_content()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = urlsplit(link).path

    page = client.get(path)  # a mail scanner or a person: a confirmation page, nothing changes
    assert page.status_code == 200 and reporter.email in page.content.decode()
    assert Subscription.objects.get(pk=alerts.pk).channels == ["email", "live"]
    answer = client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200 and "Đã ngừng gửi tin qua thư điện tử" in answer.content.decode()

    alerts.refresh_from_db()
    digest.refresh_from_db()
    assert (alerts.channels, alerts.active) == (["live"], True)
    assert (digest.channels, digest.active) == ([], False)  # nothing left to send it by: paused
    assert set(Delivery.objects.filter(recipient=reporter, digest=True).values_list("status", flat=True)) == {
        Status.CANCELLED
    }
    assert AuditEntry.objects.filter(action="subscription.stop_email", actor=reporter).count() == 2
    item = publish(title="Thông báo thứ hai")
    assert len(smtp.to(reporter.email)) == 1
    assert Delivery.objects.filter(recipient=reporter, item=item, channel="live").exists()


def test_a_forged_unsubscribe_token_changes_nothing(client, newsroom):
    reporter = journalist()
    follow(reporter, newsroom)
    forged = subscriptions_unsubscribe(reporter).rsplit(":", 1)[0] + ":forged/"
    assert client.post(urlsplit(forged).path).status_code == 404
    assert Subscription.objects.get(owner=reporter).channels == ["email"]
