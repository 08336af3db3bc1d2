/* Behaviour of the page `kg viz` writes: search, class and article filters, details.
 *
 * Everything the graph says arrives as JSON data (#aikg-data) and is put into the
 * page with textContent or as vis.js DataSet fields, never as HTML, so a label
 * or sentence can never become markup or code. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("aikg-data").textContent);
  var t = data.strings;
  var rawNodes = data.nodes;
  var rawEdges = data.edges;
  var byId = {};
  rawNodes.forEach(function (n) { byId[n.id] = n; });

  // The same global names pyvis's template uses, so its users find them.
  var nodes = new vis.DataSet(rawNodes);
  var edges = new vis.DataSet(rawEdges);
  var container = document.getElementById("aikg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.nodes = nodes;
  window.edges = edges;
  window.network = network;

  function ready() {
    window.aikgReady = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (data.options.physics && data.options.physics.enabled) {
    // Settle once, then hold still so the picture does not drift while read.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
  }

  // ---- details panel -------------------------------------------------------------
  var details = document.getElementById("aikg-details");
  function showDetails(text) { details.textContent = text; }
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(byId[params.nodes[0]].title); }
    else if (params.edges.length) { showDetails(edges.get(params.edges[0]).title); }
  });

  // ---- search --------------------------------------------------------------------
  function fold(s) { return s.normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  function loose(s) { return fold(s).replace(/[-_.·]/g, ""); }
  var names = [];  // [folded, loose-folded, node id]
  var datalist = document.getElementById("aikg-names");
  var seenName = {};
  rawNodes.forEach(function (n) {
    n.names.forEach(function (name) {
      names.push([fold(name), loose(name), n.id]);
      if (!seenName[name]) {
        seenName[name] = true;
        var option = document.createElement("option");
        option.value = name;
        datalist.appendChild(option);
      }
    });
  });
  function better(a, b) {  // most mentioned, then best connected, then id: as kg.analysis.find_node
    var x = byId[a], y = byId[b];
    if (x.mentions !== y.mentions) { return x.mentions > y.mentions; }
    if (x.degree !== y.degree) { return x.degree > y.degree; }
    return a < b;
  }
  function findNode(query) {
    var q = fold(query), ql = loose(query);
    if (!q) { return null; }
    var tests = [
      function (e) { return e[0] === q; },
      function (e) { return e[1] === ql; },
      function (e) { return e[0].indexOf(q) === 0; },
      function (e) { return e[0].indexOf(q) >= 0 || (ql && e[1].indexOf(ql) >= 0); }
    ];
    for (var i = 0; i < tests.length; i++) {
      var best = null;
      names.forEach(function (e) { if (tests[i](e) && (best === null || better(e[2], best))) { best = e[2]; } });
      if (best !== null) { return best; }
    }
    return null;
  }
  var status = document.getElementById("aikg-search-status");
  function setStatus(text, miss) {
    status.textContent = text;
    status.className = miss ? "aikg-miss" : "";
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showDetails(byId[id].title);
  }
  document.getElementById("aikg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("aikg-search-input").value;
    var id = findNode(query);
    if (id === null) { setStatus(t.not_found, true); network.unselectAll(); return; }
    if (nodes.get(id).hidden) { setStatus(byId[id].label + " " + t.hidden_by_filter, true); return; }
    setStatus(t.found + ": " + byId[id].label, false);
    focusNode(id);
  });

  // ---- filters: the DataSet `hidden` flag really removes nodes and edges from view ----
  var classBoxes = Array.prototype.slice.call(document.querySelectorAll(".aikg-class-filter"));
  var articleSelect = document.getElementById("aikg-article");
  function applyFilters() {
    var shownClasses = {};
    classBoxes.forEach(function (box) { if (box.checked) { shownClasses[box.getAttribute("data-class")] = true; } });
    var article = articleSelect.value;
    var visible = {};
    var nodeUpdates = [];
    rawNodes.forEach(function (n) {
      var show = shownClasses[n.cls] === true && (!article || n.articles.indexOf(article) >= 0);
      if (show) { visible[n.id] = true; }
      nodeUpdates.push({ id: n.id, hidden: !show });
    });
    var edgeUpdates = [];
    rawEdges.forEach(function (e) {
      var show = visible[e.from] === true && visible[e.to] === true && (!article || e.articles.indexOf(article) >= 0);
      edgeUpdates.push({ id: e.id, hidden: !show });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }
  classBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  articleSelect.addEventListener("change", applyFilters);
  document.getElementById("aikg-reset").addEventListener("click", function () {
    classBoxes.forEach(function (box) { if (!box.disabled) { box.checked = true; } });
    articleSelect.value = "";
    applyFilters();
    setStatus("", false);
    showDetails(t.details_hint);
    network.unselectAll();
    network.fit();
  });

  if (data.focus) {
    network.selectNodes([data.focus]);
    showDetails(byId[data.focus].title);
  }
  window.aikg = { findNode: findNode, applyFilters: applyFilters, focusNode: focusNode };
})();
