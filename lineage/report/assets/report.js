// The report page: reads the JSON block written by lineage/report/html_report.py and draws
// each unit's Sankey (Apache ECharts, SVG renderer), its flow table and its findings, and for
// several units the comparison charts. No network: everything it needs is in the file.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("lineage-data").textContent);
  var main = document.getElementById("report");
  var charts = [];
  var api = { data: DATA, sankeys: {}, charts: charts };
  window.lineageReport = api;

  var COLOURS = {
    FundingSource: "#3b6fb6", income: "#9aa0a6", FunctionalSubject: "#2a9d8f", Pool: "#9aa0a6",
    EconomicSubject: "#e09f3e", Project: "#c8553d", Unitemised: "#d0d0d0", indicators: "#6a4c93",
  };
  var KIND_ZH = {
    FundingSource: "资金来源", income: "收入（汇总，不单列）", FunctionalSubject: "功能分类科目", Pool: "支出池（汇总，不单列）",
    EconomicSubject: "经济分类科目", Project: "项目", Unitemised: "未细化（差额或未单列）", indicators: "绩效指标（计数）",
  };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function pct(s) { return s === null || s === undefined ? "" : s + "%"; }
  function where(lines, pages, tables) {
    if (!lines || !lines.length) return "由表中数字推算（差额），无印刷行";
    var s = (tables && tables.length ? tables.join("、") + " " : "") + "第 " + lines.join("、") + " 行";
    if (pages && pages.length) s += "（第 " + pages.join("、") + " 页）";
    return s;
  }
  function browserLink(url, text) {
    return url ? el("a", { href: url, target: "_blank", rel: "noopener", className: "neo4j", text: text || "在 Neo4j Browser 中查看" }) : null;
  }

  // ---- Sankey -------------------------------------------------------------------------------
  function sankeyOption(u, level, focus) {
    var f = u.flows[level];
    var byId = {};
    f.nodes.forEach(function (n) { byId[n.id] = n; });
    var focused = {};
    (focus || []).forEach(function (id) { focused[id] = true; });
    var nodes = f.nodes.map(function (n) {
      var imbalanced = n.inflow !== null && n.outflow !== null && Number(n.inflow) !== Number(n.outflow);
      var style = n.undisclosed
        ? { color: "#eceff1", borderColor: "#5f6368", borderType: "dashed", borderWidth: 1.5 }
        : { color: COLOURS[n.kind] || "#888", borderColor: "#fff", borderWidth: 0 };
      if (imbalanced) style = Object.assign({}, style, { borderColor: "#b00020", borderWidth: 2, borderType: "solid" });
      if (focused[n.id]) style = Object.assign({}, style, { borderColor: "#d00000", borderWidth: 4, borderType: "solid", shadowBlur: 8, shadowColor: "#d00000" });
      return { name: n.id, depth: n.depth, itemStyle: style };
    });
    var links = f.links.map(function (l) {
      var dim = l.derived || (byId[l.target] && byId[l.target].kind === "Unitemised");
      var fromJoint = byId[l.source] && byId[l.source].undisclosed;  // a pool's own colour is pale: take the target's
      return Object.assign({}, l, {
        lineStyle: dim ? { color: "#b0b0b0", opacity: 0.55 } : { color: fromJoint ? "target" : "source", opacity: 0.38 },
      });
    });
    return {
      animation: false,
      tooltip: {
        trigger: "item", confine: true, className: "lineage-tip",
        formatter: function (p) {
          if (p.dataType === "edge") {
            var l = p.data, s = byId[l.source], t = byId[l.target];
            var lines = [esc(s.label) + " → " + esc(t.label), "<b>" + l.amount + " " + u.amountUnit + "</b>"];
            if (l.share !== null) lines.push("占「" + esc(s.label) + "」流出的 " + pct(l.share));
            if (l.shareTotal !== null) lines.push("占收入合计的 " + pct(l.shareTotal));
            if (l.note) lines.push(esc(l.note));
            lines.push(l.derived ? "未细化：由表中数字推算的差额，文件未单列" : "出处：" + esc(where(l.lines, l.pages, l.tables)));
            return lines.join("<br>");
          }
          var n = byId[p.name];
          var out = [esc(n.label), KIND_ZH[n.kind] || ""];
          if (n.inflow !== null) out.push("流入 " + n.inflow + " " + u.amountUnit);
          if (n.outflow !== null) out.push("流出 " + n.outflow + " " + u.amountUnit);
          if (n.inflow !== null && n.outflow !== null && Number(n.inflow) !== Number(n.outflow)) out.push("<b style='color:#b00020'>流入与流出不等</b>");
          if (n.leaves.length > 1) out.push("含 " + n.leaves.length + " 个明细科目");
          return out.join("<br>");
        },
      },
      series: [{
        type: "sankey", left: 8, right: 220, top: 12, bottom: 12, nodeWidth: 14, nodeGap: 14,
        nodeAlign: "left", draggable: false, emphasis: { focus: "adjacency" },
        data: nodes, links: links,
        label: {
          fontSize: 12, color: "#202124", width: 215, overflow: "truncate",
          formatter: function (p) {
            var n = byId[p.name];
            var amount = n.inflow !== null ? n.inflow : n.outflow;
            return n.label + (amount !== null && n.kind !== "indicators" ? "  " + amount : "");
          },
        },
      }],
    };
  }

  function sankeyHeight(u, level) {
    var perDepth = {};
    u.flows[level].nodes.forEach(function (n) { perDepth[n.depth] = (perDepth[n.depth] || 0) + 1; });
    var most = Math.max.apply(null, Object.keys(perDepth).map(function (k) { return perDepth[k]; }).concat([1]));
    return Math.max(420, most * 15 + 320);  // a gap a label high between nodes, and room for the money
  }

  function drawSankey(u, i, level, focus) {
    var box = document.getElementById("u" + i + "-sankey");
    if (!u.flows[level].links.length) {  // no 收入总表/支出总表 read: say so rather than draw an empty box
      box.className = "sankey empty";
      box.textContent = "未能绘制资金流向：没有读到本文件的收入总表或支出总表中的金额（见下方的问题）。";
      return;
    }
    box.style.height = sankeyHeight(u, level) + "px";
    var chart = api.sankeys[i];
    if (!chart) {
      chart = echarts.init(box, null, { renderer: "svg" });
      api.sankeys[i] = chart;
      charts.push(chart);
    } else {
      chart.resize({ height: sankeyHeight(u, level) });
    }
    chart.setOption(sankeyOption(u, level, focus), { notMerge: true });
    box.dataset.level = level;
    document.querySelectorAll("#u" + i + " .levels button").forEach(function (b) {
      b.classList.toggle("on", b.dataset.level === level);
    });
  }

  // nodes shown at `level` that hold any of the graph nodes `ids`
  function shownNodes(u, level, ids) {
    var want = {};
    ids.forEach(function (id) { want[id] = true; });
    return u.flows[level].nodes.filter(function (n) {
      return want[n.id] || n.leaves.some(function (leaf) { return want[leaf]; });
    }).map(function (n) { return n.id; });
  }

  // ---- tables -------------------------------------------------------------------------------
  function flowTable(u, i) {
    var table = el("table", { className: "flow", id: "u" + i + "-flow" },
      el("thead", {}, el("tr", {},
        el("th", { text: "从" }), el("th", { text: "到" }), el("th", { text: "编码" }),
        el("th", { className: "num", text: "金额（" + u.amountUnit + "）" }), el("th", { className: "num", text: "占比" }),
        el("th", { className: "num", text: "行" }), el("th", { className: "num", text: "页" }))));
    var seen = {};
    u.stages.forEach(function (s, si) {
      var body = el("tbody", { "data-stage": si });
      var mark = s.balanced ? el("span", { className: "ok", text: "平衡" })
        : el("span", { className: "bad", text: "不平衡：流入 " + s.inflow + "，流出 " + s.outflow });
      body.appendChild(el("tr", { className: "stage" }, el("th", { colspan: 7 },
        s.name + "　", el("span", { className: "stage-total", text: s.inflow }), " " + u.amountUnit + "　", mark)));
      s.rows.forEach(function (r) {
        var id = r.line && !seen[r.line] ? "u" + i + "-L" + r.line : null;
        if (r.line) seen[r.line] = true;
        var name = r.name + (r.derived ? "（差额）" : "") + (r.estimate ? "（估算）" : "");
        if (r.indicators !== null) name += r.indicators ? "　· " + r.indicators + " 项绩效指标" : "　· 无绩效指标";
        body.appendChild(el("tr", {
          id: id, className: (r.parent ? "child" : "") + (r.derived ? " derived" : ""),
          "data-stage": si, "data-target": r.target, "data-parent": r.parent || "", "data-line": r.line || "",
        },
          el("td", { text: r.parent ? "　" + r.from : r.from }), el("td", { className: "name", text: name }),
          el("td", { text: r.code || "" }), el("td", { className: "num amount", text: r.amount }),
          el("td", { className: "num share", text: pct(r.share) }), el("td", { className: "num", text: r.line || "" }),
          el("td", { className: "num", text: r.page || "" })));
      });
      table.appendChild(body);
    });
    return table;
  }

  function findingsBlock(u, i) {
    var box = el("div", { className: "findings" });
    var c = u.counts;
    if (!u.findings.length) {
      box.appendChild(el("p", { className: "clean", text: "未发现问题：所有检查规则均未报告差异。" }));
      return box;
    }
    box.appendChild(el("p", { className: c.error ? "has-errors" : "clean",
      text: (c.error ? "发现 " + c.error + " 个错误" : "无错误级问题") + "，" + c.warning + " 个警告，" + c.info + " 个提示。" +
        (c.error ? "" : "（警告为舍入范围内的差异或需要人工判断之处。）") }));
    var order = { error: 0, warning: 1, info: 2 };
    var rows = u.findings.map(function (f, j) { return [f, j]; })
      .sort(function (a, b) { return order[a[0].severity] - order[b[0].severity] || a[1] - b[1]; });
    var table = el("table", { className: "findings-table", id: "u" + i + "-findings" },
      el("thead", {}, el("tr", {},
        el("th", { text: "级别" }), el("th", { text: "规则" }), el("th", { text: "说明" }),
        el("th", { className: "num", text: "应为" }), el("th", { className: "num", text: "实为" }),
        el("th", { text: "证据（行）" }), el("th", { className: "place", text: "流程图" }))));
    var body = el("tbody");
    rows.forEach(function (pair) {
      var f = pair[0], j = pair[1];
      var evidence = el("td", { className: "evidence" });
      f.evidence.forEach(function (e, k) {
        if (k) evidence.appendChild(document.createTextNode("、"));
        var label = e.table + " 第" + e.line + "行" + (e.page ? "（第" + e.page + "页）" : "");
        var anchor = document.getElementById("u" + i + "-L" + e.line);
        evidence.appendChild(anchor ? el("a", { href: "#u" + i + "-L" + e.line, text: label }) : el("span", { text: label }));
      });
      var place = el("td", { className: "place" });
      if (f.nodes.length) {
        var a = el("a", { href: "#u" + i + "-sankey", className: "locate", "data-finding": j, text: "定位" });
        a.addEventListener("click", function () { locate(u, i, f, j); });
        place.appendChild(a);
      } else {
        place.appendChild(el("span", { className: "muted", text: "不在流程图中" }));
      }
      var link = browserLink(f.browser, "Neo4j");
      if (link) { place.appendChild(document.createTextNode(" ")); place.appendChild(link); }
      var unit = f.unit ? " " + f.unit : "";
      body.appendChild(el("tr", { className: "sev-" + f.severity, id: "u" + i + "-f" + j },
        el("td", {}, el("span", { className: "badge " + f.severity, text: f.severityLabel })),
        el("td", { className: "rule", title: f.rule, text: f.code }), el("td", { className: "message", text: f.message }),
        valueCell(f.expected, unit), valueCell(f.found, unit), evidence, place));
    });
    table.appendChild(body);
    box.appendChild(table);
    return box;
  }

  // budget execution of a 决算: 预算数 → 决算数 with the rate, per set (its own 预算数 columns; against its 预算)
  function executionBlock(u, i) {
    var box = el("div", { className: "execution", id: "u" + i + "-execution" });
    u.execution.forEach(function (s) {
      box.appendChild(el("h4", { text: s.title + "（" + s.unit + "）" }));
      var table = el("table", { className: "execution-table" },
        el("thead", {}, el("tr", {},
          el("th", { text: "部分" }), el("th", { text: "层级" }), el("th", { text: "科目/项目" }),
          el("th", { className: "num", text: "预算数" }), el("th", { className: "num", text: "决算数" }),
          el("th", { className: "num", text: "差额" }), el("th", { className: "num", text: "执行率" }),
          el("th", { text: "决算数所在" }))));
      var body = el("tbody");
      s.rows.forEach(function (r) {
        var at = r.actual_table ? r.actual_table_label + " 第" + r.actual_line + "行" + (r.actual_page ? "（第" + r.actual_page + "页）" : "") : "";
        body.appendChild(el("tr", { className: r.rate !== null && Number(r.rate) > 100 ? "over" : "" },
          el("td", { text: r.section }), el("td", { text: r.level }), el("td", { className: "name", text: r.name }),
          el("td", { className: "num", text: r.budget === null ? "" : r.budget }),
          el("td", { className: "num", text: r.actual === null ? "" : r.actual }),
          el("td", { className: "num", text: r.difference === null ? "" : r.difference }),
          el("td", { className: "num rate", text: pct(r.rate) }), el("td", { className: "where", text: at })));
      });
      table.appendChild(body);
      box.appendChild(table);
    });
    return box;
  }

  // an amount right-aligned with its unit; a label (a name, a 目录 line, a list of 类) as wrapping text
  function valueCell(value, unit) {
    if (value === null) return el("td");
    return /^-?[0-9.]+$/.test(value) ? el("td", { className: "num", text: value + unit }) : el("td", { className: "label-value", text: value });
  }

  function locate(u, i, f, j) {
    var box = document.getElementById("u" + i + "-sankey");
    var level = box.dataset.level;
    var shown = shownNodes(u, level, f.nodes);
    drawSankey(u, i, level, shown);
    document.querySelectorAll("#u" + i + "-findings tr.active").forEach(function (tr) { tr.classList.remove("active"); });
    document.getElementById("u" + i + "-f" + j).classList.add("active");
  }

  function unitSection(u, i) {
    var c = u.counts;
    var section = el("section", { className: "unit", id: "u" + i });
    section.appendChild(el("h2", { text: u.unitName + " " + (u.year || "") + " " + u.kind }));
    section.appendChild(el("p", { className: "summary" },
      "收入合计 ", el("b", { className: "total", text: u.total === null ? "未读到" : u.total }),
      (u.total === null ? "" : " " + u.amountUnit) + "　·　金额单位 " + u.amountUnit +
      "　·　文件 " + u.file + "　·　" + (c.error ? c.error + " 个错误，" : "无错误，") + c.warning + " 个警告",
      u.browser ? document.createTextNode("　·　") : null, browserLink(u.browser, "在 Neo4j Browser 中打开此流向 (flow_trace)")));
    var levels = el("div", { className: "levels" }, el("span", { text: "功能/经济科目层级：" }));
    DATA.levels.forEach(function (level) {
      var b = el("button", { type: "button", "data-level": level, text: level });
      b.addEventListener("click", function () { drawSankey(u, i, level, []); });
      levels.appendChild(b);
    });
    section.appendChild(el("h3", { text: "资金流向" }));
    section.appendChild(levels);
    section.appendChild(el("p", { className: "legend" },
      el("span", { className: "key pool" }), "虚线框：汇总节点（收入、基本支出、项目支出），文件不单列，其值为流入之和　",
      el("span", { className: "key derived" }), "灰色：未细化，由表中数字推算的差额　",
      el("span", { className: "key imbalance" }), "红框：流入与流出不等"));
    section.appendChild(el("div", { className: "sankey", id: "u" + i + "-sankey", role: "img",
      "aria-label": u.unitName + " 资金流向桑基图" }));
    if (u.execution && u.execution.length) {
      section.appendChild(el("h3", { text: "预算执行（预算数 → 决算数）" }));
      section.appendChild(executionBlock(u, i));
    }
    section.appendChild(el("h3", { text: "发现的问题" }));
    var flowTitle = el("h3", { text: "流向明细（与 lineage trace 一致）" });
    var table = flowTable(u, i);
    // findings link to flow rows by id, so the flow table must exist first; it is shown after them.
    var holder = el("div");
    holder.appendChild(flowTitle);
    holder.appendChild(table);
    section.appendChild(holder);
    main.appendChild(section);
    section.insertBefore(findingsBlock(u, i), holder);
    drawSankey(u, i, DATA.levels[0], []);
  }

  // ---- comparison ---------------------------------------------------------------------------
  function num(s) { return s === null || s === undefined ? null : Number(s); }

  function barChart(box, option) {
    var chart = echarts.init(box, null, { renderer: "svg" });
    chart.setOption(Object.assign({ animation: false, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true } }, option));
    charts.push(chart);
    return chart;
  }

  function comparisonSection(cmp) {
    var section = el("section", { className: "comparison", id: "comparison" });
    section.appendChild(el("h2", { text: "单位比较" }));
    if (cmp.browser) section.appendChild(el("p", {}, browserLink(cmp.browser, "在 Neo4j Browser 中比较前两个单位 (compare_units_function)")));
    var grid = el("div", { className: "compare-grid" });
    var table = el("table", { className: "compare-table" });
    var head = el("tr", {}, el("th", { text: "项目" }));
    cmp.units.forEach(function (name, k) {
      head.appendChild(el("th", { className: "num" }, name, el("br"), el("span", { className: "muted", text: cmp.amountUnits[k] + "（占支出总计）" })));
    });
    table.appendChild(el("thead", {}, head));
    var body = el("tbody");
    cmp.rows.forEach(function (r) {
      var tr = el("tr", {}, el("td", { className: "label", text: r.label }));
      r.values.forEach(function (v, k) {
        tr.appendChild(el("td", { className: "num" }, v === null ? "" : v,
          v !== null && r.shares[k] !== null ? el("span", { className: "share", text: "（" + r.shares[k] + "%）" }) : null));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    grid.appendChild(el("div", { className: "compare-table-box" }, table));
    var chartsBox = el("div", { className: "compare-charts" });
    grid.appendChild(chartsBox);
    section.appendChild(grid);
    var notes = Object.keys(cmp.onlyIn).filter(function (k) { return cmp.onlyIn[k].length; })
      .map(function (k) { return el("li", { text: "仅 " + k + " 有的项级科目：" + cmp.onlyIn[k].join("、") }); });
    if (notes.length) section.appendChild(el("ul", { className: "only-in" }, ...notes));
    main.appendChild(section);

    var names = cmp.units;
    var mixed = cmp.amountUnits.some(function (x) { return x !== "万元"; });
    function box(id) { var b = el("div", { className: "chart", id: id }); chartsBox.appendChild(b); return b; }
    barChart(box("cmp-totals"), {
      title: { text: "支出总计（万元）" + (mixed ? "，元已换算" : ""), textStyle: { fontSize: 13 } },
      xAxis: { type: "category", data: names, axisLabel: { interval: 0, width: 110, overflow: "break" } }, yAxis: { type: "value" },
      series: [{ type: "bar", data: cmp.charts.totals.map(num), label: { show: true, position: "top" }, itemStyle: { color: "#3b6fb6" } }],
    });
    barChart(box("cmp-classes"), {
      title: { text: "功能分类 类 占支出总计的比例（%）", textStyle: { fontSize: 13 } },
      legend: { bottom: 0, type: "scroll" }, grid: { left: 8, right: 24, top: 36, bottom: 36, containLabel: true },
      xAxis: { type: "value", max: 100 }, yAxis: { type: "category", data: names, axisLabel: { width: 110, overflow: "truncate" } },
      series: cmp.charts.classes.map(function (c) { return { type: "bar", stack: "类", name: c.label, data: c.shares.map(num) }; }),
    });
    barChart(box("cmp-basic"), {
      title: { text: "基本支出与项目支出（占比 %）", textStyle: { fontSize: 13 } },
      legend: { bottom: 0 }, grid: { left: 8, right: 24, top: 36, bottom: 36, containLabel: true },
      xAxis: { type: "value", max: 100 }, yAxis: { type: "category", data: names, axisLabel: { width: 110, overflow: "truncate" } },
      series: [
        { type: "bar", stack: "p", name: "基本支出", data: cmp.charts.basic.map(num), itemStyle: { color: "#2a9d8f" } },
        { type: "bar", stack: "p", name: "项目支出", data: cmp.charts.project.map(num), itemStyle: { color: "#c8553d" } },
      ],
    });
    barChart(box("cmp-three"), {
      title: { text: "“三公”经费（万元）", textStyle: { fontSize: 13 } },
      legend: { bottom: 0 }, grid: { left: 8, right: 24, top: 36, bottom: 36, containLabel: true },
      xAxis: { type: "category", data: names, axisLabel: { interval: 0, width: 110, overflow: "break" } }, yAxis: { type: "value" },
      series: Object.keys(cmp.charts.threePublic).map(function (k) { return { type: "bar", name: k, data: cmp.charts.threePublic[k].map(num) }; }),
    });
  }

  // ---- page ---------------------------------------------------------------------------------
  document.getElementById("meta").textContent = "budget-lineage " + DATA.version + " · 生成于 " + DATA.generated +
    " · 金额为文件印刷数，单位见各节 · 每个数字可追溯到原文件的表与行";
  if (DATA.comparison) comparisonSection(DATA.comparison);
  DATA.units.forEach(unitSection);
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize({ width: 1000 }); }); });
  window.addEventListener("afterprint", function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute("data-ready", "1");
})();
