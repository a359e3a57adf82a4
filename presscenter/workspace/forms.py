"""Forms of the working screens. They only clean input; the domain functions decide and write."""

from typing import Any, cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.core.forms import SearchableSelectMultiple, VietnameseDateTimeField
from presscenter.orgs.domain import EDITABLE_FIELDS as ORGANISATION_FIELDS
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.releases import access
from presscenter.releases.models import Item

ITEM_FIELDS = (
    "type", "priority", "language", "title", "lead", "body", "topics", "areas", "related",
    "translation_of", "corrects", "contact_name", "contact_phone", "contact_email", "embargo_until",
    "change_note", "minor_edit",
)  # fmt: skip
REVISION_FIELDS = ("change_note", "minor_edit")
# The embargo is edited in the working copy (Item.working_embargo_until), not in the public value;
# so are the fields held in Item.pending_fields once an item is published (releases.domain).
WORKING_FIELDS = ("embargo_until",)


class ItemForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"), queryset=Organisation.objects.filter(active=True), required=False
    )
    embargo_until = VietnameseDateTimeField(
        label=capfirst(_("cấm đăng đến")),
        required=False,
        help_text=_("Giờ Việt Nam (UTC+7). Báo chí được đọc trước nhưng chỉ được đăng sau thời điểm này."),
    )
    field_order = ITEM_FIELDS

    class Meta:
        model = Item
        fields = tuple(name for name in ITEM_FIELDS if name not in WORKING_FIELDS)
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "topics": SearchableSelectMultiple,
            "areas": SearchableSelectMultiple,
            "related": SearchableSelectMultiple,
        }
        help_texts = {
            "body": _("HTML đơn giản: đoạn văn, tiêu đề, danh sách, bảng, liên kết. Mã nguy hiểm sẽ bị loại bỏ."),
            "change_note": _("Ghi chú công khai: bản sửa này thay đổi gì so với bản đã công bố."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        item = kwargs.get("instance")
        if item is not None:  # the working copy: its embargo and the changes held until publication
            working = {"embargo_until": item.working_embargo_until, **(item.pending_fields or {})}
            kwargs["initial"] = {**working, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        item = self.instance
        others = Item.objects.exclude(pk=item.pk) if item.pk else Item.objects.all()
        public = others.filter(pk__in=access.public_items(user).values("pk")).order_by("-last_published_at")
        choices = {
            "translation_of": others.filter(pk__in=access.workspace_items(user).values("pk")).order_by("-id"),
            "corrects": public,
            "related": public,
            "areas": Organisation.objects.filter(kind__in=AREA_KINDS, active=True),
        }
        for name, queryset in choices.items():
            cast(forms.ModelChoiceField, self.fields[name]).queryset = queryset
        if item.pk or not roles.is_staff(user):
            del self.fields["organisation"]
        if item.current_version_id is None:
            for name in REVISION_FIELDS:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "organisation" in self.fields and not cleaned.get("organisation"):
            self.add_error("organisation", _("Hãy chọn cơ quan ban hành."))
        return cleaned

    def domain_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ITEM_FIELDS if name in self.fields}


class ContentVersionField(forms.CharField):
    """Hidden: the content version the approver's page showed (releases.domain.content_version)."""

    def __init__(self) -> None:
        super().__init__(required=False, max_length=64, widget=forms.HiddenInput)


class ApproveForm(forms.Form):
    publish_at = VietnameseDateTimeField(
        label=_("Hẹn giờ công bố (để trống: công bố ngay)"),
        required=False,
        help_text=_("Giờ Việt Nam (UTC+7)."),
    )
    content_version = ContentVersionField()


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Nội dung cần chỉnh sửa"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do (công khai)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ForcePublishForm(ReasonForm):
    content_version = ContentVersionField()


class AttachmentMetaForm(forms.Form):
    alt_text = forms.CharField(label=_("Mô tả thay thế (bắt buộc với ảnh)"), max_length=300, required=False)
    caption = forms.CharField(label=_("Chú thích"), max_length=500, required=False)
    credit = forms.CharField(label=_("Nguồn ảnh"), max_length=200, required=False)


class AttachmentUploadForm(AttachmentMetaForm):
    file = forms.FileField(label=_("Tệp"))

    field_order = ("file", "alt_text", "caption", "credit")


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Trang thông tin"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents


class WordImportForm(forms.Form):
    """A Word file to become a draft; center staff, who belong to no agency, choose the agency."""

    file = forms.FileField(
        label=_("Tệp Word (.docx)"),
        help_text=_("Tiêu đề lấy từ tiêu đề đầu tiên của văn bản; ảnh trong văn bản thành tệp đính kèm."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"), queryset=Organisation.objects.filter(active=True), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        if not access.is_staff(user):
            del self.fields["organisation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "organisation" in self.fields and not cleaned.get("organisation"):
            self.add_error("organisation", _("Hãy chọn cơ quan ban hành."))
        return cleaned

    def agency(self) -> Organisation:
        return self.cleaned_data.get("organisation") or self.user.organisation
