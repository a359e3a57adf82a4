"""The exhibitions app's audit actions and objects in words (registered with
presscenter.audit.labels when the app is ready). Literal contexts, so that makemessages finds them."""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

ACTIONS: dict[str, Promise] = {
    "exhibition.create": pgettext_lazy("nhật ký: hành động", "Mở cuộc thi ảnh của triển lãm"),
    "exhibition.update": pgettext_lazy("nhật ký: hành động", "Sửa thể lệ triển lãm"),
    "exhibition.close_call": pgettext_lazy("nhật ký: hành động", "Đóng nhận ảnh, chuyển sang chấm"),
    "exhibition.publish": pgettext_lazy("nhật ký: hành động", "Công bố phòng trưng bày trực tuyến"),
    "exhibition.juror.add": pgettext_lazy("nhật ký: hành động", "Thêm thành viên ban giám khảo"),
    "exhibition.juror.remove": pgettext_lazy("nhật ký: hành động", "Bỏ thành viên ban giám khảo"),
    "exhibition.entry.submit": pgettext_lazy("nhật ký: hành động", "Gửi ảnh dự triển lãm"),
    "exhibition.entry.withdraw": pgettext_lazy("nhật ký: hành động", "Rút ảnh dự triển lãm"),
    "exhibition.entry.score": pgettext_lazy("nhật ký: hành động", "Chấm điểm ảnh dự triển lãm"),
    "exhibition.entry.curate": pgettext_lazy("nhật ký: hành động", "Tuyển chọn ảnh dự triển lãm"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "exhibitions.exhibition": pgettext_lazy("nhật ký: loại đối tượng", "Triển lãm ảnh"),
    "exhibitions.entry": pgettext_lazy("nhật ký: loại đối tượng", "Ảnh dự triển lãm"),
}
