"""Published questions for crawlers: each one's page, as readers see it."""

from django.contrib.sitemaps import Sitemap

from .models import Question


class QuestionSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Question.objects.published().newest_first()

    def lastmod(self, question):
        return max(question.published_at, question.updated_at)
