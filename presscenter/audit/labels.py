"""Audit actions and kinds of object in words. The codes stay in the data (filters, exports)
and show on screens only as secondary detail."""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# Literal contexts, so that makemessages finds every label.
ACTIONS: dict[str, Promise] = {
    "item.create": pgettext_lazy("nhật ký: hành động", "Tạo tin"),
    "item.update": pgettext_lazy("nhật ký: hành động", "Sửa tin"),
    "item.submit": pgettext_lazy("nhật ký: hành động", "Gửi duyệt"),
    "item.recall": pgettext_lazy("nhật ký: hành động", "Rút lại để sửa"),
    "item.request_changes": pgettext_lazy("nhật ký: hành động", "Yêu cầu sửa"),
    "item.schedule": pgettext_lazy("nhật ký: hành động", "Hẹn giờ công bố"),
    "item.publish": pgettext_lazy("nhật ký: hành động", "Công bố"),
    "item.force_publish": pgettext_lazy("nhật ký: hành động", "Công bố không qua duyệt"),
    "item.withdraw": pgettext_lazy("nhật ký: hành động", "Thu hồi tin"),
    "late_publication.acknowledged": pgettext_lazy("nhật ký: hành động", "Xác nhận đã xem xét công bố trễ"),
    "attachment.add": pgettext_lazy("nhật ký: hành động", "Thêm tệp đính kèm"),
    "attachment.update": pgettext_lazy("nhật ký: hành động", "Sửa thông tin tệp"),
    "attachment.remove": pgettext_lazy("nhật ký: hành động", "Xóa tệp đính kèm"),
    "account.create": pgettext_lazy("nhật ký: hành động", "Tạo tài khoản"),
    "account.update": pgettext_lazy("nhật ký: hành động", "Sửa tài khoản"),
    "account.deactivate": pgettext_lazy("nhật ký: hành động", "Khóa tài khoản"),
    "account.unlock": pgettext_lazy("nhật ký: hành động", "Mở khóa đăng nhập"),
    "account.otp_enrolment_start": pgettext_lazy("nhật ký: hành động", "Bắt đầu thiết lập xác thực hai lớp"),
    "account.otp_enable": pgettext_lazy("nhật ký: hành động", "Bật xác thực hai lớp"),
    "account.otp_recovery_codes": pgettext_lazy("nhật ký: hành động", "Tạo lại mã khôi phục"),
    "account.otp_disable": pgettext_lazy("nhật ký: hành động", "Tắt xác thực hai lớp"),
    "account.otp_reset": pgettext_lazy("nhật ký: hành động", "Đặt lại xác thực hai lớp"),
    "account.bootstrap_admin": pgettext_lazy("nhật ký: hành động", "Tạo tài khoản quản trị đầu tiên"),
    "token.issue": pgettext_lazy("nhật ký: hành động", "Cấp khóa truy cập API"),
    "token.revoke": pgettext_lazy("nhật ký: hành động", "Thu hồi khóa truy cập API"),
    "org.create": pgettext_lazy("nhật ký: hành động", "Tạo cơ quan"),
    "org.update": pgettext_lazy("nhật ký: hành động", "Sửa cơ quan"),
    "orgs.import": pgettext_lazy("nhật ký: hành động", "Nhập danh sách cơ quan"),
    "signing_key.rotate": pgettext_lazy("nhật ký: hành động", "Đổi khóa ký"),
    "press.signup": pgettext_lazy("nhật ký: hành động", "Nhà báo đăng ký"),
    "press.approve": pgettext_lazy("nhật ký: hành động", "Duyệt nhà báo"),
    "press.reject": pgettext_lazy("nhật ký: hành động", "Từ chối nhà báo"),
    "press.suspend": pgettext_lazy("nhật ký: hành động", "Tạm đình chỉ nhà báo"),
    "press.reinstate": pgettext_lazy("nhật ký: hành động", "Khôi phục nhà báo"),
    "press.revoke": pgettext_lazy("nhật ký: hành động", "Thu hồi công nhận nhà báo"),
    "press.renew_card": pgettext_lazy("nhật ký: hành động", "Cập nhật thẻ nhà báo"),
    "press.profile_update": pgettext_lazy("nhật ký: hành động", "Sửa hồ sơ nhà báo"),
    "press.expiry_reminder": pgettext_lazy("nhật ký: hành động", "Nhắc thẻ nhà báo sắp hết hạn"),
    "press.card_lapsed": pgettext_lazy("nhật ký: hành động", "Thẻ nhà báo hết hạn"),
    "press.outlet_create": pgettext_lazy("nhật ký: hành động", "Thêm cơ quan báo chí"),
    "press.outlet_update": pgettext_lazy("nhật ký: hành động", "Sửa cơ quan báo chí"),
    "press.outlet_active": pgettext_lazy("nhật ký: hành động", "Bật/tắt cơ quan báo chí"),
    "subscription.create": pgettext_lazy("nhật ký: hành động", "Tạo đăng ký nhận tin"),
    "subscription.update": pgettext_lazy("nhật ký: hành động", "Sửa đăng ký nhận tin"),
    "subscription.delete": pgettext_lazy("nhật ký: hành động", "Xóa đăng ký nhận tin"),
    "subscription.email_subscribe": pgettext_lazy("nhật ký: hành động", "Đăng ký nhận tin qua thư"),
    "subscription.email_confirm": pgettext_lazy("nhật ký: hành động", "Xác nhận địa chỉ thư"),
    "subscription.email_unsubscribe": pgettext_lazy("nhật ký: hành động", "Hủy nhận tin qua thư"),
    "subscription.stop_email": pgettext_lazy("nhật ký: hành động", "Ngừng nhận tin qua thư điện tử"),
    "delivery.resend": pgettext_lazy("nhật ký: hành động", "Gửi lại"),
    "webhook.create": pgettext_lazy("nhật ký: hành động", "Tạo webhook"),
    "webhook.update": pgettext_lazy("nhật ký: hành động", "Sửa webhook"),
    "webhook.delete": pgettext_lazy("nhật ký: hành động", "Xóa webhook"),
    "webhook.test": pgettext_lazy("nhật ký: hành động", "Gửi thử webhook"),
    "webhook.rotate_secret": pgettext_lazy("nhật ký: hành động", "Đổi khóa bí mật webhook"),
    "webhook.reenable": pgettext_lazy("nhật ký: hành động", "Bật lại webhook"),
    "webhook.auto_disable": pgettext_lazy("nhật ký: hành động", "Tự động tắt webhook lỗi"),
    "webhook.allow_private_network": pgettext_lazy("nhật ký: hành động", "Cho phép webhook vào mạng nội bộ"),
    "websub.subscribe": pgettext_lazy("nhật ký: hành động", "Đăng ký WebSub"),
    "websub.unsubscribe": pgettext_lazy("nhật ký: hành động", "Hủy đăng ký WebSub"),
    "live.feed_token_rotated": pgettext_lazy("nhật ký: hành động", "Tạo mã kênh tin riêng"),
    "workdays.add": pgettext_lazy("nhật ký: hành động", "Thêm ngày vào lịch làm việc"),
    "workdays.change": pgettext_lazy("nhật ký: hành động", "Sửa ngày trong lịch làm việc"),
    "workdays.remove": pgettext_lazy("nhật ký: hành động", "Xóa ngày khỏi lịch làm việc"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "releases.item": pgettext_lazy("nhật ký: loại đối tượng", "Tin"),
    "releases.attachment": pgettext_lazy("nhật ký: loại đối tượng", "Tệp đính kèm"),
    "releases.latepublication": pgettext_lazy("nhật ký: loại đối tượng", "Công bố trễ"),
    "accounts.user": pgettext_lazy("nhật ký: loại đối tượng", "Tài khoản"),
    "accounts.apitoken": pgettext_lazy("nhật ký: loại đối tượng", "Khóa truy cập API"),
    "orgs.organisation": pgettext_lazy("nhật ký: loại đối tượng", "Cơ quan"),
    "authenticity.signingkey": pgettext_lazy("nhật ký: loại đối tượng", "Khóa ký"),
    "press.journalistprofile": pgettext_lazy("nhật ký: loại đối tượng", "Nhà báo"),
    "press.outlet": pgettext_lazy("nhật ký: loại đối tượng", "Cơ quan báo chí"),
    "subscriptions.subscription": pgettext_lazy("nhật ký: loại đối tượng", "Đăng ký nhận tin"),
    "subscriptions.emailsubscriber": pgettext_lazy("nhật ký: loại đối tượng", "Người nhận tin qua thư"),
    "delivery.delivery": pgettext_lazy("nhật ký: loại đối tượng", "Lần gửi tin"),
    "webhooks.webhook": pgettext_lazy("nhật ký: loại đối tượng", "Webhook"),
    "webhooks.websubsubscription": pgettext_lazy("nhật ký: loại đối tượng", "Đăng ký WebSub"),
    "workdays.dayexception": pgettext_lazy("nhật ký: loại đối tượng", "Ngày làm bù hoặc nghỉ thêm"),
}


def action_label(action: str) -> str:
    """In words; an action nobody has named yet shows its code rather than nothing."""
    return str(ACTIONS.get(action, action))


def object_type_label(object_type: str) -> str:
    return str(OBJECT_TYPES.get(object_type, object_type))
