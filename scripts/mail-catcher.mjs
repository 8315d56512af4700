#!/usr/bin/env node
// A local SMTP catcher for trying the product without Docker: accepts every message,
// writes it to var/mail/<time>-<n>.eml and prints one line per message.
// (docker compose uses Mailpit instead, with a web inbox.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export function startMailCatcher({ port = 1025, host = '127.0.0.1', dir = 'var/mail', log = console.log } = {}) {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        count += 1;
        const file = join(dir, `${Date.now()}-${count}.eml`);
        writeFileSync(file, raw);
        const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw.toString('utf8'))?.[1] ?? '';
        log(`mail → ${session.envelope.rcptTo.map((r) => r.address).join(', ')}: ${decodeSubject(subject)} (${file})`);
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function decodeSubject(s) {
  // Unfold the header and join adjacent encoded words (RFC 2047: the space between them is not text).
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc, text) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
    )
    .replace(/\s+/g, ' ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 1025);
  startMailCatcher({ port }).then(() => console.log(`mail catcher listening on 127.0.0.1:${port}, saving to var/mail`));
}
