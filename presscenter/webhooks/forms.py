"""Forms for webhooks; the domain functions check the address and write."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WebhookForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=100, help_text=_("Ví dụ: Hệ thống biên tập của tòa soạn"))
    url = forms.CharField(
        label=_("Địa chỉ nhận (URL)"),
        max_length=500,
        widget=forms.URLInput,
        help_text=_("Địa chỉ https:// của hệ thống nhận tin; không chấp nhận địa chỉ mạng nội bộ."),
    )
