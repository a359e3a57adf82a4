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
    "event.venue": pgettext_lazy("nhật ký: hành động", "Lưu thông tin địa điểm"),
    "event.session.add": pgettext_lazy("nhật ký: hành động", "Thêm phiên của sự kiện"),
    "event.session.update": pgettext_lazy("nhật ký: hành động", "Sửa phiên của sự kiện"),
    "event.session.remove": pgettext_lazy("nhật ký: hành động", "Xóa phiên của sự kiện"),
    "event.speaker.add": pgettext_lazy("nhật ký: hành động", "Thêm người phát biểu"),
    "event.speaker.update": pgettext_lazy("nhật ký: hành động", "Sửa người phát biểu"),
    "event.speaker.remove": pgettext_lazy("nhật ký: hành động", "Xóa người phát biểu"),
    "event.material.add": pgettext_lazy("nhật ký: hành động", "Gắn tài liệu vào sự kiện"),
    "event.material.remove": pgettext_lazy("nhật ký: hành động", "Gỡ tài liệu khỏi sự kiện"),
    "event.outcome.draft": pgettext_lazy("nhật ký: hành động", "Soạn nội dung sau sự kiện"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "events.event": pgettext_lazy("nhật ký: loại đối tượng", "Sự kiện"),
    "events.room": pgettext_lazy("nhật ký: loại đối tượng", "Phòng"),
    "events.calendartoken": pgettext_lazy("nhật ký: loại đối tượng", "Địa chỉ lịch sự kiện riêng"),
    "events.ticket": pgettext_lazy("nhật ký: loại đối tượng", "Vé"),
    "events.venue": pgettext_lazy("nhật ký: loại đối tượng", "Địa điểm"),
    "events.session": pgettext_lazy("nhật ký: loại đối tượng", "Phiên của sự kiện"),
    "events.speaker": pgettext_lazy("nhật ký: loại đối tượng", "Người phát biểu"),
}
