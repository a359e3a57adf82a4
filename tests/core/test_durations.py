"""Time left in the active language ("còn 19 giờ 36 phút", not "còn 19 hours, 36 minutes")."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from presscenter.core.templatetags.durations import time_left
from tests.delivery.conftest import journalist

NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("delta", "vietnamese", "english"),
    [
        (dt.timedelta(hours=19, minutes=36, seconds=20), "19 giờ 36 phút", "19 hours, 36 minutes"),
        (dt.timedelta(days=2, hours=3, minutes=5), "2 ngày 3 giờ", "2 days, 3 hours"),
        (dt.timedelta(days=1, minutes=5), "1 ngày", "1 day"),
        (dt.timedelta(hours=1), "1 giờ", "1 hour"),
        (dt.timedelta(minutes=5, seconds=59), "5 phút", "5 minutes"),
        (dt.timedelta(seconds=30), "0 phút", "0 minutes"),
        (-dt.timedelta(hours=1), "0 phút", "0 minutes"),
    ],
)
def test_time_left_in_both_languages(delta, vietnamese, english):
    with translation.override("vi"):
        assert time_left(NOW + delta, NOW) == vietnamese
    with translation.override("en"):
        assert time_left(NOW + delta, NOW) == english


def test_the_embargo_inbox_counts_down_in_vietnamese(client, newsroom):
    newsroom.publish(
        title="Tin cấm đăng", embargo_until=timezone.now() + dt.timedelta(hours=19, minutes=36, seconds=30)
    )
    client.force_login(journalist())
    body = client.get(reverse("live:embargo_inbox")).content.decode()
    assert "còn 19 giờ 36 phút" in body
    assert "19 hours" not in body and "36 minutes" not in body
