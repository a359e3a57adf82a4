"""The exhibitions' forms: the call for entries, a photo entry, a juror's score, a curation
decision and naming a juror. They only read input; the rules are in domain.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.core.forms import VietnameseDateField, VietnameseDateTimeField
from presscenter.exhibitions.domain import MAX_ENTRIES_LIMIT
from presscenter.exhibitions.models import EntryStatus, Exhibition
from presscenter.exhibitions.photos import ACCEPTED_FORMATS


class CallForm(forms.ModelForm):
    opens_at = VietnameseDateTimeField(label=_("Bắt đầu nhận ảnh"))
    closes_at = VietnameseDateTimeField(label=_("Hạn gửi ảnh"))
    max_entries = forms.IntegerField(label=_("Số ảnh tối đa mỗi tác giả"), min_value=1, max_value=MAX_ENTRIES_LIMIT)

    class Meta:
        model = Exhibition
        fields = ["call_text", "rules", "intro", "opens_at", "closes_at", "max_entries", "licence"]
        widgets = {
            "call_text": forms.Textarea(attrs={"rows": 5}),
            "rules": forms.Textarea(attrs={"rows": 8}),
            "intro": forms.Textarea(attrs={"rows": 5}),
        }

    def domain_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EntryForm(forms.Form):
    photo = forms.FileField(
        label=_("Ảnh (JPEG, PNG hoặc WebP, tối đa 25 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f"image/{kind.lower()}" for kind in ACCEPTED_FORMATS)}
        ),
    )
    caption = forms.CharField(
        label=_("Chú thích (tiếng Việt)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    taken_on = VietnameseDateField(label=_("Ngày chụp"), required=False)
    place = forms.CharField(label=_("Nơi chụp"), max_length=200, required=False)


class ScoreForm(forms.Form):
    score = forms.IntegerField(label=_("Điểm (1–10)"), min_value=1, max_value=10)
    comment = forms.CharField(
        label=_("Nhận xét (không bắt buộc)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CurateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(value, label) for value, label in EntryStatus.choices if value != EntryStatus.WITHDRAWN],
    )
    position = forms.IntegerField(label=_("Thứ tự trưng bày"), min_value=1, max_value=10000, required=False)


class JurorForm(forms.Form):
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Giám khảo"), queryset=None)  # type: ignore[arg-type]  # set per exhibition

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = lambda user: user.full_name or user.get_username()  # type: ignore[attr-defined]
