// The map of places: country outlines from the embedded Natural Earth base map
// (TopoJSON, decoded here), an equirectangular projection, one circle per place.
// No tiles, nothing fetched from elsewhere.

import { el, svg, number } from "./dom.js";
import { lang, t } from "./i18n.js";

const WIDTH = 1000; // 360° of longitude
const HEIGHT = 500; // 180° of latitude

/** Projected [x, y] of a longitude and latitude. */
export function project(lon, lat) {
  return [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];
}

/** Decodes a TopoJSON object's polygons into SVG path data, one string per feature. */
export function decodeTopology(topology, objectName) {
  const { scale, translate } = topology.transform || { scale: [1, 1], translate: [0, 0] };
  // Arcs are delta-encoded, quantised positions.
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return project(x * scale[0] + translate[0], y * scale[1] + translate[1]);
    });
  });
  const ring = (indexes) => {
    const points = [];
    for (const index of indexes) {
      const arc = index < 0 ? [...arcs[~index]].reverse() : arcs[index];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return "M" + points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L") + "Z";
  };
  const object = topology.objects[objectName];
  return object.geometries.map((g) => {
    const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return { name: g.properties && g.properties.name, d: polygons.map((rings) => rings.map(ring).join("")).join("") };
  });
}

let basemap = null;

function countries() {
  if (!basemap) {
    basemap = fetch("/ui/basemap/countries-110m.json")
      .then((r) => r.json())
      .then((topology) => decodeTopology(topology, "countries"));
  }
  return basemap;
}

/**
 * A map of `places` ([{name, lat, lon, count, href, country}]), framed on them. Returns the
 * figure at once; the outlines are drawn when the base map has loaded.
 */
export function placesMap(places) {
  // A continent or an ocean (no country) is not a point on the map.
  const located = places.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon) && p.country !== "");
  const figure = el("figure", { class: "map", "aria-label": t("map") });
  figure.append(el("figcaption", {}, t("map")));
  if (!located.length) return null;
  const points = located.map((p) => project(p.lon, p.lat));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  // Frame the places with a margin, at least a region's width, in a 2:1 box.
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = Math.max(x1 - x0 + 80, 160);
  const h = Math.max(y1 - y0 + 60, w / 2);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const box = [Math.max(0, cx - Math.max(w, h * 2) / 2), Math.max(0, cy - h / 2), Math.max(w, h * 2), h];
  // Sizes in the box's units for about the same size on screen at any zoom
  // (the map is drawn about 360 pixels wide).
  const k = box[2] / 360;
  const map = svg("svg", { viewBox: box.map((v) => v.toFixed(1)).join(" "), class: "map-svg", role: "img", "aria-label": t("map") });
  const land = svg("g", { class: "land" });
  map.append(svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }), land);
  const max = Math.max(...located.map((p) => p.count || 1));
  const markers = svg("g", { class: "markers" });
  // The biggest first, so that a small marker is drawn over a big one, not hidden under it.
  const order = located.map((_, i) => i).sort((a, b) => (located[b].count || 1) - (located[a].count || 1));
  order.forEach((i) => {
    const place = located[i];
    const [x, y] = points[i];
    const r = (4 + 8 * Math.sqrt((place.count || 1) / max)) * k;
    const caption = place.count > 1 ? `${place.name} · ${number(place.count, lang())}` : place.name;
    const link = svg("a", { href: place.href || "#", class: "marker", "aria-label": caption, dataset: { place: place.name } },
      svg("circle", { cx: x, cy: y, r }),
      svg("title", {}, caption));
    markers.append(link);
  });
  // Labels for the most named few, so the map reads without hovering; a
  // label too close to one already placed is left to the tooltip.
  const placed = [];
  [...located].map((p, i) => [p, points[i]]).sort((a, b) => (b[0].count || 1) - (a[0].count || 1)).slice(0, 10)
    .forEach(([p, [x, y]]) => {
      if (placed.some(([px, py]) => Math.abs(px - x) < 60 * k && Math.abs(py - y) < 16 * k)) return;
      placed.push([x, y]);
      // Inside the frame: anchored away from the edge it is near, below the marker at the top.
      const room = 50 * k;
      const anchor = x - box[0] < room ? "start" : box[0] + box[2] - x < room ? "end" : "middle";
      const ly = y - box[1] < 20 * k ? y + 22 * k : y - 14 * k;
      markers.append(svg("text", { x, y: ly, class: "marker-label", "font-size": 12 * k, "text-anchor": anchor }, p.name));
    });
  map.append(markers);
  figure.append(map);
  countries().then((shapes) => {
    for (const shape of shapes) land.append(svg("path", { d: shape.d }, shape.name ? svg("title", {}, shape.name) : null));
  }).catch(() => figure.classList.add("map-failed"));
  return figure;
}
