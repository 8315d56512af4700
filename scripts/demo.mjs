#!/usr/bin/env node
// `npm run demo`: build, create and migrate the database, load demo accounts, then run the
// API and the worker (and a local mail catcher if nothing listens on SMTP_URL) until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { startMailCatcher } from './mail-catcher.mjs';

const say = (line) => process.stdout.write(`[demo] ${line}\n`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    say(`"${cmd} ${args.join(' ')}" failed; see above`);
    process.exit(r.status ?? 1);
  }
}

function listening(host, port) {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 1000 });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

if (!existsSync('.env')) {
  copyFileSync('.env.example', '.env');
  say('created .env from .env.example (development secrets; change them before real use)');
}
process.loadEnvFile('.env');

say('building…');
run('npm', ['run', '--silent', 'build']);
run('node', ['dist/src/cli.js', 'migrate']);
run('node', ['dist/src/cli.js', 'demo']);

const smtp = new URL(process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025');
const smtpPort = Number(smtp.port || 25);
if (['127.0.0.1', 'localhost'].includes(smtp.hostname) && !(await listening(smtp.hostname, smtpPort))) {
  await startMailCatcher({ port: smtpPort, log: (l) => say(l) });
  say(`no SMTP server on ${smtp.host}: started a local catcher; e-mails are saved in var/mail/`);
}

const children = [
  spawn('node', ['dist/src/main.js'], { stdio: ['ignore', 'inherit', 'inherit'] }),
  spawn('node', ['dist/src/worker.js'], { stdio: ['ignore', 'inherit', 'inherit'] }),
];
const port = process.env.PORT ?? '3000';
setTimeout(() => {
  say(`Site:     http://localhost:${port}/   (the web pages, Kazakh first; Русский one click away)`);
  say(`API:      http://localhost:${port}/api/v1`);
  say(`OpenAPI:  http://localhost:${port}/docs`);
  say(`Health:   http://localhost:${port}/api/v1/health`);
  say('Ctrl+C stops everything.');
}, 2500);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    if (!stopping) {
      say(`a process exited (${code}); stopping`);
      stop();
    }
  });
await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))));
process.exit(0);
