"""The logo field: a photo field (checked, cleaned, with renditions) that also makes the site's icons."""

from articles.photos.fields import PhotoField

from . import icons


class LogoField(PhotoField):
    def pre_save(self, model_instance, add):
        logo = getattr(model_instance, self.attname)
        uploaded = bool(logo) and not logo._committed
        logo = super().pre_save(model_instance, add)
        if uploaded:
            icons.generate(logo)
        return logo
