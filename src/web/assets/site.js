// Comfort on top of pages that work without script: the error summary takes focus, so a
// screen reader announces it and the keyboard starts there.
(function () {
  'use strict';
  if (typeof document === 'undefined') return;
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  });
})();
