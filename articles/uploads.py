# Historical migrations import these from here; they live in articles/photos/paths.py.
from .photos.paths import cover_image_path, gallery_image_path

__all__ = ["cover_image_path", "gallery_image_path"]
