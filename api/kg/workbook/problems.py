"""A mistake in a workbook, named the way the officer finds it back: sheet, row, column, what the cell holds."""

from __future__ import annotations

from dataclasses import dataclass

from api.errors import BeleidsgraafError


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None  # letter, e.g. "F"
    header: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = f"Blad {self.sheet}"
        if self.row:
            where += f", rij {self.row}"
        if self.column:
            where += f", kolom {self.column}" + (f" ({self.header})" if self.header else "")
        elif self.header:
            where += f", kolom {self.header}"
        shown = f": '{self.value}'" if self.value not in (None, "") else ""
        return f"{where}{shown}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "blad": self.sheet,
            "rij": self.row,
            "kolom": self.column,
            "kop": self.header,
            "waarde": self.value,
            "melding": self.message,
        }


class WorkbookError(BeleidsgraafError):
    """A workbook that cannot be imported; nothing was written. Carries every problem found, not just the first."""

    status = 422  # for a web client: 413 or 415 when the file itself is refused (api.kg.workbook.xlsx_read)

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems[:200])
        more = f"\n… en nog {len(problems) - 200} meldingen" if len(problems) > 200 else ""
        super().__init__(f"{len(problems)} fout(en) in het werkboek; er is niets geschreven:\n{lines}{more}")
