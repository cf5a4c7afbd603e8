"""Pages under /quan-tri/ that are not the admin's own: resetting a forgotten password.

Unnamespaced, with Django's names: the admin's login page shows its "Quên mật khẩu?" link when
`admin_password_reset` exists, and Django's reset views redirect to the others by these names.
"""

from django.urls import path

from . import password_reset

urlpatterns = [
    path("quen-mat-khau/", password_reset.PasswordResetView.as_view(), name="admin_password_reset"),
    path("quen-mat-khau/da-gui/", password_reset.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        password_reset.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
