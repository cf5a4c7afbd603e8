from django.urls import path

from . import feeds, views
from .counting import views as counting

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("bai-viet/<int:pk>/", views.ArticleView.as_view(), name="article_by_id"),
    path("bai-viet/<int:pk>/luot-xem/", counting.count_view, name="count_view"),
    path("bai-viet/<int:pk>/luot-xem.gif", counting.count_view_pixel, name="count_view_pixel"),
    path("bai-viet/<int:pk>/<str:slug>/", views.ArticleView.as_view(), name="article"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("rss/<slug:slug>/", feeds.CategoryFeed(), name="category_feed"),
    path("lien-ket-rss/", feeds.FeedListView.as_view(), name="feeds"),
]
