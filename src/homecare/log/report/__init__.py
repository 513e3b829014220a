"""Reports for the clinician: ``build_report`` gathers what happened in a period
(``build``), and ``render`` writes it as Markdown, HTML, CSV or JSON; each renderer is imported
only when its format is asked for."""

from __future__ import annotations

from homecare.log.report.build import Report, build_report

__all__ = ["FORMATS", "Report", "build_report", "render"]

FORMATS = ("md", "html", "csv", "json")


def render(report: Report, format: str) -> str:
    """The report as text in ``format`` (one of ``FORMATS``)."""
    if format == "md":
        from homecare.log.report.markdown import to_markdown as renderer
    elif format == "html":
        from homecare.log.report.html import to_html as renderer
    elif format == "csv":
        from homecare.log.report.export import to_csv as renderer
    elif format == "json":
        from homecare.log.report.export import to_json as renderer
    else:
        raise ValueError(f"unknown report format {format!r}")
    return renderer(report)
