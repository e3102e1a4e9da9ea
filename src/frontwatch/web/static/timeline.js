// The histogram of events per day; dragging across it (brushing) picks the date range.
const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAD = { left: 30, right: 10, top: 8, bottom: 18 };

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

const toDay = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

export function createTimeline(svg, { onBrush }) {
  let first = 0;
  let last = 0;
  let counts = [];
  let range = { since: null, until: null };

  const width = () => svg.clientWidth || 800;
  const height = () => svg.clientHeight || 100;
  const span = () => Math.max(1, last - first + 1);
  const xOf = (day) => PAD.left + ((day - first) / span()) * (width() - PAD.left - PAD.right);
  const dayOf = (x) => first + Math.floor(((x - PAD.left) / (width() - PAD.left - PAD.right)) * span());
  const clamp = (day) => Math.min(last, Math.max(first, day));

  function draw() {
    svg.replaceChildren();
    if (!counts.length) return;
    const top = Math.max(...counts.map((c) => c.events));
    const h = height() - PAD.top - PAD.bottom;
    const barWidth = Math.max(1, (width() - PAD.left - PAD.right) / span() - 1);
    const lo = range.since ? toDay(range.since) : -Infinity;
    const hi = range.until ? toDay(range.until) : Infinity;
    for (const c of counts) {
      const day = toDay(c.date);
      const barHeight = Math.max(1, (c.events / top) * h);
      el("rect", {
        class: `bar${day >= lo && day <= hi && (range.since || range.until) ? " in" : ""}`,
        x: xOf(day), y: PAD.top + h - barHeight, width: barWidth, height: barHeight,
        "data-date": c.date, "data-events": c.events,
      }, svg).appendChild(document.createElementNS(SVG, "title")).textContent =
        `${c.date}: ${c.events} events`;
    }
    el("text", { x: 2, y: PAD.top + 8 }, svg).textContent = String(top);
    el("text", { x: PAD.left, y: height() - 4 }, svg).textContent = toIso(first);
    el("text", { x: width() - PAD.right, y: height() - 4, "text-anchor": "end" }, svg)
      .textContent = toIso(last);
    if (range.since || range.until) {
      const a = xOf(range.since ? toDay(range.since) : first);
      const b = xOf((range.until ? toDay(range.until) : last) + 1);
      el("rect", { class: "brush", x: a, y: PAD.top, width: Math.max(2, b - a), height: h }, svg);
    }
  }

  let dragStart = null;
  let preview = null;
  const localX = (event) => event.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener("mousedown", (event) => {
    dragStart = localX(event);
    preview = el("rect", { class: "brush", x: dragStart, y: PAD.top, width: 0,
      height: height() - PAD.top - PAD.bottom }, svg);
  });
  svg.addEventListener("mousemove", (event) => {
    if (dragStart === null) return;
    const x = localX(event);
    preview.setAttribute("x", Math.min(x, dragStart));
    preview.setAttribute("width", Math.abs(x - dragStart));
  });
  window.addEventListener("mouseup", (event) => {
    if (dragStart === null) return;
    const x = localX(event);
    const start = dragStart;
    dragStart = null;
    if (Math.abs(x - start) < 4) {
      range = { since: null, until: null };
    } else {
      const a = clamp(dayOf(Math.min(x, start)));
      const b = clamp(dayOf(Math.max(x, start)));
      range = { since: toIso(a), until: toIso(b) };
    }
    draw();
    onBrush(range.since, range.until);
  });
  window.addEventListener("resize", draw);

  return {
    setData(data, firstDate, lastDate) {
      counts = data;
      first = firstDate ? toDay(firstDate) : 0;
      last = lastDate ? toDay(lastDate) : first;
      draw();
    },
    setRange(since, until) {
      range = { since, until };
      draw();
    },
  };
}
