"""Start Alliance Sandbox from a checkout: `python main.py [FILE]` (same options as the CLI)."""
from alliance_sandbox.ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
