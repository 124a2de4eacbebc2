/*
 * Wagtail's date picker replaced a date it could not read ("3-12-2026 14.00",
 * "3 december 2026") with the current time when the editor left the field, so the page was
 * saved with the wrong date and no message. Keep what the editor typed: the server reads
 * Dutch dates and says so when it cannot (core/admin_dates.py).
 * Loaded in the admin's <head>, before any picker is made.
 */
(function () {
  "use strict";
  var jq = window.jQuery;
  if (jq && jq.fn && jq.fn.datetimepicker && jq.fn.datetimepicker.defaults) {
    jq.fn.datetimepicker.defaults.validateOnBlur = false;
  }
})();
