from django import template

from articles import publishing

register = template.Library()


@register.simple_tag
def waiting_for_me_count(user):
    return publishing.waiting_for(user).count()
