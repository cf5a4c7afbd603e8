from django import template

from articles.models import Article

register = template.Library()


@register.simple_tag
def waiting_for_me_count(user):
    return Article.objects.waiting_for(user).count()
