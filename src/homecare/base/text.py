"""What text a routine file may contain, and how to show a stranger's text safely.

The policy (documented for clinicians in docs/routine-format.md, "Text"):

- Files are UTF-8. A byte-order mark at the start is accepted and dropped; CRLF line ends are
  accepted. Anything else that is not UTF-8 is refused with the byte offset.
- Text fields refuse control characters (Unicode category Cc, which includes ESC and the C1
  controls), invisible format characters (Cf: bidi overrides and isolates, zero-width spaces and
  joiners, soft hyphen, a byte-order mark in the middle) and the Unicode line and paragraph
  separators (Zl, Zp). Multi-line fields (``notes``, ``instructions``) may hold newlines and tabs.
  A refused character is named in the message, e.g. ``U+001B ESCAPE``.

So a loaded routine never carries a terminal escape sequence or hidden text to the screen, and
messages that quote a file (``visible``) escape anything that is not plain printable text.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
MULTILINE_ALLOWED = "\n\t"

# Unicode's own names for the C0 controls and DEL (unicodedata.name() has none for them).
_C0_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)


def is_forbidden(char: str, *, multiline: bool = False) -> bool:
    """True if ``char`` may not appear in a text field (of the given kind)."""
    if multiline and char in MULTILINE_ALLOWED:
        return False
    return unicodedata.category(char) in FORBIDDEN_CATEGORIES


def first_forbidden(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The position and character of the first forbidden character in ``text``, if any."""
    if text.isprintable():  # fast path: every forbidden character is non-printable
        return None
    for index, char in enumerate(text):
        if is_forbidden(char, multiline=multiline):
            return index, char
    return None


def char_name(char: str) -> str:
    """``U+001B ESCAPE``: the code point and its Unicode name, for messages."""
    code = ord(char)
    if code < len(_C0_NAMES):
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    else:
        name = unicodedata.name(char, "(a control character)")
    return f"U+{code:04X} {name}"


def visible(text: str, limit: int = 60) -> str:
    """``text`` safe to print: non-printable characters as ``\\u001b`` escapes, cut to ``limit``."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable():
        return text
    return "".join(_escaped(c) for c in text)


def visible_path(path: object, limit: int = 200) -> str:
    """A file name safe to print, whole up to ``limit`` characters; past that its middle gives
    way to ``…``, so the folder it starts in and the file name at its end both stay readable."""
    text = str(path)
    if len(text) > limit:
        head = (limit - 1) // 2
        text = text[:head] + "…" + text[len(text) - (limit - 1 - head) :]
    return visible(text, limit=limit)


def one_line(text: str, limit: int) -> str:
    """``text`` on one line (line breaks as " / "), control characters shown, cut to ``limit``."""
    return visible(" / ".join(part.strip() for part in text.splitlines()), limit)


def printable_lines(text: str) -> str:
    """Many lines of ``text`` safe to print (a terminal, a report): line breaks (CRLF too) and
    tabs kept, every other control or invisible character shown as an escape, as ``visible``
    does."""
    text = text.replace("\r\n", "\n")
    if text.isprintable():
        return text
    return "".join(char if char in "\n\t" else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# A backslash before each character Markdown would act on; ``translate`` does it in one pass,
# about twice as fast as a regular expression (a year's report escapes some 3,000 cells).
_MD_SPECIAL = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~#&"})
_MD_LINE_START = re.compile(r"^(\s*\d*)([-+*=.)])(?=\s|$)", re.MULTILINE)


def md_escape(text: str) -> str:
    """Text that Markdown shows literally: no emphasis, links, HTML, headings or lists."""
    text = text.translate(_MD_SPECIAL)
    if _MD_LINE_START.search(text):  # rare: a line that starts like a list item
        text = _MD_LINE_START.sub(r"\1\\\2", text)
    return text.replace("\n", "  \n")


def literal(text: str) -> str:
    """Text from a routine file as it is, but never a control or invisible character: each
    becomes a space (the plain runner's output, read aloud by screen readers, where an escape
    like ``\\u001b`` would only be noise)."""
    return "".join(" " if is_forbidden(char) else char for char in text)


def counted(number: int, word: str) -> str:
    """``"1 step"``, ``"3 steps"``: a count and its noun (a plain -s plural)."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"
