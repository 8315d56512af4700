/*
 * Autosave of an application's draft steps (issue 14): comfort on top of forms that work
 * without script. Plain ES2017, no build step, no dependencies; served from our own origin.
 *
 * Markup contract (application-shell.tsx renders it):
 *
 *   <form method="post" action="/applications/<id>/<step>" data-autosave="/applications/<id>/<step>">
 *     <input type="hidden" name="_csrf" …> <input type="hidden" name="version" value="7">
 *     … the step's fields; rows as <fieldset data-row="team" data-index="2"> with names team[2].iin …
 *     <p data-autosave-status role="status" aria-live="polite" data-saved="…" data-offline="…"
 *        data-invalid="…" data-restored="…" [data-posted="1"]></p>
 *   </form>
 *
 * - After typing stops for two seconds the form is POSTed to data-autosave with fetch: the same
 *   urlencoded body as the form (with _csrf and version) and `X-Autosave: 1`. The server answers
 *   204 with `X-Version` (the version the next save must send), or 422 with
 *   `{errors: [{field, id, message}], version?}`; anything else (no connection, a sign-in
 *   redirect, a server error) counts as not sent.
 * - Until a save is confirmed, a copy of what was typed lives in localStorage under
 *   "autosave:<data-autosave>" (one per application and step) with the version it was typed
 *   over. A page that loads with a copy unlike what it shows puts the copy back into the form,
 *   adding rows it lacks (the connection dropped, the tab was closed); it sends it at once when
 *   the copy is at least as new as the server's version, else on the next keystroke. A page the
 *   server rendered from a posted form (data-posted: a row added or removed, a refused save)
 *   already shows what was posted, so the copy is dropped; so is a copy sent by the form's own
 *   button when the server's version has moved past it (that save arrived).
 * - A 422 with a newer `version` and no field's problem is a save made meanwhile: the version is
 *   taken and the page's content sent again over it.
 * - When the browser comes back online, an unsent copy is sent at once.
 * - The status paragraph says what happened, with the catalogue's texts from its data attributes.
 */
(function () {
  'use strict';

  var DELAY_MS = 2000;
  var ROW_NAME = /^(\w+)\[(\d+)\]\.(\w+)$/;

  function storage() {
    try {
      return window.localStorage;
    } catch (_) {
      return null;
    }
  }

  /** Fields a person types or chooses: never the CSRF token, the version or the buttons. */
  function typedControls(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return (
        el.name &&
        !el.disabled &&
        ['hidden', 'submit', 'button', 'reset', 'file', 'image'].indexOf(el.type) < 0 &&
        el.tagName !== 'BUTTON' &&
        el.tagName !== 'FIELDSET'
      );
    });
  }

  function typedValues(form) {
    var values = [];
    typedControls(form).forEach(function (el) {
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      values.push([el.name, el.value]);
    });
    return values;
  }

  /** A row copied from the last one, renumbered to `index`, emptied. */
  function addRow(form, prefix, index) {
    var rows = form.querySelectorAll('[data-row="' + prefix + '"]');
    var last = rows[rows.length - 1];
    if (!last) return;
    var from = Number(last.getAttribute('data-index'));
    var clone = last.cloneNode(true);
    var oldName = prefix + '[' + from + ']';
    var newName = prefix + '[' + index + ']';
    var oldId = 'f-' + prefix + '-' + from + '-';
    var newId = 'f-' + prefix + '-' + index + '-';
    clone.setAttribute('data-index', String(index));
    // What the server said about the copied row (its problems, the age from its IIN, its total) is not this row's.
    Array.prototype.forEach.call(clone.querySelectorAll('.field-error, .hint, .line-total'), function (el) {
      el.parentNode.removeChild(el);
    });
    Array.prototype.forEach.call(clone.querySelectorAll('*'), function (el) {
      el.classList.remove('field--error');
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
      ['name', 'id', 'for'].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.split(oldName).join(newName).split(oldId).join(newId));
      });
      if (el.type === 'radio') {
        // A choice across rows (the leader) names its row by index.
        if (el.value === String(from)) el.value = String(index);
        if (el.id) el.id = el.id.replace(new RegExp('-' + from + '$'), '-' + index);
        el.checked = false;
      } else if (el.tagName === 'LABEL' && el.htmlFor) {
        el.htmlFor = el.htmlFor.replace(new RegExp('-' + from + '$'), '-' + index);
      } else if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
        el.value = '';
      }
      if ((el.tagName === 'LEGEND' || el.tagName === 'BUTTON') && el.childNodes.length === 1) {
        el.textContent = el.textContent.split(String(from + 1)).join(String(index + 1));
      }
      if (el.tagName === 'BUTTON' && el.value === 'remove:' + from) el.value = 'remove:' + index;
    });
    last.parentNode.insertBefore(clone, last.nextSibling);
  }

  /** Puts a copy back: rows it needs first, then every typed field as it was. */
  function restore(form, values) {
    var needed = {};
    values.forEach(function (pair) {
      var match = ROW_NAME.exec(pair[0]);
      if (match) needed[match[1]] = Math.max(needed[match[1]] || 0, Number(match[2]) + 1);
    });
    Object.keys(needed).forEach(function (prefix) {
      for (var i = 0; i < needed[prefix] && i < 200; i += 1) {
        if (!form.querySelector('[data-row="' + prefix + '"][data-index="' + i + '"]')) addRow(form, prefix, i);
      }
    });
    typedControls(form).forEach(function (el) {
      var mine = values.filter(function (pair) {
        return pair[0] === el.name;
      });
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = mine.some(function (pair) {
          return pair[1] === el.value;
        });
      } else if (el.tagName === 'SELECT' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
        el.value = mine.length ? mine[mine.length - 1][1] : '';
      }
    });
  }

  function wire(form) {
    var url = form.getAttribute('data-autosave');
    var key = 'autosave:' + url;
    var store = storage();
    var status = form.querySelector('[data-autosave-status]');
    var versionInput = form.querySelector('input[name="version"]');
    var timer = null;
    var sending = false;
    var again = false;
    var edits = 0;
    var marked = [];

    function say(kind) {
      if (!status) return;
      status.textContent = status.getAttribute('data-' + kind) || '';
      status.setAttribute('data-state', kind);
    }
    function version() {
      return versionInput ? Number(versionInput.value) || 0 : 0;
    }
    function read() {
      try {
        var copy = store && JSON.parse(store.getItem(key) || 'null');
        return copy && Array.isArray(copy.values) ? copy : null;
      } catch (_) {
        return null;
      }
    }
    function keep(submitted) {
      if (!store) return;
      try {
        var copy = { version: version(), at: Date.now(), values: typedValues(form), submitted: submitted === true };
        store.setItem(key, JSON.stringify(copy));
      } catch (_) {
        // Storage full or refused: the form itself still holds the text.
      }
    }
    function forget() {
      if (store) store.removeItem(key);
    }
    function unmark() {
      marked.forEach(function (el) {
        el.removeAttribute('aria-invalid');
        var field = el.closest('.field');
        if (field) field.classList.remove('field--autosave-error');
      });
      marked = [];
    }
    function mark(errors) {
      unmark();
      (errors || []).forEach(function (error) {
        var el = error.id && document.getElementById(error.id);
        if (!el) return;
        el.setAttribute('aria-invalid', 'true');
        var field = el.closest('.field');
        if (field) field.classList.add('field--autosave-error');
        marked.push(el);
      });
    }

    function send(keepalive) {
      if (timer) clearTimeout(timer);
      timer = null;
      if (sending) {
        again = true;
        return;
      }
      if (!read()) return;
      sending = true;
      var sentAt = edits;
      var body = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (typeof value === 'string') body.append(name, value);
      });
      fetch(url, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        redirect: 'manual',
        keepalive: keepalive === true,
        headers: { 'X-Autosave': '1' },
      })
        .then(function (response) {
          if (response.status === 204) {
            var next = response.headers.get('X-Version');
            if (next && versionInput) versionInput.value = next;
            if (edits === sentAt) forget();
            else keep();
            unmark();
            say('saved');
            return;
          }
          if (response.status === 422) {
            return response.json().then(function (answer) {
              var errors = answer.errors || [];
              var conflict = answer.version && versionInput && Number(answer.version) !== version();
              if (conflict) {
                // Saved meanwhile (another tab, a save as this page was left): what this page
                // holds is what the person typed last, so it goes over that save, once.
                versionInput.value = String(answer.version);
                keep();
                if (!errors.some((error) => error.id)) {
                  again = true;
                  return;
                }
              }
              mark(errors);
              say('invalid');
            });
          }
          say('offline');
        })
        .catch(function () {
          say('offline');
        })
        .then(function () {
          sending = false;
          if (again) {
            again = false;
            schedule();
          }
        });
    }

    function schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(send, DELAY_MS);
    }

    function typed() {
      edits += 1;
      keep();
      schedule();
    }

    var copy = read();
    if (copy) {
      var shown = JSON.stringify(typedValues(form));
      var posted = status && status.getAttribute('data-posted');
      // A form sent with its own button, and the server has moved on since: that save arrived.
      var arrived = copy.submitted && copy.version < version();
      if (posted || arrived || JSON.stringify(copy.values) === shown) {
        forget();
      } else if (copy.version >= version()) {
        // Typed over what the server still has: put it back and send it.
        restore(form, copy.values);
        keep();
        say('restored');
        if (navigator.onLine !== false) send();
      } else {
        // Typed here and never confirmed, while the draft was saved elsewhere: put it back for
        // the person to see, and send it only when they go on typing.
        restore(form, copy.values);
        keep();
        say('restored');
      }
    }

    var leaving = false;
    form.addEventListener('submit', function () {
      // The form itself carries everything now; a save racing it would only bump the version.
      leaving = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (read()) keep(true);
    });
    form.addEventListener('input', typed);
    form.addEventListener('change', typed);
    window.addEventListener('online', function () {
      send();
    });
    window.addEventListener('pagehide', function () {
      if (timer && !leaving) send(true);
    });
  }

  function wireAll() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-autosave]'), wire);
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wireAll);
    else wireAll();
  }

  if (typeof module !== 'undefined') module.exports = { typedValues: typedValues, restore: restore };
})();
