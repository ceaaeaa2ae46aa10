import BraidReports

/// The workbench's style sheets and its one script, served from its own origin (the pages work
/// offline; the Content-Security-Policy allows nothing else).
enum Assets {
    static let files: [String: (type: String, text: String)] = [
        "report.css": ("text/css; charset=utf-8", HTMLReport.stylesheet),
        "workbench.css": ("text/css; charset=utf-8", css),
        "workbench.js": ("text/javascript; charset=utf-8", script),
    ]

    static let css = """
        body{max-width:1400px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;background:#fff;padding:.4em;z-index:9}
        .bar{display:flex;gap:.8em;align-items:baseline;flex-wrap:wrap;border-bottom:1px solid #ddd;padding:.4em 0}
        .bar nav{margin-left:auto;display:flex;gap:1em}.bar a{color:#1b4f7a}
        .workbench{display:grid;grid-template-columns:minmax(280px,360px) 1fr;gap:1.5em;align-items:start}
        @media (max-width:900px){.workbench{grid-template-columns:1fr}}
        .edits fieldset{border:1px solid #ddd;border-radius:6px;margin:.8em 0;padding:.5em .8em}
        .edits details{margin:.8em 0}.edits summary{cursor:pointer;font-weight:600}
        .setting{margin:.5em 0}.setting label{display:block;font-size:.9em}
        .setting input[type=number],.setting input[type=text]{width:100%;box-sizing:border-box;padding:.3em}
        .setting input[type=range]{width:100%}
        .check{display:inline-block;margin-right:.8em;font-size:.9em}
        .edits input,.edits select{max-width:100%;box-sizing:border-box}
        .sweep label,.save label{display:block;font-size:.9em;margin-top:.3em}.sweep input,.sweep select,.save input{width:100%}
        .edits{min-width:0}
        .cite{font-size:.8em;color:#555;margin:.2em 0 .6em}
        .rule{margin:.4em 0;font-size:.9em}
        button,.button{font:inherit;padding:.35em .8em;border:1px solid #1b6ca8;background:#1b6ca8;color:#fff;border-radius:4px;cursor:pointer;text-decoration:none;display:inline-block}
        button[disabled]{opacity:.5;cursor:default}
        .downloads button,.actions .button,.sweep button{background:#fff;color:#1b6ca8}
        :focus-visible{outline:3px solid #e07a1f;outline-offset:2px}
        .result{min-width:0}.solving #result{opacity:.55}
        #solving{color:#b35c00;font-weight:600;min-height:1.2em;margin:0}
        .problem{border-left:4px solid #b8404a;background:#fdf0f1;padding:.4em 1em;margin:1em 0}
        .problem pre,.explain{white-space:pre-wrap}
        .ok{border-left:4px solid #3a9a5b;background:#eef8f1;padding:.4em 1em}
        table.matrix td.no{background:#fbeaea}table.matrix td.yes{background:#eaf5ee}
        .pages{display:flex;gap:1em;margin:.5em 0}
        #sweep-chart svg{width:100%;height:auto;border:1px solid #eee}
        #sweep-chart .line{fill:none;stroke:#1b6ca8;stroke-width:2}#sweep-chart circle{fill:#1b6ca8}
        @media print{.bar nav,.edits,.skip,.timing{display:none}.workbench{display:block}}
        """

    static let script = """
        // Braid workbench: re-plans as the planner edits (a newer edit cancels the one in flight),
        // runs sweeps with a chart drawn as points arrive, and checks an uploaded roster.
        "use strict";
        (function () {
          const meta = document.querySelector('meta[name="csrf-token"]');
          const token = meta ? meta.content : "";
          const form = document.getElementById("edits");
          const result = document.getElementById("result");
          let timer = null;
          let inflight = null;

          function fields() {
            const body = new URLSearchParams(new FormData(form));
            ["name", "format"].forEach(function (k) { body.delete(k); });
            return body;
          }

          async function replan() {
            if (inflight) { inflight.abort(); }
            const controller = new AbortController();
            inflight = controller;
            result.setAttribute("aria-busy", "true");
            document.body.classList.add("solving");
            // Progress while a large plan is found: the seconds since the edit, beside the plan.
            const started = Date.now();
            const progress = document.getElementById("solving");
            const tick = setInterval(function () {
              if (progress) { progress.textContent = "Solving… " + Math.round((Date.now() - started) / 1000) + " s"; }
            }, 500);
            if (progress) { progress.textContent = "Solving…"; }
            try {
              const response = await fetch(form.action, {
                method: "POST", body: fields(), signal: controller.signal,
                headers: { "X-CSRF-Token": token, "X-Braid-Fragment": "1" }
              });
              if (response.status !== 409) { result.innerHTML = await response.text(); }
            } catch (error) {
              if (error.name !== "AbortError") {
                result.insertAdjacentText("afterbegin", "The workbench did not answer: " + error.message);
              }
            } finally {
              clearInterval(tick);
              if (inflight === controller) {
                if (progress) { progress.textContent = ""; }
                inflight = null;
                result.setAttribute("aria-busy", "false");
                document.body.classList.remove("solving");
              }
            }
          }

          function schedule() {
            clearTimeout(timer);
            timer = setTimeout(replan, 200);
          }

          if (form && result) {
            form.querySelectorAll("input[type=range][data-for]").forEach(function (range) {
              const number = document.getElementById(range.dataset.for);
              range.addEventListener("input", function () { number.value = range.value; schedule(); });
              number.addEventListener("input", function () { range.value = number.value; schedule(); });
            });
            form.querySelectorAll("input[type=checkbox], #fund-id, #fund-budget, #roster").forEach(function (input) {
              input.addEventListener("change", schedule);
            });
            form.addEventListener("submit", function (event) {
              const submitter = event.submitter;
              if (!submitter || !submitter.getAttribute("formaction")) {
                event.preventDefault();
                replan();
              }
            });
            setUpSweeps();
          }

          function setUpSweeps() {
            const start = document.getElementById("sweep-start");
            if (!start) { return; }
            const key = document.getElementById("sweep-key");
            const from = document.getElementById("sweep-from");
            const to = document.getElementById("sweep-to");
            const points = document.getElementById("sweep-points");
            const cancel = document.getElementById("sweep-cancel");
            const progress = document.getElementById("sweep-progress");
            const chart = document.getElementById("sweep-chart");
            let current = null;
            function fillRange() {
              const option = key.options[key.selectedIndex];
              if (option) { from.value = option.dataset.from; to.value = option.dataset.to; }
            }
            key.addEventListener("change", fillRange);
            fillRange();
            start.addEventListener("click", async function () {
              const body = fields();
              body.set("sweep.key", key.value);
              body.set("sweep.from", from.value);
              body.set("sweep.to", to.value);
              body.set("sweep.points", points.value);
              const response = await fetch(start.dataset.url, {
                method: "POST", body: body, headers: { "X-CSRF-Token": token }
              });
              const answer = await response.json();
              if (!response.ok) { progress.textContent = answer.error; return; }
              current = start.dataset.url + "/" + answer.sweep;
              start.disabled = true;
              cancel.disabled = false;
              poll();
            });
            cancel.addEventListener("click", async function () {
              if (current) {
                await fetch(current + "/cancel", { method: "POST", headers: { "X-CSRF-Token": token } });
              }
            });
            async function poll() {
              const response = await fetch(current);
              const status = await response.json();
              draw(status);
              const state = status.error ? "stopped: " + status.error
                : status.done ? (status.cancelled ? "cancelled" : "done") : "solving";
              progress.textContent = status.points.length + " of " + status.total + " points, " + state;
              if (status.done) {
                start.disabled = false;
                cancel.disabled = true;
              } else {
                setTimeout(poll, 250);
              }
            }
            function draw(status) {
              const ns = "http://www.w3.org/2000/svg";
              const svg = document.createElementNS(ns, "svg");
              svg.setAttribute("viewBox", "0 0 600 240");
              svg.setAttribute("role", "img");
              const title = document.createElementNS(ns, "title");
              title.textContent = "People served as " + status.key + " varies";
              svg.appendChild(title);
              const pts = status.points;
              if (pts.length > 0) {
                const xs = pts.map(function (p) { return p.value; });
                const ys = pts.map(function (p) { return p.served; });
                const x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
                const y1 = Math.max.apply(null, ys.concat([1]));
                const sx = function (x) { return 50 + (x1 > x0 ? (x - x0) / (x1 - x0) : 0.5) * 530; };
                const sy = function (y) { return 210 - (y / y1) * 190; };
                const line = document.createElementNS(ns, "polyline");
                line.setAttribute("class", "line");
                line.setAttribute("points", pts.map(function (p) { return sx(p.value) + "," + sy(p.served); }).join(" "));
                svg.appendChild(line);
                pts.forEach(function (p) {
                  const dot = document.createElementNS(ns, "circle");
                  dot.setAttribute("cx", sx(p.value));
                  dot.setAttribute("cy", sy(p.served));
                  dot.setAttribute("r", 3);
                  const tip = document.createElementNS(ns, "title");
                  tip.textContent = status.key + " " + p.value + ": " + p.served + " served, $" + p.spent.toFixed(2);
                  dot.appendChild(tip);
                  svg.appendChild(dot);
                });
                [[x0, 50, 232, "start"], [x1, 580, 232, "end"]].forEach(function (t) {
                  const label = document.createElementNS(ns, "text");
                  label.setAttribute("x", t[1]);
                  label.setAttribute("y", t[2]);
                  label.setAttribute("text-anchor", t[3]);
                  label.textContent = String(t[0]);
                  svg.appendChild(label);
                });
                const top = document.createElementNS(ns, "text");
                top.setAttribute("x", 4);
                top.setAttribute("y", 24);
                top.textContent = y1 + " served";
                svg.appendChild(top);
              }
              chart.replaceChildren(svg);
            }
          }

          const roster = document.getElementById("roster-form");
          if (roster) {
            roster.addEventListener("submit", async function (event) {
              event.preventDefault();
              const file = document.getElementById("roster-file").files[0];
              const out = document.getElementById("roster-result");
              if (!file) { return; }
              out.textContent = "Checking…";
              const keep = document.getElementById("roster-keep").checked;
              const response = await fetch(roster.action + (keep ? "?keep=1" : ""), {
                method: "POST", body: file,
                headers: { "X-CSRF-Token": token, "X-File-Name": encodeURIComponent(file.name),
                           "Content-Type": "application/octet-stream" }
              });
              out.innerHTML = await response.text();
            });
          }
        })();

        """
}
