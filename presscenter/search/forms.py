from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from presscenter.core.forms import VietnameseDateField
from presscenter.orgs.models import Organisation
from presscenter.releases.access import public_items
from presscenter.releases.models import ItemType, Topic
from presscenter.search.parse import MAX_QUERY_CHARS
from presscenter.search.query import SearchParams, Sort

ALL = [("", pgettext_lazy("filter", "Tất cả"))]

# Where a DomainError from search() belongs on this form (its `field` -> our GET name).
ERROR_FIELDS = {
    "q": "q", "organisation": "agency", "type": "type", "topic": "topic",
    "area": "area", "date_from": "from", "date_to": "to", "page": "page", "sort": "sort",
}  # fmt: skip


def _organisations() -> QuerySet[Organisation]:
    """The active organisations and those with a public item, in Vietnamese order (one query)."""
    published = Exists(public_items().filter(organisation=OuterRef("pk")))
    return (
        Organisation.objects.filter(Q(active=True) | Q(published))
        .annotate(published=published)
        .only("slug", "name", "name_en", "kind", "active")
    )


def _is_issuer(organisation: Organisation) -> bool:
    """An agency filter option: an active agency, or anyone who published (a ward, a former agency)."""
    return (organisation.active and not organisation.is_area) or getattr(organisation, "published", False)


class SearchForm(forms.Form):
    """The search page's GET parameters: q, agency, type, topic, area, from, to, sort, page."""

    q = forms.CharField(
        label=_("Từ khóa"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_CHARS}),
        help_text=_("Gõ có dấu hay không dấu đều được. Đặt cụm từ trong dấu ngoặc kép để tìm chính xác."),
    )
    agency = forms.ChoiceField(label=_("Cơ quan"), required=False)
    type = forms.ChoiceField(label=_("Loại tin"), required=False, choices=[*ALL, *ItemType.choices])
    topic = forms.ChoiceField(label=_("Chủ đề"), required=False)
    area = forms.ChoiceField(label=_("Địa bàn"), required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[("", pgettext_lazy("search order", "Mặc định")), *Sort.choices],
        help_text=_("Mặc định: liên quan nhất khi có từ khóa, mới nhất khi không có."),
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # "from" and "to" are Python keywords, so these two fields are added by name.
        self.fields["from"] = VietnameseDateField(label=_("Từ ngày"), required=False)
        self.fields["to"] = VietnameseDateField(label=_("Đến ngày"), required=False)
        organisations = list(_organisations())
        self._choose("agency", [(o.slug, o.display_name) for o in organisations if _is_issuer(o)])
        self._choose("area", [(o.slug, o.display_name) for o in organisations if o.active and o.is_area])
        self._choose("topic", [(t.slug, t.display_name) for t in Topic.objects.all()])

    def _choose(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [*ALL, *choices]

    def params(self) -> SearchParams:
        data = self.cleaned_data
        return SearchParams(
            q=data["q"],
            organisation=data["agency"] or None,
            type=data["type"] or None,
            topic=data["topic"] or None,
            area=data["area"] or None,
            date_from=data["from"],
            date_to=data["to"],
            page=data["page"] or 1,
            sort=data["sort"] or None,
        )

    def add_domain_error(self, field: str | None, message: object) -> None:
        self.add_error(ERROR_FIELDS.get(field or ""), str(message))
