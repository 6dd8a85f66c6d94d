"""``python -m retrieval``: the CLI harness (see retrieval/cli.py)."""

import sys

from dotenv import load_dotenv

from retrieval.cli import main

load_dotenv()
sys.exit(main())
