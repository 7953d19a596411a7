"""Number inputs that read and write Indonesian numbers (75,00 not 75.00) and show "Belum diisi" for nothing.

Streamlit's number inputs and sliders format with a decimal point and cannot show "not entered" on a slider.
A slider here is a select slider over the values of its steps, labelled by `formatting.number`; a number field
is a text input read by `normalize.numbers.parse_number`, which takes 75,5 and 75.5 alike.
"""

from __future__ import annotations

from typing import Any

from .. import formatting as fmt
from ..messages import msg
from ..normalize.numbers import parse_number


def steps(low: float, high: float, step: float) -> list[float]:
    count = int(round((high - low) / step))
    return [round(low + i * step, 10) for i in range(count + 1)]


def nearest(options: list[float], value: float) -> float:
    return min(options, key=lambda option: abs(option - value))


def number_slider(container: Any, label: str, low: float, high: float, step: float, value: float | None, *,
                  decimals: int, key: str, unset: bool = False) -> float | None:
    """A slider from `low` to `high` whose labels read 68,30; with `unset`, its first stop is "Belum diisi"
    (returned as None), where it starts when `value` is None."""
    options: list[float | None] = [*([None] if unset else []), *steps(low, high, step)]
    numbers = [o for o in options if o is not None]
    start = None if value is None and unset else nearest(numbers, low if value is None else value)

    def label_of(option: float | None) -> str:
        return msg("not_entered") if option is None else fmt.number(option, decimals)

    return container.select_slider(label, options=options, value=start, format_func=label_of, key=key)


def number_field(container: Any, label: str, value: float | None, *, low: float, high: float, decimals: int,
                 key: str, help: str | None = None, disabled: bool = False) -> tuple[float | None, str | None]:
    """A text field showing `value` as 75,00 (empty, with "Belum diisi", for None). Returns the number read, or None
    when left empty, and an Indonesian message when the text is not a number in range (the number is then None)."""
    shown = "" if value is None else fmt.number(value, decimals)
    text = container.text_input(label, value=shown, placeholder=msg("not_entered"), key=key, help=help,
                                disabled=disabled)
    if not text.strip():
        return None, None
    number = parse_number(text.replace(".", "").replace(",", "") if decimals == 0 else text)  # 12.000 is twelve thousand
    if number is None:
        return None, msg("number_invalid", label=label, text=text.strip(), example=fmt.number(high, decimals))
    if not low <= number <= high:
        return None, msg("number_out_of_range", label=label, value=fmt.number(number, decimals),
                         low=fmt.number(low, decimals), high=fmt.number(high, decimals))
    return round(number, decimals), None
