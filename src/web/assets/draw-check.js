/*
 * "Check this draw": re-computes a published A/B/C draw in the browser, exactly as
 * LOTTERY.md fixes it, with Web Crypto (SHA-256 and HMAC-SHA256), and says ✓ or
 * names the first mismatch with the codes of libs/lottery/verify.ts. Plain ES2020, no build
 * step, no dependencies; served from our own origin (CSP script-src 'self'), so no inline script.
 *
 * Markup contract (the draw page renders exactly this; the script only reads it):
 *
 *   <section id="draw-check" data-record-url="/api/v1/public/draws/<competitionId>"
 *            data-messages="{&quot;ok&quot;: &quot;…&quot;, …}" hidden>
 *     <button type="button" id="draw-check-run">…</button>
 *     <input type="file" id="draw-check-file" accept="application/json,.json">  (with its <label>)
 *     <p id="draw-check-result" role="status" aria-live="polite"></p>
 *   </section>
 *
 * - The server renders the section `hidden` (the check needs script); this script removes
 *   `hidden` only when crypto.subtle exists (it does in secure contexts: HTTPS or localhost).
 * - data-messages is a JSON object (escaped as any attribute value; the page never writes raw
 *   text into HTML) of the server's kk or ru templates, pages.draw.check.<key> as written in the
 *   catalogue, keyed by <key>: "ok", "checking", "unreadable" and one per code below
 *   (MALFORMED, NOT_DRAWN, COMMITMENT_MISMATCH, POOL_HASH_MISMATCH, ASSIGNMENT_MISMATCH,
 *   ASSIGNMENT_MISSING, ASSIGNMENT_EXTRA). Their simple `{name}` placeholders are filled from the
 *   verdict's params, always through textContent. A missing or unreadable attribute leaves the
 *   keys themselves as the texts.
 * - The button re-fetches data-record-url (cache: 'no-store') and verifies it; the file input
 *   verifies a saved record (a file that is not JSON is MALFORMED with field "JSON").
 * - The result paragraph gets "✓ …" or "✗ …" and data-outcome="ok" | "mismatch"; when the
 *   record cannot be fetched at all (network, HTTP error) it gets data-outcome="error" and the
 *   "unreadable" message; while checking, the "checking" text and no data-outcome.
 *
 * Placeholders per message:
 *   ok                   {applications} {strata} {arms}  (arms: "A — 4, B — 3, C — 3")
 *   unreadable           {detail}  ("HTTP 404" or the browser's own, English, error text; the
 *                        kk/ru texts leave it out and it goes to the console instead)
 *   MALFORMED            {field}  (where the record is wrong: "seed", "pool[3].stratum", "JSON", …)
 *   NOT_DRAWN            {status}
 *   COMMITMENT_MISMATCH  {computed} {published}  (SHA-256 of the seed; the published commitment)
 *   POOL_HASH_MISMATCH   {computed} {published}
 *   ASSIGNMENT_MISMATCH  {applicationNumber} {expected} {published}  (arm codes; "A (ALM)" when
 *                        only the stratum differs)
 *   ASSIGNMENT_MISSING   {applicationNumber} {expected}
 *   ASSIGNMENT_EXTRA     {applicationNumber} {published}
 *
 * In Node: module.exports = { verifyDrawRecord }.
 */
(function () {
  'use strict';

  const TWO_POW_32 = 4294967296;
  const HEX_64 = /^[0-9a-fA-F]{64}$/;
  // Printable ASCII, as libs/lottery/draw-input.validator.ts: no tab, newline or non-ASCII in keys.
  const SAFE_KEY = /^[\x20-\x7e]*$/;
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  // Blocks are signed in parallel batches that double up to this size: a small draw costs a few
  // HMACs, a draw of thousands costs a handful of round trips into Web Crypto.
  const FIRST_BATCH = 16;
  const MAX_BATCH = 512;

  const utf8 = new TextEncoder();

  function fail(code, params) {
    return { ok: false, code, params };
  }

  function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  function hex(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = '';
    for (let i = 0; i < bytes.length; i++) text += bytes[i].toString(16).padStart(2, '0');
    return text;
  }

  function hexBytes(text) {
    const bytes = new Uint8Array(text.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
    return bytes;
  }

  function concat(parts) {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  /** Code-unit order: byte order for ASCII, what every language's default string sort gives. */
  function compareAscii(a, b) {
    if (a < b) return -1;
    if (a > b) return 1;
    return 0;
  }

  function compareEntries(a, b) {
    return compareAscii(a.stratum, b.stratum) || compareAscii(a.applicationNumber, b.applicationNumber);
  }

  function keyProblem(value, allowEmpty) {
    if (typeof value !== 'string') return true;
    if (!allowEmpty && value.length === 0) return true;
    return !SAFE_KEY.test(value);
  }

  /** The first problem validateDrawInput would list, as the record field it sits in. */
  function inputProblem(record) {
    if (typeof record.publicEntropy === 'string' && LONE_SURROGATE.test(record.publicEntropy)) {
      return 'publicEntropy';
    }
    const arms = record.arms;
    if (arms.length === 0) return 'arms';
    const codes = new Set();
    for (let i = 0; i < arms.length; i++) {
      const arm = arms[i] === null || arms[i] === undefined ? {} : arms[i];
      if (typeof arm.code !== 'string' || arm.code.length === 0 || codes.has(arm.code)) return `arms[${i}].code`;
      codes.add(arm.code);
      if (typeof arm.weight !== 'number' || !Number.isSafeInteger(arm.weight) || arm.weight <= 0) {
        return `arms[${i}].weight`;
      }
    }
    const pool = record.pool;
    if (pool.length === 0) return 'pool';
    const numbers = new Set();
    for (let i = 0; i < pool.length; i++) {
      const entry = pool[i] === null || pool[i] === undefined ? {} : pool[i];
      if (keyProblem(entry.applicationNumber, false)) return `pool[${i}].applicationNumber`;
      if (keyProblem(entry.stratum, true)) return `pool[${i}].stratum`;
      if (numbers.has(entry.applicationNumber)) return `pool[${i}].applicationNumber`;
      numbers.add(entry.applicationNumber);
    }
    return null;
  }

  /** The checks of verify.ts's checkShape, in the same order, so both name the same problem. */
  function checkShape(record) {
    if (!isObject(record)) return fail('MALFORMED', { field: 'record' });
    if (record.version !== 1) return fail('MALFORMED', { field: 'version' });
    if (typeof record.status !== 'string') return fail('MALFORMED', { field: 'status' });
    if (record.status !== 'drawn') return fail('NOT_DRAWN', { status: record.status });
    if (record.seed === null || record.seed === undefined) return fail('NOT_DRAWN', { status: record.status });
    if (record.publicEntropy === null || record.publicEntropy === undefined) {
      return fail('NOT_DRAWN', { status: record.status });
    }
    if (typeof record.seed !== 'string' || !HEX_64.test(record.seed)) return fail('MALFORMED', { field: 'seed' });
    if (typeof record.publicEntropy !== 'string') return fail('MALFORMED', { field: 'publicEntropy' });
    for (const field of ['commitment', 'poolHash']) {
      if (typeof record[field] !== 'string' || !HEX_64.test(record[field])) return fail('MALFORMED', { field });
    }
    for (const field of ['arms', 'pool', 'assignments']) {
      if (!Array.isArray(record[field])) return fail('MALFORMED', { field });
    }
    for (let i = 0; i < record.assignments.length; i++) {
      const item = record.assignments[i];
      const complete =
        isObject(item) && ['applicationNumber', 'stratum', 'arm'].every((key) => typeof item[key] === 'string');
      if (!complete) return fail('MALFORMED', { field: `assignments[${i}]` });
    }
    const field = inputProblem(record);
    return field ? fail('MALFORMED', { field }) : null;
  }

  /**
   * HMAC-SHA256(key, uint64_be(0)) || HMAC-SHA256(key, uint64_be(1)) || … as big-endian uint32
   * words. Blocks are made on demand, a batch at a time (each block one subtle.sign call, the
   * batch signed in parallel); word() is synchronous and answers -1 when a refill is due.
   */
  class RandomStream {
    constructor(subtle, key) {
      this.subtle = subtle;
      this.key = key;
      this.counter = 0;
      this.batch = FIRST_BATCH;
      this.words = new Uint32Array(0);
      this.at = 0;
    }

    word() {
      return this.at < this.words.length ? this.words[this.at++] : -1;
    }

    async refill() {
      const signing = [];
      for (let i = 0; i < this.batch; i++) {
        const counter = new Uint8Array(8);
        const view = new DataView(counter.buffer);
        // The counter stays far below 2^53, so both halves are exact.
        view.setUint32(0, Math.floor(this.counter / TWO_POW_32));
        view.setUint32(4, this.counter % TWO_POW_32);
        this.counter += 1;
        signing.push(this.subtle.sign('HMAC', this.key, counter));
      }
      const blocks = await Promise.all(signing);
      const words = new Uint32Array(blocks.length * 8);
      blocks.forEach((block, index) => {
        const view = new DataView(block);
        for (let w = 0; w < 8; w++) words[index * 8 + w] = view.getUint32(w * 4);
      });
      this.words = words;
      this.at = 0;
      this.batch = Math.min(this.batch * 2, MAX_BATCH);
    }

    /** Uniform in [0, n) by rejection: limit = floor(2^32 / n) * n, kept exact in doubles. */
    async uniform(n) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      for (;;) {
        let x = this.word();
        if (x < 0) {
          await this.refill();
          x = this.word();
        }
        if (x < limit) return x % n;
      }
    }

    /** Fisher–Yates from the end, in place. */
    async shuffle(list) {
      for (let i = list.length - 1; i >= 1; i--) {
        const j = await this.uniform(i + 1);
        const held = list[i];
        list[i] = list[j];
        list[j] = held;
      }
      return list;
    }
  }

  /** base = floor(m·w/W), the r left over to the largest remainders, ties by position in perm. */
  function quotas(memberCount, arms, perm) {
    const m = BigInt(memberCount);
    const weights = arms.map((arm) => BigInt(arm.weight));
    const total = weights.reduce((sum, weight) => sum + weight, BigInt(0));
    const base = weights.map((weight) => Number((m * weight) / total));
    const frac = weights.map((weight) => (m * weight) % total);
    const rank = [];
    perm.forEach((armIndex, position) => {
      rank[armIndex] = position;
    });
    const order = arms
      .map((_, index) => index)
      .sort((a, b) => {
        if (frac[a] !== frac[b]) return frac[a] > frac[b] ? -1 : 1;
        return rank[a] - rank[b];
      });
    const leftOver = memberCount - base.reduce((sum, quota) => sum + quota, 0);
    for (let i = 0; i < leftOver; i++) base[order[i]] += 1;
    return base;
  }

  function poolHashInput(sorted) {
    return sorted.map((entry) => `${entry.stratum}\t${entry.applicationNumber}`).join('\n');
  }

  async function sha256(subtle, bytes) {
    return new Uint8Array(await subtle.digest('SHA-256', bytes));
  }

  /** The assignments of LOTTERY.md "The computation", strata ascending, each in walk order. */
  async function recompute(subtle, record, sorted, poolHash) {
    const keyBytes = await sha256(
      subtle,
      concat([hexBytes(record.seed), utf8.encode(record.publicEntropy), utf8.encode(poolHash)]),
    );
    const key = await subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const stream = new RandomStream(subtle, key);
    const assignments = [];
    let start = 0;
    while (start < sorted.length) {
      const stratum = sorted[start].stratum;
      let end = start;
      while (end < sorted.length && sorted[end].stratum === stratum) end += 1;
      const members = sorted.slice(start, end).map((entry) => entry.applicationNumber);
      start = end;
      await stream.shuffle(members);
      // Shuffled even when nothing is left over: that is how the stream is consumed.
      const perm = await stream.shuffle(record.arms.map((_, index) => index));
      let next = 0;
      quotas(members.length, record.arms, perm).forEach((quota, armIndex) => {
        for (let taken = 0; taken < quota; taken++) {
          assignments.push({ applicationNumber: members[next], stratum, arm: record.arms[armIndex].code });
          next += 1;
        }
      });
    }
    return assignments;
  }

  /** As verify.ts's compareAssignments: doubles first, then the sorted pool's order, then extras. */
  function compareAssignments(published, sortedExpected) {
    const byApplication = new Map();
    for (const item of published) {
      if (byApplication.has(item.applicationNumber)) {
        return fail('ASSIGNMENT_EXTRA', { applicationNumber: item.applicationNumber, published: item.arm });
      }
      byApplication.set(item.applicationNumber, item);
    }
    for (const expected of sortedExpected) {
      const actual = byApplication.get(expected.applicationNumber);
      if (!actual) {
        return fail('ASSIGNMENT_MISSING', { applicationNumber: expected.applicationNumber, expected: expected.arm });
      }
      if (actual.arm !== expected.arm) {
        return fail('ASSIGNMENT_MISMATCH', {
          applicationNumber: expected.applicationNumber,
          expected: expected.arm,
          published: actual.arm,
        });
      }
      if (actual.stratum !== expected.stratum) {
        return fail('ASSIGNMENT_MISMATCH', {
          applicationNumber: expected.applicationNumber,
          expected: `${expected.arm} (${expected.stratum})`,
          published: `${actual.arm} (${actual.stratum})`,
        });
      }
      byApplication.delete(expected.applicationNumber);
    }
    const extra = byApplication.values().next();
    if (!extra.done) {
      return fail('ASSIGNMENT_EXTRA', { applicationNumber: extra.value.applicationNumber, published: extra.value.arm });
    }
    return null;
  }

  /**
   * Re-checks a published draw record: its shape, SHA-256(seed) against the commitment, the pool
   * against poolHash, then every assignment against a fresh run of the algorithm.
   * Resolves to {ok: true, counts: {applications, strata, arms: {code: count}}} or
   * {ok: false, code, params} for the first problem; rejects only if Web Crypto itself fails.
   */
  async function verifyDrawRecord(record, subtle) {
    const crypto = subtle || globalThis.crypto.subtle;
    const shapeFailure = checkShape(record);
    if (shapeFailure) return shapeFailure;

    const commitment = hex(await crypto.digest('SHA-256', hexBytes(record.seed)));
    if (commitment !== record.commitment.toLowerCase()) {
      return fail('COMMITMENT_MISMATCH', { computed: commitment, published: record.commitment });
    }

    const sorted = record.pool.map((entry) => ({ applicationNumber: entry.applicationNumber, stratum: entry.stratum }));
    sorted.sort(compareEntries);
    const poolHash = hex(await crypto.digest('SHA-256', utf8.encode(poolHashInput(sorted))));
    if (poolHash !== record.poolHash.toLowerCase()) {
      return fail('POOL_HASH_MISMATCH', { computed: poolHash, published: record.poolHash });
    }

    const assignments = await recompute(crypto, record, sorted, poolHash);
    const mismatch = compareAssignments(record.assignments, assignments.slice().sort(compareEntries));
    if (mismatch) return mismatch;

    // A Map, then own properties: an arm code may be any string, "__proto__" included.
    const perArm = new Map(record.arms.map((arm) => [arm.code, 0]));
    for (const assignment of assignments) perArm.set(assignment.arm, perArm.get(assignment.arm) + 1);
    const strata = new Set(sorted.map((entry) => entry.stratum)).size;
    return { ok: true, counts: { applications: assignments.length, strata, arms: Object.fromEntries(perArm) } };
  }

  /** `{name}` placeholders filled from params; unknown names become empty, never markup. */
  function fillTemplate(template, params) {
    return String(template).replace(/\{(\w+)\}/g, (_, name) =>
      params && params[name] !== undefined && params[name] !== null ? String(params[name]) : '',
    );
  }

  function wirePage() {
    const section = document.getElementById('draw-check');
    const subtle = globalThis.crypto && globalThis.crypto.subtle;
    if (!section || !subtle) return;
    const result = document.getElementById('draw-check-result');
    const button = document.getElementById('draw-check-run');
    const fileInput = document.getElementById('draw-check-file');
    if (!result) return;

    let messages = {};
    try {
      const parsed = JSON.parse(section.getAttribute('data-messages') || '{}');
      if (isObject(parsed)) messages = parsed;
    } catch (_error) {
      messages = {};
    }
    const text = (key, params) =>
      fillTemplate(Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key, params);

    /** For the console and a template that wants it: the page's texts stay kk/ru. */
    function describe(error) {
      const detail = error && error.message ? error.message : String(error);
      console.warn(`draw check: ${detail}`);
      return detail;
    }

    // Only the latest check may write its verdict: a slow fetch must not overwrite a newer file check.
    let latest = 0;

    function show(run, outcome, line) {
      if (run !== latest) return;
      result.textContent = line;
      if (outcome) result.setAttribute('data-outcome', outcome);
      else result.removeAttribute('data-outcome');
      section.setAttribute('aria-busy', outcome ? 'false' : 'true');
    }

    async function check(loadRecord) {
      latest += 1;
      const run = latest;
      show(run, null, text('checking'));
      let record;
      try {
        record = await loadRecord();
      } catch (error) {
        if (error instanceof SyntaxError) {
          show(run, 'mismatch', `✗ ${text('MALFORMED', { field: 'JSON' })}`);
        } else {
          show(run, 'error', `✗ ${text('unreadable', { detail: describe(error) })}`);
        }
        return;
      }
      try {
        const verdict = await verifyDrawRecord(record, subtle);
        if (verdict.ok) {
          const arms = Object.keys(verdict.counts.arms)
            .map((code) => `${code} — ${verdict.counts.arms[code]}`)
            .join(', ');
          show(run, 'ok', `✓ ${text('ok', { ...verdict.counts, arms })}`);
        } else {
          show(run, 'mismatch', `✗ ${text(verdict.code, verdict.params)}`);
        }
      } catch (error) {
        show(run, 'error', `✗ ${text('unreadable', { detail: describe(error) })}`);
      }
    }

    function parse(body) {
      // Editors on Windows like to prepend a byte-order mark; JSON.parse rejects it.
      return JSON.parse(body.replace(/^\uFEFF/, ''));
    }

    if (button) {
      button.addEventListener('click', () => {
        check(async () => {
          const response = await fetch(section.getAttribute('data-record-url'), {
            cache: 'no-store',
            credentials: 'same-origin',
            headers: { accept: 'application/json' },
          });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return parse(await response.text());
        });
      });
    }
    if (fileInput) {
      fileInput.addEventListener('change', () => {
        const file = fileInput.files && fileInput.files[0];
        if (file) check(async () => parse(await file.text()));
      });
    }
    section.hidden = false;
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wirePage);
    else wirePage();
  }

  if (typeof module !== 'undefined') module.exports = { verifyDrawRecord };
})();
