"""The MEDIA storage that writes a file whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile, File

from tpmap.site.storage import AtomicFileSystemStorage


def test_a_saved_file_is_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    storage = AtomicFileSystemStorage(location=tmp_path)
    name = storage.save("orders/34/a.pdf", ContentFile(b"%PDF-1.7 whole"))
    assert name == "orders/34/a.pdf"
    assert (tmp_path / name).read_bytes() == b"%PDF-1.7 whole"
    assert [p.name for p in (tmp_path / "orders" / "34").iterdir()] == ["a.pdf"]


def test_a_taken_name_gets_another_and_the_first_file_stays(tmp_path: Path) -> None:
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("a.pdf", ContentFile(b"one"))
    second = storage.save("a.pdf", ContentFile(b"two"))
    assert first == "a.pdf" and second != first and second.endswith(".pdf")
    assert (tmp_path / first).read_bytes() == b"one"
    assert (tmp_path / second).read_bytes() == b"two"


class Broken(File):  # type: ignore[type-arg]
    """Content whose reading fails half-way, as a crash or a lost upload would."""

    def chunks(self, chunk_size: int | None = None) -> Any:
        yield b"%PDF-1.7 half"
        raise OSError("connection lost")


def test_a_write_that_fails_half_way_leaves_nothing(tmp_path: Path) -> None:
    import io

    storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError, match="connection lost"):
        storage.save("orders/a.pdf", Broken(io.BytesIO(b""), name="a.pdf"))
    assert list((tmp_path / "orders").iterdir()) == []
