/* Place picker: enhances a form's typed latitude, longitude and address fields with a map.
   A click or tap places the marker (so does Enter on the focused map, at its centre; the arrow
   keys move the map), "Usar mi ubicación" asks the browser, and either fills the latitude and
   longitude with 6 decimals. The address comes back from our own server, which asks the
   geocoder; the browser never talks to a third party but for the map's tiles. */
(function () {
  "use strict";

  function text(picker, name) {
    var messages = picker.querySelector(".place-picker-messages");
    return messages ? messages.getAttribute("data-" + name) || "" : "";
  }

  function csrfToken(picker) {
    var form = picker.closest("form");
    var field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function setValue(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function lookup(picker, lat, long, address, status, placed) {
    var url = picker.getAttribute("data-lookup-url");
    if (!url || !address || !window.fetch) {
      return;
    }
    var body = new URLSearchParams({ lat: lat, long: long });
    var token = csrfToken(picker);
    // POST keeps the place out of the server's access log (see reports/map_views.py).
    var request = token
      ? fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": token, Accept: "application/json" }
        })
      : fetch(url + "?" + body.toString(), { credentials: "same-origin" });
    request
      .then(function (response) {
        return response.ok ? response.json() : { address: "" };
      })
      .then(function (data) {
        // Never overwrite what the person typed; only an empty field or our own suggestion.
        var ours = address.getAttribute("data-suggested");
        if (data.address && (!address.value || address.value === ours)) {
          setValue(address, data.address);
          address.setAttribute("data-suggested", data.address);
          status.textContent =
            placed + " " + window.CocreaMaps.format(text(picker, "address"), { address: data.address });
        }
      })
      .catch(function () {
        /* The address stays as typed: the place alone is enough. */
      });
  }

  function setup(picker) {
    var lat = document.getElementById(picker.getAttribute("data-lat-input"));
    var long = document.getElementById(picker.getAttribute("data-long-input"));
    var address = document.getElementById(picker.getAttribute("data-address-input"));
    var element = picker.querySelector(".place-picker-map");
    if (!lat || !long || !element || !window.CocreaMaps) {
      return;
    }
    var map = window.CocreaMaps.create(element);
    if (!map) {
      return;
    }
    var tools = picker.querySelector(".place-picker-tools");
    var status = picker.querySelector(".place-picker-status");
    var button = picker.querySelector(".place-picker-locate");
    tools.hidden = false;
    var marker = null;

    function mark(latlng) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = window.L.marker(latlng, { draggable: true, keyboard: false }).addTo(map);
        marker.on("dragend", function () {
          place(marker.getLatLng());
        });
      }
    }

    function place(latlng) {
      latlng = latlng.wrap();
      var la = latlng.lat.toFixed(6);
      var lo = latlng.lng.toFixed(6);
      mark(latlng);
      setValue(lat, la);
      setValue(long, lo);
      var placed = window.CocreaMaps.format(text(picker, "placed"), { lat: la, long: lo });
      status.textContent = placed;
      lookup(picker, la, lo, address, status, placed);
    }

    function typed() {
      var la = parseFloat(lat.value);
      var lo = parseFloat(long.value);
      if (isFinite(la) && isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) {
        mark([la, lo]);
        return [la, lo];
      }
      return null;
    }

    var start = typed();
    if (start) {
      map.setView(start, 16);
    }
    lat.addEventListener("change", typed);
    long.addEventListener("change", typed);
    map.on("click", function (event) {
      place(event.latlng);
    });
    element.addEventListener("keydown", function (event) {
      if ((event.key === "Enter" || event.key === " ") && event.target === element) {
        event.preventDefault();
        place(map.getCenter());
      }
    });
    if (!navigator.geolocation) {
      button.hidden = true;
      return;
    }
    button.addEventListener("click", function () {
      status.textContent = text(picker, "locating");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var here = window.L.latLng(position.coords.latitude, position.coords.longitude);
          map.setView(here, 17);
          place(here);
        },
        function () {
          status.textContent = text(picker, "denied");
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  if (window.CocreaMaps) {
    window.CocreaMaps.setUpAll("[data-place-picker]", setup);
  }
})();
