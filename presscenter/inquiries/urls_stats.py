"""Accountability pages: the working screens under /lam-viec/thong-ke-hoi-dap/ and the public
statistics page at /thong-ke-hoi-dap/ (one include in presscenter/urls.py)."""

from django.urls import path

from presscenter.inquiries import views_stats

app_name = "inquiries_stats"
urlpatterns = [
    path("lam-viec/thong-ke-hoi-dap/", views_stats.dashboard, name="dashboard"),
    path("lam-viec/thong-ke-hoi-dap/danh-sach/", views_stats.question_list, name="list"),
    path("lam-viec/thong-ke-hoi-dap/danh-sach/tai-ve/", views_stats.export_list, name="export_list"),
    path("lam-viec/thong-ke-hoi-dap/tai-ve/", views_stats.export_aggregates, name="export_aggregates"),
    path("lam-viec/thong-ke-hoi-dap/bao-cao-thang/", views_stats.monthly_report, name="report"),
    path("lam-viec/thong-ke-hoi-dap/bao-cao-thang/pdf/", views_stats.monthly_report_pdf, name="report_pdf"),
    path("thong-ke-hoi-dap/", views_stats.public_stats, name="public"),
]
