import ExcelJS from 'exceljs';
import type { Locale } from '../../common/i18n/i18n';
import type { EducationStatus } from '../identity/entities/person.entity';
import type { Month } from './domain/stipends';
import type { StipendRegister } from './stipends.service';

const MONTHS: Record<Locale, string[]> = {
  kk: [
    'қаңтар',
    'ақпан',
    'наурыз',
    'сәуір',
    'мамыр',
    'маусым',
    'шілде',
    'тамыз',
    'қыркүйек',
    'қазан',
    'қараша',
    'желтоқсан',
  ],
  ru: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
};

/** `2026 ж. шілде` / `июль 2026 г.` */
export function monthInWords(month: Month, locale: Locale): string {
  const [year, m] = month.split('-').map(Number);
  const name = MONTHS[locale][m - 1];
  return locale === 'ru' ? `${name} ${year} г.` : `${year} ж. ${name}`;
}

const EDUCATION: Record<Locale, Record<EducationStatus, string>> = {
  kk: {
    school_leaver: 'Мектеп түлегі',
    college_student: 'Колледж студенті',
    university_student: 'Жоғары оқу орнының студенті',
    college_graduate: 'Колледж түлегі',
    university_graduate: 'Жоғары оқу орнының түлегі',
    other: 'Басқа',
  },
  ru: {
    school_leaver: 'Выпускник школы',
    college_student: 'Студент колледжа',
    university_student: 'Студент вуза',
    college_graduate: 'Выпускник колледжа',
    university_graduate: 'Выпускник вуза',
    other: 'Другое',
  },
};

const TEXT = {
  kk: {
    sheet: 'Стипендиялар',
    title: (month: string) => `Әлеуметтік стипендиялар тізілімі: ${month}`,
    period: (from: string, to: string) => `Жоба кезеңі: ${from} – ${to}`,
    rates: (students: string, graduates: string) =>
      `Айлық мөлшері: мектеп түлектеріне, колледж және ЖОО студенттеріне — ${students} ₸; колледж және ЖОО түлектеріне — ${graduates} ₸`,
    headers: ['№', 'Өтінім нөмірі', 'Жоба (топ)', 'Тобы', 'Өңір', 'Аты-жөні', 'ЖСН', 'Білімі', 'Сомасы, ₸'],
    total: 'Барлығы',
    byArm: 'Топтар бойынша жиыны',
    byRegion: 'Өңірлер бойынша жиыны',
    totalsHeaders: (what: string) => [what, 'Адам саны', 'Сомасы, ₸'],
    arm: 'Тобы',
    region: 'Өңір',
    armName: (arm: string | null) => (arm ? `${arm} тобы` : 'Жеребесіз'),
    noRegion: 'Көрсетілмеген',
    outside: 'Бұл ай жоба кезеңіне кірмейді: тізілім бос.',
    noPeriod: 'Жоба кезеңі әлі белгісіз (ол жеребеден кейінгі айдан басталады): тізілім бос.',
    empty: 'Бұл айда стипендия алатын қатысушы жоқ.',
    unstated: (n: number) => `Білімі көрсетілмеген қатысушылар (стипендия есептелмеді): ${n}`,
    accountant: 'Бас есепші',
    responsible: 'Жауапты тұлға',
    date: '«____» ______________ 20____ ж.',
  },
  ru: {
    sheet: 'Стипендии',
    title: (month: string) => `Реестр социальных стипендий за ${month}`,
    period: (from: string, to: string) => `Период проекта: ${from} – ${to}`,
    rates: (students: string, graduates: string) =>
      `Размер в месяц: выпускникам школ, студентам колледжей и вузов — ${students} ₸; выпускникам колледжей и вузов — ${graduates} ₸`,
    headers: ['№', 'Номер заявки', 'Проект (группа)', 'Группа', 'Регион', 'ФИО', 'ИИН', 'Образование', 'Сумма, ₸'],
    total: 'Итого',
    byArm: 'Итого по группам',
    byRegion: 'Итого по регионам',
    totalsHeaders: (what: string) => [what, 'Человек', 'Сумма, ₸'],
    arm: 'Группа',
    region: 'Регион',
    armName: (arm: string | null) => (arm ? `Группа ${arm}` : 'Без жеребьёвки'),
    noRegion: 'Не указан',
    outside: 'Этот месяц не входит в период проекта: реестр пуст.',
    noPeriod: 'Период проекта ещё не известен (он начинается с месяца после жеребьёвки): реестр пуст.',
    empty: 'В этом месяце стипендию не получает никто.',
    unstated: (n: number) => `Участники без указанного образования (стипендия не начислена): ${n}`,
    accountant: 'Главный бухгалтер',
    responsible: 'Ответственное лицо',
    date: '«____» ______________ 20____ г.',
  },
} as const;

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, '\u00a0');
}

/**
 * The monthly register as an accountant prints and signs it: who is paid how much, with totals
 * per arm and per region and the grand total (a SUM formula over the amounts), then signatures.
 */
export async function registerWorkbook(
  register: StipendRegister,
  locale: Locale,
  organizer: string | null,
): Promise<Buffer> {
  const x = TEXT[locale];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'grants';
  const sheet = workbook.addWorksheet(x.sheet);
  const columns = x.headers.length;
  const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
    const row = sheet.addRow([text]);
    row.font = font;
    sheet.mergeCells(row.number, 1, row.number, columns);
    row.alignment = { wrapText: true, vertical: 'top' };
    return row;
  };
  if (organizer) line(organizer, { bold: true });
  line(x.title(monthInWords(register.month, locale)), { bold: true, size: 13 });
  line(locale === 'ru' ? register.title.ru : register.title.kk);
  if (register.period)
    line(x.period(monthInWords(register.period.first, locale), monthInWords(register.period.last, locale)));
  line(x.rates(grouped(register.rates.schoolLeaverAndStudents), grouped(register.rates.graduates))).height = 30;
  if (!register.withinProject)
    line(register.period ? x.outside : x.noPeriod, { bold: true, color: { argb: 'FFB00020' } });
  sheet.addRow([]);

  const header = sheet.addRow([...x.headers]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => (cell.fill = GREY));
  const first = header.number + 1;
  register.rows.forEach((r, i) => {
    const row = sheet.addRow([
      i + 1,
      r.number ?? '',
      r.team ?? '',
      r.arm ?? '',
      register.byRegion.find((g) => g.code === r.regionCode)?.name?.[locale] ?? r.regionCode ?? '',
      r.fullName,
      r.iin,
      EDUCATION[locale][r.educationStatus],
      r.amount,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(7).numFmt = '@';
  });
  const last = sheet.rowCount;
  if (register.rows.length === 0 && register.withinProject) {
    const row = sheet.addRow(['', x.empty]);
    row.font = { italic: true };
    sheet.mergeCells(row.number, 2, row.number, columns);
  }
  const totals = sheet.addRow([
    x.total,
    '',
    '',
    '',
    '',
    register.total.people,
    '',
    '',
    register.rows.length ? { formula: `SUM(I${first}:I${last})`, result: register.total.amount } : 0,
  ]);
  totals.font = { bold: true };
  sheet.mergeCells(totals.number, 1, totals.number, 5);
  for (let row = header.number; row <= totals.number; row++) {
    for (let column = 1; column <= columns; column++) sheet.getCell(row, column).border = BORDER;
  }

  // The summaries keep the main table's columns: the label across A–E, people in F, tenge in I.
  const summaryRow = (label: string, people: number | string, amount: number | string) => {
    const row = sheet.addRow([label, '', '', '', '', people, '', '', amount]);
    sheet.mergeCells(row.number, 1, row.number, 5);
    sheet.mergeCells(row.number, 7, row.number, 8);
    return row;
  };
  const summary = (title: string, what: string, lines: [string, number, number][]) => {
    sheet.addRow([]);
    sheet.addRow([title]).font = { bold: true };
    const [label, people, amount] = x.totalsHeaders(what);
    const head = summaryRow(label, people, amount);
    head.font = { bold: true };
    head.eachCell((cell) => (cell.fill = GREY));
    for (const l of lines) summaryRow(...l);
    const end = summaryRow(x.total, register.total.people, register.total.amount);
    end.font = { bold: true };
    for (let row = head.number; row <= end.number; row++) {
      for (let column = 1; column <= columns; column++) sheet.getCell(row, column).border = BORDER;
    }
  };
  summary(
    x.byArm,
    x.arm,
    register.byArm.map((g) => [x.armName(g.arm), g.people, g.amount]),
  );
  summary(
    x.byRegion,
    x.region,
    register.byRegion.map((g) => [g.name?.[locale] ?? g.code ?? x.noRegion, g.people, g.amount]),
  );

  if (register.unstated.length) {
    sheet.addRow([]);
    line(x.unstated(register.unstated.length), { bold: true });
    for (const u of register.unstated) line(`${u.number ?? ''} — ${u.fullName}`);
  }
  sheet.addRow([]);
  sheet.addRow([]);
  sheet.addRow([`${x.accountant}: ____________________ / ______________________________ /`]);
  sheet.addRow([]);
  sheet.addRow([`${x.responsible}: ____________________ / ______________________________ /`]);
  sheet.addRow([x.date]);

  sheet.getColumn(9).numFmt = '#,##0';
  sheet.getColumn(2).numFmt = '@';
  [6, 16, 30, 8, 24, 28, 15, 30, 13].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
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
