"""The embargo label's countdown (portal/static/presscenter/countdown.js) in a real browser."""

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import Newsroom
from tests.live.conftest import journalist

pytestmark = pytest.mark.browser


def test_countdown_shows_the_time_left_in_the_page_language(
    transactional_db: Any, live_server: Any, context: Any, page: Any, login: Any, visit: Any
) -> None:
    newsroom = Newsroom()
    now = timezone.now()
    newsroom.publish(title="Tin lâu", embargo_until=now + dt.timedelta(days=1, hours=3))
    newsroom.publish(title="Tin vài giờ", embargo_until=now + dt.timedelta(hours=2, minutes=5, seconds=30))
    newsroom.publish(title="Tin sắp hết cấm đăng", embargo_until=now + dt.timedelta(minutes=7, seconds=30))
    login(journalist())
    visit(reverse("portal:latest"))
    countdowns = page.locator("[data-embargo-countdown]")
    # Newest published first; minutes round up, so a few seconds of test run change nothing.
    expect(countdowns).to_have_text(
        [re.compile(r"^còn 8 phút$"), re.compile(r"^còn 2 giờ 06 phút$"), re.compile(r"^còn 1 ngày 3 giờ$")]
    )
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    visit(reverse("portal:latest"))
    expect(countdowns).to_have_text(
        [re.compile(r"^8 min left$"), re.compile(r"^2 h 06 min left$"), re.compile(r"^1 d 3 h left$")]
    )
