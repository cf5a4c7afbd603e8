"""The date line of Vietnamese portals: "Thứ Tư, 25/11/2026", in Vietnam's time whatever the server's."""

from django import template
from django.utils import timezone

register = template.Library()

# Monday first, as date.weekday() counts. Written out rather than taken from the locale: Django's Vietnamese
# day names are lower case ("thứ tư"), and portals capitalise both words.
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@register.simple_tag
def date_line(day=None) -> str:
    day = day or timezone.localdate()
    return f"{WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"


@register.filter
def machine_time(moment) -> str:
    """A `datetime` attribute's value: ISO 8601 in Vietnam time, to the second.

    Django's "c" format keeps microseconds, and HTML allows at most three digits of a fraction of a second.
    """
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()
