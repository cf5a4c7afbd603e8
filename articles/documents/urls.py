from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("<int:pk>/tep/<int:file_pk>/", views.download, name="download"),
    path("<int:pk>/", views.DocumentDetailView.as_view(), name="detail_by_id"),
    path("<int:pk>/<str:slug>/", views.DocumentDetailView.as_view(), name="detail"),
]
