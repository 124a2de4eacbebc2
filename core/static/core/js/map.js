// The map is an enhancement of the list beside it: the same places, from the same filters.
(function () {
  const box = document.querySelector("[data-place-map]");
  if (!box || typeof L === "undefined") return;
  // The marker images come from the page ({% static %}), not from Leaflet's guess: Leaflet
  // derives them from leaflet.css, which in the production build names hashed files
  // (marker-icon.<hash>.png), so its guess (marker-icon.png next to them) would be a 404.
  // The empty imagePath stops Leaflet prefixing its guessed folder to these URLs.
  if (box.dataset.markerIcon) {
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: box.dataset.markerIcon,
      iconRetinaUrl: box.dataset.markerIconRetina,
      shadowUrl: box.dataset.markerShadow,
      imagePath: "",
    });
  }

  // Target size (WCAG 2.5.8): every pin keeps at least 24 x 24 px that nothing else covers.
  // Leaflet draws a pin (25 x 41 px, tip at the spot) over the pins north of it, so two pins
  // are both usable once they are GAP px apart across or down. Pins that would be closer at
  // this zoom are pushed apart on screen; a thin line leads from each moved pin to its spot.
  const GAP = 27;

  function spread(points) {
    // A tiny nudge per index gives pins on the very same spot a direction to move in.
    const pos = points.map((p, i) => L.point(p.x + Math.cos(i * 2.4) / 100, p.y + Math.sin(i * 2.4) / 100));
    for (let round = 0; round < 200; round += 1) {
      let moved = false;
      for (let i = 0; i < pos.length; i += 1) {
        for (let j = i + 1; j < pos.length; j += 1) {
          const dx = pos[j].x - pos[i].x;
          const dy = pos[j].y - pos[i].y;
          const needX = GAP - Math.abs(dx);
          const needY = GAP - Math.abs(dy);
          if (needX <= 0 || needY <= 0) continue;
          moved = true;
          if (needX < needY) {
            const step = (needX / 2) * Math.sign(dx);
            pos[i].x -= step;
            pos[j].x += step;
          } else {
            const step = (needY / 2) * Math.sign(dy);
            pos[i].y -= step;
            pos[j].y += step;
          }
        }
      }
      if (!moved) break;
    }
    return pos;
  }

  function layOut(map, markers, leaders) {
    leaders.clearLayers();
    const homes = markers.map((marker) => map.latLngToLayerPoint(marker.home));
    spread(homes).forEach((point, i) => {
      const marker = markers[i];
      if (point.distanceTo(homes[i]) < 1) {
        marker.setLatLng(marker.home);
        return;
      }
      const shown = map.layerPointToLatLng(point);
      marker.setLatLng(shown);
      L.polyline([marker.home, shown], { interactive: false, color: "#1a1a1a", weight: 2 }).addTo(leaders);
      L.circleMarker(marker.home, {
        interactive: false, radius: 3, color: "#1a1a1a", weight: 1, fillOpacity: 1,
      }).addTo(leaders);
    });
  }

  const canvas = box.querySelector(".place-map__canvas");
  fetch(box.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((data) => {
      if (!data.features.length) return;
      box.hidden = false;
      const map = L.map(canvas, { scrollWheelZoom: false });
      L.tileLayer(box.dataset.tiles, {
        attribution: box.dataset.attribution,
        maxZoom: 19,
        referrerPolicy: "strict-origin-when-cross-origin",
      }).addTo(map);
      const markers = [];
      const layer = L.geoJSON(data, {
        pointToLayer: (feature, latlng) => {
          // A place that is closed for now says so on the pin too (its status is in the popup).
          const name = feature.properties.temporarily_closed
            ? `${feature.properties.name} (${box.dataset.closedLabel || "tijdelijk gesloten"})`
            : feature.properties.name;
          const marker = L.marker(latlng, { title: name, alt: name });
          marker.home = latlng;
          markers.push(marker);
          // The pin with keyboard focus comes to the front, its focus ring whole (WCAG 2.4.11).
          marker.on("add", () => {
            const icon = marker.getElement();
            icon.addEventListener("focus", () => marker.setZIndexOffset(1000));
            icon.addEventListener("blur", () => marker.setZIndexOffset(0));
          });
          return marker;
        },
        onEachFeature: (feature, marker) => {
          const link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.name;
          const text = document.createElement("div");
          text.append(link, document.createElement("br"), feature.properties.address || "");
          // What a resident must know before going: closed for now, a notice, today's hours.
          if (feature.properties.status) {
            const status = document.createElement("strong");
            status.textContent = feature.properties.status;
            text.append(document.createElement("br"), status);
          }
          [feature.properties.notice, feature.properties.today].forEach((line) => {
            if (line) text.append(document.createElement("br"), line);
          });
          marker.bindPopup(text);
        },
      }).addTo(map);
      const leaders = L.layerGroup().addTo(map);
      const bounds = layer.getBounds();
      map.on("zoomend", () => layOut(map, markers, leaders));
      // Room for the zoom buttons top left, so no pin starts under them.
      map.fitBounds(bounds, { paddingTopLeft: [60, 50], paddingBottomRight: [30, 30], maxZoom: 15 });
      layOut(map, markers, leaders);
    })
    .catch(() => {
      box.hidden = true; // the list is there; a missing map must not get in the way
    });
})();
