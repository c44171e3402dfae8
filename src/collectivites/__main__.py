"""``python -m collectivites`` : la même ligne de commande que ``collectivites``."""

import sys

from collectivites.cli import main

sys.exit(main())
