"""The Textual app: it draws what the engine says and turns keys into engine calls."""
