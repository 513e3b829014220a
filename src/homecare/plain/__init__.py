"""The plain-text front end (``homecare run --plain``)."""
