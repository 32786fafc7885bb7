"""The public portal: open statistics per year and area, open data downloads, no login and
no personal data (counts from 1 to 4 are suppressed everywhere, see publish.py)."""
