"""Reports for the clinician: the report model and its renderers."""
