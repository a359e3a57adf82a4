from django.urls import path

from presscenter.delivery import views

app_name = "delivery"
urlpatterns = [
    path("tinh-trang/", views.health_screen, name="health"),
    path("tinh-trang/<int:pk>/gui-lai/", views.resend, name="resend"),
    path("cua-toi/", views.mine, name="mine"),
]
