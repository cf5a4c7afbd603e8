"""Where uploaded files are stored: dated folders and unguessable names, so URLs reveal nothing."""

import posixpath
import secrets

from django.utils import timezone


def dated_random_path(folder: str, filename: str) -> str:
    extension = posixpath.splitext(filename)[1].lower()[:10]
    return f"{folder}/{timezone.localdate():%Y/%m}/{secrets.token_urlsafe(16)}{extension}"


def cover_image_path(instance, filename: str) -> str:
    return dated_random_path("articles/covers", filename)


def gallery_image_path(instance, filename: str) -> str:
    return dated_random_path("articles/gallery", filename)


def editor_upload_path(user, filename: str) -> str:
    """The editor's uploads: one folder per user, which is also what the editor's browser shows them."""
    return dated_random_path(f"uploads/{user.pk}", filename)
