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
    "event.invite": pgettext_lazy("nhật ký: hành động", "Mời nhà báo dự sự kiện"),
    "event.register": pgettext_lazy("nhật ký: hành động", "Đăng ký dự sự kiện"),
    "event.registration.approve": pgettext_lazy("nhật ký: hành động", "Chấp nhận đăng ký dự sự kiện"),
    "event.registration.reject": pgettext_lazy("nhật ký: hành động", "Từ chối đăng ký dự sự kiện"),
    "event.registration.revoke": pgettext_lazy("nhật ký: hành động", "Thu hồi đăng ký dự sự kiện"),
    "event.registration.cancel": pgettext_lazy("nhật ký: hành động", "Nhà báo hủy đăng ký dự sự kiện"),
    "event.registration.promote": pgettext_lazy("nhật ký: hành động", "Chuyển đăng ký từ danh sách chờ"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "events.event": pgettext_lazy("nhật ký: loại đối tượng", "Sự kiện"),
    "events.room": pgettext_lazy("nhật ký: loại đối tượng", "Phòng"),
    "events.registration": pgettext_lazy("nhật ký: loại đối tượng", "Đăng ký dự sự kiện"),
}
