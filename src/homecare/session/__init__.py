"""One session: the clock, the plan a routine compiles to, the engine, safety and the session flow."""
