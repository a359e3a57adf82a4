"""The inquiries app's newer audit actions and objects in words (registered with
presscenter.audit.labels when the app is ready). Literal contexts, so that makemessages finds
every label."""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

ACTIONS: dict[str, Promise] = {
    "inquiry.direct": pgettext_lazy("nhật ký: hành động", "Cấp trên chỉ đạo về câu hỏi"),
    "inquiry.extend_deadline": pgettext_lazy("nhật ký: hành động", "Gia hạn trả lời câu hỏi"),
    "inquiry.notice_retry": pgettext_lazy("nhật ký: hành động", "Gửi lại thông báo hỏi đáp bị lỗi"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "inquiries.notice": pgettext_lazy("nhật ký: loại đối tượng", "Thông báo hỏi đáp"),
}
