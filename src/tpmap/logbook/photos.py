"""Checking and cleaning uploaded photos.

A photo is accepted only when Pillow decodes it fully as JPEG, PNG or WebP and it is at
most 10 MB (seed 003: "ขนาดภาพแต่ละภาพไม่เกิน 10 MB"). It is then turned upright,
re-encoded as JPEG without any metadata (EXIF, GPS, comments), scaled down to at most
2560 px, and given a 320 px thumbnail. The file name and extension the phone sent are
never trusted.

Decoding is bounded in memory: a small compressed file can decode to a huge image (a
250 KB PNG of 60 million pixels took ~1 GB). So the dimensions are read from the header
before anything is decoded and refused above MAX_PIXELS (24 MP: a phone's photo is 12 MP,
its full-sensor JPEG up to MAX_JPEG_PIXELS); a JPEG is decoded at a reduced scale straight
from the file (``Image.draft``); any image is shrunk to 2560 px in its own mode before it is
turned upright or converted; and one process decodes one photo at a time (DECODE_LOCK), so
simultaneous uploads queue instead of adding up."""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tpmap.site.privacy import mask_text

MAX_BYTES = 10 * 1024 * 1024
# Above these a file is refused before decoding (a decompression bomb or not a phone photo).
MAX_PIXELS = 24_000_000  # PNG, WebP: decoded whole, ~96 MB as RGBA at most
MAX_JPEG_PIXELS = 50_000_000  # JPEG: decoded at 1/2 to 1/8 scale by draft, ~50 MB at most
MAX_SIDE = 2560
THUMB_SIDE = 320
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
MAX_PHOTOS_PER_RECORD = 5
# One decode at a time per process: the memory bound above holds per process, not per upload.
DECODE_LOCK = threading.Lock()


class PhotoError(ValueError):
    """A photo that cannot be accepted; the message is Thai and names the file."""


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    original_name: str
    image: bytes  # JPEG, no metadata
    thumbnail: bytes  # JPEG
    width: int
    height: int


def safe_name(name: str | None) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    # A phone may name a photo of an ID card by the ID: never echo or keep it whole.
    return mask_text(base[:100]) or _("รูปภาพ")


def clean_photo(data: bytes, name: str | None = None) -> CleanPhoto:
    """Check one upload and return its cleaned JPEG and thumbnail, or raise PhotoError."""
    label = safe_name(name)
    if len(data) == 0:
        raise PhotoError(_("ไฟล์ %(name)s ว่างเปล่า") % {"name": label})
    if len(data) > MAX_BYTES:
        raise PhotoError(
            _("ไฟล์ %(name)s มีขนาด %(mb).1f MB เกิน 10 MB กรุณาย่อขนาดภาพ")
            % {"name": label, "mb": len(data) / 1024 / 1024}
        )
    try:
        with DECODE_LOCK, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upright = _decode(data, label)
    except PhotoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(
            _("ไฟล์ %(name)s ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP ที่เปิดได้") % {"name": label}
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise PhotoError(
            _("ไฟล์ %(name)s เสียหรืออ่านไม่ได้ครบ กรุณาถ่ายหรือเลือกภาพใหม่") % {"name": label}
        ) from None
    rgb = _to_rgb(upright)
    thumb = rgb.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return CleanPhoto(
        original_name=label,
        image=_jpeg(rgb, quality=85),
        thumbnail=_jpeg(thumb, quality=75),
        width=rgb.width,
        height=rgb.height,
    )


def _decode(data: bytes, label: str) -> Image.Image:
    """The upright image, at most MAX_SIDE px, decoded within the memory bound."""
    with Image.open(io.BytesIO(data)) as probe:
        # Image.open reads the header only: format and size are known before any decoding.
        fmt = probe.format
        if fmt not in ALLOWED_FORMATS:
            raise PhotoError(_("ไฟล์ %(name)s ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP") % {"name": label})
        limit = MAX_JPEG_PIXELS if fmt == "JPEG" else MAX_PIXELS
        if probe.width * probe.height > limit:
            raise PhotoError(_("ไฟล์ %(name)s มีจำนวนพิกเซลมากเกินไป") % {"name": label})
        probe.verify()
    with Image.open(io.BytesIO(data)) as img:
        if fmt == "JPEG":
            # libjpeg decodes at 1/2, 1/4 or 1/8 scale, the smallest still >= MAX_SIDE.
            img.draft(img.mode, (MAX_SIDE, MAX_SIDE))
        img.load()
        # Shrink first (reduce() by whole factors, then resample), in the image's own mode:
        # turning and converting then work on at most MAX_SIDE x MAX_SIDE pixels.
        img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
        return ImageOps.exif_transpose(img)


def _to_rgb(img: Image.Image) -> Image.Image:
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def _jpeg(img: Image.Image, *, quality: int) -> bytes:
    out = io.BytesIO()
    # A fresh image has no info dict to carry over: no EXIF, GPS, ICC or comments.
    clean = Image.new("RGB", img.size)
    clean.paste(img)
    clean.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()
