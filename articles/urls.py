from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("bai-viet/<int:pk>/", views.ArticleView.as_view(), name="article_by_id"),
    path("bai-viet/<int:pk>/<str:slug>/", views.ArticleView.as_view(), name="article"),
]
