from django.contrib import admin
from django.urls import include, path

from presscenter.api import api
from presscenter.events.urls_registration import work_patterns as event_registrations_work

urlpatterns = [
    path("", include("presscenter.inquiries.urls_stats")),
    path("", include("presscenter.events.urls_checkin")),
    path("", include("presscenter.events.urls_questions")),
    path("", include("presscenter.events.urls_after")),
    path("", include("presscenter.portal.urls")),
    path("lich-su-kien/", include("presscenter.events.urls_feeds")),
    path("tim-kiem/", include("presscenter.search.urls")),
    path("tep/", include("presscenter.releases.urls")),
    path("xac-thuc/", include("presscenter.authenticity.urls")),
    path("xac-thuc/nhat-ky/", include("presscenter.audit.urls")),
    path("kenh-tin/", include("presscenter.syndication.urls")),
    path("lam-viec/su-kien/", include(event_registrations_work)),
    path("su-kien/", include("presscenter.events.urls_registration")),
    path("lam-viec/khoa-open311/", include("presscenter.open311.screens_urls")),
    path("lam-viec/lich-lam-viec/", include("presscenter.workdays.urls")),
    path("lam-viec/hoi-dap/cau-hinh/", include("presscenter.inquiries.urls_config")),
    path("lam-viec/hoi-dap/", include("presscenter.inquiries.urls_workspace")),
    path("lam-viec/trien-lam/", include("presscenter.exhibitions.urls_workspace")),
    path("lam-viec/su-kien/", include("presscenter.events.urls_workspace")),
    path("lam-viec/", include("presscenter.workspace.urls")),
    path("tai-khoan/", include("presscenter.accounts.urls")),
    path("bao-chi/", include("presscenter.press.urls")),
    path("hoi-dap/", include("presscenter.inquiries.urls_public")),
    path("trien-lam/", include("presscenter.exhibitions.urls_public")),
    path("su-kien/", include("presscenter.events.urls_public")),
    path("dang-ky-nhan-tin/", include("presscenter.subscriptions.urls")),
    path("gui-tin/", include("presscenter.delivery.urls")),
    path("webhook/", include("presscenter.webhooks.urls")),
    path("truc-tiep/", include("presscenter.live.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/", include("presscenter.open311.urls")),
    path("api/", api.urls),
    path("quan-tri-he-thong/", admin.site.urls),
]
