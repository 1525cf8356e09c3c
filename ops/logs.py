"""Structured log lines: one JSON object per line, tagged with the request id."""

import contextvars
import json
import logging
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default=None)

# Attributes of a LogRecord that are part of every record; anything else on a
# record came from ``extra=`` and is written as its own field.
_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
) | {"message", "asctime", "request_id", "request", "server_time", "status_code"}


class RequestIdFilter(logging.Filter):
    """Put the current request id (or ``-``) on every record."""

    def filter(self, record):
        record.request_id = request_id_var.get() or "-"
        return True


class JSONFormatter(logging.Formatter):
    """Format a record as one JSON line an operator's log tools can query.

    Only the message, the logger, the level, the request id and fields passed
    through ``extra=`` are written. Django's ``request`` object (which Django
    attaches to error records) is left out: it holds cookies and addresses.
    """

    def format(self, record):
        return json.dumps(self.fields(record), ensure_ascii=False, default=str)

    def fields(self, record):
        """The record as an ordered dict of plain values."""
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRS and not name.startswith("_"):
                payload[name] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return payload


class KeyValueFormatter(JSONFormatter):
    """The same fields as :class:`JSONFormatter`, as readable ``key=value`` text."""

    def format(self, record):
        payload = self.fields(record)
        exception = payload.pop("exception", None)
        head = " ".join(
            str(payload.pop(name)) for name in ("time", "level", "logger", "request_id")
        )
        message = payload.pop("message")
        extras = " ".join(f"{name}={value}" for name, value in payload.items())
        line = f"{head} {message} {extras}".rstrip()
        return f"{line}\n{exception}" if exception else line
