"""The forms of the event screens: an event, its status changes, its sessions, speakers and
materials, the centre's venues and rooms, and the lists' filters. Forms read and check what was
typed; the rules (times, rooms, access) are the domain's, shown on the form when it refuses."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from presscenter.accounts import roles
from presscenter.core.forms import SearchableSelectMultiple, VietnameseDateField, VietnameseDateTimeField
from presscenter.events.models import Event, EventStatus, EventType, Room, Session, Venue
from presscenter.orgs.models import Organisation
from presscenter.releases.models import Item, Topic

MAX_TEXT = 20_000


class RoomChoiceField(forms.ModelChoiceField):
    """The centre's rooms, each with its capacity, so the organiser sees what fits."""

    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(room)s — %(venue)s (%(seats)s chỗ)")
            % {"room": obj.name, "venue": obj.venue.name, "seats": obj.capacity}
        )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


def centre_rooms() -> QuerySet[Room]:
    return Room.objects.filter(active=True, venue__active=True, venue__is_centre=True).select_related("venue")


def organisers_for(user: Any) -> QuerySet[Organisation]:
    """The agencies this user may organise for: every active one for the centre's staff, their
    own for an agency's staff."""
    organisations = Organisation.objects.filter(active=True).order_by("name")
    if roles.is_staff(user):
        return organisations
    agency = roles.agency_of(user)
    return organisations.filter(pk=agency) if agency else organisations.none()


class EventForm(forms.ModelForm):
    organiser = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Cơ quan tổ chức"))
    starts_at = VietnameseDateTimeField(label=_("Bắt đầu"))
    ends_at = VietnameseDateTimeField(label=_("Kết thúc"))
    registration_closes_at = VietnameseDateTimeField(
        label=_("Hạn đăng ký"), required=False, help_text=_("Để trống: nhận đăng ký đến khi sự kiện bắt đầu.")
    )
    room = RoomChoiceField(
        queryset=Room.objects.none(),
        required=False,
        label=_("Phòng của Trung tâm"),
        help_text=_("Xem lịch phòng trước khi chọn: một phòng không thể được đặt cho hai sự kiện cùng lúc."),
    )
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.none(),
        required=False,
        label=_("Hoặc địa điểm bên ngoài"),
        help_text=_("Chỉ chọn khi sự kiện không diễn ra tại Trung tâm."),
    )
    livestream_url = forms.URLField(
        label=_("Đường dẫn phát trực tuyến"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Bắt buộc với sự kiện trực tuyến hoặc kết hợp."),
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.order_by("name"),
        required=False,
        label=_("Chủ đề"),
        widget=SearchableSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "type", "title", "summary", "agenda", "organiser", "starts_at", "ends_at", "mode", "room", "venue",
            "livestream_url", "visibility", "capacity", "accredited_only", "needs_approval",
            "registration_closes_at", "max_crew", "topics",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "agenda": _("HTML đơn giản: đoạn văn, tiêu đề, danh sách, bảng, liên kết. Mã nguy hiểm sẽ bị loại bỏ."),
            "capacity": _("0: không nhận đăng ký trên Cổng."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        organiser_field = self.fields["organiser"]
        assert isinstance(organiser_field, forms.ModelChoiceField)
        organiser_field.queryset = organisers_for(user)
        room_field = self.fields["room"]
        assert isinstance(room_field, forms.ModelChoiceField)
        room_field.queryset = centre_rooms()
        venue_field = self.fields["venue"]
        assert isinstance(venue_field, forms.ModelChoiceField)
        venue_field.queryset = Venue.objects.filter(active=True, is_centre=False)
        if self.instance.pk:
            # The organiser of an existing event stays; status changes have their own actions.
            del self.fields["organiser"]

    def clean_title(self) -> str:
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("Hãy nhập tiêu đề sự kiện."))
        return title

    def clean_agenda(self) -> str:
        agenda = self.cleaned_data.get("agenda") or ""
        if len(agenda) > MAX_TEXT * 5:
            raise forms.ValidationError(_("Chương trình quá dài."))
        return agenda

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Thời gian kết thúc phải sau thời gian bắt đầu."))
        if data.get("room") and data.get("venue"):
            self.add_error("venue", _("Chọn phòng của Trung tâm hoặc địa điểm bên ngoài, không chọn cả hai."))
        return data

    def domain_fields(self) -> dict[str, Any]:
        """What the domain's create_event / update_event take (organiser and topics apart)."""
        skip = {"organiser", "topics"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


class PostponeForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hoãn"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    starts_at = VietnameseDateTimeField(
        label=_("Thời gian bắt đầu mới"), required=False, help_text=_("Để trống cả hai: hoãn đến khi có thông báo mới.")
    )
    ends_at = VietnameseDateTimeField(label=_("Thời gian kết thúc mới"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("starts_at")) != bool(data.get("ends_at")):
            raise forms.ValidationError(_("Hãy nhập cả thời gian bắt đầu và kết thúc mới, hoặc để trống cả hai."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SessionForm(forms.ModelForm):
    starts_at = VietnameseDateTimeField(label=_("Bắt đầu"))
    ends_at = VietnameseDateTimeField(label=_("Kết thúc"))
    room = RoomChoiceField(queryset=Room.objects.none(), required=False, label=_("Phòng"))

    class Meta:
        model = Session
        fields = ["title", "track", "abstract", "starts_at", "ends_at", "room"]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        room_field = self.fields["room"]
        assert isinstance(room_field, forms.ModelChoiceField)
        room_field.queryset = centre_rooms()


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position_title = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.filter(active=True).order_by("name"), required=False, label=_("Cơ quan")
    )
    session = forms.ModelChoiceField(queryset=Session.objects.none(), required=False, label=_("Phiên"))
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=10_000, required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        session_field = self.fields["session"]
        assert isinstance(session_field, forms.ModelChoiceField)
        session_field.queryset = event.sessions.all()


class MaterialForm(forms.Form):
    item: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Item.objects.none(), label=_("Tin, tài liệu đã công bố")
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any):
        super().__init__(*args, **kwargs)
        item_field = self.fields["item"]
        assert isinstance(item_field, forms.ModelChoiceField)
        item_field.queryset = (
            event.organiser.items.filter(current_version__isnull=False, withdrawn_at__isnull=True)
            .exclude(pk__in=event.materials.values("pk"))
            .order_by("-last_published_at")
        )


class VenueForm(forms.Form):
    name = forms.CharField(label=_("Tên địa điểm"), max_length=200)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    is_centre = forms.BooleanField(label=_("Thuộc Trung tâm (phòng được đặt lịch)"), required=False)
    active = forms.BooleanField(label=_("Đang sử dụng"), required=False, initial=True)


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Tên phòng"), max_length=120)
    capacity = forms.IntegerField(label=_("Sức chứa"), min_value=1, max_value=100_000)
    active = forms.BooleanField(label=_("Đang sử dụng"), required=False, initial=True)


WHEN_CHOICES = [
    ("", _("Sắp tới và đang diễn ra")),
    ("past", _("Đã qua")),
    ("all", pgettext_lazy("thời gian", "Tất cả")),
]


class WorkFilterForm(forms.Form):
    when = forms.ChoiceField(label=_("Thời gian"), choices=WHEN_CHOICES, required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Mọi trạng thái")), *EventStatus.choices], required=False
    )
    type = forms.ChoiceField(label=_("Loại"), choices=[("", _("Mọi loại")), *EventType.choices], required=False)
    organiser = OrganisationChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Cơ quan tổ chức")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if roles.is_staff(user):
            organiser_field = self.fields["organiser"]
            assert isinstance(organiser_field, forms.ModelChoiceField)
            organiser_field.queryset = Organisation.objects.filter(events__isnull=False).distinct().order_by("name")
        else:
            del self.fields["organiser"]


class CalendarFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Loại sự kiện"), choices=[("", _("Mọi loại")), *EventType.choices], required=False)
    organiser = forms.SlugField(required=False, widget=forms.Select, label=_("Cơ quan"))
    topic = forms.SlugField(required=False, widget=forms.Select, label=_("Chủ đề"))
    month = forms.RegexField(regex=r"^(19|20|21)\d{2}-(0[1-9]|1[0-2])$", required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        agencies = Organisation.objects.filter(events__visibility="public").distinct().order_by("name")
        topics = Topic.objects.filter(events__visibility="public").distinct().order_by("name")
        self.fields["organiser"].widget.choices = [
            ("", _("Mọi cơ quan")),
            *((o.slug, o.display_name) for o in agencies),
        ]
        self.fields["topic"].widget.choices = [("", _("Mọi chủ đề")), *((t.slug, t.display_name) for t in topics)]


class RoomCalendarForm(forms.Form):
    day = VietnameseDateField(label=_("Từ ngày"), required=False)


class RoomCheckForm(forms.Form):
    """What the event form sends to check a room before saving (htmx)."""

    room = forms.ModelChoiceField(queryset=Room.objects.filter(active=True, venue__is_centre=True))
    starts_at = VietnameseDateTimeField()
    ends_at = VietnameseDateTimeField()
    event = forms.IntegerField(required=False, min_value=1)
