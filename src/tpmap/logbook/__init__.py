"""The Logbook (แฟ้มบ้านพัฒนาคนไทย): find households, see them whole, record problems and
assistance, pin and classify them (F6-F9, F14, F15)."""
