from django.urls import path

from presscenter.audit.views import audit_log
from presscenter.workspace.views import accounts, attachments, items, orgs, writing

app_name = "workspace"
urlpatterns = [
    path("", items.home, name="home"),
    path("danh-sach/<slug:slug>/", items.queue, name="queue"),
    path("tin/moi/", items.item_create, name="item_create"),
    path("tin/nhap-tu-word/", writing.item_import, name="item_import"),
    path("tin/<int:pk>/", items.item_detail, name="item"),
    path("tin/<int:pk>/sua/", items.item_edit, name="item_edit"),
    path("tin/<int:pk>/xem-truoc/", writing.item_preview, name="item_preview"),
    path("tin/<int:pk>/thao-tac/<slug:action>/", items.item_action, name="item_action"),
    path("tin/<int:pk>/tep/", attachments.upload, name="attachment_upload"),
    path("tep/<int:pk>/sua/", attachments.update_meta, name="attachment_update"),
    path("tep/<int:pk>/xoa/", attachments.remove, name="attachment_remove"),
    path("cong-bo-tre/", items.late_publications, name="late_publications"),
    path("cong-bo-tre/<int:pk>/xac-nhan/", items.late_acknowledge, name="late_acknowledge"),
    path("nhat-ky/", audit_log, name="audit_log"),
    path("tai-khoan/", accounts.account_list, name="account_list"),
    path("tai-khoan/moi/", accounts.account_create, name="account_create"),
    path("tai-khoan/<int:pk>/", accounts.account_edit, name="account_edit"),
    path("tai-khoan/<int:pk>/khoa/", accounts.account_deactivate, name="account_deactivate"),
    path("tai-khoan/<int:pk>/mo-khoa-dang-nhap/", accounts.account_unlock, name="account_unlock"),
    path("tai-khoan/<int:pk>/dat-lai-xac-thuc/", accounts.account_otp_reset, name="account_otp_reset"),
    path("co-quan/", orgs.organisation_list, name="organisation_list"),
    path("co-quan/moi/", orgs.organisation_create, name="organisation_create"),
    path("co-quan/<int:pk>/", orgs.organisation_edit, name="organisation_edit"),
]
