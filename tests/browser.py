"""Start headless Chromium (Debian's chromium + chromium-driver) through Selenium, offline.

Used by the slow browser tests. `missing_reason()` says why a test must skip;
`start_chromium()` gives a WebDriver whose network is cut off (only file: and
data: URLs load) and which logs every request the page tries, so a test can
assert that none left the machine. Install the browser with
`bash .ci/install-browser.sh`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome"]

# Without these, Chromium phones home (updates, sync, field trials) and floods a closed network.
QUIET_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--metrics-recording-only",
    "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def find_browser() -> tuple[str | None, str | None]:
    """Paths of the Chromium binary and of chromedriver, or None where missing."""
    browser = next((p for p in map(shutil.which, BROWSER_NAMES) if p), None)
    return browser, shutil.which("chromedriver")


def missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (bash .ci/install-browser.sh)"
    browser, driver = find_browser()
    if browser is None:
        return "chromium is not installed (bash .ci/install-browser.sh)"
    if driver is None:
        return "chromedriver is not installed (bash .ci/install-browser.sh)"
    return None


def start_chromium(user_data_dir: Path, width: int = 1400, height: int = 900) -> Any:
    """A headless Chromium WebDriver with the network blocked and requests logged."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    browser, driver_path = find_browser()
    assert browser and driver_path, missing_reason()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in [*QUIET_FLAGS, f"--user-data-dir={user_data_dir}", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*",
                                                                 "ftp://*"]})
    return driver


def requested_urls(driver: Any) -> list[str]:
    """Every URL the page asked for since the last call (from Chromium's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def external(urls: list[str]) -> list[str]:
    """The URLs that would leave the machine (anything but file:, data:, blob:, about:)."""
    return [u for u in urls if not u.startswith(("file:", "data:", "blob:", "about:", "chrome:"))]
