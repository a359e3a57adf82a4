"""Dates and times are typed and shown as in Vietnam (dd/mm/yyyy, 24-hour clock, Vietnam's time),
whatever the browser's locale or the active time zone; ISO forms are still read."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import timezone

from presscenter.core.forms import VietnameseDateField, VietnameseDateTimeField

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CHRISTMAS_AFTERNOON = dt.datetime(2026, 12, 25, 14, 30, tzinfo=VIETNAM)


@pytest.mark.parametrize("typed", ["25/12/2026 14:30", "25/12/2026  14:30 ", "2026-12-25T14:30", "2026-12-25 14:30"])
@pytest.mark.parametrize("active_zone", ["Asia/Ho_Chi_Minh", "UTC", "America/New_York"])
def test_a_time_is_read_as_vietnam_time(typed, active_zone):
    with timezone.override(active_zone):
        assert VietnameseDateTimeField().clean(typed) == CHRISTMAS_AFTERNOON


def test_a_time_with_its_own_offset_keeps_it():
    assert VietnameseDateTimeField().clean("2026-12-25T07:30+00:00") == CHRISTMAS_AFTERNOON


@pytest.mark.parametrize(
    "typed", ["12/25/2026 14:30", "25/12/2026 2:30 PM", "31/02/2026 10:00", "ngày mai", "25/12/2026 24:30"]
)
def test_garbage_and_american_dates_are_refused_in_vietnamese(typed):
    with pytest.raises(forms.ValidationError) as refused:
        VietnameseDateTimeField().clean(typed)
    assert "ngày/tháng/năm giờ:phút" in refused.value.messages[0]


def test_a_stored_time_is_shown_in_vietnam_as_dd_mm_yyyy_24_hour():
    field = VietnameseDateTimeField()
    stored = CHRISTMAS_AFTERNOON.astimezone(dt.UTC)
    with timezone.override("UTC"):
        html = field.widget.render("publish_at", field.prepare_value(stored))
    assert 'value="25/12/2026 14:30"' in html
    assert 'type="text"' in html and "data-datetime" in html  # not the browser's datetime-local


def test_a_date_reads_both_forms_and_refuses_garbage():
    field = VietnameseDateField()
    assert field.clean("03/02/2026") == dt.date(2026, 2, 3)
    assert field.clean("2026-02-03") == dt.date(2026, 2, 3)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("02/31/2026")
    assert "ngày/tháng/năm" in refused.value.messages[0]
    assert 'value="03/02/2026"' in field.widget.render("since", dt.date(2026, 2, 3))
