"""The `kg viz` page in headless Chromium, offline: data, search, filters, hover, safety, scale.

Slow; skipped with the reason when Chromium, chromedriver or Selenium are
missing (install them with `bash .ci/install-browser.sh`). Writes
out/viz-screenshot.png for a person to look at.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import external, missing_reason, requested_urls, start_chromium
from test_viz import (
    HOSTILE_ALT,
    HOSTILE_EVIDENCE,
    HOSTILE_HEADLINE,
    HOSTILE_LABEL,
    hostile_trig,
    synthetic_trig,
)

from kg.analysis import project
from kg.graph.store import open_store
from kg.viz import write_view

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(missing_reason() is not None, reason=missing_reason() or ""),
]

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini.trig"
SCREENSHOT = ROOT / "out" / "viz-screenshot.png"
ID = "https://w3id.org/aikg/id/"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    d = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield d
    finally:
        d.quit()


def open_page(driver: Any, page: Path, timeout: float = 60.0) -> float:
    """Load a page from file:// and wait until the network is drawn; seconds it took."""
    from selenium.webdriver.support.ui import WebDriverWait

    requested_urls(driver)  # forget earlier pages' requests
    started = time.perf_counter()
    driver.get(page.resolve().as_uri())
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return window.aikgReady === true"))
    return time.perf_counter() - started


def hidden_ids(driver: Any, dataset: str) -> list[str]:
    script = f"return {dataset}.get({{filter: x => x.hidden === true}}).map(x => x.id)"
    return sorted(driver.execute_script(script))


def search(driver: Any, text: str) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.ID, "aikg-search-input")
    box.clear()
    box.send_keys(text + Keys.ENTER)
    return driver.find_element(By.ID, "aikg-search-status").text


def node_position(driver: Any, node: str) -> tuple[float, float]:
    """Where a node is on the page once the view has stopped moving (focus animation, physics)."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = ("var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
              "return [Math.round(p.x), Math.round(p.y)];")
    seen: list[tuple[float, float]] = []

    def settled(d: Any) -> bool:
        seen.append(tuple(d.execute_script(script, node)))
        return len(seen) > 1 and seen[-1] == seen[-2]

    WebDriverWait(driver, 10, poll_frequency=0.25).until(settled)
    return seen[-1]


def hover_node(driver: Any, node: str) -> str:
    """Move the mouse onto a node and return vis.js's tooltip text."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    canvas = driver.find_element(By.CSS_SELECTOR, "#aikg-network canvas")
    x, y = node_position(driver, node)
    assert driver.execute_script("return network.getNodeAt({x: arguments[0], y: arguments[1]})", x, y) == node
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(canvas, 0, 0).perform()  # leave any earlier node
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - size["width"] / 2),
                                                     int(y - size["height"] / 2)).perform()
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(
        "var t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility === 'visible';"))
    return driver.execute_script("return document.querySelector('div.vis-tooltip').innerText")


def assert_offline(driver: Any) -> None:
    urls = requested_urls(driver)
    assert urls, "the performance log recorded nothing: cannot tell whether the page went online"
    assert external(urls) == []
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert external(resources) == []


def severe_console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_viz_browser_fixture_view(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "mini.html"
    write_view(FIXTURE, page)
    open_page(driver, page)
    assert severe_console_errors(driver) == []

    # vis.js's own DataSets, and what the network drew from them
    assert driver.execute_script("return [nodes.length, edges.length]") == [14, 10]
    assert driver.execute_script("return Object.keys(network.body.nodes).length") >= 14
    assert driver.execute_script("return network.body.data.edges.length") == 10

    # search by a spaced Korean name, an alias and an English name
    assert "딥시크" in search(driver, "딥 시크")
    assert driver.execute_script("return network.getSelectedNodes()") == [ID + "deepseek"]
    time.sleep(0.6)  # the focus animation
    view = driver.execute_script("return network.getViewPosition()")
    target = driver.execute_script(f"return network.getPositions(['{ID}deepseek'])['{ID}deepseek']")
    assert abs(view["x"] - target["x"]) < 5 and abs(view["y"] - target["y"]) < 5
    assert driver.find_element(By.ID, "aikg-details").text.startswith("딥시크 (조직)")
    search(driver, "lmsys")
    assert driver.execute_script("return network.getSelectedNodes()") == [ID + "lm-arena"]
    search(driver, "deepseek v3")
    assert driver.execute_script("return network.getSelectedNodes()") == [ID + "deepseek-v3"]
    details = driver.find_element(By.ID, "aikg-details").text
    assert "딥시크는 6850억 개의 파라미터를 가진 V3를 발표했다." in details
    assert search(driver, "알리바바") == "찾을 수 없습니다"

    # class filter: organisations and every fact touching one disappear
    organisations = sorted(driver.execute_script("return nodes.get({filter: n => n.cls === 'Organization'})"
                                                 ".map(n => n.id)"))
    assert len(organisations) == 6
    driver.find_element(By.CSS_SELECTOR, ".aikg-class-filter[data-class='Organization']").click()
    assert hidden_ids(driver, "nodes") == organisations
    hidden_edges = driver.execute_script("return edges.get({filter: e => e.hidden}).map(e => [e.from, e.to])")
    assert len(hidden_edges) == 8 and all(a in organisations or b in organisations for a, b in hidden_edges)
    assert driver.execute_script(f"return network.body.nodes['{ID}openai'].options.hidden") is True
    assert "숨겨져" in search(driver, "OpenAI")

    # article filter on top: only a2.txt's things, only its facts
    Select(driver.find_element(By.ID, "aikg-article")).select_by_value("a2.txt")
    driver.find_element(By.CSS_SELECTOR, ".aikg-class-filter[data-class='Organization']").click()
    visible = sorted(driver.execute_script("return nodes.get({filter: n => !n.hidden}).map(n => n.id)"))
    a2 = ["deepseek", "deepseek-v3", "openai", "united-states", "china", "nyt"]
    assert visible == sorted(ID + x for x in a2)
    assert driver.execute_script("return edges.get({filter: e => !e.hidden}).map(e => e.label)") == ["uses"]

    driver.find_element(By.ID, "aikg-reset").click()
    assert hidden_ids(driver, "nodes") == [] and hidden_ids(driver, "edges") == []
    driver.find_element(By.ID, "aikg-search-input").clear()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    # hover: the tooltip shows facts with their sentence, article, date and confidence
    tooltip = hover_node(driver, ID + "deepseek-v3")
    assert "parameterCount = 685,000,000,000" in tooltip
    assert "딥시크는 6850억 개의 파라미터를 가진 V3를 발표했다." in tooltip
    assert "a1.txt · 2025-02-01 · 신뢰도 0.85" in tooltip

    assert_offline(driver)


def test_viz_browser_hostile_text_never_runs(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    graph = tmp_path / "hostile.trig"
    graph.write_text(hostile_trig(), encoding="utf-8")
    page = tmp_path / "hostile.html"
    write_view(graph, page)
    open_page(driver, page)
    search(driver, HOSTILE_LABEL)
    assert driver.execute_script("return network.getSelectedNodes()") == [ID + "evil-org"]
    details = driver.find_element(By.ID, "aikg-details").text
    assert HOSTILE_ALT.strip() in details and HOSTILE_LABEL in details  # shown as text
    # what a click on the edge does: the page's click handler shows the edge's evidence
    driver.execute_script("network.body.emitter.emit('click', {nodes: [], edges: edges.getIds()});")
    assert HOSTILE_EVIDENCE in driver.find_element(By.ID, "aikg-details").text
    tooltip = hover_node(driver, ID + "evil-org")
    assert HOSTILE_LABEL in tooltip or HOSTILE_ALT.strip() in tooltip
    options = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "#aikg-article option")]
    assert any(HOSTILE_HEADLINE[:20] in o for o in options)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return document.scripts.length") == 3
    assert_offline(driver)


def test_viz_browser_5000_nodes_open_in_seconds(driver: Any, tmp_path: Path) -> None:
    graph = tmp_path / "synthetic.trig"
    graph.write_text(synthetic_trig(5000), encoding="utf-8")
    g = project(open_store(graph))
    page = tmp_path / "big.html"
    started = time.perf_counter()
    info = write_view(graph, page, max_nodes=None)
    generated = time.perf_counter() - started
    assert info.nodes == 5000 and not info.physics
    seconds = open_page(driver, page, timeout=120)
    print(f"\n5,000 nodes: generated in {generated:.1f} s, drawn in {seconds:.1f} s")
    assert driver.execute_script("return [nodes.length, edges.length]") == [5000, g.number_of_edges()]
    assert seconds < 30
    assert search(driver, "사물 17") == "찾음: 사물 17"
    assert driver.execute_script("return network.getSelectedNodes()") == [ID + "t17"]
    assert_offline(driver)
