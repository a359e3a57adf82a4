"""Forms of the public side: a citizen's feedback, a journalist's question, the human check, the
status page's actions and the look-up by code. They only clean input; the domain decides."""

import json
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.core.forms import add_domain_error
from presscenter.inquiries import human_check, uploads
from presscenter.inquiries.domain import MAX_REASON, MAX_TEXT
from presscenter.inquiries.models import Audience, Category, Kind
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.press.applicant import phone_number
from presscenter.releases.models import Topic
from presscenter.text.redact import EMAIL_RE

# Vietnam with its islands (Hoàng Sa, Trường Sa), WGS 84.
LATITUDE = (Decimal("6.0"), Decimal("23.5"))
LONGITUDE = (Decimal("102.0"), Decimal("117.9"))
SUBJECT_MAX = 300
CONTACT_MAX = 200


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by uploads when the form is cleaned."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class HumanCheckMixin(forms.Form):
    """The self-hosted human check and a honeypot, for visitors who are not signed in. The
    template renders them (inquiries/public/_human_check.html): a re-shown form always carries a
    fresh question, or the "passed" token once the question was answered."""

    human_token = forms.CharField(required=False, widget=forms.HiddenInput)
    human_answer = forms.CharField(label=_("Câu hỏi kiểm tra"), required=False, max_length=20)
    # Never shown to people (hidden by the stylesheet, out of the tab order); robots fill it.
    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)

    @property
    def main_fields(self) -> list[Any]:
        """The visible fields other than the human check (which its own template shows)."""
        return [field for field in self.visible_fields() if field.name not in ("human_answer", "website")]

    def setup_human_check(self, signed_in: bool) -> None:
        self.needs_human_check = not signed_in
        self.human_passed_token = ""
        self.challenge: human_check.Challenge | None = None
        if not self.needs_human_check:
            for name in ("human_token", "human_answer", "website"):
                del self.fields[name]

    def clean_human_check(self) -> None:
        if not self.needs_human_check:
            return
        data = self.cleaned_data
        if data.get("website"):
            self.add_error(None, _("Không gửi được biểu mẫu. Hãy tải lại trang và thử lại."))
            return
        token = data.get("human_token") or ""
        if human_check.is_passed(token):
            self.human_passed_token = token
            return
        problem = human_check.check(token, data.get("human_answer") or "")
        if problem is not None:
            self.add_error("human_answer", str(problem))
        else:
            self.human_passed_token = human_check.passed_token()

    def spend_human_check(self) -> bool:
        """Spend the passed token as the form is saved: it works once."""
        return not self.needs_human_check or human_check.spend_passed(self.human_passed_token)

    def human_context(self) -> dict[str, Any]:
        """What _human_check.html shows: the passed token, or a new question."""
        if not self.needs_human_check:
            return {"needed": False}
        if self.human_passed_token:
            return {"needed": True, "passed": self.human_passed_token}
        self.challenge = human_check.issue()
        return {"needed": True, "question": self.challenge.question, "token": self.challenge.token}


class CoordinateField(forms.DecimalField):
    """Degrees as typed or as the browser's geolocation gives them, kept to six decimals (about
    11 cm); the form checks they fall in Vietnam."""

    default_error_messages = {"invalid": _("Hãy nhập một số, ví dụ 21.028511 (dùng dấu chấm thập phân).")}

    def __init__(self, *, placeholder: str, **kwargs: Any):
        attrs = {"inputmode": "decimal", "autocomplete": "off", "placeholder": placeholder}
        super().__init__(required=False, widget=forms.TextInput(attrs=attrs), **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
            if len(value) > 30:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        number = super().to_python(value)
        if number is not None and not number.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if number is None or abs(number) >= 1000:  # far outside any map: refused by the form as such
            return number
        return number.quantize(Decimal("0.000001"))


def _coordinate(value: Decimal | None, bounds: tuple[Decimal, Decimal]) -> bool:
    return value is None or bounds[0] <= value <= bounds[1]


class AskingForm(HumanCheckMixin):
    subject = forms.CharField(
        label=_("Tiêu đề"),
        max_length=SUBJECT_MAX,
        help_text=_("Một câu ngắn nói rõ vấn đề."),
        error_messages={"max_length": _("Tiêu đề quá dài: tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d).")},
    )
    text = forms.CharField(
        label=_("Nội dung"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages={
            "max_length": _("Nội dung quá dài: tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d).")
        },
    )
    publish_allowed = forms.BooleanField(
        label=_("Tôi đồng ý để câu trả lời được công khai trên Cổng thông tin"),
        required=False,
        help_text=_(
            "Chỉ công khai câu hỏi và câu trả lời; họ tên, thư điện tử, số điện thoại của bạn không bao giờ được công khai."
        ),
    )
    # The code of a similar open question the asker chose to follow instead ("" = ask apart).
    join = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    press = False
    checked_files: list[uploads.Checked]

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.checked_files = []
        self.setup_human_check(signed_in)
        # Similar open questions as the subject is typed (htmx; the preview button does the same without scripts).
        self.fields["subject"].widget.attrs.update({
            "hx-get": reverse("inquiries_public:similar"),
            "hx-trigger": "input changed delay:700ms",
            "hx-target": "#similar-box",
            "hx-include": "[name=text], [name=join]",
            "hx-vals": json.dumps({"bao-chi": "1" if self.press else "0"}),
            "hx-sync": "this:replace",
        })  # fmt: skip

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_human_check()
        return cleaned

    def contact_key(self) -> str:
        return ""

    def domain_fields(self) -> dict[str, Any]:
        raise NotImplementedError


class FeedbackForm(AskingForm):
    """Phản ánh, kiến nghị: open to everyone, signed in or not."""

    kind = forms.ChoiceField(
        label=_("Bạn muốn gửi"),
        choices=[(Kind.FEEDBACK, _("Phản ánh (một sự việc, vấn đề cần xử lý)")),
                 (Kind.PETITION, _("Kiến nghị (đề xuất với cơ quan nhà nước)"))],
        initial=Kind.FEEDBACK,
        widget=forms.RadioSelect,
    )  # fmt: skip
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Category.objects.none(), empty_label=_("— Chọn lĩnh vực —")
    )
    area = forms.ModelChoiceField(
        label=_("Phường, xã"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Chọn phường, xã —"),
        widget=forms.Select(attrs={"data-choose": ""}),
        help_text=_("Gõ tên để tìm."),
    )
    location = forms.CharField(
        label=_("Địa chỉ, vị trí cụ thể"),
        max_length=300,
        required=False,
        help_text=_("Số nhà, tên đường, ngõ, điểm mốc gần đó."),
    )
    latitude = CoordinateField(label=_("Vĩ độ"), placeholder="21.028511")
    longitude = CoordinateField(label=_("Kinh độ"), placeholder="105.854167")
    attachments = MultipleFileField(
        label=_("Ảnh, tài liệu kèm theo"),
        required=False,
        help_text=_("Ảnh JPEG, PNG, WebP, GIF hoặc tài liệu PDF, Word, Excel; nhiều nhất 5 tệp, mỗi tệp tối đa 10 MB."),
    )
    asker_name = forms.CharField(label=_("Họ và tên"), max_length=CONTACT_MAX)
    asker_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        max_length=CONTACT_MAX,
        help_text=_("Để nhận câu trả lời."),
        error_messages={"invalid": _("Thư điện tử không hợp lệ, ví dụ an.nguyen@example.vn.")},
    )
    asker_phone = forms.CharField(
        label=_("Điện thoại"), required=False, max_length=40, help_text=_("Ví dụ 0912 345 678.")
    )
    asker_address = forms.CharField(label=_("Địa chỉ liên hệ"), required=False, max_length=300)

    field_order = [
        "kind", "category", "subject", "text", "area", "location", "latitude", "longitude", "attachments",
        "asker_name", "asker_email", "asker_phone", "asker_address", "publish_allowed",
    ]  # fmt: skip

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any):
        super().__init__(*args, signed_in=signed_in, **kwargs)
        categories = Category.objects.filter(active=True, audience__in=[Audience.PUBLIC, Audience.BOTH])
        category = cast(forms.ModelChoiceField, self.fields["category"])
        category.queryset = categories
        category.required = categories.exists()
        areas = Organisation.objects.filter(kind__in=AREA_KINDS, active=True).order_by("name")
        cast(forms.ModelChoiceField, self.fields["area"]).queryset = areas
        if signed_in:  # the account's name and contact are used
            for name in ("asker_name", "asker_email", "asker_phone", "asker_address"):
                del self.fields[name]

    def clean_asker_phone(self) -> str:
        try:
            return phone_number(self.cleaned_data.get("asker_phone"))
        except DomainError as error:
            raise forms.ValidationError(str(error.message)) from None

    def clean_asker_name(self) -> str:
        name = " ".join((self.cleaned_data.get("asker_name") or "").split())
        if not name:
            raise forms.ValidationError(_("Hãy cho biết họ và tên."))
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and "latitude" not in self.errors:
            self.add_error("latitude", _("Hãy nhập cả vĩ độ và kinh độ, hoặc để trống cả hai."))
        if not _coordinate(latitude, LATITUDE):
            self.add_error("latitude", _("Vĩ độ phải nằm trong lãnh thổ Việt Nam (từ 6 đến 23,5)."))
        if not _coordinate(longitude, LONGITUDE):
            self.add_error("longitude", _("Kinh độ phải nằm trong lãnh thổ Việt Nam (từ 102 đến 117,9)."))
        category = cleaned.get("category")
        has_place = cleaned.get("area") or (cleaned.get("location") or "").strip() or latitude is not None
        if category is not None and category.needs_location and not has_place:
            self.add_error(
                "area",
                _("Lĩnh vực “%(category)s” cần địa điểm: hãy chọn phường, xã hoặc ghi địa chỉ cụ thể.")
                % {"category": category.display_name},
            )
        contact_missing = not (cleaned.get("asker_email") or cleaned.get("asker_phone"))
        contact_typed_wrong = "asker_email" in self.errors or "asker_phone" in self.errors
        if "asker_name" in self.fields and contact_missing and not contact_typed_wrong:
            self.add_error("asker_email", _("Hãy để lại thư điện tử hoặc số điện thoại để nhận trả lời."))
        self._clean_files(cleaned.get("attachments") or [])
        return cleaned

    def _clean_files(self, files: list[Any]) -> None:
        """Headers and sizes always (cheap); a full decode only when nothing else is wrong: an
        anonymous form must not buy a decode with a typo."""
        try:
            uploads.check_count(files)
            for upload in files:
                uploads.check_header(upload)
            if not self.errors:
                self.checked_files = uploads.checked_all(files)
        except DomainError as error:
            add_domain_error(self, error)

    def contact_key(self) -> str:
        """The contact the per-contact rate limit counts (e-mail or phone, as typed)."""
        email = (self.data.get("asker_email") or "").strip().lower()
        phone = "".join(ch for ch in (self.data.get("asker_phone") or "") if ch.isdigit())
        return email if EMAIL_RE.fullmatch(email) else phone

    def domain_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields: dict[str, Any] = {
            name: data[name]
            for name in (
                "kind", "category", "subject", "text", "area", "location", "latitude", "longitude",
                "asker_name", "asker_email", "asker_phone", "asker_address", "publish_allowed",
            )
            if name in data
        }  # fmt: skip
        fields["location"] = (fields.get("location") or "").strip()
        return fields


class QuestionForm(AskingForm):
    """Câu hỏi, đề nghị cung cấp thông tin: a signed-in journalist, in their own name."""

    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[(Kind.QUESTION, _("Câu hỏi")), (Kind.INFO_REQUEST, _("Đề nghị cung cấp thông tin"))],
        initial=Kind.QUESTION,
        widget=forms.RadioSelect,
    )
    topic = forms.ModelChoiceField(
        label=_("Chủ đề"), queryset=Topic.objects.order_by("name"), required=False, empty_label=_("— Không chọn —")
    )
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Category.objects.none(), required=False, empty_label=_("— Không chọn —")
    )

    press = True
    field_order = ["kind", "subject", "text", "topic", "category", "publish_allowed"]

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs["signed_in"] = True
        super().__init__(*args, **kwargs)
        categories = Category.objects.filter(active=True).filter(Q(audience=Audience.PRESS) | Q(audience=Audience.BOTH))
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories

    def domain_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in ("kind", "subject", "text", "topic", "category", "publish_allowed")}


class LookupForm(HumanCheckMixin):
    code = forms.CharField(label=_("Mã theo dõi"), max_length=20, help_text=_("Ví dụ HD-7KQ2-M9XP."))
    contact = forms.CharField(label=_("Thư điện tử hoặc số điện thoại đã dùng khi gửi"), max_length=CONTACT_MAX)

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.setup_human_check(signed_in)

    def clean_code(self) -> str:
        return "".join((self.cleaned_data.get("code") or "").upper().split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_human_check()
        return cleaned


class AddInfoForm(forms.Form):
    text = forms.CharField(label=_("Thông tin bổ sung"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Mức độ hài lòng với câu trả lời"),
        choices=[(5, _("5 – Rất hài lòng")), (4, _("4 – Hài lòng")), (3, _("3 – Bình thường")),
                 (2, _("2 – Chưa hài lòng")), (1, _("1 – Không hài lòng"))],
        coerce=int,
        widget=forms.RadioSelect,
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Nhận xét"), required=False, max_length=MAX_REASON, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Lý do mở lại"), max_length=MAX_REASON, widget=forms.Textarea(attrs={"rows": 3}))
