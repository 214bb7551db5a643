"""`python -m driftwatch`: the installed `driftwatch` command, for where the console script is not
on PATH, and so bench/startup.py can time the code of this checkout rather than an installed one."""

from driftwatch.cli import main

if __name__ == "__main__":
    main()
