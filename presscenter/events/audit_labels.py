"""The events app's audit actions and objects in words (registered with presscenter.audit.labels
when the app is ready). Literal contexts, so that makemessages finds every label."""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

ACTIONS: dict[str, Promise] = {
    "event.create": pgettext_lazy("nhật ký: hành động", "Tạo sự kiện"),
    "event.update": pgettext_lazy("nhật ký: hành động", "Sửa sự kiện"),
    "event.confirm": pgettext_lazy("nhật ký: hành động", "Xác nhận sự kiện"),
    "event.postpone": pgettext_lazy("nhật ký: hành động", "Hoãn, dời lịch sự kiện"),
    "event.cancel": pgettext_lazy("nhật ký: hành động", "Hủy sự kiện"),
    "event.room": pgettext_lazy("nhật ký: hành động", "Lưu thông tin phòng"),
    "event.calendar_token": pgettext_lazy("nhật ký: hành động", "Tạo địa chỉ lịch sự kiện riêng"),
    "ticket.check_in": pgettext_lazy("nhật ký: hành động", "Soát vé vào cửa"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "events.event": pgettext_lazy("nhật ký: loại đối tượng", "Sự kiện"),
    "events.room": pgettext_lazy("nhật ký: loại đối tượng", "Phòng"),
    "events.calendartoken": pgettext_lazy("nhật ký: loại đối tượng", "Địa chỉ lịch sự kiện riêng"),
    "events.ticket": pgettext_lazy("nhật ký: loại đối tượng", "Vé"),
}
