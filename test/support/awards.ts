import type { TestApp } from './test-app';

/** The handover as a browser or a client sends it: `handedOverOn`, then the file. */
export function handoverUpload(
  t: TestApp,
  token: string | undefined,
  awardId: string,
  handedOverOn: string | null,
  file: { name: string; content: Buffer; type?: string } | null,
  lang?: 'kk' | 'ru',
) {
  const boundary = `----awards${Date.now()}${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  if (handedOverOn !== null)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="handedOverOn"\r\n\r\n${handedOverOn}\r\n`),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.call('POST', `/awards/${awardId}/handover`, {
    token,
    lang,
    body: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** An organization that runs the competition, named (with its head) on the printed documents. */
export async function giveOrganizer(t: TestApp, competitionId: string, createdBy: string, name: string): Promise<void> {
  const bin = `9${String(Date.now()).slice(-6)}4${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
  const [org]: { id: string }[] = await t.db.query(
    `INSERT INTO organizations (bin, name, kind, region_code, registered_on, address, head_name, created_by, version)
     VALUES ($1, $2, 'ngo', 'ULT', '2015-03-01', 'Жаңаарқа ауданы, Атасу кенті, Бейбітшілік көшесі, 12', 'Сәрсенова Әлия Қайратқызы', $3, 1)
     RETURNING id`,
    [bin, name, createdBy],
  );
  await t.db.query(`UPDATE competitions SET organizer_organization_id = $2 WHERE id = $1`, [competitionId, org.id]);
}
