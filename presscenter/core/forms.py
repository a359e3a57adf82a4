"""What every screen's forms share: domain errors on a form, Vietnamese date and time fields, and
the searchable multi-select."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# Shown and typed as in Vietnam (dd/mm/yyyy, 24-hour clock). ISO forms are still read, so a
# browser's own date input, an older bookmark or a script posting ISO keeps working.
DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
DATE_INPUT_FORMATS = [DATE_FORMAT, "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    DATETIME_FORMAT, "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %Hh%M", "%d-%m-%Y %H:%M",
    "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S",
]  # fmt: skip


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a domain function's refusal on the form: next to its field when the form has that
    field, otherwise at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


class VietnameseDateInput(forms.DateInput):
    """A text box showing dd/mm/yyyy; choosing.js's date picker enhances it (data-date)."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        defaults = {"data-date": "", "placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})}, format=DATE_FORMAT)


class VietnameseDateTimeInput(forms.DateTimeInput):
    """A text box showing dd/mm/yyyy HH:MM in Vietnam's time; enhanced by the date picker
    (data-datetime). Not the browser's datetime-local, whose display follows the browser's locale."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        defaults = {
            "data-datetime": "", "placeholder": "dd/mm/yyyy hh:mm", "inputmode": "numeric", "autocomplete": "off",
        }  # fmt: skip
        super().__init__({**defaults, **(attrs or {})}, format=DATETIME_FORMAT)

    def format_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            value = value.astimezone(VIETNAM)
        return super().format_value(value)


class VietnameseTimeInput(forms.TimeInput):
    """HH:MM on the 24-hour clock (data-time), not the browser's time input, which may show AM/PM."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        defaults = {"data-time": "", "placeholder": "hh:mm", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})}, format="%H:%M")


class VietnameseDateField(forms.DateField):
    widget = VietnameseDateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 25/12/2026.")}


class VietnameseDateTimeField(forms.DateTimeField):
    """Reads dd/mm/yyyy HH:MM (24-hour) as a time in Vietnam, whatever the active time zone."""

    widget = VietnameseDateTimeInput
    input_formats = DATETIME_INPUT_FORMATS
    default_error_messages = {
        "invalid": _(
            "Ngày giờ không hợp lệ: hãy nhập theo dạng ngày/tháng/năm giờ:phút (24 giờ), ví dụ 25/12/2026 14:30."
        )
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return value.astimezone(VIETNAM)
        return value

    def to_python(self, value: Any) -> dt.datetime | None:
        if isinstance(value, str):
            value = " ".join(value.split())  # a picker or a paste may leave double spaces
        with timezone.override(VIETNAM):  # a time without an offset is Vietnam's
            return super().to_python(value)


class SearchableSelectMultiple(forms.SelectMultiple):
    """A plain <select multiple> that choosing.js turns into a searchable picker (Tom Select) when
    scripts run; without them the list still works (Ctrl/Cmd-click chooses several)."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__({"data-choose": "", "size": 6, **(attrs or {})})
