"""`python -m bot.cli.main`: the same entry point as the `madoguchi` command."""

from bot.cli.main import main

raise SystemExit(main())
