"""Uploaded photos: checked before anything is stored, then re-encoded the way readers will get them.

Every upload path (cover, gallery, editor) goes through `check_photo` and `clean_photo`. Re-encoding
applies the camera's EXIF orientation, drops all metadata (a phone photo carries the GPS position of
where it was taken) and leaves nothing of the original bytes, so a file that is both an image and a
script (a polyglot) cannot survive even if it slipped past the checks. Of an animated image only the
first frame is kept: a news photo is a still, and readers' pages never animate.
"""

import io
import re
import struct

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A 48-megapixel phone photo passes; a decompression bomb (a tiny file that decodes to gigabytes) does not.
# An animation's frames share the budget: a 500-byte GIF can declare 20 frames of 7000 × 7000, each a whole
# canvas to decode (re-encoding them all once took 47 s of CPU and 1.3 GB).
MAX_PIXELS = 50_000_000
# Room for a phone's panorama or a long infographic, yet a strip of 50,000 × 1000 px (within the area budget)
# is refused: its renditions keep a tall photo's height, and WebP cannot encode a side over 16,383 px.
MAX_SIDE = 16_000
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Markup inside an image file only serves to make it run as a page somewhere; photos never contain it.
# Only signatures long enough that compressed pixel data virtually never spells them by chance.
_EMBEDDED_MARKUP = re.compile(rb"<script|<iframe|<!doctype|<html[\s>]|<\?php|javascript:", re.IGNORECASE)
_GIF_BLOCK_START = re.compile(rb"[!,;]")
_RENDERING_INFO = ("transparency", "icc_profile")

NOT_AN_IMAGE = "Tệp này không phải là ảnh. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF."
EMPTY = "Tệp ảnh rỗng (0 byte)."
TOO_LARGE = "Ảnh quá lớn (%(size)s MB). Dung lượng tối đa là 10 MB."
TOO_MANY_PIXELS = "Ảnh quá lớn (%(width)s × %(height)s điểm ảnh). Tối đa là 50 triệu điểm ảnh."
SIDE_TOO_LONG = (
    "Ảnh quá dài hoặc quá rộng (%(width)s × %(height)s điểm ảnh). Mỗi chiều tối đa là 16.000 điểm ảnh."
)
ANIMATION_TOO_LARGE = (
    "Ảnh động quá lớn (%(frames)s khung hình, mỗi khung %(width)s × %(height)s điểm ảnh). Tổng cộng tối đa "
    "là 50 triệu điểm ảnh. Trang chỉ đăng khung hình đầu tiên của ảnh động, vì vậy hãy lưu khung hình đó "
    "thành ảnh JPEG hoặc PNG rồi tải lên."
)
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
    data = upload.read()
    if _EMBEDDED_MARKUP.search(data):
        raise ValidationError(HAS_MARKUP, code="markup")
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            if image.format not in EXTENSIONS:
                raise ValidationError(NOT_AN_IMAGE, code="format")
            _check_dimensions(*_frames_and_canvas(image, data))
            image.load()  # the first frame, the only one kept: a truncated or corrupt file fails here
    except UnidentifiedImageError:
        raise ValidationError(NOT_AN_IMAGE, code="format") from None
    except Image.DecompressionBombError:
        raise ValidationError(
            TOO_MANY_PIXELS, code="too_many_pixels", params={"width": "?", "height": "?"}
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error):
        raise ValidationError(BROKEN, code="broken") from None
    finally:
        upload.seek(0)


def within_budget(width: int, height: int) -> bool:
    """Whether one frame of this size is within what we decode: also the rule for photos already stored."""
    return width * height <= MAX_PIXELS and max(width, height) <= MAX_SIDE


def _check_dimensions(frames: int, width: int, height: int) -> None:
    params = {"frames": frames, "width": width, "height": height}
    if frames > 1 and frames * width * height > MAX_PIXELS:
        raise ValidationError(ANIMATION_TOO_LARGE, code="animation_too_large", params=params)
    if width * height > MAX_PIXELS:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels", params=params)
    if max(width, height) > MAX_SIDE:
        raise ValidationError(SIDE_TOO_LONG, code="side_too_long", params=params)


def _frames_and_canvas(image, data: bytes) -> tuple[int, int, int]:
    """How many frames a decoder would go through, and the canvas each is drawn on; nothing decoded."""
    if image.format == "GIF":
        return _gif_frames_and_canvas(data)
    # WebP and APNG declare their frame count in a header chunk, which Pillow reads on opening.
    return getattr(image, "n_frames", 1), image.width, image.height


def _gif_frames_and_canvas(data: bytes) -> tuple[int, int, int]:
    """Walk a GIF's blocks, skipping every frame's pixel data unread.

    Not Pillow's `n_frames`: it also skips the data, but only by reading it sub-block by sub-block in
    Python, and it does not grow the canvas for frames placed beyond the logical screen as decoding does.
    """
    width, height, flags = struct.unpack_from("<HHB", data, 6)
    position = 13 + _color_table_size(flags)
    frames, end = 0, len(data)
    while position < end:
        introducer = data[position]
        if introducer == 0x3B:  # trailer
            break
        if introducer == 0x21:  # extension: its label, then sub-blocks
            position = _after_sub_blocks(data, position + 2)
        elif introducer == 0x2C:  # a frame: where it is drawn, its own colours, then compressed pixels
            left, top, frame_width, frame_height, flags = struct.unpack_from("<HHHHB", data, position + 1)
            width, height = max(width, left + frame_width), max(height, top + frame_height)
            frames += 1
            position = _after_sub_blocks(data, position + 10 + _color_table_size(flags) + 1)
        else:
            # Decoders step over stray bytes between blocks, so a frame after them still counts.
            next_block = _GIF_BLOCK_START.search(data, position)
            if next_block is None:
                break
            position = next_block.start()
    return max(frames, 1), width, height


def _color_table_size(flags: int) -> int:
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def _after_sub_blocks(data: bytes, position: int) -> int:
    end = len(data)
    while position < end:
        size = data[position]
        position += size + 1
        if not size:
            break
    return position


def clean_photo(upload) -> ContentFile:
    """The photo upright, without metadata, freshly encoded in its own format; named by its format.

    An animation becomes its first frame (see the module's docstring), so its renditions and every later
    read of the stored file decode one picture.
    """
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        # A new single-frame image in every case: the first frame, upright, with no frames behind it.
        image = ImageOps.exif_transpose(original)
        # Pillow writes some of what it read back out (a JPEG's or GIF's comment); keep only what shapes
        # the picture itself.
        image.info = {key: value for key, value in image.info.items() if key in _RENDERING_INFO}
        output = io.BytesIO()
        if image_format == "JPEG":
            image = image if image.mode in ("RGB", "L") else image.convert("RGB")
            image.save(output, "JPEG", quality=90, optimize=True, progressive=True)
        elif image_format == "WEBP":
            image.save(output, "WEBP", quality=90)
        elif image_format == "GIF":
            image.save(output, "GIF")
        else:
            image.save(output, "PNG", optimize=True)
    upload.seek(0)
    return ContentFile(output.getvalue(), name=f"photo.{EXTENSIONS[image_format]}")
