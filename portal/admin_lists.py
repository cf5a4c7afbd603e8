"""The admin's lists refuse an address or a form they cannot use the way Django refuses "?status=xyz": the
list reloads with a message, not a server error. portal/admin_site.py mixes this into every model's admin,
the libraries' (axes, django-otp) too.

Django checks a list's filters while it builds the query, but some values only fail later, when they meet
the calendar or the database: a date hierarchy's year 9999 (it has no following year) or of twenty digits
(no C long holds it), Django ticket #37357; a `__year` lookup on any date field beyond 9999 or below 1; a
date at year 1, which SQLite's adapter moves from Vietnam's time to UTC, into year 0. And a bulk action
filters the list by the posted row ids as they come: "", "abc" or a number no column holds fails there.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

# What Python's datetime raises for a year outside 1..9999, or a number too large for it.
OUT_OF_CALENDAR = (ValueError, OverflowError)
# What preparing a posted row id for a query raises when it is none: a non-number, a malformed UUID, a
# number beyond SQLite's integers.
NOT_AN_ID = (ValueError, TypeError, ValidationError, OverflowError)


class CalendarBoundChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OUT_OF_CALENDAR as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # The list's first queries: a value the database cannot take fails here, before anything is shown.
        try:
            super().get_results(request)
        except OUT_OF_CALENDAR as error:
            raise IncorrectLookupParameters(error) from error


class GuardedLists:
    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        # An admin with a list of its own keeps it; none here has one.
        return CalendarBoundChangeList if changelist is ChangeList else changelist

    def response_action(self, request, queryset):
        try:
            queryset.filter(pk__in=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)).exists()
        except NOT_AN_ID:
            # Django's own words (and translation) for an action with no rows selected; the list reloads.
            nothing_selected = gettext(
                "Items must be selected in order to perform actions on them. No items have been changed."
            )
            self.message_user(request, nothing_selected, messages.WARNING)
            return None
        return super().response_action(request, queryset)
