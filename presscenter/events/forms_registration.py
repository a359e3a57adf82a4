"""Forms of registration: the journalist's crew rows, the organiser's reason and invitation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.accounts import roles
from presscenter.events.models import CrewRole
from presscenter.events.registration import Crew
from presscenter.press.models import Outlet
from presscenter.releases.models import Topic


class CrewForm(forms.Form):
    """One person coming with the journalist; a row left empty is nobody."""

    full_name = forms.CharField(label=_("Họ và tên người đi cùng"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Nhiệm vụ"), choices=[("", "—"), *CrewRole.choices], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("full_name", "").strip() and not data.get("role"):
            self.add_error("role", _("Hãy chọn nhiệm vụ của người đi cùng."))
        if data.get("role") and not data.get("full_name", "").strip():
            self.add_error("full_name", _("Hãy nhập họ và tên của người đi cùng."))
        return data


CrewFormSet = forms.formset_factory(CrewForm, extra=0, max_num=20, absolute_max=20, validate_max=True)


def crew_formset(max_crew: int, data: Any = None) -> Any:
    return CrewFormSet(data, prefix="crew", initial=[{} for _ in range(max_crew)])


def crew_of(formset: Any) -> list[Crew]:
    return [
        Crew(full_name=form.cleaned_data["full_name"].strip(), role=form.cleaned_data["role"])
        for form in formset.forms
        if form.cleaned_data.get("full_name", "").strip()
    ]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class InviteForm(forms.Form):
    BY = [("topic", _("Theo lĩnh vực theo dõi")), ("outlet", _("Theo cơ quan báo chí")), ("list", _("Chọn nhà báo"))]
    by = forms.ChoiceField(label=_("Mời theo"), choices=BY, widget=forms.RadioSelect, initial="topic")
    topic = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Topic.objects.order_by("name"), required=False)
    outlet = forms.ModelChoiceField(
        label=_("Cơ quan báo chí"), queryset=Outlet.objects.filter(active=True).order_by("name"), required=False
    )
    journalists = forms.ModelMultipleChoiceField(
        label=_("Nhà báo"),
        queryset=roles.accredited_journalists().filter(journalist__isnull=False).order_by("full_name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by = data.get("by")
        needed = {"topic": "topic", "outlet": "outlet", "list": "journalists"}.get(by or "")
        if needed and not data.get(needed):
            self.add_error(needed, _("Hãy chọn ít nhất một mục."))
        return data

    def choice(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data["by"] == "topic":
            return {"topic": data["topic"]}
        if data["by"] == "outlet":
            return {"outlet": data["outlet"]}
        return {"journalist_ids": [user.pk for user in data["journalists"]]}
