"""Text from files shown inside Markdown or HTML: escaped, so a name or remark is never read as markup."""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~$!])")


def md(text: object) -> str:
    """Markdown-escaped: '**x**' shows with its asterisks, '[a](b)' is not a link, '<b>' is not a tag."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def html_text(text: object) -> str:
    return html.escape(str(text))
