"""Forms for account management and API tokens; the domain functions decide and write."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import access
from presscenter.accounts.models import Role
from presscenter.orgs.models import Organisation


class AccountForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    role = forms.ChoiceField(label=_("Vai trò"))
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan"),
        queryset=Organisation.objects.filter(active=True).order_by("name"),
        required=False,
        help_text=_("Bắt buộc với người phát ngôn và biên tập viên cơ quan."),
    )
    accredited = forms.BooleanField(label=_("Đã được cấp thẻ tác nghiệp (nhà báo)"), required=False)
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Để trống: người dùng chưa đăng nhập được cho đến khi được đặt mật khẩu."),
    )

    def __init__(self, *args: Any, actor: Any, account: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        roles = access.manageable_roles(actor)
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (value, label) for value, label in Role.choices if value in roles
        ]
        if account is None:
            del self.fields["is_active"]
        else:
            del self.fields["username"]
            del self.fields["password"]

    def domain_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên khóa"), max_length=100, help_text=_("Ví dụ: hệ thống quản lý văn bản của Sở."))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        help_text=_("Sáu chữ số trên ứng dụng xác thực, hoặc một mã khôi phục."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class ReauthForm(CodeForm):
    """Password and code again before a sensitive change."""

    password = forms.CharField(
        label=_("Mật khẩu"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    field_order = ["password", "code"]
