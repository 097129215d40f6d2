"""Alliance Sandbox: alliance theory at work, on a world map."""
__version__ = "0.1.0"
