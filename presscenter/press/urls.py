from django.urls import path

from presscenter.press import views

app_name = "press"
urlpatterns = [
    path("dang-ky/", views.signup, name="signup"),
    path("ho-so/", views.profile, name="profile"),
    path("ban-lam-viec/", views.desk, name="desk"),
    path("xet-duyet/", views.queue, name="queue"),
    path("xet-duyet/<int:pk>/", views.journalist, name="journalist"),
    path("xet-duyet/<int:pk>/anh/", views.photo, name="photo"),
    path("xet-duyet/<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("co-quan-bao-chi/", views.outlets, name="outlets"),
    path("co-quan-bao-chi/moi/", views.outlet_create, name="outlet_create"),
    path("co-quan-bao-chi/<int:pk>/", views.outlet_edit, name="outlet_edit"),
    path("co-quan-bao-chi/<int:pk>/trang-thai/", views.outlet_active, name="outlet_active"),
    path("co-quan-bao-chi/<int:pk>/bieu-trung/", views.outlet_logo, name="outlet_logo"),
]
