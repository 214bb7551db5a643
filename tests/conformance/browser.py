"""A browser for `driftwatch auth login` under the conformance suite (set as `BROWSER`): it opens
the authorization URL and follows its redirect back to driftwatch's loopback listener, as a person's
browser would after they approve."""

from __future__ import annotations

import sys
import urllib.request

with urllib.request.urlopen(sys.argv[1], timeout=20) as page:
    page.read()
