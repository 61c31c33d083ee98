"""A plan as workbook rows: the form both directions share (graph -> rows -> xlsx, xlsx -> rows -> graph)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from api.kg.workbook.cells import Cell


@dataclass
class Row:
    values: dict[str, Cell]
    number: int = 0  # the row in its sheet (1 is the header), 0 when the row was not read from a file

    def get(self, header: str) -> Cell:
        value = self.values.get(header)
        return None if isinstance(value, str) and not value.strip() else value


@dataclass
class PlanRows:
    sheets: dict[str, list[Row]] = field(default_factory=dict)  # sheet name -> rows, in workbook order
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> header -> column letter (read)

    def rows(self, sheet: str) -> list[Row]:
        return self.sheets.setdefault(sheet, [])


def natural(text: str) -> list[tuple[int, int | str]]:
    """'actie/agenda-10' after 'actie/agenda-9'."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text.casefold()) if part]
