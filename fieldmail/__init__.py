"""fieldmail: a second, independent generator of request emails to Dit. Fasdip (issue 13).

Written apart from ``samples/`` (nothing of it is read or imported, except that the truth
follows the same ideas as ``samples/truth.py``), in another author's style: file names
with the surname only, without accents or with an initial, scanner names
(``scan0042.pdf``, ``IMG_20260304_0933.jpg``), combined PDFs per applicant, scanned notes
with a stamp, Outlook HTML-only bodies, forwarded chains, people named who are not
applicants (the ambassador, a spouse, the official met), vaguer wording, Word files, PNG
photos, oversized scans, non-red photos and late regional visits.

    python -m fieldmail OUT_DIR --count 240 --seed 1

Seeds:
- seed 1: development and tuning. Look at these mails, fix the triage on them.
- seed 2026: REPORTING ONLY. Never tune on it, never read its disagreements to fix a
  rule; it gives the figures of the closing note.
"""

DEVELOPMENT_SEED = 1
REPORTING_SEED = 2026
