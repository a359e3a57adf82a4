from django.urls import path

from presscenter.inquiries import views_public as views

app_name = "inquiries_public"
urlpatterns = [
    path("", views.index, name="index"),
    path("phan-anh/", views.feedback, name="feedback"),
    path("bao-chi/", views.question, name="question"),
    path("tuong-tu/", views.similar_partial, name="similar"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("cua-toi/", views.mine, name="mine"),
    path("da-gui/<str:code>/", views.sent, name="sent"),
    path("theo-doi/<str:code>/", views.status, name="status"),
    path("theo-doi/<str:code>/theo-doi-cau-hoi-khac/", views.join, name="join"),
    path("theo-doi/<str:code>/bo-sung/", views.add_info, name="add_info"),
    path("theo-doi/<str:code>/danh-gia/", views.rate, name="rate"),
    path("theo-doi/<str:code>/mo-lai/", views.reopen, name="reopen"),
]
