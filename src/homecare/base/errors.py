"""Errors that carry a message meant for a person, printed without a traceback."""


class UserError(Exception):
    """A problem the user can fix (a bad file, a missing routine, an unwritable folder).

    The CLI prints ``str(error)`` and exits with code 2.
    """
