"""homecare: a guided home-care exercise timer for the terminal."""

__version__ = "0.1.0"
