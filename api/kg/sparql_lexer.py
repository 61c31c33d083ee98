"""The terminals of SPARQL 1.1 (and pyoxigraph's 1.2 additions), exactly as the grammar defines them.

The refusal of SERVICE is only as good as knowing where a keyword is, so each terminal here follows
the grammar (https://www.w3.org/TR/sparql11-query/#grammar) rather than a loose pattern: a comment
ends at CR or LF, whitespace is only space, tab, CR and LF, a prefixed name stops where PN_LOCAL
stops (never at `]` or `)`), strings accept only the escapes the grammar allows. A character that
begins no terminal is an `error` token, so a checker can refuse what it cannot read.

One place is context-dependent: `<` is an IRI in a pattern but may be less-than in an expression.
The lexer keeps a stack of open brackets to know which, and marks the cases it cannot decide safely
(an IRI-looking span after an operand, inside parentheses, holding a quote or `#`) as `ambiguous`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']"

_TERMINALS = re.compile(
    rf"""
    (?P<ws>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''
              |\"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*\"\"\"
              |'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'
              |"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*")
  | (?P<var>[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)
  | (?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
  | (?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)
  | (?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?)
  | (?P<number>[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)
  | (?P<word>[A-Za-z][A-Za-z0-9_]*)
  | (?P<brace>[{{}}])
  | (?P<punct>\^\^|\|\||&&|!=|>=|\{{\||\|}}|\)>>|>>|[()\[\];,.*/|^!=>+\-?$~])
    """,
    re.VERBOSE,
)
_IRIREF = re.compile(rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>")
_OPERAND_KINDS = frozenset({"var", "string", "number", "iri", "pname", "lang", "bnode"})


@dataclass(frozen=True)
class Token:
    kind: str  # iri string var bnode pname lang number word brace punct | error ambiguous
    text: str
    start: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def _ends_operand(token: Token | None) -> bool:
    if token is None:
        return False
    return token.kind in _OPERAND_KINDS or token.text in (")", "]") or token.keyword in ("TRUE", "FALSE")


class _Brackets:
    """Open brackets, each with what it holds: a pattern, an expression, VALUES data or a list."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, str]] = []  # (bracket, kind)

    @property
    def top(self) -> str:
        return self.stack[-1][1] if self.stack else "query"

    def open(self, bracket: str, before: Token | None, before2: Token | None, *, values: bool = False) -> None:
        if values or self.top == "values":
            kind = "values"
        elif bracket != "(":
            kind = "pattern"
        elif self.top in ("expr", "query"):
            kind = "expr"  # inside an expression, or the SELECT clause / solution modifiers
        elif before is not None and before.kind == "word" and before.keyword != "A":
            kind = "expr"  # FILTER(, BIND(, STR(, COUNT(, IN( ...
        elif (
            before is not None
            and before.kind in ("iri", "pname")
            and before2 is not None
            and before2.keyword == "FILTER"
        ):
            kind = "expr"  # FILTER ex:f(...)
        else:
            kind = "list"  # a collection or a property-path group
        self.stack.append((bracket, kind))

    def close(self, bracket: str) -> bool:
        opener = {")": "(", "]": "[", "}": "{"}[bracket]
        if not self.stack or self.stack[-1][0] != opener:
            return False
        self.stack.pop()
        return True


def _less_than(query: str, at: int, previous: Token | None, brackets: _Brackets) -> Token:
    """`<` at `at`: an IRI, a triple-term bracket, or a comparison, as the context says."""
    iri = _IRIREF.match(query, at)
    in_parens = bool(brackets.stack) and brackets.stack[-1][0] == "(" and brackets.top != "values"
    if in_parens and _ends_operand(previous):
        if query.startswith("<<", at) or (iri is not None and ("'" in iri.group() or "#" in iri.group())):
            return Token("ambiguous", "<", at)
        if brackets.top == "expr" or iri is None:
            return Token("punct", "<=" if query.startswith("<=", at) else "<", at)
        return Token("iri", iri.group(), at)
    if query.startswith("<<(", at):
        return Token("punct", "<<(", at)
    if query.startswith("<<", at):
        return Token("punct", "<<", at)
    if iri is not None:
        return Token("iri", iri.group(), at)
    return Token("punct", "<=" if query.startswith("<=", at) else "<", at)


def lex(query: str) -> Iterator[Token]:
    """Every token of the query but whitespace and comments, in order; stops after an error."""
    brackets = _Brackets()
    previous: Token | None = None
    before_previous: Token | None = None
    values_head = False  # between VALUES and the '{' of its data: the variables
    at = 0
    while at < len(query):
        if query[at] == "<":
            token = _less_than(query, at, previous, brackets)
        else:
            match = _TERMINALS.match(query, at)
            if match is None:
                yield Token("error", query[at], at)
                return
            if match.lastgroup in ("ws", "comment"):
                at = match.end()
                continue
            token = Token(match.lastgroup or "error", match.group(), at)
        if token.kind == "ambiguous":
            yield token
            return
        opens_values = values_head
        values_head = token.keyword == "VALUES" or (values_head and (token.kind == "var" or token.text in ("(", ")")))
        if token.text in ("(", "[", "{"):
            brackets.open(token.text, previous, before_previous, values=opens_values)
        elif token.text in (")", "]", "}", ")>>") and not brackets.close(token.text[0]):
            yield Token("error", token.text, at)
            return
        if token.text == "<<(":
            brackets.open("(", None, None)
        yield token
        before_previous, previous = previous, token
        at += len(token.text)
    if brackets.stack:
        yield Token("error", "", len(query))
