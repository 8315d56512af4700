// Upload progress on an application's documents page. Without script the upload form posts
// as any form does; with it, the file goes by XMLHttpRequest so the page can say how much has
// gone, and the answer replaces the page: the page after the redirect, or the same page with
// the error at the file's field. Markup contract (src/web/applicant/application-documents.tsx):
// form.upload-form > input[type=file], [data-upload-progress][data-text] whose text has "¤"
// where the percentage goes.
(function () {
  'use strict';
  if (typeof document === 'undefined' || typeof XMLHttpRequest === 'undefined' || typeof FormData === 'undefined') {
    return;
  }

  function showAnswer(html) {
    var parsed = new DOMParser().parseFromString(html, 'text/html');
    if (!parsed.body || !parsed.body.firstChild) return false;
    document.title = parsed.title;
    document.body.replaceWith(document.adoptNode(parsed.body));
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
    return true;
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.classList || !form.classList.contains('upload-form')) return;
    var input = form.querySelector('input[type=file]');
    // No file chosen: the server's answer says so at the field.
    if (!input || !input.files || input.files.length === 0) return;
    event.preventDefault();
    if (form.getAttribute('data-busy')) return;
    form.setAttribute('data-busy', 'true');
    var button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    var progress = form.querySelector('[data-upload-progress]');
    var text = progress ? progress.getAttribute('data-text') || '' : '';

    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (!progress || !e.lengthComputable || e.total === 0) return;
      progress.hidden = false;
      progress.textContent = text.replace('¤', String(Math.floor((e.loaded / e.total) * 100)));
    });
    xhr.addEventListener('load', function () {
      // Kept: the server says where to go (this page, saying so).
      if (xhr.status === 200 && /json/.test(xhr.getResponseHeader('content-type') || '')) {
        window.location.assign(JSON.parse(xhr.responseText).location);
        return;
      }
      // A redirect was followed ("sign in first"): go where it went.
      if (xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
        return;
      }
      // Refused: the same page with the error at the field.
      if (!showAnswer(xhr.responseText)) window.location.assign(window.location.pathname);
    });
    xhr.addEventListener('error', function () {
      // Never send the file a second time: the page as it now stands says whether it was kept.
      window.location.assign(window.location.pathname);
    });
    xhr.setRequestHeader('X-Upload', 'progress');
    xhr.send(new FormData(form));
  });
})();
