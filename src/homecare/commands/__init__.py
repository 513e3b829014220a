"""One module per CLI subcommand, imported only when that command runs."""
