"""Mail in: raw email bytes -> ``InboundEmail`` with its attachments' real bytes.

``parse`` reads the headers, body and attachments (never raises; problems are
findings), ``inspect`` reads what each attachment holds (PDF pages and text, image
size, the names inside a ZIP or winmail.dat), ``sniff`` tells a file's real format from
its bytes. Both ``parse`` and ``inspect`` take ``limits=LimitsSettings`` (email and file
sizes, attachment count, MIME parts and depth, headers, lines, pixels, PDF pages and
objects, archive guards): a limit broken is a ``limit_exceeded`` finding naming it.
"""

from __future__ import annotations

from ingest.inspect import inspect
from ingest.mime import envelope, parse
from ingest.sniff import sniff

__all__ = ["envelope", "inspect", "parse", "sniff"]
