from django.urls import path

from presscenter.accounts import views, views_otp

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("ma-truy-cap/", views.tokens, name="tokens"),
    path("ma-truy-cap/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("xac-thuc-hai-lop/", views_otp.setup, name="otp_setup"),
    path("xac-thuc-hai-lop/ma/", views_otp.verify, name="otp_verify"),
    path("xac-thuc-hai-lop/ma-khoi-phuc/", views_otp.codes, name="otp_codes"),
    path("xac-thuc-hai-lop/tat/", views_otp.disable, name="otp_disable"),
    path("xac-nhan-lai/", views_otp.reauth, name="reauth"),
]
