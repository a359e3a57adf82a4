"""Forms for the subscriptions editor and the public email sign-up. Rules live in domain.clean."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from presscenter.core.errors import DomainError
from presscenter.core.forms import SearchableSelectMultiple
from presscenter.orgs.models import AREA_KINDS, Organisation
from presscenter.releases.models import ItemType, Priority, Topic
from presscenter.subscriptions import access, domain
from presscenter.subscriptions.models import Cadence, Channel, Subscription

WEEKDAYS = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ Nhật")),
]
HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]


class CriteriaFields(forms.Form):
    """What to follow: shared by journalists' editor and the public sign-up."""

    organisations = forms.ModelMultipleChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Organisation.objects.filter(active=True).exclude(kind__in=AREA_KINDS),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 8}),
        help_text=_("Để trống: mọi cơ quan. Có thể chọn nhiều cơ quan."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Chủ đề"), queryset=Topic.objects.all(), required=False, widget=SearchableSelectMultiple
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Địa bàn"),
        queryset=Organisation.objects.filter(active=True, kind__in=AREA_KINDS),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 8}),
        help_text=_("Để trống: mọi địa bàn."),
    )
    types = forms.MultipleChoiceField(
        label=_("Loại tin"), choices=ItemType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    everything = forms.BooleanField(
        label=_("Nhận mọi tin"),
        required=False,
        help_text=_("Chỉ đánh dấu khi bạn muốn nhận mọi tin được công bố, không lọc theo tiêu chí nào."),
    )


class SubscriptionCriteria(CriteriaFields):
    """What a journalist follows: enough for the live preview, before channel and cadence are chosen."""

    priorities = forms.MultipleChoiceField(
        label=_("Độ khẩn"), choices=Priority.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    query = forms.CharField(
        label=_("Từ khóa"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            'Mọi từ phải có trong tin; đặt cụm từ trong dấu ngoặc kép, ví dụ "giao thông". Không phân biệt dấu.'
        ),
    )

    def clean_query(self) -> str:
        query: str = self.cleaned_data["query"]
        try:
            domain.parse_query(query)
        except DomainError as error:
            raise forms.ValidationError(str(error.message)) from None
        return query

    def domain_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class SubscriptionForm(SubscriptionCriteria):
    # Channel and cadence have no preselected answer: the subscriber chooses them.
    name = forms.CharField(
        label=_("Tên đăng ký"),
        max_length=200,
        required=False,
        help_text=_("Để trống: tên được đặt theo các tiêu chí đã chọn."),
    )
    cadence = forms.ChoiceField(
        label=_("Tần suất"),
        choices=Cadence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn tần suất nhận tin.")},
    )
    digest_hour = forms.TypedChoiceField(label=_("Giờ gửi bản tin"), choices=HOURS, coerce=int, initial=7)
    digest_weekday = forms.TypedChoiceField(label=_("Ngày gửi bản tin tuần"), choices=WEEKDAYS, coerce=int, initial=0)
    channels = forms.MultipleChoiceField(
        label=_("Kênh nhận"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một kênh nhận tin.")},
    )
    active = forms.BooleanField(label=_("Đang nhận tin"), required=False, initial=True)

    field_order = [
        "name", "organisations", "topics", "areas", "types", "priorities", "query", "everything",
        "cadence", "digest_hour", "digest_weekday", "channels", "active",
    ]  # fmt: skip

    def __init__(self, *args: Any, user: Any, subscription: Subscription | None = None, **kwargs: Any):
        if subscription is not None and "initial" not in kwargs:
            kwargs["initial"] = domain.snapshot(subscription)
        super().__init__(*args, **kwargs)
        channels: Any = self.fields["channels"]
        allowed = set(access.allowed_channels(user))
        channels.choices = [(value, label) for value, label in Channel.choices if value in allowed]


class PublicSubscriptionForm(CriteriaFields):
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254)
    language = forms.ChoiceField(
        label=_("Ngôn ngữ của thư"),
        choices=[("vi", _("Tiếng Việt")), ("en", _("English"))],
        initial="vi",
        widget=forms.RadioSelect,
    )

    field_order = ["email", "language", "organisations", "topics", "areas", "types", "everything"]

    def domain_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("organisations", "topics", "areas", "types", "everything")}
