import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { toZonedIso } from '../../../../../libs/kz';
import { Clock } from '../../../../common/clock/clock';
import { NotFoundAppException } from '../../../../common/errors/app.exception';
import { hasMessage, Locale, translate } from '../../../../common/i18n/i18n';
import { Page, pageOf } from '../../../../common/pagination/pagination';
import { CompetitionsService } from '../../../competitions/competitions.service';
import { formatApplicationNumber, numberParts, voidNumbers } from '../../domain/application-number';
import { ApplicationListQueryDto } from '../../dto/application-list.dto';

interface JournalRow {
  id: string;
  number: string | null;
  sequenceNo: number | null;
  status: string;
  submittedAt: Date | null;
  applicant: string;
  organization: string | null;
  territoryCode: string | null;
  territoryKk: string | null;
  territoryRu: string | null;
  /** Whole tenge, a JSON number like everywhere else (bigint arrives from pg as a string). */
  amountRequested: number;
  teamSize: number;
  title: string | null;
}

const HEADERS: Record<Locale, string[]> = {
  kk: [
    '№',
    'Өтінім нөмірі',
    'Қабылданды (Астана уақыты)',
    'Өтінім беруші',
    'Ұйым',
    'Аумақ',
    'Жоба атауы',
    'Сұралған сома, ₸',
    'Команда',
    'Күйі',
  ],
  ru: [
    '№',
    'Номер заявки',
    'Принята (время Астаны)',
    'Заявитель',
    'Организация',
    'Территория',
    'Название проекта',
    'Запрошено, ₸',
    'Команда',
    'Статус',
  ],
};
const FOOTER: Record<Locale, { total: string; responsible: string; date: string }> = {
  kk: { total: 'Барлығы', responsible: 'Жауапты тұлға', date: '«____» ______________ 20____ ж.' },
  ru: { total: 'Итого', responsible: 'Ответственное лицо', date: '«____» ______________ 20____ г.' },
};
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The instant's wall-clock time in the zone, as the Date Excel stores (Excel dates carry no zone). */
function excelLocal(instant: Date, timeZone: string): Date {
  return new Date(`${toZonedIso(instant, timeZone).slice(0, 19)}Z`);
}

/**
 * The applicant as the person profile names them (surname, first name, patronymic), the
 * same words in the list, the XLSX and what the search matches; the e-mail where no profile.
 */
const APPLICANT_NAME = `NULLIF(concat_ws(' ', p.last_name, p.first_name, p.middle_name), '')`;
/**
 * Case is folded by ICU, not by the database's locale: a cluster created with `C` would fold
 * only Latin letters and «әлібек» would not find «ӘЛІБЕКОВА».
 */
const FOLDED = 'COLLATE "und-x-icu"';

const VOID: Record<Locale, string> = {
  kk: 'нөмір пайдаланылмады (жарамсыз)',
  ru: 'номер не использован (аннулирован)',
};

/** The registration journal (тіркеу журналы) of received applications, and the organizer's list. */
@Injectable()
export class RegistrationJournalService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly competitions: CompetitionsService,
    private readonly clock: Clock,
  ) {}

  async list(competitionId: string, query: ApplicationListQueryDto): Promise<Page<Omit<JournalRow, 'sequenceNo'>>> {
    const { rows, total } = await this.rows(competitionId, query, true);
    return pageOf(
      rows.map(({ sequenceNo: _s, ...r }) => r),
      total,
      query,
    );
  }

  /** Submitted applications in number order; numbers drawn but never used appear as void lines. */
  async journal(competitionId: string, locale: Locale): Promise<Buffer> {
    const competition = await this.competitions.find(competitionId);
    if (!competition) throw new NotFoundAppException('competition');
    const { rows } = await this.rows(competitionId, { submittedOnly: true }, false);
    const voids = voidNumbers(rows.map((r) => r.sequenceNo!).filter((n) => n !== null));
    type Line = { seq: number; row?: JournalRow };
    const lines: Line[] = [
      ...rows.map((row) => ({ seq: row.sequenceNo!, row })),
      ...voids.map((seq) => ({ seq })),
    ].sort((a, b) => a.seq - b.seq);
    // A void number is written like the number drawn after it (same code and year): every
    // gap lies below the highest number used.
    const voidParts = new Map<number, { code: string; year: number }>();
    let next: { code: string; year: number } | undefined;
    for (const line of [...lines].reverse()) {
      if (line.row?.number) next = numberParts(line.row.number) ?? next;
      else if (next) voidParts.set(line.seq, next);
    }

    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'grants';
    const organizer = await this.competitions.organizerOf(competition);
    const sheet = workbook.addWorksheet(locale === 'ru' ? 'Журнал регистрации' : 'Тіркеу журналы');
    const columns = HEADERS[locale].length;
    if (organizer) sheet.addRow([organizer.name]).font = { bold: true };
    sheet.addRow([locale === 'ru' ? competition.titleRu : competition.titleKk]).font = { bold: true, size: 13 };
    const header = sheet.addRow(HEADERS[locale]);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } }));
    const first = header.number + 1;
    lines.forEach((line, i) => {
      const r = line.row;
      if (!r) {
        sheet.addRow([
          i + 1,
          formatApplicationNumber(
            voidParts.get(line.seq)?.code ?? competition.numberPrefix,
            voidParts.get(line.seq)?.year ?? this.clock.now().getUTCFullYear(),
            line.seq,
          ),
          VOID[locale],
        ]).font = { italic: true, color: { argb: 'FF888888' } };
        return;
      }
      sheet.addRow([
        i + 1,
        r.number,
        r.submittedAt ? excelLocal(r.submittedAt, competition.timeZone) : '',
        r.applicant,
        r.organization ?? '',
        (locale === 'ru' ? r.territoryRu : r.territoryKk) ?? r.territoryCode ?? '',
        r.title ?? '',
        r.amountRequested,
        r.teamSize,
        hasMessage(`status.${r.status}`) ? translate(locale, `status.${r.status}`) : r.status,
      ]);
    });
    const last = sheet.rowCount;
    const received = lines.filter((line) => line.row).length;
    const sum = lines.reduce((total, line) => total + (line.row ? Number(line.row.amountRequested) : 0), 0);
    const totals = sheet.addRow([
      FOOTER[locale].total,
      received,
      '',
      '',
      '',
      '',
      '',
      last >= first ? { formula: `SUM(H${first}:H${last})`, result: sum } : 0,
    ]);
    totals.font = { bold: true };
    for (let row = header.number; row <= totals.number; row++) {
      for (let column = 1; column <= columns; column++) sheet.getCell(row, column).border = BORDER;
    }
    sheet.addRow([]);
    sheet.addRow([]);
    sheet.addRow([`${FOOTER[locale].responsible}: ____________________ / ______________________________ /`]);
    sheet.addRow([FOOTER[locale].date]);
    sheet.getColumn(3).numFmt = 'dd.mm.yyyy hh:mm';
    sheet.getColumn(8).numFmt = '#,##0';
    [5, 16, 17, 30, 30, 24, 40, 16, 9, 14].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    for (let row = first; row <= last; row++) sheet.getRow(row).alignment = { vertical: 'top', wrapText: true };
    // The header stays on screen and on every printed page; filters on every column.
    sheet.views = [{ state: 'frozen', ySplit: header.number, xSplit: 0 }];
    sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: columns } };
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header.number}:${header.number}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    };
    sheet.headerFooter = { oddFooter: '&C&P / &N' };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** Plain rows straight from SQL: a journal of thousands of applications hydrates no entities. */
  private async rows(
    competitionId: string,
    q: Partial<ApplicationListQueryDto> & { submittedOnly?: boolean },
    paged: boolean,
  ) {
    const params: unknown[] = [competitionId];
    const where = ['a.competition_id = $1'];
    // A withdrawn application was received and stays registered, with its status.
    if (q.submittedOnly) where.push(`a.number IS NOT NULL`);
    if (q.status) {
      params.push(q.status);
      where.push(`a.status = $${params.length}`);
    }
    if (q.territoryCode) {
      params.push(q.territoryCode);
      where.push(`(a.territory_code = $${params.length} OR t.parent_code = $${params.length})`);
    }
    const text = q.q?.trim().replace(/\s+/g, ' ');
    if (text) {
      // A part of the number, the title, the e-mail or the applicant's full name ("Әлібекова", "Әлібекова Ғалия").
      // One ILIKE over the four joined by newlines costs half of four ILIKEs on a competition of thousands;
      // the typed text holds no newline (spaces collapsed above), so a match never spans two of them.
      params.push(`%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      where.push(`concat_ws(E'\\n', a.number, a.title, u.email, ${APPLICANT_NAME}) ${FOLDED} ILIKE $${params.length}`);
    }
    let limit = '';
    if (paged && q.pageSize && q.page) {
      params.push(q.pageSize, (q.page - 1) * q.pageSize);
      limit = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
    }
    const rows: (JournalRow & { total: string })[] = await this.db.query(
      `SELECT a.id, a.number, a.sequence_no AS "sequenceNo", a.status, a.submitted_at AS "submittedAt",
              COALESCE(${APPLICANT_NAME}, u.email) AS applicant, o.name AS organization,
              a.territory_code AS "territoryCode", t.name_kk AS "territoryKk", t.name_ru AS "territoryRu",
              a.amount_requested::float8 AS "amountRequested", a.title,
              (SELECT count(*)::int FROM application_members m WHERE m.application_id = a.id) AS "teamSize",
              count(*) OVER () AS total
         FROM applications a
         JOIN users u ON u.id = a.applicant_user_id
         LEFT JOIN persons p ON p.user_id = u.id
         LEFT JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN territories t ON t.code = a.territory_code
        WHERE ${where.join(' AND ')}
        ORDER BY a.sequence_no NULLS LAST, a.created_at ${limit}`,
      params,
    );
    return { rows: rows.map(({ total: _t, ...r }) => r as JournalRow), total: rows[0] ? Number(rows[0].total) : 0 };
  }
}
