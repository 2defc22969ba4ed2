/// The hand-written script and styles of ``EMAnimationPage``: it reads the
/// JSON in `#em-data` and draws, for the iteration the slider points at, one
/// SVG panel per fit (histogram, component and mixture densities, truth,
/// responsibility rug), the log-likelihood so far, and the parameter tables.
/// Plain DOM and SVG, no library: the page must open from disk with no network.
enum EMAnimationScript {
    static let css = """
        #controls { position: sticky; top: 0; background: #fff; padding: 0.5em 0; z-index: 1; display: flex; gap: 1em; align-items: center; border-bottom: 1px solid #eee; }
        #controls input[type=range] { flex: 1; }
        #play { font-size: 1em; padding: 0.25em 1em; min-width: 6.5em; }
        #position { min-width: 12em; font-variant-numeric: tabular-nums; }
        .panel h3 { margin: 0.8em 0 0.2em; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font: 11px system-ui, sans-serif; }
        .tables { display: flex; flex-wrap: wrap; gap: 2em; }
        td.collapsing { color: #b00020; font-weight: bold; }
        """

    static let javaScript = #"""
        "use strict";
        (function () {
          const data = JSON.parse(document.getElementById("em-data").textContent);
          const colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
          const runColors = ["#1f4e79", "#c0392b", "#2e8b57", "#8e44ad"];
          const NS = "http://www.w3.org/2000/svg";
          const W = 900, H = 280, M = { left: 56, right: 14, top: 12, bottom: 52 };
          const [xLow, xHigh] = data.x;
          const sx = x => M.left + (x - xLow) / (xHigh - xLow) * (W - M.left - M.right);
          const sy = y => H - M.bottom - Math.min(y / data.yMax, 1.04) * (H - M.top - M.bottom);
          const grid = Array.from({ length: 320 }, (_, i) => xLow + (xHigh - xLow) * i / 319);
          const lastIteration = Math.max(...data.runs.map(r => r.iterations[r.iterations.length - 1]));

          function element(name, attributes, parent) {
            const node = document.createElementNS(NS, name);
            for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
            if (parent) parent.appendChild(node);
            return node;
          }
          function format(v) {
            if (v === null || !isFinite(v)) return "NaN";
            const a = Math.abs(v);
            return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
          }
          // w·φ(x; μ, σ) for each component; 0 for a missing or collapsed one (drawn apart as a spike).
          function parts(mix, x) {
            return mix.w.map((w, k) => {
              const m = mix.m[k], s = mix.s[k];
              if (w === null || m === null || s === null || !(s > 0)) return 0;
              const z = (x - m) / s;
              return w * Math.exp(-0.5 * z * z) / (s * Math.sqrt(2 * Math.PI));
            });
          }
          // Round tick values (1, 2 or 5 times a power of ten apart) inside [low, high].
          function niceTicks(low, high, count) {
            const raw = (high - low) / count, power = Math.pow(10, Math.floor(Math.log10(raw)));
            const step = [1, 2, 5, 10].map(m => m * power).find(s => s >= raw) || raw;
            const ticks = [];
            for (let v = Math.ceil(low / step) * step; v <= high + 1e-9 * step; v += step) ticks.push(Number(v.toPrecision(12)));
            return ticks;
          }
          function path(points) {
            return points.map((p, i) => (i ? "L" : "M") + p[0].toFixed(1) + "," + p[1].toFixed(1)).join("");
          }
          function blend(weights) {
            let r = 0, g = 0, b = 0;
            weights.forEach((t, k) => {
              const c = colors[k % colors.length];
              r += t * parseInt(c.slice(1, 3), 16); g += t * parseInt(c.slice(3, 5), 16); b += t * parseInt(c.slice(5, 7), 16);
            });
            return "rgb(" + Math.round(r) + "," + Math.round(g) + "," + Math.round(b) + ")";
          }
          // The latest frame at or before iteration t (a fit that stopped earlier stays at its end).
          function frameAt(run, t) {
            let low = 0, high = run.frames.length - 1;
            while (low < high) { const mid = (low + high + 1) >> 1; if (run.frames[mid][0] <= t) low = mid; else high = mid - 1; }
            return run.frames[low];
          }

          // The static layer of each panel: frame, histogram, truth, axis; the dynamic layer is redrawn per frame.
          const panels = data.runs.map((run, index) => {
            const box = document.createElement("div");
            box.className = "panel";
            const heading = document.createElement("h3");
            heading.textContent = run.label + " — stopped: " + run.stop + " after " + run.iterations[run.iterations.length - 1] + " iterations";
            box.appendChild(heading);
            const svg = element("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, id: "panel-" + index, role: "img" }, box);
            element("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }, svg);
            const clip = element("clipPath", { id: "clip-" + index }, element("defs", {}, svg));
            element("rect", { x: M.left, y: M.top - 2, width: W - M.left - M.right, height: H - M.top - M.bottom + 2 }, clip);
            data.bins.densities.forEach((d, i) => {
              const x0 = sx(data.bins.start + i * data.bins.width), x1 = sx(data.bins.start + (i + 1) * data.bins.width);
              element("rect", { x: x0, y: sy(d), width: Math.max(x1 - x0 - 0.5, 0.5), height: sy(0) - sy(d), fill: "#c9d3de" }, svg);
            });
            if (data.truth) {
              const truthPath = grid.map(x => [sx(x), sy(parts(data.truth, x).reduce((a, b) => a + b, 0))]);
              element("path", { d: path(truthPath), fill: "none", stroke: "#444", "stroke-width": 2, "stroke-dasharray": "7 5", "clip-path": "url(#clip-" + index + ")" }, svg);
            }
            element("line", { x1: M.left, x2: W - M.right, y1: sy(0), y2: sy(0), stroke: "#888" }, svg);
            niceTicks(xLow, xHigh, 7).forEach(x => {
              element("line", { x1: sx(x), x2: sx(x), y1: sy(0), y2: sy(0) + 3, stroke: "#888" }, svg);
              element("text", { x: sx(x), y: H - 6, "text-anchor": "middle" }, svg).textContent = format(x);
            });
            element("text", { x: 6, y: M.top + 10 }, svg).textContent = "density";
            const layer = element("g", { class: "frame" }, svg);
            document.getElementById("panels").appendChild(box);
            return { svg, layer, run, index };
          });

          // The basins (K = 2): the limit EM reaches from every start of the (μ1, μ2) plane,
          // with each fit's own path of (μ1, μ2) up to the slider's iteration drawn across them.
          let basins = null;
          if (data.landscape) {
            const LS = data.landscape, S = 460, P = { left: 56, right: 14, top: 12, bottom: 40 };
            const [bx0, bx1] = LS.x, [by0, by1] = LS.y, N = LS.n;
            const bx = v => P.left + (v - bx0) / (bx1 - bx0) * (S - P.left - P.right);
            const by = v => S - P.bottom - (v - by0) / (by1 - by0) * (S - P.top - P.bottom);
            const cw = (bx1 - bx0) / (N - 1), ch = (by1 - by0) / (N - 1);
            const box = document.createElement("div");
            box.className = "panel";
            const heading = document.createElement("h3");
            heading.textContent = "Where EM goes from every start of the (μ1, μ2) plane";
            box.appendChild(heading);
            const svg = element("svg", { viewBox: "0 0 " + S + " " + S, width: S, height: S, id: "landscape-map", role: "img" }, box);
            element("rect", { x: 0, y: 0, width: S, height: S, fill: "#ffffff" }, svg);
            const clip = element("clipPath", { id: "clip-landscape" }, element("defs", {}, svg));
            element("rect", { x: P.left, y: P.top, width: S - P.left - P.right, height: S - P.top - P.bottom }, clip);
            const maximumColors = ["#cfe3f5", "#fde2c4", "#d5efd0", "#eadcf5", "#f7f3c6"];
            const limitColor = (limit, rank) => limit.kind === "maximum" ? maximumColors[rank % maximumColors.length]
              : limit.kind === "saddle" ? "#9a9a9a" : limit.kind === "collapse" ? "#f2a0a0" : "#555555";
            let rank = 0;
            const fills = LS.limits.map(limit => limitColor(limit, limit.kind === "maximum" ? rank++ : 0));
            LS.cells.forEach((limit, index) => {
              const cx = bx0 + (index % N) * cw, cy = by0 + Math.floor(index / N) * ch;
              element("rect", { class: "cell", x: bx(cx - cw / 2), y: by(cy + ch / 2), width: bx(cx + cw / 2) - bx(cx - cw / 2) + 0.4,
                                height: by(cy - ch / 2) - by(cy + ch / 2) + 0.4, fill: fills[limit], "clip-path": "url(#clip-landscape)" }, svg);
            });
            // Each maximum both ways round (its label-swapped copy is the same fit).
            LS.limits.forEach(limit => {
              if (limit.kind !== "maximum" || !limit.means) return;
              [[limit.means[0], limit.means[1]], [limit.means[1], limit.means[0]]].forEach(([a, b]) => {
                element("path", { d: "M" + (bx(a) - 5) + "," + (by(b) - 5) + "l10,10m0,-10l-10,10", stroke: "#000", "stroke-width": 2 }, svg);
              });
            });
            niceTicks(bx0, bx1, 5).forEach(v => {
              element("text", { x: bx(v), y: S - P.bottom + 16, "text-anchor": "middle" }, svg).textContent = format(v);
              element("text", { x: P.left - 4, y: by(v) + 4, "text-anchor": "end" }, svg).textContent = format(v);
            });
            element("text", { x: (P.left + S - P.right) / 2, y: S - 6, "text-anchor": "middle" }, svg).textContent = "start μ1";
            element("text", { x: 6, y: P.top + 10 }, svg).textContent = "μ2";
            const legend = document.createElement("p");
            legend.className = "note";
            legend.textContent = "Colours: the limit EM reaches from each start (" + LS.limits.map((limit, i) => limit.name + " " +
              Math.round(limit.share * 1000) / 10 + "%").join(", ") + "); ×: the maxima, both ways round; the other parameters of each start: " +
              "equal weights (or the fit's fixed ones) and the pooled sd. Lines: each fit's own (μ1, μ2) up to this iteration.";
            box.appendChild(legend);
            const layer = element("g", { class: "paths", "clip-path": "url(#clip-landscape)" }, svg);
            document.getElementById("landscape").appendChild(box);
            basins = { layer, bx, by };
          }

          // The log-likelihood chart: each fit's whole path faint, the part up to t bold.
          const L = { w: 900, h: 230, left: 84, right: 14, top: 10, bottom: 34 };
          // The y range comes from iteration 1 on: a start thousands of units below would flatten
          // the part where the fits differ; such a start is drawn on the axis and named.
          const finite = data.runs.flatMap(r => r.loglik.filter((v, i) => v !== null && isFinite(v) && (r.iterations[i] >= 1 || r.loglik.length === 1)));
          let lLow = finite.length ? Math.min(...finite) : -1, lHigh = finite.length ? Math.max(...finite) : 1;
          if (!(lHigh > lLow)) { lLow -= 1; lHigh += 1; }
          const pad = (lHigh - lLow) * 0.06;
          lLow -= pad; lHigh += pad;
          const lx = t => L.left + t / Math.max(lastIteration, 1) * (L.w - L.left - L.right);
          const ly = v => L.h - L.bottom - (Math.max(v, lLow) - lLow) / (lHigh - lLow) * (L.h - L.top - L.bottom);
          const chart = element("svg", { viewBox: "0 0 " + L.w + " " + L.h, width: L.w, height: L.h, id: "loglik-chart", role: "img" }, document.getElementById("loglik"));
          element("rect", { x: 0, y: 0, width: L.w, height: L.h, fill: "#ffffff" }, chart);
          element("line", { x1: L.left, x2: L.w - L.right, y1: L.h - L.bottom, y2: L.h - L.bottom, stroke: "#888" }, chart);
          element("line", { x1: L.left, x2: L.left, y1: L.top, y2: L.h - L.bottom, stroke: "#888" }, chart);
          niceTicks(lLow, lHigh, 5).forEach(v => {
            element("text", { x: L.left - 4, y: ly(v) + 4, "text-anchor": "end" }, chart).textContent = format(v);
          });
          element("text", { x: L.w - L.right, y: L.h - 6, "text-anchor": "end" }, chart).textContent = "iteration " + lastIteration;
          element("text", { x: L.left, y: L.h - 6 }, chart).textContent = "0";
          const below = data.runs.map(r => r.loglik[0]).filter(v => v !== null && isFinite(v) && v < lLow);
          if (below.length) {
            element("text", { x: L.left + 8, y: L.h - L.bottom - 6 }, chart).textContent = "ℓ(0) below the axis: " + below.map(format).join(", ");
          }
          function segments(run, upTo) {
            const pieces = [];
            let current = [];
            run.iterations.forEach((t, i) => {
              const v = run.loglik[i];
              if (t > upTo) return;
              if (v === null || !isFinite(v)) { if (current.length) pieces.push(current); current = []; return; }
              current.push([lx(t), ly(v)]);
            });
            if (current.length) pieces.push(current);
            return pieces.map(path).join("");
          }
          const lines = data.runs.map((run, i) => {
            const color = runColors[i % runColors.length];
            element("path", { d: segments(run, Infinity), fill: "none", stroke: color, "stroke-opacity": 0.2, "stroke-width": 1.5 }, chart);
            const bold = element("path", { fill: "none", stroke: color, "stroke-width": 2.5 }, chart);
            const dot = element("circle", { r: 4, fill: color }, chart);
            element("text", { x: L.w - L.right - 4, y: L.h - L.bottom - 8 - 14 * (data.runs.length - 1 - i), "text-anchor": "end", style: "fill:" + color }, chart).textContent = run.label;
            return { bold, dot };
          });

          const tables = data.runs.map(run => {
            const box = document.createElement("div");
            const table = document.createElement("table");
            box.appendChild(table);
            document.getElementById("tables").appendChild(box);
            return table;
          });
          const tableBox = document.getElementById("tables");
          tableBox.className = "tables";

          const slider = document.getElementById("slider");
          const position = document.getElementById("position");
          const play = document.getElementById("play");
          slider.max = String(lastIteration);

          function draw(t) {
            position.textContent = "iteration " + t + " of " + lastIteration;
            panels.forEach(panel => {
              const [, mix] = frameAt(panel.run, t);
              const layer = panel.layer;
              while (layer.firstChild) layer.removeChild(layer.firstChild);
              const K = mix.w.length;
              const values = grid.map(x => parts(mix, x));
              const clip = "url(#clip-" + panel.index + ")";
              for (let k = 0; k < K; k++) {
                element("path", { d: path(grid.map((x, i) => [sx(x), sy(values[i][k])])), fill: "none", stroke: colors[k % colors.length], "stroke-width": 2, "clip-path": clip }, layer);
                // A component narrower than the drawing grid (collapsing onto a value) is a spike: a vertical line at its mean.
                const m = mix.m[k], s = mix.s[k];
                if (m !== null && s !== null && isFinite(m) && s < (xHigh - xLow) / 320 && m > xLow && m < xHigh) {
                  element("line", { x1: sx(m), x2: sx(m), y1: sy(0), y2: M.top, stroke: colors[k % colors.length], "stroke-width": 3 }, layer);
                  element("text", { x: sx(m) + 5, y: M.top + 12, style: "fill:" + colors[k % colors.length] }, layer).textContent = "σ" + (k + 1) + " = " + format(s);
                }
              }
              element("path", { d: path(grid.map((x, i) => [sx(x), sy(values[i].reduce((a, b) => a + b, 0))])), fill: "none", stroke: "#000", "stroke-width": 2.5, "clip-path": clip }, layer);
              const base = sy(0);
              data.rug.forEach(x => {
                const p = parts(mix, x), total = p.reduce((a, b) => a + b, 0);
                const tau = total > 0 ? p.map(v => v / total) : p.map(() => 1 / K);
                element("line", { x1: sx(x), x2: sx(x), y1: base + 4, y2: base + 22, stroke: blend(tau), "stroke-width": 1.2 }, layer);
              });
            });
            if (basins) {
              const layer = basins.layer;
              while (layer.firstChild) layer.removeChild(layer.firstChild);
              data.runs.forEach((run, i) => {
                const points = run.frames.filter(f => f[0] <= t && f[1].m.length === 2 && f[1].m.every(v => v !== null && isFinite(v)))
                  .map(f => [basins.bx(f[1].m[0]), basins.by(f[1].m[1])]);
                if (!points.length) return;
                const color = runColors[i % runColors.length];
                element("path", { d: path(points), fill: "none", stroke: color, "stroke-width": 2 }, layer);
                const [x, y] = points[points.length - 1];
                element("circle", { cx: x, cy: y, r: 4.5, fill: color, stroke: "#fff" }, layer);
              });
            }
            data.runs.forEach((run, i) => {
              lines[i].bold.setAttribute("d", segments(run, t));
              let j = 0;
              while (j + 1 < run.iterations.length && run.iterations[j + 1] <= t) j++;
              const v = run.loglik[j];
              const shown = v !== null && isFinite(v);
              lines[i].dot.setAttribute("cx", lx(run.iterations[j]));
              lines[i].dot.setAttribute("cy", shown ? ly(v) : L.top);
              lines[i].dot.setAttribute("visibility", shown ? "visible" : "hidden");
              const [frameT, mix] = frameAt(run, t);
              const rows = ["<caption>" + run.label.replace(/&/g, "&amp;").replace(/</g, "&lt;") + " — iteration " + frameT + ", ℓ = " + format(v) + "</caption>",
                            "<tr><th>component</th><th>weight</th><th>mean</th><th>sd</th></tr>"];
              mix.w.forEach((w, k) => {
                const s = mix.s[k];
                const collapsing = s !== null && isFinite(s) && s < (xHigh - xLow) / 320;
                rows.push("<tr><td style=\"color:" + colors[k % colors.length] + "\">■ " + (k + 1) + "</td><td class=\"number\">" + format(w) +
                          "</td><td class=\"number\">" + format(mix.m[k]) + "</td><td class=\"number" + (collapsing ? " collapsing" : "") + "\">" + format(s) + "</td></tr>");
              });
              tables[i].innerHTML = rows.join("");
            });
          }

          let timer = null;
          function stop() { if (timer !== null) { clearInterval(timer); timer = null; } play.textContent = "▶ play"; }
          play.addEventListener("click", () => {
            if (timer !== null) { stop(); return; }
            if (Number(slider.value) >= lastIteration) slider.value = "0";
            play.textContent = "❚❚ pause";
            // About 12 seconds for the whole fit, at most 8 frames a second.
            const stride = Math.max(1, Math.ceil(lastIteration / 96));
            timer = setInterval(() => {
              const next = Math.min(Number(slider.value) + stride, lastIteration);
              slider.value = String(next);
              draw(next);
              if (next >= lastIteration) stop();
            }, 125);
          });
          slider.addEventListener("input", () => { stop(); draw(Number(slider.value)); });
          draw(0);
        })();
        """#
}
