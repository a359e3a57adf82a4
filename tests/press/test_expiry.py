"""Expiry reminders go out once per card, over a real SMTP connection; lapsed cards stop accreditation."""

import datetime as dt
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest

from presscenter.press import domain
from presscenter.press.models import JournalistProfile
from presscenter.press.tasks import card_expiry_task
from tests.press.conftest import journalist

pytestmark = pytest.mark.django_db


def _subject(envelope) -> str:
    return str(make_header(decode_header(message_from_bytes(envelope.content)["Subject"])))


def test_reminder_sent_once_per_card(outlet, operator, smtp):
    soon = journalist(outlet, approved_by=operator)
    later = journalist(outlet, approved_by=operator)
    today = soon.press_card_expiry - dt.timedelta(days=20)
    JournalistProfile.objects.filter(pk=later.pk).update(press_card_expiry=today + dt.timedelta(days=90))

    assert domain.send_expiry_reminders(today) == 1
    assert domain.send_expiry_reminders(today + dt.timedelta(days=1)) == 0

    assert len(smtp.messages) == 1
    envelope = smtp.messages[0]
    assert envelope.rcpt_tos == [soon.user.email]
    assert _subject(envelope) == "Thẻ nhà báo của bạn sắp hết hạn"
    body = message_from_bytes(envelope.content).get_payload(decode=True).decode()
    assert soon.press_card_number in body
    assert soon.press_card_expiry.strftime("%d/%m/%Y") in body
    soon.refresh_from_db()
    assert soon.expiry_reminder_sent_on == today


def test_reminder_after_a_failed_send_is_retried(outlet, operator, settings, smtp):
    profile = journalist(outlet, approved_by=operator)
    today = profile.press_card_expiry - dt.timedelta(days=5)
    real_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens on the discard port: the connection is refused
    assert domain.send_expiry_reminders(today) == 0
    profile.refresh_from_db()
    assert profile.expiry_reminder_sent_on is None
    settings.EMAIL_PORT = real_port
    assert domain.send_expiry_reminders(today) == 1
    assert len(smtp.messages) == 1


def test_periodic_task_runs_both_steps(outlet, operator, smtp):
    journalist(outlet, approved_by=operator, press_card_expiry=domain.today_local() + dt.timedelta(days=10))
    lapsed = journalist(outlet, approved_by=operator)
    JournalistProfile.objects.filter(pk=lapsed.pk).update(press_card_expiry=domain.today_local() - dt.timedelta(days=1))

    result = card_expiry_task.enqueue().return_value

    assert result == {"reminded": 1, "lapsed": 1}
    lapsed.user.refresh_from_db()
    assert lapsed.user.accredited is False
    assert len(smtp.messages) == 1
