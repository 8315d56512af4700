// Comfort on the organizer's draw pages, which work without it. Markup contract
// (src/web/organizer/draw/*.view.tsx):
// - button[data-copy-target=<id>][data-copied] (hidden until here): copies the element's text
//   (the commitment) and says so in the next .drawadmin-copy-status;
// - form button[data-once]: the form is sent once, a second click does nothing (the server
//   draws once anyway, this only spares a second request);
// - [data-reveal-controls] (hidden until here) with #ceremony-reveal and #ceremony-reveal-all:
//   the arms [data-reveal-arm][data-reveal-label] and the [data-reveal-after] part are hidden
//   and shown one by one, the button naming the next arm.
(function () {
  'use strict';
  if (typeof document === 'undefined') return;

  function setUpCopy(button) {
    var target = document.getElementById(button.getAttribute('data-copy-target') || '');
    if (!target || !navigator.clipboard) return;
    var status = button.parentNode ? button.parentNode.querySelector('.drawadmin-copy-status') : null;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText((target.textContent || '').trim()).then(
        function () {
          if (status) status.textContent = button.getAttribute('data-copied') || '';
        },
        function () {
          // Refused (no permission): select the text, so Ctrl+C copies it.
          var range = document.createRange();
          range.selectNodeContents(target);
          var selection = window.getSelection();
          if (selection) {
            selection.removeAllRanges();
            selection.addRange(range);
          }
        },
      );
    });
  }

  function setUpOnce(button) {
    var form = button.form;
    if (!form) return;
    form.addEventListener('submit', function (event) {
      if (form.getAttribute('data-sent')) {
        event.preventDefault();
        return;
      }
      form.setAttribute('data-sent', 'true');
      button.setAttribute('aria-disabled', 'true');
    });
  }

  function setUpReveal(controls) {
    var next = document.getElementById('ceremony-reveal');
    var all = document.getElementById('ceremony-reveal-all');
    var arms = Array.prototype.slice.call(document.querySelectorAll('[data-reveal-arm]'));
    var after = document.querySelector('[data-reveal-after]');
    if (!next || arms.length === 0) return;
    var shown = 0;
    arms.forEach(function (arm) {
      arm.hidden = true;
    });
    if (after) after.hidden = true;
    controls.hidden = false;

    function finish() {
      controls.hidden = true;
      if (after) after.hidden = false;
    }
    function label() {
      next.textContent = arms[shown].getAttribute('data-reveal-label') || next.textContent;
    }
    label();
    next.addEventListener('click', function () {
      var arm = arms[shown];
      arm.hidden = false;
      arm.classList.add('drawadmin-arm--revealed');
      shown += 1;
      if (shown >= arms.length) {
        finish();
        var heading = arm.querySelector('h3');
        if (heading) {
          heading.setAttribute('tabindex', '-1');
          heading.focus();
        }
      } else {
        label();
      }
      arm.scrollIntoView({ block: 'nearest' });
    });
    if (all) {
      all.addEventListener('click', function () {
        arms.forEach(function (arm) {
          arm.hidden = false;
        });
        shown = arms.length;
        finish();
        var heading = arms[0].querySelector('h3');
        if (heading) {
          heading.setAttribute('tabindex', '-1');
          heading.focus();
        }
      });
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy-target]'), setUpCopy);
    Array.prototype.forEach.call(document.querySelectorAll('form button[data-once]'), setUpOnce);
    var controls = document.querySelector('[data-reveal-controls]');
    if (controls) setUpReveal(controls);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
