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
      const layer = L.geoJSON(data, {
        pointToLayer: (feature, latlng) =>
          L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name }),
        onEachFeature: (feature, marker) => {
          const link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.name;
          const text = document.createElement("div");
          text.append(link, document.createElement("br"), feature.properties.address || "");
          marker.bindPopup(text);
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 15 });
    })
    .catch(() => {
      box.hidden = true; // the list is there; a missing map must not get in the way
    });
})();
