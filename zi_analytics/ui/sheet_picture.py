"""A small spreadsheet drawn in HTML (column letters, row numbers, the header row shaded, the sheet's tab):
the pictures of typical layouts on Unggah Data, so a Pokja sees at a glance which shapes are read."""

from __future__ import annotations

from string import ascii_uppercase
from typing import Any

from .. import formatting as fmt
from .escape import html_text

SHEET_CSS = """
<style>
.zi-sheet {overflow-x: auto; max-width: 100%; margin: 0.25rem 0 1rem 0;}
.zi-sheet table {border-collapse: collapse; font-size: 0.78rem; font-family: Calibri, Arial, sans-serif;}
.zi-sheet th, .zi-sheet td {border: 1px solid #d0d7de; padding: 2px 6px; max-width: 15rem; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; text-align: left;}
.zi-sheet th {background: #f3f4f6; color: #57606a; font-weight: normal; text-align: center;}
.zi-sheet tr.zi-head td {background: #DDEBF7; font-weight: bold;}
.zi-sheet td.zi-number {text-align: right;}
.zi-sheet .zi-tab {display: inline-block; border: 1px solid #d0d7de; border-top: none; padding: 1px 10px;
  font-size: 0.75rem; background: #fff; color: #1a7f37; font-weight: bold;}
</style>
"""


def _cell(value: Any) -> tuple[str, str]:
    """(text, css class) of a cell as a spreadsheet shows it: numbers right-aligned with a decimal comma."""
    if isinstance(value, bool) or value == "" or value is None:
        return ("" if value in ("", None) else str(value)), ""
    if isinstance(value, (int, float)):
        decimals = 0 if float(value).is_integer() else 2
        return fmt.number(value, decimals), "zi-number"
    return str(value), ""


def sheet_picture(cells: list[list[Any]], header: int, sheet: str = "Sheet1") -> str:
    """The HTML of one small sheet; every cell text escaped."""
    width = max(len(row) for row in cells)
    head = "".join(f"<th>{ascii_uppercase[c]}</th>" for c in range(width))
    lines = [f"<tr><th></th>{head}</tr>"]
    for number, row in enumerate(cells):
        tds = []
        for value in list(row) + [""] * (width - len(row)):
            text, css = _cell(value)
            tds.append(f"<td class='{css}' title='{html_text(text)}'>{html_text(text)}</td>")
        shade = " class='zi-head'" if number == header else ""
        lines.append(f"<tr{shade}><th>{number + 1}</th>{''.join(tds)}</tr>")
    return f"<div class='zi-sheet'><table>{''.join(lines)}</table><span class='zi-tab'>{html_text(sheet)}</span></div>"
