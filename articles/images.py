"""Uploaded photos: checked before anything is stored, then re-encoded the way readers will get them.

Every upload path (cover, gallery, editor) goes through `check_photo` and `clean_photo`. Re-encoding
applies the camera's EXIF orientation, drops all metadata (a phone photo carries the GPS position of
where it was taken) and leaves nothing of the original bytes, so a file that is both an image and a
script (a polyglot) cannot survive even if it slipped past the checks.
"""

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A 48-megapixel phone photo passes; a decompression bomb (a tiny file that decodes to gigabytes) does not.
MAX_PIXELS = 50_000_000
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Markup inside an image file only serves to make it run as a page somewhere; photos never contain it.
# Only signatures long enough that compressed pixel data virtually never spells them by chance.
_EMBEDDED_MARKUP = re.compile(rb"<script|<iframe|<!doctype|<html[\s>]|<\?php|javascript:", re.IGNORECASE)

NOT_AN_IMAGE = "Tệp này không phải là ảnh. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF."
EMPTY = "Tệp ảnh rỗng (0 byte)."
TOO_LARGE = "Ảnh quá lớn (%(size)s MB). Dung lượng tối đa là 10 MB."
TOO_MANY_PIXELS = "Ảnh quá lớn (%(width)s × %(height)s điểm ảnh). Tối đa là 50 triệu điểm ảnh."
BROKEN = "Ảnh bị hỏng hoặc tải lên chưa trọn vẹn, không đọc được. Hãy xuất lại ảnh rồi tải lên."
HAS_MARKUP = "Tệp ảnh có chứa mã HTML hoặc script nên không được chấp nhận."


def check_photo(upload) -> None:
    """Raise a ValidationError, in Vietnamese, unless `upload` is a whole raster photo we accept."""
    size = upload.size
    if not size:
        raise ValidationError(EMPTY, code="empty")
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large", params={"size": f"{size / 1024 / 1024:.1f}"})
    upload.seek(0)
    if _EMBEDDED_MARKUP.search(upload.read()):
        raise ValidationError(HAS_MARKUP, code="markup")
    upload.seek(0)
    try:
        with Image.open(upload) as image:  # reads the header only
            if image.format not in EXTENSIONS:
                raise ValidationError(NOT_AN_IMAGE, code="format")
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    TOO_MANY_PIXELS,
                    code="too_many_pixels",
                    params={"width": image.width, "height": image.height},
                )
            image.load()  # the whole picture: a truncated or corrupt file fails here
    except UnidentifiedImageError:
        raise ValidationError(NOT_AN_IMAGE, code="format") from None
    except Image.DecompressionBombError:
        raise ValidationError(
            TOO_MANY_PIXELS, code="too_many_pixels", params={"width": "?", "height": "?"}
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(BROKEN, code="broken") from None
    finally:
        upload.seek(0)


def clean_photo(upload) -> ContentFile:
    """The photo upright, without metadata, freshly encoded in its own format; named by its format."""
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        animated = getattr(original, "is_animated", False)
        image = original if animated else ImageOps.exif_transpose(original)
        output = io.BytesIO()
        if image_format == "JPEG":
            image = image if image.mode in ("RGB", "L") else image.convert("RGB")
            image.save(output, "JPEG", quality=90, optimize=True, progressive=True)
        elif image_format == "WEBP":
            image.save(output, "WEBP", quality=90)
        elif image_format == "GIF":
            image.save(output, "GIF", save_all=animated)
        else:
            image.save(output, "PNG", optimize=True)
    upload.seek(0)
    return ContentFile(output.getvalue(), name=f"photo.{EXTENSIONS[image_format]}")
