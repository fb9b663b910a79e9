"""Checking stories: the engine that runs the rules, findings and their output formats,
the cache, safe fixes, and validating a whole newsroom (`newsdesk validate`)."""
