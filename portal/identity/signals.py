"""Forget the cached identity (current.py) whenever something it is built from is saved or deleted."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from articles.models import Category
from articles.pages.models import Page

from . import current
from .models import AgencyLink, MenuItem, SiteProfile

SOURCES = (SiteProfile, MenuItem, AgencyLink, Category, Page)


def _forget(**kwargs):
    current.forget()
    # Again once the change is committed: a request on another worker between the save and the commit still
    # read the old rows, and would otherwise keep them in the cache for the rest of its hour.
    transaction.on_commit(current.forget)


def connect():
    for model in SOURCES:
        post_save.connect(_forget, sender=model, dispatch_uid=f"identity-forget-{model.__name__}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"identity-forget-{model.__name__}-delete")
