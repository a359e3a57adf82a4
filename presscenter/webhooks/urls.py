"""Mounted at /webhook/.

An accredited journalist's webhooks: `webhooks:list`, `create`, `detail` (with the delivery log),
`edit`, `delete`, `rotate`, `test`, `reenable` (pk). Operators: `webhooks:admin`, `admin_private` (pk).
The WebSub hub: `webhooks:websub_hub` (POST; `presscenter.webhooks.websub.hub_url()` gives it absolute).
"""

from django.urls import path

from presscenter.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.webhook_list, name="list"),
    path("them/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/xoa/", views.delete, name="delete"),
    path("<int:pk>/doi-khoa/", views.rotate, name="rotate"),
    path("<int:pk>/gui-thu/", views.send_test, name="test"),
    path("<int:pk>/bat-lai/", views.reenable, name="reenable"),
    path("quan-tri/", views.admin, name="admin"),
    path("quan-tri/<int:pk>/mang-noi-bo/", views.admin_private, name="admin_private"),
    path("websub/", views.websub_hub, name="websub_hub"),
]
