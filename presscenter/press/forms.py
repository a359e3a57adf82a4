"""Forms of the press screens. They only clean input; press.domain decides and writes."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.core.forms import (
    SearchableSelectMultiple,
    VietnameseDateField,
    VietnameseTimeInput,
    add_domain_error,
)
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.press import applicant
from presscenter.press.domain import OUTLET_FIELDS
from presscenter.press.images import checked_header, checked_image
from presscenter.press.models import Accreditation, Outlet
from presscenter.releases.models import Language, Topic
from presscenter.subscriptions.models import Channel


class SignupForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    email = forms.EmailField(label=_("Thư điện tử (dùng để đăng nhập)"))
    phone = forms.CharField(
        label=_("Điện thoại"), max_length=40, required=False, help_text=_("Ví dụ 0912 345 678 hoặc +84 912 345 678.")
    )
    identity_number = forms.CharField(label=_("Số căn cước công dân"), max_length=20, help_text=_("12 chữ số."))
    outlet = forms.ModelChoiceField(
        label=_("Cơ quan báo chí"),
        queryset=Outlet.objects.filter(active=True).order_by("name"),
        empty_label=_("— Chọn cơ quan báo chí —"),
    )
    press_card_number = forms.CharField(
        label=_("Số thẻ nhà báo"), max_length=50, help_text=_("Ghi như trên thẻ, ví dụ HN-00123.")
    )
    press_card_expiry = VietnameseDateField(label=_("Thẻ hết hạn ngày"))
    photo = forms.FileField(
        label=_("Ảnh chân dung"), help_text=_("Ảnh JPEG, PNG, WebP hoặc GIF, tối đa 5 MB."), required=False
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 10 ký tự."),
    )
    password_again = forms.CharField(
        label=_("Nhập lại mật khẩu"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        """Every problem at once: the form's own, then the application's rules (press.applicant)
        on the fields that passed, and the photo's header. The photo is decoded only when
        nothing else is wrong: an anonymous form must not buy a decode with a typo. The
        re-encoded copy replaces the upload, so sign_up does not decode the original again."""
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("Hai mật khẩu không khớp."))
        values, problems = applicant.checked(cleaned, only=set(cleaned) - set(self.errors))
        cleaned.update(values)
        for problem in problems:
            add_domain_error(self, problem)
        photo = cleaned.get("photo")
        if photo is not None:
            try:
                checked_header(photo, photo.name, field="photo")
                if not self.errors:
                    cleaned["photo"] = checked_image(photo, photo.name, field="photo")
            except DomainError as error:
                add_domain_error(self, error)
        return cleaned

    def domain_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.fields if name not in ("photo", "password_again")}
        photo = self.cleaned_data.get("photo")
        data["photo"] = photo
        data["photo_name"] = getattr(photo, "name", "")
        return data


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả")), *list(Accreditation.choices)], required=False
    )
    outlet = forms.ModelChoiceField(
        label=_("Cơ quan báo chí"), queryset=Outlet.objects.order_by("name"), required=False, empty_label=_("Tất cả")
    )
    q = forms.CharField(label=_("Tìm theo tên, thư điện tử, số thẻ"), max_length=100, required=False)


class OutletForm(forms.ModelForm):
    website = forms.URLField(label=_("Trang thông tin"), required=False, assume_scheme="https")
    logo_upload = forms.FileField(
        label=_("Biểu trưng"), help_text=_("Ảnh JPEG, PNG, WebP hoặc GIF, tối đa 5 MB."), required=False
    )

    class Meta:
        model = Outlet
        fields = OUTLET_FIELDS

    def domain_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in OUTLET_FIELDS}
        logo = self.cleaned_data.get("logo_upload")
        data["logo"] = logo
        data["logo_name"] = getattr(logo, "name", "")
        return data


class ProfileForm(forms.Form):
    beats = forms.ModelMultipleChoiceField(
        label=_("Lĩnh vực theo dõi"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=SearchableSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Địa bàn theo dõi (phường, xã)"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=SearchableSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Ngôn ngữ"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    preferred_channels = forms.MultipleChoiceField(
        label=_("Kênh nhận tin ưa thích"), choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    quiet_hours_start = forms.TimeField(
        label=_("Giờ yên tĩnh: bắt đầu"), required=False, widget=VietnameseTimeInput, help_text=_("Giờ Việt Nam.")
    )
    quiet_hours_end = forms.TimeField(
        label=_("Giờ yên tĩnh: kết thúc"),
        required=False,
        widget=VietnameseTimeInput,
        help_text=_("Trong giờ yên tĩnh chỉ tin hỏa tốc và khẩn được gửi ngay; tin khác gửi khi hết giờ."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        areas = Organisation.objects.filter(kind__in=AREA_KINDS, active=True).order_by("name")
        cast(forms.ModelMultipleChoiceField, self.fields["areas"]).queryset = areas


class CardForm(forms.Form):
    press_card_number = forms.CharField(label=_("Số thẻ nhà báo mới"), max_length=50)
    press_card_expiry = VietnameseDateField(label=_("Thẻ mới hết hạn ngày"))
