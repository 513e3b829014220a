"""Infrastructure every layer may use; imports nothing else from homecare."""
