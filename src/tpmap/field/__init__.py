"""The offline field app (a PWA under /field/): the pages, the service worker and the
API endpoints only it needs (the work list download, photos of a problem)."""
