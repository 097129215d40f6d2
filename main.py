"""Start Alliance Sandbox from a checkout: `python main.py [FILE]`, the same as `alliance-sandbox`."""
from alliance_sandbox.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
