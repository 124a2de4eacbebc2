// In the page editor: a small map under the latitude/longitude fields of a place.
// Click or drag the marker to correct where the place is; the fields stay the source.
(function () {
  const script = document.currentScript;
  const tiles = script && script.dataset.tiles;
  // The marker images come from the hook ({% static %}): Leaflet's own guess, made from
  // leaflet.css, points at unhashed names that do not exist in the production build.
  function useMarkerImages() {
    if (!script || !script.dataset.markerIcon) return;
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: script.dataset.markerIcon,
      iconRetinaUrl: script.dataset.markerIconRetina,
      shadowUrl: script.dataset.markerShadow,
      imagePath: "",
    });
  }
  function init() {
    const lat = document.querySelector("input[name='latitude']");
    const lon = document.querySelector("input[name='longitude']");
    if (!lat || !lon || typeof L === "undefined" || document.getElementById("place-coordinates-map")) return;
    const holder = document.createElement("div");
    holder.id = "place-coordinates-map";
    holder.style.height = "320px";
    holder.style.margin = "1rem 0";
    const help = document.createElement("p");
    help.className = "help";
    help.textContent = lat.closest("form").dataset.coordinatesHelp ||
      "Klik op de kaart of sleep de speld om de plek te verbeteren. De breedte- en lengtegraad hierboven veranderen mee.";
    const row = lon.closest(".w-field__wrapper, .w-panel__content, fieldset") || lon.parentElement;
    row.after(help, holder);
    const start = [parseFloat(lat.value) || 52.1, parseFloat(lon.value) || 5.3];
    useMarkerImages();
    const map = L.map(holder).setView(start, lat.value ? 16 : 7);
    L.tileLayer(tiles, {
      maxZoom: 19,
      attribution: "Kadaster (PDOK)",
    }).addTo(map);
    const marker = L.marker(start, { draggable: true, title: "Plek" }).addTo(map);
    function set(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      lat.dispatchEvent(new Event("change", { bubbles: true }));
      lon.dispatchEvent(new Event("change", { bubbles: true }));
    }
    marker.on("dragend", () => set(marker.getLatLng()));
    map.on("click", (event) => { marker.setLatLng(event.latlng); set(event.latlng); });
    [lat, lon].forEach((input) => input.addEventListener("input", () => {
      const point = [parseFloat(lat.value), parseFloat(lon.value)];
      if (!Number.isNaN(point[0]) && !Number.isNaN(point[1])) { marker.setLatLng(point); map.panTo(point); }
    }));
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("w-tabs:selected", () => setTimeout(init, 50));
})();
