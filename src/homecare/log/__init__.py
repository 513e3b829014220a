"""The session log: a SQLite store, the recorder that writes engine events to it, adherence
to each routine's schedule, and the reports a patient brings to the clinician (docs/log.md)."""
