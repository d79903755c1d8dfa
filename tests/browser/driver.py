"""Headless Chromium for the browser tests (Debian's chromium + chromium-driver,
driven by selenium). Browser tests are skipped only when NEWSFACTS_NO_BROWSER=1;
otherwise a missing browser fails them with a message saying what to install."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
INSTALL_HINT = (
    "browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver) "
    "and selenium (pip install selenium); set NEWSFACTS_NO_BROWSER=1 to skip them"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,900",
)


def browser_disabled() -> bool:
    return os.environ.get("NEWSFACTS_NO_BROWSER") == "1"


def skip_without_browser() -> pytest.MarkDecorator:
    """The one reason a browser test may be skipped."""
    return pytest.mark.skipif(browser_disabled(), reason="NEWSFACTS_NO_BROWSER=1")


def require_browser() -> None:
    """Fail (not skip) with what to install when selenium or the browser is missing."""
    try:
        import selenium  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"selenium is not installed ({exc}): {INSTALL_HINT}", pytrace=False)
    for path in (CHROMEDRIVER, CHROMIUM):
        if not Path(path).exists():
            pytest.fail(f"{path} not found: {INSTALL_HINT}", pytrace=False)


@contextmanager
def chromium(width: int = 1400, height: int = 900) -> Iterator[object]:
    """A fresh headless Chromium (its own profile in a temporary folder), quit on exit."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newsfacts-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_window_size(width, height)
        driver.set_page_load_timeout(20)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def save_screenshot(driver: object, name: str) -> Path:
    """A test artifact in tests/artifacts/ (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


def in_viewport(driver: object, element: object) -> bool:
    """Whether the element's box lies (at least partly) inside the window and is
    not hidden below or above a scrolled pane."""
    return bool(
        driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight"
            " && r.right > 0 && r.left < window.innerWidth;",
            element,
        )
    )
