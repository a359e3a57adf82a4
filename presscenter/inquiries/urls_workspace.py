from django.urls import path

from presscenter.inquiries import views_actions, views_detail, views_notices, views_queue

app_name = "inquiry_work"
urlpatterns = [
    path("", views_queue.inbox, name="inbox"),
    path("tiep-nhan/", views_queue.triage_queue, name="triage"),
    path("thong-bao-loi/", views_notices.failed_list, name="failed_notices"),
    path("thong-bao-loi/<int:pk>/gui-lai/", views_notices.retry, name="retry_notice"),
    path("<int:pk>/", views_detail.inquiry_detail, name="detail"),
    path("<int:pk>/thao-tac/<slug:action>/", views_actions.inquiry_action, name="action"),
    path("tep/<int:pk>/", views_detail.attachment_download, name="attachment"),
]
