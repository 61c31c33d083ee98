"""Every error Beleidsgraaf raises on purpose, each naming what went wrong and where.

    BeleidsgraafError
    ├── DataError                 curated Turtle that cannot be loaded
    │   └── DataSyntaxError       file, line, column
    ├── QueryError                a SPARQL query that will not be answered
    │   ├── QuerySyntaxError      line and column in the query
    │   ├── QueryRefused          update, LOAD or SERVICE on a read-only endpoint
    │   ├── QueryTimeout          stopped after the time limit
    │   ├── ResultTooLarge        stopped at the result-size limit
    │   ├── ServiceBusy           no worker free in time: try again (503, Retry-After)
    │   ├── TooManyRequests       this client already has its share running (429, Retry-After)
    │   ├── StoreUnavailable      the remote SPARQL server did not answer
    │   └── EngineFailure         the engine itself failed on a valid query (e.g. a panic)
    ├── NamedQueryError           a queries/*.rq file or its use
    │   ├── UnknownQuery          no such named query
    │   ├── QueryFileError        a header that cannot be read (file, line)
    │   └── ParameterError        a missing or mistyped parameter (name, value, expected type)
    ├── NotFound                  an identifier that names nothing in the graph
    └── PublishError              a publish, withdrawal or restore that is refused
        ├── NotAuthenticated      no token, or one that is unknown or revoked (401)
        ├── NotAllowed            a valid token for another municipality's plan (403)
        ├── VersionConflict       someone published a newer version since (409)
        ├── BaseVersionMissing    the request does not say which version it replaces (428)
        └── Unpublishable         a version that cannot be restored, a plan id that does not match (422)

Coherence findings are data (see api.kg.checks), never exceptions.
"""

from __future__ import annotations

import re
from pathlib import Path


class BeleidsgraafError(Exception):
    """Base of all deliberate errors."""


class DataError(BeleidsgraafError):
    pass


class DataSyntaxError(DataError):
    def __init__(self, path: Path, line: int | None, column: int | None, message: str) -> None:
        self.path, self.line, self.column = path, line, column
        where = f"{path}:{line}:{column}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


class QueryError(BeleidsgraafError):
    pass


_POSITION = re.compile(r"error at (\d+):(\d+)")


class QuerySyntaxError(QueryError):
    """The engine's message (which carries "error at LINE:COLUMN"), or our own with its position."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.engine_message = message
        match = _POSITION.search(message)
        self.line = line if line is not None else int(match.group(1)) if match else None
        self.column = column if column is not None else int(match.group(2)) if match else None
        where = f" (regel {self.line}, kolom {self.column})" if self.line is not None else ""
        super().__init__(f"SPARQL-syntaxfout{where}: {message}")


class QueryRefused(QueryError):
    pass


class QueryTimeout(QueryError):
    pass


class ResultTooLarge(QueryError):
    pass


class StoreUnavailable(QueryError):
    pass


class EngineFailure(QueryError):
    """Not the client's fault and not fixed by retrying: pyoxigraph failed on this query."""


class RetryLater(QueryError):
    """Refused for now, not for what the query says: the answer carries Retry-After."""

    def __init__(self, message: str, retry_after: int = 1) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class ServiceBusy(RetryLater):
    pass


class TooManyRequests(RetryLater):
    pass


class NamedQueryError(BeleidsgraafError):
    pass


class UnknownQuery(NamedQueryError):
    pass


class QueryFileError(NamedQueryError):
    pass


class ParameterError(NamedQueryError):
    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(f"parameter '{name}': {message}")


class NotFound(BeleidsgraafError):
    pass


class PublishError(BeleidsgraafError):
    plan_id = ""  # the plan it was about, when known (for the audit log)


class NotAuthenticated(PublishError):
    pass


class NotAllowed(PublishError):
    pass


class VersionConflict(PublishError):
    pass


class BaseVersionMissing(PublishError):
    pass


class Unpublishable(PublishError):
    pass
