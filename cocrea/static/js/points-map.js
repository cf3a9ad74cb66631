/* A map of the points a page lists (reports, public works): the page's list works alone; this
   draws the same filtered points, grouped in clusters, from the GeoJSON the element names in
   data-points-url. Popups are built from text nodes, never from HTML. */
(function () {
  "use strict";

  function popup(feature, labels) {
    var props = feature.properties || {};
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = window.CocreaMaps.format(labels.title, props);
    box.appendChild(link);
    var detail = window.CocreaMaps.format(labels.detail, props);
    if (detail) {
      var line = document.createElement("p");
      line.textContent = detail;
      box.appendChild(line);
    }
    return box;
  }

  // The plugin's default icon, named in Spanish: a focusable button reads "4 puntos; …".
  function clusterIcon(count, element) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var outer = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = String(count);
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + (element.getAttribute("data-cluster-label") || "");
    number.appendChild(hidden);
    outer.appendChild(number);
    return window.L.divIcon({
      html: outer,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: window.L.point(40, 40)
    });
  }

  function draw(element, map, data) {
    var labels = {
      title: element.getAttribute("data-popup-title") || "{id}",
      detail: element.getAttribute("data-popup-detail") || ""
    };
    var group = window.L.markerClusterGroup
      ? window.L.markerClusterGroup({
          showCoverageOnHover: false,
          iconCreateFunction: function (cluster) {
            return clusterIcon(cluster.getChildCount(), element);
          }
        })
      : window.L.featureGroup();
    var bounds = window.L.latLngBounds([]);
    (data.features || []).forEach(function (feature) {
      var xy = feature.geometry && feature.geometry.coordinates;
      if (!xy) {
        return;
      }
      bounds.extend([xy[1], xy[0]]);
      var title = window.CocreaMaps.format(labels.title, feature.properties || {});
      var marker = window.L.marker([xy[1], xy[0]], { title: title, alt: title });
      marker.bindPopup(function () {
        return popup(feature, labels);
      });
      group.addLayer(marker);
    });
    // Frame the points first, so the clusters are made once, for the zoom they are seen at.
    if (bounds.isValid()) {
      map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20], animate: false });
    }
    map.addLayer(group);
    element.setAttribute("data-points-loaded", String(group.getLayers().length));
  }

  function setup(element) {
    var map = window.CocreaMaps && window.CocreaMaps.create(element);
    if (!map || !window.fetch) {
      return;
    }
    fetch(element.getAttribute("data-points-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        draw(element, map, data);
      })
      .catch(function () {
        element.setAttribute("data-points-loaded", "error");
      });
  }

  if (window.CocreaMaps) {
    window.CocreaMaps.setUpAll("[data-points-map]", setup);
  }
})();
