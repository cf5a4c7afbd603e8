# Historical migrations import PhotoField from here; it lives in articles/photos/fields.py.
from .photos.fields import PhotoField

__all__ = ["PhotoField"]
