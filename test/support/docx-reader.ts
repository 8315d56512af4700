import * as yauzl from 'yauzl';

/** Test helper: reads a DOCX (a ZIP) from memory, entry by entry. */
export async function readZipEntries(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, strictFileNames: true });
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Buffer>();
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error ?? new Error(`cannot read ${entry.fileName}`));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function decodeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

/** The text of each `w:p` paragraph of a WordprocessingML part, runs joined, a tab as "\t". */
export function paragraphTexts(xml: string): string[] {
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs.map((paragraph) => {
    const pieces = paragraph.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>|<w:tab\/>/g) ?? [];
    return pieces.map((piece) => (piece === '<w:tab/>' ? '\t' : decodeXml(piece.replace(/<[^>]+>/g, '')))).join('');
  });
}

/** Unzips the DOCX and returns `word/document.xml` and its paragraphs' text. */
export async function readDocx(
  buffer: Buffer,
): Promise<{ entries: Map<string, Buffer>; xml: string; paragraphs: string[] }> {
  const entries = await readZipEntries(buffer);
  const documentXml = entries.get('word/document.xml');
  if (!documentXml) throw new Error('word/document.xml is missing');
  const xml = documentXml.toString('utf8');
  return { entries, xml, paragraphs: paragraphTexts(xml) };
}
