"""The form for a configured day (make-up working day or extra day off)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.core.forms import VietnameseDateField
from presscenter.workdays.domain import NAME_MAX, NOTE_MAX
from presscenter.workdays.models import DayKind


class DayExceptionForm(forms.Form):
    date = VietnameseDateField(label=_("Ngày"))
    kind = forms.ChoiceField(
        label=_("Loại ngày"), choices=DayKind.choices, widget=forms.RadioSelect, initial=DayKind.DAY_OFF
    )
    name = forms.CharField(
        label=_("Tên"),
        max_length=NAME_MAX,
        help_text=_("Ví dụ: “Nghỉ bù Tết Dương lịch” hoặc “Làm bù cho ngày 02/01”."),
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Văn bản công bố (số, ngày), ví dụ “Thông báo số .../TB-BNV”."),
    )
