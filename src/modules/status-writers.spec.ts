import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A status changes only through its module's transition operation. This reads every product
 * source file and finds each write of a `status` column — raw SQL (`UPDATE t SET … status =`,
 * `INSERT INTO t (… status …)`) and TypeORM calls (`update/insert/upsert(Entity, … status: …)`,
 * `.update(Entity).set({ status })`, `.into(Entity).values({ status })`) — and fails when it
 * is written from anywhere but its owner: the lifecycle file for applications and
 * competitions, the owning module's folder for any other table.
 */
const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

/** The single files allowed to write these statuses. */
const LIFECYCLE_OWNERS: Record<string, string> = {
  applications: 'src/modules/applications/application-lifecycle.service.ts',
  competitions: 'src/modules/competitions/competitions.service.ts',
};

interface StatusWrite {
  file: string;
  table: string;
  line: number;
  how: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Entity class name → table, and table → module folder, from the `@Entity('table')` declarations. */
function entityTables(files: { path: string; text: string }[]): {
  tableOf: Map<string, string>;
  moduleOf: Map<string, string>;
} {
  const tableOf = new Map<string, string>();
  const moduleOf = new Map<string, string>();
  for (const { path, text } of files) {
    for (const m of text.matchAll(/@Entity\(\s*'(\w+)'[\s\S]*?export class (\w+)/g)) {
      tableOf.set(m[2], m[1]);
      moduleOf.set(m[1], moduleFolder(path));
    }
  }
  return { tableOf, moduleOf };
}

function moduleFolder(path: string): string {
  const rel = relative(ROOT, path).split('\\').join('/');
  const m = /^src\/modules\/([^/]+)\//.exec(rel);
  return m ? `src/modules/${m[1]}/` : rel;
}

/** The text of a call's arguments, from just after its opening parenthesis to the matching one. */
function callArguments(text: string, openAt: number): string {
  let depth = 0;
  for (let i = openAt; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(openAt + 1, i);
  }
  return text.slice(openAt + 1);
}

/** A call's arguments split at its top-level commas. */
function topLevelArguments(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(args.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(args.slice(start));
  return parts;
}

const writesStatus = (fragment: string, assign: RegExp) => assign.test(fragment);
/** Which argument carries the values written: update(Entity, criteria, values), the others (Entity, values). */
const VALUES_ARGUMENT: Record<string, number> = { update: 2, insert: 1, upsert: 1, save: 1, create: 1 };
const SQL_ASSIGN = /(^|[\s,.])"?status"?\s*=(?!=)/;
const OBJECT_KEY = /(^|[\s{,])status\s*:/;

/** Every status write in one file's text. Exported shape kept small so the self-test below can feed it snippets. */
export function findStatusWrites(file: string, text: string, tableOf: Map<string, string>): StatusWrite[] {
  const found: StatusWrite[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(
    /UPDATE\s+"?(\w+)"?(?:\s+(?:AS\s+)?(?!SET\b)\w+)?\s+SET\s+([\s\S]*?)(?=\bWHERE\b|\bFROM\b|\bRETURNING\b|`|$)/gi,
  )) {
    if (writesStatus(m[2], SQL_ASSIGN))
      found.push({ file, table: m[1].toLowerCase(), line: lineAt(m.index!), how: 'SQL UPDATE' });
  }
  for (const m of text.matchAll(/INSERT\s+INTO\s+"?(\w+)"?\s*\(([^)]*)\)/gi)) {
    if (/(^|[\s,"])status("|\s*,|\s*$)/.test(m[2]))
      found.push({ file, table: m[1].toLowerCase(), line: lineAt(m.index!), how: 'SQL INSERT' });
  }
  for (const m of text.matchAll(/\.(update|insert|upsert|save|create)\(\s*([A-Z]\w*)\s*,/g)) {
    const table = tableOf.get(m[2]);
    const values = topLevelArguments(callArguments(text, m.index! + m[0].indexOf('(')))[VALUES_ARGUMENT[m[1]]] ?? '';
    if (table && writesStatus(values, OBJECT_KEY))
      found.push({ file, table, line: lineAt(m.index!), how: `TypeORM ${m[1]}` });
  }
  for (const m of text.matchAll(/\.(?:update|into)\(\s*([A-Z]\w*)\s*\)\s*\.(?:set|values)\(/g)) {
    const table = tableOf.get(m[1]);
    const args = callArguments(text, m.index! + m[0].length - 1);
    if (table && writesStatus(args, OBJECT_KEY))
      found.push({ file, table, line: lineAt(m.index!), how: 'TypeORM query builder' });
  }
  return found;
}

function offenders(writes: StatusWrite[], moduleOf: Map<string, string>): string[] {
  return writes
    .filter((w) => {
      const owner = LIFECYCLE_OWNERS[w.table];
      if (owner) return w.file !== owner;
      const folder = moduleOf.get(w.table);
      return folder !== undefined && !w.file.startsWith(folder);
    })
    .map((w) => `${w.file}:${w.line} writes ${w.table}.status (${w.how})`);
}

describe('who writes a status', () => {
  const files = sourceFiles(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const { tableOf, moduleOf } = entityTables(files);
  const writes = files.flatMap(({ path, text }) =>
    findStatusWrites(relative(ROOT, path).split('\\').join('/'), text, tableOf),
  );

  it('only the applications lifecycle writes applications.status, only the competitions module competitions.status, only its owner any other', () => {
    expect(offenders(writes, moduleOf)).toEqual([]);
  });

  it('finds the owners themselves (the scan is looking at the right code)', () => {
    const tables = new Set(writes.map((w) => `${w.table} ${w.file}`));
    expect(tables).toContain(`applications ${LIFECYCLE_OWNERS.applications}`);
    expect(tables).toContain(`competitions ${LIFECYCLE_OWNERS.competitions}`);
  });

  it('would catch a write from another module in each form', () => {
    const file = 'src/modules/scoring/results.service.ts';
    const snippets = [
      "await tx.query(`UPDATE applications SET status = 'scored', version = version + 1 WHERE id = $1`, [id]);",
      'await tx.query(`UPDATE applications a SET arm = $2, status = CASE WHEN r.selected THEN $3 END FROM r WHERE r.id = a.id`);',
      "await tx.update(Application, { id }, { status: dto.decision, version: () => 'version + 1' } as never);",
      "await tx.update(Competition, { id: competitionId }, { status: 'scoring', version: competition.version + 1 });",
      "await tx.createQueryBuilder().update(Application).set({ status: 'winner' }).where('id = :id', { id }).execute();",
      'await tx.query(`INSERT INTO applications (competition_id, status) VALUES ($1, $2)`, [id, s]);',
    ];
    for (const snippet of snippets) {
      const found = findStatusWrites(file, snippet, tableOf);
      expect(offenders(found, moduleOf)).toHaveLength(1);
    }
    // …and leaves alone what is not a status write.
    const harmless = [
      "await tx.query(`UPDATE applications SET arm_note = $2 WHERE status = 'allocated'`);",
      "await tx.update(Application, { id, status: 'draft' }, { title: 'x' });",
      'await tx.query(`SELECT status FROM applications WHERE id = $1`);',
    ];
    for (const snippet of harmless) expect(findStatusWrites(file, snippet, tableOf)).toEqual([]);
  });
});
