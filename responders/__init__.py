"""Mail out: the reply a mission reads, composed from a verdict and the office's templates."""

from responders.compose import compose
from responders.context import OfficeIdentity
from responders.templates import ReplyTemplates

__all__ = ["OfficeIdentity", "ReplyTemplates", "compose"]
