"""Photos are decoded, re-encoded without metadata, and rejected with a Thai reason."""

from __future__ import annotations

import io
from typing import Any

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
    # 25 MP in a few kilobytes: over the 24 MP cap (the old 60 MP cap let it through).
    Image.new("1", (5000, 5000)).save(out, format="PNG")
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


def test_a_full_sensor_jpeg_is_decoded_at_a_reduced_scale_and_accepted() -> None:
    out = io.BytesIO()
    Image.new("RGB", (6000, 4500), "white").save(out, format="JPEG")  # 27 MP, over 24 MP
    clean = clean_photo(out.getvalue(), "sensor.jpg")
    assert (clean.width, clean.height) == (2560, 1920)


def test_a_png_at_the_pixel_cap_decodes_within_a_memory_bound(tmp_path: Any) -> None:
    """In a fresh process (its peak memory is its own): a 24 MP RGBA PNG, ~100 KB on disk,
    costs at most 300 MB above the process's size (~390 MB before shrinking first; the
    60 MP PNG the old cap allowed cost ~1 GB)."""
    import os
    import subprocess
    import sys

    path = tmp_path / "cap.png"
    Image.new("RGBA", (6000, 4000), (0, 128, 0, 255)).save(path, format="PNG")
    child = (
        "import resource, sys\n"
        "import django\n"
        "django.setup()\n"
        "from tpmap.logbook.photos import clean_photo\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "clean = clean_photo(data, 'cap.png')\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(clean.width, clean.height, (peak - base) // 1024)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tpmap.site.settings"}
    done = subprocess.run(
        [sys.executable, "-c", child, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    width, height, megabytes = (int(x) for x in done.stdout.split())
    assert (width, height) == (2560, 1707)
    assert megabytes < 300


def test_one_process_decodes_one_photo_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from tpmap.logbook import photos

    running, most = 0, 0
    guard = threading.Lock()
    decode = photos._decode

    def slow_decode(data: bytes, label: str) -> Image.Image:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        try:
            return decode(data, label)
        finally:
            with guard:
                running -= 1

    monkeypatch.setattr(photos, "_decode", slow_decode)
    threads = [threading.Thread(target=clean_photo, args=(webp(),)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == 1
