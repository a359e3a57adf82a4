from django import forms
from django.utils.translation import gettext_lazy as _


class KeyForm(forms.Form):
    name = forms.CharField(
        label=_("Tên ứng dụng"), max_length=100, help_text=_("Ví dụ: ứng dụng phản ánh hiện trường của thành phố.")
    )
    contact = forms.CharField(
        label=_("Đơn vị, người liên hệ"),
        max_length=200,
        required=False,
        help_text=_("Ai vận hành ứng dụng, để Trung tâm liên hệ khi cần."),
    )
