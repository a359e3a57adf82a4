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
    "event.invite": pgettext_lazy("nhật ký: hành động", "Mời nhà báo dự sự kiện"),
    "event.register": pgettext_lazy("nhật ký: hành động", "Đăng ký dự sự kiện"),
    "event.registration.approve": pgettext_lazy("nhật ký: hành động", "Chấp nhận đăng ký dự sự kiện"),
    "event.registration.reject": pgettext_lazy("nhật ký: hành động", "Từ chối đăng ký dự sự kiện"),
    "event.registration.revoke": pgettext_lazy("nhật ký: hành động", "Thu hồi đăng ký dự sự kiện"),
    "event.registration.cancel": pgettext_lazy("nhật ký: hành động", "Nhà báo hủy đăng ký dự sự kiện"),
    "event.registration.promote": pgettext_lazy("nhật ký: hành động", "Chuyển đăng ký từ danh sách chờ"),
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
    "events.registration": pgettext_lazy("nhật ký: loại đối tượng", "Đăng ký dự sự kiện"),
    "events.eventquestion": pgettext_lazy("nhật ký: loại đối tượng", "Câu hỏi tại sự kiện"),
}
