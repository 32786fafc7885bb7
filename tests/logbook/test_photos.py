"""Photos are decoded, re-encoded without metadata, and rejected with a Thai reason."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.logbook.images import gif, jpeg_with_gps, png_with_alpha, webp
from tpmap.logbook.photos import MAX_BYTES, PhotoError, clean_photo


def test_a_jpeg_loses_its_exif_and_gps_and_gets_a_thumbnail() -> None:
    raw = jpeg_with_gps((640, 480))
    assert Image.open(io.BytesIO(raw)).getexif().get(0x8825)  # the fixture has GPS
    clean = clean_photo(raw, "IMG_0001.jpg")
    img = Image.open(io.BytesIO(clean.image))
    assert img.format == "JPEG"
    assert (img.width, img.height) == (640, 480) == (clean.width, clean.height)
    assert dict(img.getexif()) == {}
    assert "exif" not in img.info
    thumb = Image.open(io.BytesIO(clean.thumbnail))
    assert (thumb.width, thumb.height) == (320, 240)
    assert clean.original_name == "IMG_0001.jpg"


def test_a_transparent_png_becomes_a_jpeg_on_white() -> None:
    clean = clean_photo(png_with_alpha(), "a.png")
    img = Image.open(io.BytesIO(clean.image))
    assert img.format == "JPEG" and img.mode == "RGB"
    r, g, b = img.getpixel((10, 10))  # type: ignore[misc]
    assert min(r, g, b) > 240


def test_a_webp_is_accepted() -> None:
    assert Image.open(io.BytesIO(clean_photo(webp()).image)).size == (400, 300)


def test_a_large_photo_is_scaled_down_to_2560_pixels() -> None:
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(out, format="JPEG")
    clean = clean_photo(out.getvalue())
    assert (clean.width, clean.height) == (2560, 1920)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (gif(), "ไฟล์ x.jpg ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP"),
        (b"%PDF-1.4 not an image", "ไฟล์ x.jpg ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP ที่เปิดได้"),
        (jpeg_with_gps()[:400], "ไฟล์ x.jpg เสียหรืออ่านไม่ได้ครบ กรุณาถ่ายหรือเลือกภาพใหม่"),
        (b"", "ไฟล์ x.jpg ว่างเปล่า"),
        (b"\xff" * (MAX_BYTES + 1), "ไฟล์ x.jpg มีขนาด 10.0 MB เกิน 10 MB กรุณาย่อขนาดภาพ"),
    ],
    ids=["gif", "pdf", "truncated", "empty", "over-10-MB"],
)
def test_a_bad_photo_is_rejected_with_a_thai_reason(data: bytes, message: str) -> None:
    with pytest.raises(PhotoError) as e:
        clean_photo(data, "x.jpg")
    assert str(e.value) == message


def test_a_decompression_bomb_is_rejected() -> None:
    out = io.BytesIO()
    Image.new("1", (10000, 7000)).save(out, format="PNG")
    assert len(out.getvalue()) < MAX_BYTES
    with pytest.raises(PhotoError) as e:
        clean_photo(out.getvalue(), "bomb.png")
    assert str(e.value) == "ไฟล์ bomb.png มีจำนวนพิกเซลมากเกินไป"


def test_a_path_in_the_file_name_is_dropped() -> None:
    assert clean_photo(webp(), "C:\\Users\\me\\DCIM\\a.webp").original_name == "a.webp"


def test_a_national_id_in_the_file_name_is_masked_in_messages_and_storage() -> None:
    assert clean_photo(webp(), "1100000000016.webp").original_name == "x-xxxx-xxxxx-00-16.webp"
    with pytest.raises(PhotoError) as e:
        clean_photo(b"", "card-1100000000016.jpg")
    assert str(e.value) == "ไฟล์ card-x-xxxx-xxxxx-00-16.jpg ว่างเปล่า"
