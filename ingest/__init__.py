"""Mail in: raw email bytes -> ``InboundEmail`` with its attachments' real bytes.

``parse`` reads the headers, body and attachments (never raises; problems are
findings), ``inspect`` reads what each attachment holds (PDF pages and text, image
size), ``sniff`` tells a file's real format from its bytes.
"""

from __future__ import annotations

from ingest.inspect import inspect
from ingest.mime import parse
from ingest.sniff import sniff

__all__ = ["inspect", "parse", "sniff"]
