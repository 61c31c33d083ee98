"""Who serves which goal, as a grid: partners by goals or goals by partners, at the level of kernelementen
(everything beneath an opgave counts for it) or of the served elements themselves.

Pure functions over the rows of queries/matrix-partners.rq, so that the HTML table and its CSV are the same
grid, and a goal without any partner stays visible as an empty column (or a row marked 'geen partner').
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from api.web.pages.common import Record
from api.web.tables import Table

LEVELS = {"opgave": "kernelement", "doel": "doel"}
DIRECTIONS = ("partners", "doelen")
NO_PARTNER = "geen partner"


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    group: str = ""  # plan id, when the grid spans several plans
    soort: str = ""
    context: str = ""  # the kernelement a goal falls under (level 'doel')
    empty: bool = False


@dataclass
class Grid:
    corner: list[str]
    columns: list[Header]
    rows: list[tuple[Header, list[str], list[str]]]  # row header, extra key cells, value cells
    groups: list[tuple[str, int]] = field(default_factory=list)  # (plan id, span) over the columns
    several_plans: bool = False

    def filtered(self, text: str) -> Grid:
        """Only the rows whose header or key cells contain text (case-insensitive); the columns stay."""
        needle = text.strip().lower()
        if not needle:
            return self
        kept = [row for row in self.rows if needle in " ".join([row[0].label, *row[1]]).lower()]
        return Grid(self.corner, self.columns, kept, self.groups, self.several_plans)

    @property
    def empty_columns(self) -> list[Header]:
        return [c for c in self.columns if c.empty]

    def table(self, title: str) -> Table:
        """One header row: the key columns, then one column per partner or goal (plan id added to a goal's
        name when the grid spans several plans, since two plans may name a goal alike)."""
        names = [f"{c.label} [{c.group}]" if self.several_plans and c.group else c.label for c in self.columns]
        rows = [[header.label, *keys, *values] for header, keys, values in self.rows]
        return Table(title, [*self.corner, *names], rows)


def _goal_key(row: Record, level: str) -> Header:
    if level == "opgave":
        return Header(row["hoofd"], row["hoofdNaam"], row["planId"], row.get("hoofdSoort", ""))
    return Header(row["doel"], row["doelNaam"], row["planId"], row.get("doelSoort", ""), row["hoofdNaam"])


def _cell(roles: Counter[str]) -> str:
    return ", ".join(f"{role} ({n})" if n > 1 else role for role, n in sorted(roles.items()))


def links(rows: list[Record], level: str) -> tuple[list[Header], list[Header], dict[tuple[str, str], Counter[str]]]:
    """The goals (in plan and document order), the partners (by name) and the roles per (partner, goal)."""
    goals: dict[str, Header] = {}
    partners: dict[str, Header] = {}
    served: set[tuple[str, str, str, str]] = set()
    cells: dict[tuple[str, str], Counter[str]] = {}
    for row in rows:
        goal = goals.setdefault(_goal_key(row, level).key, _goal_key(row, level))
        if not row.get("partner"):
            continue
        partners.setdefault(row["partner"], Header(row["partner"], row["partnerNaam"]))
        link = (row["partner"], goal.key, row.get("rol", ""), row["doel"])
        if link not in served:  # the same link reached twice (a goal under two kernelementen) counts once
            served.add(link)
            cells.setdefault((row["partner"], goal.key), Counter())[row.get("rol", "")] += 1
    covered = {goal for _, goal in cells}
    goal_list = [Header(g.key, g.label, g.group, g.soort, g.context, g.key not in covered) for g in goals.values()]
    return goal_list, sorted(partners.values(), key=lambda p: p.label.lower()), cells


def _groups(columns: list[Header]) -> list[tuple[str, int]]:
    groups: list[tuple[str, int]] = []
    for column in columns:
        if groups and groups[-1][0] == column.group:
            groups[-1] = (column.group, groups[-1][1] + 1)
        else:
            groups.append((column.group, 1))
    return groups


def grid(rows: list[Record], level: str, direction: str) -> Grid:
    """The grid in the asked direction: partners as rows (goals as columns), or the transpose."""
    goals, partners, cells = links(rows, level)
    several = len({g.group for g in goals}) > 1
    if direction == "partners":
        body = []
        for p in partners:
            values = [_cell(cells.get((p.key, g.key), Counter())) for g in goals]
            body.append((p, [str(sum(1 for v in values if v))], values))
        return Grid(["Partner", "Aantal doelen"], goals, body, _groups(goals) if several else [], several)
    body = []
    for g in goals:
        values = [_cell(cells.get((p.key, g.key), Counter())) for p in partners]
        count = sum(1 for v in values if v)
        keys = [*([g.group] if several else []), g.soort, *([g.context] if level == "doel" else [])]
        body.append((g, [*keys, str(count) if count else NO_PARTNER], values))
    corner = ["Doel", *(["Plan"] if several else []), "Soort", *(["Valt onder"] if level == "doel" else [])]
    return Grid([*corner, "Aantal partners"], partners, body, [], several)
