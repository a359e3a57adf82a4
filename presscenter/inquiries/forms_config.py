"""Forms of the configuration screens. They only read input; presscenter.inquiries.config decides."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.inquiries import rules_csv
from presscenter.inquiries.config import CATEGORY_FIELDS, DEADLINE_LIMITS, MAX_POSITION, MAX_REMIND_HOURS
from presscenter.inquiries.models import Category, DeadlineUnit, Priority, RoutingRule
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Topic


class SearchableSelect(forms.Select):
    """A plain <select> that choosing.js turns into a searchable list (Tom Select)."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__({"data-choose": "", **(attrs or {})})


def _any_choice(field: forms.ModelChoiceField, label: Any) -> None:
    field.required = False
    field.empty_label = str(label)


def _bounds(low: Any, high: Any) -> dict[str, Any]:
    """Range messages in plain Vietnamese (Django's own read "lớn hơn hoặc bằng với 1 .")."""
    return {"min_value": low, "max_value": high, "invalid": _("Hãy nhập một số nguyên.")}


class CategoryForm(forms.ModelForm):
    # A plain text box: the domain function says what a code may hold, in Vietnamese.
    code = forms.CharField(
        label=_("Mã (dùng trong đường dẫn và Open311)"),
        max_length=60,
        help_text=_(
            "Chữ thường không dấu, số và dấu gạch ngang, ví dụ “giao-thong”. Không đổi được khi đã có câu hỏi."
        ),
    )
    position = forms.IntegerField(
        label=_("Thứ tự hiển thị"),
        initial=0,
        min_value=0,
        max_value=MAX_POSITION,
        help_text=_("Số nhỏ đứng trước."),
        error_messages=_bounds(_("Thứ tự là một số từ 0 đến 10.000."), _("Thứ tự là một số từ 0 đến 10.000.")),
    )

    class Meta:
        model = Category
        fields = CATEGORY_FIELDS
        labels = {
            "code": _("Mã (dùng trong đường dẫn và Open311)"),
            "name": _("Tên lĩnh vực"),
            "name_en": _("Tên tiếng Anh"),
            "position": _("Thứ tự hiển thị"),
            "active": _("Đang tiếp nhận câu hỏi"),
        }
        help_texts = {
            "code": _(
                "Chữ thường không dấu, số và dấu gạch ngang, ví dụ “giao-thong”. Không đổi được khi đã có câu hỏi."
            ),
            "keywords": _("Các từ người hỏi hay dùng, cách nhau bằng dấu phẩy; giúp gợi ý lĩnh vực."),
            "group": _("Nhóm để xếp các lĩnh vực gần nhau trên trang hỏi đáp, ví dụ “Đô thị”."),
            "needs_location": _("Người dân phải cho biết địa điểm (ví dụ ổ gà, đèn hỏng)."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, code_locked: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if code_locked:
            self.fields["code"].disabled = True

    def _post_clean(self) -> None:
        # The domain function validates and writes (uniqueness included), not the model form.
        pass


class RuleForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Category.objects.none(), widget=SearchableSelect)
    area = forms.ModelChoiceField(label=_("Địa bàn"), queryset=Organisation.objects.none(), widget=SearchableSelect)
    topic = forms.ModelChoiceField(label=_("Chủ đề"), queryset=Topic.objects.none(), widget=SearchableSelect)
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan chịu trách nhiệm"), queryset=Organisation.objects.none(), widget=SearchableSelect
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)

    def __init__(self, *args: Any, rule: RoutingRule | None = None, **kwargs: Any):
        if rule is not None:
            kwargs.setdefault(
                "initial",
                {
                    "category": rule.category_id,
                    "area": rule.area_id,
                    "topic": rule.topic_id,
                    "organisation": rule.organisation_id,
                    "note": rule.note,
                },
            )
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["category"].queryset = Category.objects.filter(active=True)
        fields["area"].queryset = Organisation.objects.order_by("name")
        fields["topic"].queryset = Topic.objects.order_by("name")
        fields["organisation"].queryset = Organisation.objects.filter(active=True).order_by("name")
        fields["organisation"].error_messages["required"] = _("Hãy chọn cơ quan chịu trách nhiệm.")
        _any_choice(fields["category"], _("Mọi lĩnh vực"))
        _any_choice(fields["area"], _("Mọi địa bàn"))
        _any_choice(fields["topic"], _("Mọi chủ đề"))
        fields["category"].help_text = _("Để trống: mọi lĩnh vực.")
        fields["area"].help_text = _(
            "Để trống: mọi địa bàn. Quy tắc của một địa bàn cũng dùng cho các địa bàn trực thuộc."
        )
        fields["topic"].help_text = _("Để trống: mọi chủ đề.")
        if rule is not None and rule.category is not None and not rule.category.active:
            fields["category"].queryset = Category.objects.filter(pk=rule.category.pk) | fields["category"].queryset


class RuleTestForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Category.objects.none(), widget=SearchableSelect)
    area = forms.ModelChoiceField(
        label=_("Phường, xã hoặc địa bàn"), queryset=Organisation.objects.none(), widget=SearchableSelect
    )
    topic = forms.ModelChoiceField(label=_("Chủ đề"), queryset=Topic.objects.none(), widget=SearchableSelect)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["category"].queryset = Category.objects.all()
        fields["area"].queryset = Organisation.objects.order_by("name")
        fields["topic"].queryset = Topic.objects.order_by("name")
        _any_choice(fields["category"], _("Không rõ lĩnh vực"))
        _any_choice(fields["area"], _("Không rõ địa bàn"))
        _any_choice(fields["topic"], _("Không rõ chủ đề"))


class RuleFilterForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Category.objects.none(), required=False)
    organisation = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Organisation.objects.none(), required=False)
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Đang áp dụng")), ("all", _("Tất cả")), ("inactive", _("Đã ngừng áp dụng"))],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["category"].queryset = Category.objects.all()
        fields["category"].empty_label = _("Mọi lĩnh vực")
        fields["organisation"].queryset = Organisation.objects.order_by("name")
        fields["organisation"].empty_label = _("Mọi cơ quan")


class RuleImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV (UTF-8)"),
        help_text=_("Các cột: category_code, area_slug, topic_slug, organisation_slug, note. Ô trống nghĩa là “mọi”."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    replace = forms.BooleanField(
        label=_("Ngừng áp dụng các quy tắc không có trong tệp"),
        required=False,
        help_text=_("Không chọn: chỉ thêm và sửa quy tắc theo tệp."),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > rules_csv.MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn quá 1 MB."))
        return bytes(upload.read())


class RuleImportConfirmForm(forms.Form):
    content = forms.CharField(widget=forms.HiddenInput, strip=False, max_length=rules_csv.MAX_BYTES)
    replace = forms.BooleanField(widget=forms.HiddenInput, required=False)


class PolicyForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Thời hạn"),
        min_value=1,
        max_value=max(DEADLINE_LIMITS.values()),
        error_messages=_bounds(
            _("Thời hạn ít nhất là 1."),
            _("Thời hạn quá dài: tối đa 60 ngày làm việc hoặc 240 giờ làm việc."),
        ),
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), choices=DeadlineUnit.choices)
    remind_before_hours = forms.IntegerField(
        label=_("Nhắc trước (giờ làm việc)"),
        min_value=0,
        max_value=MAX_REMIND_HOURS,
        error_messages=_bounds(
            _("Thời gian nhắc trước không được âm."),
            _("Thời gian nhắc trước tối đa %(limit_value)s giờ làm việc."),
        ),
        help_text=_("Cơ quan được nhắc khi còn chừng ấy giờ làm việc trước hạn; 0 là không nhắc trước."),
    )


class PolicyTarget(forms.Form):
    """Which cell of the matrix: a category (empty: any category) and a priority."""

    category = forms.ModelChoiceField(queryset=Category.objects.all(), required=False)
    priority = forms.ChoiceField(choices=Priority.choices)


class ThresholdForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Gợi ý của máy"),
        widget=forms.RadioSelect,
        choices=[
            ("off", _("Luôn để điều hành viên xác nhận")),
            ("auto", _("Tự động chuyển khi máy đủ tin cậy")),
        ],
    )
    percent = forms.IntegerField(
        label=_("Độ tin cậy tối thiểu (%)"),
        required=False,
        min_value=50,
        max_value=99,
        error_messages=_bounds(
            _("Độ tin cậy tối thiểu phải từ 50 đến 99 (phần trăm)."),
            _("Độ tin cậy tối thiểu phải từ 50 đến 99 (phần trăm)."),
        ),
        help_text=_("Từ 50 đến 99. Càng cao càng ít câu hỏi tự chuyển, nhưng càng ít chuyển nhầm."),
    )
    auto_by_rules = forms.BooleanField(
        label=_("Tự động chuyển khi có quy tắc phù hợp"),
        required=False,
        help_text=_("Không chọn: quy tắc chỉ gợi ý, điều hành viên vẫn xác nhận."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("mode") == "auto" and cleaned.get("percent") is None and "percent" not in self.errors:
            self.add_error("percent", _("Hãy nhập độ tin cậy tối thiểu, từ 50 đến 99%."))
        return cleaned

    @property
    def threshold(self) -> float | None:
        if self.cleaned_data.get("mode") != "auto":
            return None
        return int(self.cleaned_data["percent"]) / 100
