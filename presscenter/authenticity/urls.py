from django.urls import path, re_path

from presscenter.authenticity import views

app_name = "authenticity"
urlpatterns = [
    path("", views.verify_page, name="verify"),
    path("khoa-cong-khai/", views.keys_page, name="keys"),
    path("khoa-cong-khai.json", views.keys_json, name="keys_json"),
    re_path(r"^qr/(?P<code>[A-Za-z0-9-]{1,32})\.svg$", views.qr_svg, name="qr"),
]
