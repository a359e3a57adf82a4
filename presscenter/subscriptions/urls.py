from django.urls import path

from presscenter.subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.subscription_list, name="list"),
    path("tao-moi/", views.subscription_create, name="create"),
    path("xem-truoc/", views.subscription_preview, name="preview"),
    path("<int:pk>/sua/", views.subscription_edit, name="edit"),
    path("<int:pk>/xoa/", views.subscription_delete, name="delete"),
    path("theo-email/", views.public_subscribe, name="public"),
    path("xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("ngung-thu/<str:token>/", views.stop_email, name="stop_email"),
]
