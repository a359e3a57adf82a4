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
    "event_question.submit": pgettext_lazy("nhật ký: hành động", "Gửi câu hỏi cho sự kiện"),
    "event_question.approve": pgettext_lazy("nhật ký: hành động", "Duyệt câu hỏi tại sự kiện"),
    "event_question.reject": pgettext_lazy("nhật ký: hành động", "Không đưa câu hỏi vào sự kiện"),
    "event_question.merge": pgettext_lazy("nhật ký: hành động", "Gộp câu hỏi trùng tại sự kiện"),
    "event_question.move": pgettext_lazy("nhật ký: hành động", "Đổi thứ tự câu hỏi tại sự kiện"),
    "event_question.assign": pgettext_lazy("nhật ký: hành động", "Giao câu hỏi cho người trả lời"),
    "event_question.answer": pgettext_lazy("nhật ký: hành động", "Ghi nhận câu trả lời tại sự kiện"),
    "event_question.to_inquiry": pgettext_lazy(
        "nhật ký: hành động", "Chuyển câu hỏi tại sự kiện thành câu hỏi cần trả lời"
    ),
}

OBJECT_TYPES: dict[str, Promise] = {
    "events.event": pgettext_lazy("nhật ký: loại đối tượng", "Sự kiện"),
    "events.room": pgettext_lazy("nhật ký: loại đối tượng", "Phòng"),
    "events.eventquestion": pgettext_lazy("nhật ký: loại đối tượng", "Câu hỏi tại sự kiện"),
}
