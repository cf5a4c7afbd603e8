from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, TemplateView

from .menu import build_menu
from .models import Article, Category


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        public = Article.objects.published().for_listing()
        menu = build_menu()
        top_categories = [entry.category for entry in menu]
        latest_by_category = public.latest_per_family(top_categories, settings.HOME_CATEGORY_BLOCK_COUNT)
        return super().get_context_data(
            featured=public.featured().newest_first()[: settings.HOME_FEATURED_COUNT],
            latest=public.newest_first()[: settings.HOME_LATEST_COUNT],
            category_blocks=[
                (category, latest_by_category[category.pk])
                for category in top_categories
                if category.pk in latest_by_category
            ],
            category_tree=menu,  # one query for the category tree and the blocks, instead of one each
            **kwargs,
        )


class CategoryView(DetailView):
    template_name = "articles/category.html"
    context_object_name = "category"

    def get_queryset(self):
        return Category.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        category = self.object
        sub_categories = list(category.children.all())
        articles = Article.objects.published().for_listing().filed_under(category).newest_first()
        # get_page turns ?page=abc, 0, -1 or a huge number into the nearest real page instead of an error.
        page = Paginator(articles, settings.ARTICLES_PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            articles=page.object_list,
            sub_categories=[child for child in sub_categories if child.show_in_menu],
            **kwargs,
        )


class ArticleView(DetailView):
    template_name = "articles/article.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Article.objects.published().select_related("category__parent"), pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        # The page's script counts the view (articles/counting/), so a cached copy of the page counts too.
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**article_page_context(self.request, self.object), **kwargs)


def article_page_context(request, article):
    """Everything the article page shows around the article; the newsroom's preview shows the same."""
    return {
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
        "gallery": article.images.all(),
        # One query for all of them, whatever their number; readers see only the public ones.
        "related_documents": article.related_documents.published().select_related("kind").newest_first(),
        "other_articles": Article.objects.published()
        .for_listing()
        .related_to(article)
        .newest_first()[: settings.RELATED_COUNT],
    }
