"""readers: what does it say? Everything that turns pixels into fields.

The one Tesseract adapter (``readers.ocr``), the OCR-B template reader (``ocrb``), image helpers, the passport's machine-readable
zone (band search ``mrz_band``, fixed-pitch glyph reading ``mrz_read`` and ``mrz_line``, parse
and repair ``mrz``, ``mrz_repair``, ``mrz_fields``, rival readings ``mrz_rivals``; the whole
read ``passport``), the KTP (card layout ``ktp_layout``, NIK glyphs ``ktp_nik``, name
``ktp_name``, regions ``ktp_regions``, the fields ``ktp``, a text layer ``ktp_text``; the NIK's
structure ``nik``), and the identity stage that reads each passport and KTP of a mail once
(``identity``, ``cache``).

Readers return readings (``PassportReading``, ``KtpReading``) with their doubts; the rules
that judge readings into findings live in ``validators``.
"""
