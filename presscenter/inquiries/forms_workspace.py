"""Forms of the inquiry working screens. They only clean input; the domain functions decide and write."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.inquiries.models import Category, Inquiry, Kind, Priority
from presscenter.orgs.models import AREA_KINDS, Organisation


class SearchableSelect(forms.Select):
    """One choice from a long list: choosing.js makes it searchable (Tom Select); a plain list without scripts."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__({"data-choose": "", **(attrs or {})})


class OrganisationField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", _("Cơ quan xử lý"))
        kwargs.setdefault("error_messages", {
            "required": _("Hãy chọn cơ quan."),
            "invalid_choice": _("Cơ quan đã chọn không có trong danh sách."),
        })  # fmt: skip
        kwargs.setdefault("empty_label", _("— Chọn cơ quan —"))
        super().__init__(
            queryset=Organisation.objects.filter(active=True).order_by("name"), widget=SearchableSelect, **kwargs
        )


class SeenStateForm(forms.Form):
    """Every action carries the state the page showed, so a change made meanwhile is not overridden unseen."""

    state = forms.CharField(required=False, widget=forms.HiddenInput)


class TriageForm(SeenStateForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Category.objects.filter(active=True),
        required=False,
        empty_label=_("(chưa xác định)"),
        error_messages={"invalid_choice": _("Lĩnh vực đã chọn không có trong danh sách.")},
    )
    priority = forms.ChoiceField(label=_("Độ khẩn"), choices=Priority.choices)


class RouteForm(SeenStateForm):
    organisation = OrganisationField(label=_("Giao cho cơ quan"))


class MergeForm(SeenStateForm):
    into = forms.CharField(
        label=_("Gộp vào câu hỏi có mã"),
        max_length=20,
        error_messages={"required": _("Hãy nhập mã theo dõi của câu hỏi cần gộp vào.")},
    )

    def __init__(self, *args: Any, inquiry: Inquiry | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.inquiry = inquiry

    def clean_into(self) -> Inquiry:
        code = self.cleaned_data["into"].strip().upper()
        target = Inquiry.objects.filter(code=code).first()
        if target is None:
            raise forms.ValidationError(_("Không có câu hỏi nào mang mã %(code)s.") % {"code": code})
        return target


def text_field(
    label: Any, required: Any, rows: int = 3, max_length: int | None = 2000, **kwargs: Any
) -> forms.CharField:
    """A required text box of the working screens: its label, its size and what to say when empty."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required},
        **kwargs,
    )


class ReasonForm(SeenStateForm):
    reason = text_field(_("Lý do"), _("Hãy ghi lý do."))


class TransferForm(SeenStateForm):
    organisation = OrganisationField(label=_("Chuyển đến cơ quan"))
    reason = text_field(_("Lý do chuyển xử lý"), _("Hãy ghi lý do chuyển xử lý."))
    not_ours = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, not_ours: bool = False, current: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if current is not None:  # it is there already: the list offers the others
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Organisation.objects.filter(active=True).exclude(pk=current).order_by("name")
        if not_ours:
            self.fields["not_ours"].initial = True
            self.fields["organisation"].label = _("Cơ quan có thẩm quyền")
            self.fields["organisation"].error_messages["required"] = _(
                "Hãy chỉ ra cơ quan có thẩm quyền giải quyết câu hỏi này."
            )
            self.fields["reason"].label = _("Vì sao không thuộc thẩm quyền")


class AssignForm(SeenStateForm):
    assignee = forms.ModelChoiceField(
        label=_("Người xử lý"),
        queryset=roles.agency_members(0),
        error_messages={
            "required": _("Hãy chọn người xử lý."),
            "invalid_choice": _("Người được giao phải là cán bộ của cơ quan xử lý."),
        },
    )

    def __init__(self, *args: Any, inquiry: Inquiry, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if inquiry.organisation_id is not None:
            field = self.fields["assignee"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = roles.agency_members(inquiry.organisation_id).order_by("full_name")
            field.initial = inquiry.assignee_id


class MessageForm(SeenStateForm):
    message = text_field(
        _("Thông tin cần người hỏi bổ sung"),
        _("Hãy ghi rõ thông tin cần bổ sung."),
        help_text=_("Người hỏi nhận được nội dung này; thời hạn tạm dừng cho đến khi họ bổ sung."),
    )


class NoteForm(SeenStateForm):
    text = text_field(
        _("Ghi chú nội bộ"),
        _("Hãy nhập ghi chú."),
        rows=2,
        help_text=_("Chỉ cơ quan xử lý và Trung tâm thấy; người hỏi không thấy."),
    )


class AnswerForm(SeenStateForm):
    body = text_field(
        _("Nội dung trả lời"),
        _("Câu trả lời không được để trống."),
        rows=12,
        max_length=None,
        help_text=_("HTML đơn giản: đoạn văn, danh sách, bảng, liên kết. Mã nguy hiểm sẽ bị loại bỏ."),
    )


class CommentForm(SeenStateForm):
    comment = text_field(_("Điều cần sửa"), _("Hãy ghi điều cần sửa."))


# The superior organisation (presscenter.inquiries.superior) ----------------------------------


class DirectiveForm(SeenStateForm):
    text = text_field(
        _("Nội dung chỉ đạo"),
        _("Hãy ghi nội dung chỉ đạo."),
        help_text=_("Người phát ngôn và người xử lý của cơ quan xử lý nhận được; người hỏi không thấy."),
    )


class SuperiorTransferForm(SeenStateForm):
    organisation = OrganisationField(label=_("Chuyển đến cơ quan"))
    reason = text_field(_("Lý do chuyển xử lý"), _("Hãy ghi lý do chuyển xử lý."))

    def __init__(self, *args: Any, choices: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = choices.order_by("name")


class ExtendForm(SeenStateForm):
    days = forms.IntegerField(label=_("Gia hạn thêm (ngày làm việc)"), min_value=1)
    reason = text_field(
        _("Lý do gia hạn"), _("Hãy ghi lý do gia hạn."), help_text=_("Người hỏi thấy hạn trả lời mới và lý do này.")
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["days"]
        assert isinstance(field, forms.IntegerField)
        field.max_value = settings.INQUIRY_MAX_EXTENSION_DAYS
        field.validators.append(MaxValueValidator(settings.INQUIRY_MAX_EXTENSION_DAYS))
        field.widget.attrs["max"] = str(settings.INQUIRY_MAX_EXTENSION_DAYS)


# Filters ------------------------------------------------------------------------------------

AUDIENCES = (("", _("Tất cả")), ("press", _("Báo chí")), ("public", _("Người dân")))
ACCREDITATION = (("", _("Tất cả")), ("yes", _("Nhà báo có thẻ tác nghiệp")), ("no", _("Chưa được cấp thẻ")))


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=(("", _("Tất cả")), *Kind.choices), required=False)
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Category.objects.all(), required=False, empty_label=_("Tất cả")
    )
    area = forms.ModelChoiceField(
        label=_("Địa bàn"),
        queryset=Organisation.objects.filter(kind__in=AREA_KINDS).order_by("name"),
        required=False,
        empty_label=_("Tất cả"),
    )
    audience = forms.ChoiceField(label=_("Người hỏi"), choices=AUDIENCES, required=False)
    accredited = forms.ChoiceField(label=_("Thẻ tác nghiệp"), choices=ACCREDITATION, required=False)


class InboxFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan"),
        queryset=Organisation.objects.filter(active=True).order_by("name"),
        required=False,
        empty_label=_("Tất cả"),
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=(("", _("Tất cả")), *Kind.choices), required=False)
    accredited = forms.ChoiceField(label=_("Thẻ tác nghiệp"), choices=ACCREDITATION, required=False)
    cua_toi = forms.BooleanField(label=_("Chỉ câu hỏi giao cho tôi"), required=False)

    def __init__(self, *args: Any, staff: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["organisation"]
