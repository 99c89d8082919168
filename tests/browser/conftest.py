import os

# These tests need Chromium and Playwright; `nox -s browser` installs Playwright, sets this variable
# and runs them (`.ci/run` does too). The ordinary test run leaves them out.
if os.environ.get("FACTCHECK_BROWSER") != "1":
    collect_ignore_glob = ["*.py"]
