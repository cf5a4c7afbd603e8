"""The admin dashboard's view statistics: the site's daily views and the week's most read articles."""

from django import template
from django.urls import reverse

from articles import charts, policy, stats

register = template.Library()

register.filter("vietnamese_number", charts.vietnamese_number)


@register.inclusion_tag("admin/includes/view_stats.html")
def view_stats(user):
    days = stats.site_views_by_day()
    since = stats.week_start()
    sees_all = policy.sees_all_articles(user)
    return {
        "site_chart": charts.daily_views_chart(days, chart_id="site-views"),
        "since": since,
        # Titles of published articles are public; their admin pages only for those who may open them
        # (a contributor only their own), so nobody is sent to a "not found".
        "top_articles": [
            (
                article,
                reverse("admin:articles_article_change", args=[article.pk])
                if sees_all or article.author_id == user.pk
                else None,
            )
            for article in stats.top_articles(since)
        ],
    }
