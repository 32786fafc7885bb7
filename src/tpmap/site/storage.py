"""Static files in production: hashed names, compressed copies (WhiteNoise)."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # untyped
    """WhiteNoise's manifest storage without rewriting ``sourceMappingURL`` comments: the
    vendored libraries (Leaflet, htmx) name source maps that are not shipped, and Django
    would refuse to collect them."""

    patterns = tuple(
        (ext, tuple(p for p in pats if "sourceMappingURL" not in str(p)))
        for ext, pats in CompressedManifestStaticFilesStorage.patterns
    )
