"""Allow `python -m homecare`."""

from homecare.cli import main

raise SystemExit(main())
