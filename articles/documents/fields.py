"""A file field for documents' attachments: the admin's upload is checked by content (checks.py)."""

from django import forms
from django.db import models

from . import checks


class DocumentFormField(forms.FileField):
    def to_python(self, data):
        if data is not None and hasattr(data, "size"):
            # Before Django's own checks, so an empty or misnamed file gets the same message on every path.
            checks.check_document_file(data)
        return super().to_python(data)


class DocumentFileField(models.FileField):
    """Checked again by DocumentFile.save(), whatever door the file came in by (a script, the demo)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DocumentFormField, **kwargs})
