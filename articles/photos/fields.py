"""A photo field: every upload is checked and cleaned (checks.py) and gets its renditions."""

from django import forms
from django.db import models

from . import checks, renditions


class PhotoFormField(forms.ImageField):
    default_error_messages = {"invalid_image": checks.NOT_AN_IMAGE}

    def to_python(self, data):
        if data is not None and hasattr(data, "size"):
            # Before Pillow decodes anything: a bomb or a 30 MB file is refused on its header and size.
            checks.check_photo(data)
        return super().to_python(data)


class PhotoField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})

    def pre_save(self, model_instance, add):
        photo = getattr(model_instance, self.attname)
        if photo and not photo._committed:
            checks.check_photo(photo.file)
            cleaned = checks.clean_photo(photo.file)
            photo.save(cleaned.name, cleaned, save=False)
            # From the stored, cleaned photo: the upload object still holds the camera's original bytes.
            renditions.generate_for_stored(photo.name)
        return photo
