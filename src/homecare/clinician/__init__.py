"""The clinician's side: handouts, calendar reminders, and importing routines into the library.

Everything here works on validated ``Routine`` objects and never imports Textual; the commands
in ``homecare.commands`` (new, import, handout, remind) and the app's Import action call it.
"""
