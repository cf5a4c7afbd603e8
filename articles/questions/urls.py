from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("", views.QuestionListView.as_view(), name="list"),
    path("dat-cau-hoi/", views.AskView.as_view(), name="ask"),
    path("<int:pk>/", views.QuestionView.as_view(), name="detail"),
]
