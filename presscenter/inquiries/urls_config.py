"""The configuration screens of questions and feedback, under /lam-viec/hoi-dap/cau-hinh/."""

from django.urls import path

from presscenter.inquiries import views_config as views

app_name = "inquiries_config"
urlpatterns = [
    path("", views.category_list, name="categories"),
    path("linh-vuc/moi/", views.category_create, name="category_create"),
    path("linh-vuc/<int:pk>/", views.category_edit, name="category_edit"),
    path("linh-vuc/<int:pk>/trang-thai/", views.category_active, name="category_active"),
    path("linh-vuc/<int:pk>/xoa/", views.category_delete, name="category_delete"),
    path("quy-tac/", views.rule_list, name="rules"),
    path("quy-tac/moi/", views.rule_create, name="rule_create"),
    path("quy-tac/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("quy-tac/<int:pk>/trang-thai/", views.rule_active, name="rule_active"),
    path("quy-tac/thu/", views.rule_test, name="rule_test"),
    path("quy-tac/xuat-csv/", views.rule_export, name="rule_export"),
    path("quy-tac/nhap-csv/", views.rule_import, name="rule_import"),
    path("quy-tac/nhap-csv/xac-nhan/", views.rule_import_apply, name="rule_import_apply"),
    path("thoi-han/", views.policy_matrix, name="policies"),
    path("thoi-han/dat/", views.policy_edit, name="policy_edit"),
    path("thoi-han/<int:pk>/bo/", views.policy_clear, name="policy_clear"),
    path("tu-dong/", views.threshold, name="threshold"),
]
