/* Shared by the site's maps: a Leaflet map on an element whose data- attributes carry the tile
   layer (the Content-Security-Policy forbids inline scripts, so settings travel in the HTML).
   Without Leaflet (an old browser, a blocked file) nothing happens and the page stays as it is. */
(function () {
  "use strict";

  // The whole country, when there is nothing else to show.
  var MEXICO = { center: [23.6, -102.5], zoom: 5 };

  function create(element) {
    if (!window.L || !element) {
      return null;
    }
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false, keyboard: true });
    var url = element.getAttribute("data-tile-url");
    if (url) {
      window.L.tileLayer(url, {
        maxZoom: 19,
        attribution: element.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }
    map.setView(MEXICO.center, MEXICO.zoom);
    // Leaflet's own zoom buttons are links without a name in Spanish: name them.
    element.querySelectorAll(".leaflet-control-zoom-in").forEach(function (button) {
      button.setAttribute("aria-label", element.getAttribute("data-zoom-in") || "Acercar");
      button.title = button.getAttribute("aria-label");
    });
    element.querySelectorAll(".leaflet-control-zoom-out").forEach(function (button) {
      button.setAttribute("aria-label", element.getAttribute("data-zoom-out") || "Alejar");
      button.title = button.getAttribute("aria-label");
    });
    return map;
  }

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  // Runs setup on each element the selector finds, once the page is parsed (the scripts are
  // deferred, but may also be loaded otherwise).
  function setUpAll(selector, setup) {
    function start() {
      document.querySelectorAll(selector).forEach(setup);
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  window.CocreaMaps = { create: create, format: format, setUpAll: setUpAll, MEXICO: MEXICO };
})();
