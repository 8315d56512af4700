import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { makeIin } from '../../libs/kz';
import { Actor, systemActor } from '../common/http/actor';
import { ContractsService, ContractSummary } from '../modules/contracts/contracts.service';
import type { SocialFact } from '../modules/final-report/domain/participants';
import { User } from '../modules/identity/entities/user.entity';
import { PaymentsService } from '../modules/payments/payments.service';
import type { SaveReportDto } from '../modules/reports/dto/report.dto';
import { ReportsService, ReportSummary, ReportView } from '../modules/reports/reports.service';
import { SurveysService } from '../modules/surveys/surveys.service';
import type { DemoTime } from './demo-clock';
import type { StoryResult } from './demo-story.service';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const ZONE = 'Asia/Almaty';

/** The survey's batch of the completed project: the form key makes a second run find it instead of making more. */
const SURVEY_FORM_KEY = 'demo-survey-completed-project';
const SURVEY_LINKS = 11;

/**
 * Invented participants of the completed project's events (none of these names belong to anyone
 * in the source documents): women and men, a teenager to a pensioner, with what the list says of them.
 */
const PARTICIPANTS: { fullName: string; female: boolean; age: number; facts: SocialFact[] }[] = [
  { fullName: 'Құрманғалиева Дильназ', female: true, age: 15, facts: [] },
  { fullName: 'Сапарбеков Ернар', female: false, age: 19, facts: ['unemployed'] },
  { fullName: 'Ахметжанова Динара', female: true, age: 39, facts: ['ngo_representative'] },
  { fullName: 'Мұхамеджанов Асхат', female: false, age: 42, facts: ['business'] },
  { fullName: 'Исабекова Лаура', female: true, age: 38, facts: ['public_sector_worker'] },
  { fullName: 'Ковальчук Светлана', female: true, age: 44, facts: ['civil_servant'] },
  { fullName: 'Оразалиев Бекзат', female: false, age: 52, facts: ['disability'] },
  { fullName: 'Тасболатова Гүлнара', female: true, age: 61, facts: ['low_income'] },
  { fullName: 'Петренко Николай', female: false, age: 67, facts: [] },
  { fullName: 'Омарова Жанель', female: true, age: 41, facts: ['unemployed'] },
  { fullName: 'Есенгелдиев Тимур', female: false, age: 29, facts: [] },
  { fullName: 'Сәрсенбаева Камила', female: true, age: 17, facts: [] },
];

/** The survey's answers: most satisfied (4 or 5 on the first question), two not; a few wrote something. */
const SURVEY_ANSWERS: {
  locale: 'kk' | 'ru';
  answers: { overall: number; usefulness: number; organization: number; liked?: string; improve?: string };
}[] = [
  {
    locale: 'kk',
    answers: { overall: 5, usefulness: 5, organization: 4, liked: 'Көршілермен бірге жұмыс істегеніміз ұнады' },
  },
  { locale: 'ru', answers: { overall: 5, usefulness: 4, organization: 5 } },
  {
    locale: 'kk',
    answers: {
      overall: 4,
      usefulness: 4,
      organization: 4,
      improve: 'Кездесулерді кешкі уақытта өткізсе жақсы болар еді',
    },
  },
  {
    locale: 'ru',
    answers: {
      overall: 5,
      usefulness: 5,
      organization: 5,
      liked: 'Понравились мастер-классы и то, что позвали всё село',
    },
  },
  { locale: 'ru', answers: { overall: 4, usefulness: 3, organization: 4 } },
  {
    locale: 'ru',
    answers: { overall: 2, usefulness: 2, organization: 3, improve: 'Об изменении времени сообщили слишком поздно' },
  },
  { locale: 'kk', answers: { overall: 5, usefulness: 4, organization: 4 } },
  {
    locale: 'kk',
    answers: { overall: 4, usefulness: 5, organization: 3, improve: 'Осындай іс-шаралар жиірек болса екен' },
  },
  { locale: 'ru', answers: { overall: 3, usefulness: 3, organization: 2 } },
  {
    locale: 'kk',
    answers: { overall: 5, usefulness: 5, organization: 5, liked: 'Жастар мен қарттардың бірге қатысқаны' },
  },
];

/**
 * The winners' reports and the participants' survey of the mini-grants with published results
 * (issue 17), on the demo's clock after the contracts came into force: the first contract in
 * force reports its interim and final stages — the final financial report returned with a
 * comment on its receipts, answered and resubmitted — both final reports accepted, the tranche
 * waiting for them released and paid (the contract completed, the application too), and its
 * participants answer the survey; the second contract's interim reports are drafts whose due
 * date the organizer moved earlier, so the competition has overdue reports. Every step through
 * the service the API calls, as the winner, the organizer or an anonymous participant would.
 *
 * Idempotent step by step: each report is taken from its status to the next only when it is
 * there; the survey's links are made once (a form key) and a link answered is not answered again.
 */
@Injectable()
export class DemoReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contracts: ContractsService,
    private readonly reports: ReportsService,
    private readonly payments: PaymentsService,
    private readonly surveys: SurveysService,
  ) {}

  async load(stories: StoryResult[], organizerEmail: string, time: DemoTime): Promise<void> {
    const competitionId = stories.find((s) => s.key === 'results')?.competitionId;
    if (!competitionId) return;
    const organizer = await this.actorFor(organizerEmail);
    try {
      const inForce = (await this.contracts.list(competitionId, organizer)).filter((c) =>
        ['active', 'completed'].includes(c.status),
      );
      const [reported, behind] = inForce;
      if (reported) {
        await this.reportedInFull(reported, organizer, time);
        await this.survey(competitionId, reported, organizer, time);
      }
      if (behind?.status === 'active') await this.reportsBehind(behind, organizer, time);
    } finally {
      time.reset();
    }
  }

  /**
   * Interim reports submitted 6 days ago and accepted the next day; the final ones submitted 4
   * days ago, the programmatic accepted, the financial returned (a receipt missing), answered
   * with the receipt and resubmitted, accepted the day before yesterday; the released tranche
   * paid yesterday.
   */
  private async reportedInFull(contract: ContractSummary, organizer: Actor, time: DemoTime): Promise<void> {
    const grantee = await this.granteeOf(contract.applicationId);
    const report = async (stage: 'interim' | 'final', kind: 'programmatic' | 'financial') => {
      const list = await this.reports.listForContract(contract.id, organizer);
      return list.find((r) => r.stage === stage && r.kind === kind);
    };
    if (!(await report('final', 'programmatic'))) return; // a contract in force before reports existed

    for (const kind of ['programmatic', 'financial'] as const) {
      const r = (await report('interim', kind))!;
      if (r.status === 'draft')
        await this.fillAndSubmit(r, 'interim', grantee, time, this.at(6, kind === 'financial' ? 1 : 0));
    }
    for (const kind of ['programmatic', 'financial'] as const) {
      const r = (await report('interim', kind))!;
      if (r.status === 'submitted') await this.accept(r, organizer, time, this.at(5, kind === 'financial' ? 1 : 0));
    }
    for (const kind of ['programmatic', 'financial'] as const) {
      const r = (await report('final', kind))!;
      if (r.status === 'draft')
        await this.fillAndSubmit(r, 'final', grantee, time, this.at(4, kind === 'financial' ? 2 : 0));
    }
    const programmatic = (await report('final', 'programmatic'))!;
    if (programmatic.status === 'submitted') await this.accept(programmatic, organizer, time, this.at(3));
    let financial = (await report('final', 'financial'))!;
    if (financial.status === 'submitted') {
      time.set(this.at(3, 1));
      await this.reports.return(
        financial.id,
        {
          version: financial.version,
          comment: 'Қаржылық есепті толықтырыңыз',
          sections: [
            {
              section: 'receipts',
              comment: '«Іс-шаралар өткізу» жолына чек тіркелмеген: төлем құжатын жүктеңіз',
            },
          ],
        },
        organizer,
      );
      financial = (await report('final', 'financial'))!;
    }
    if (financial.status === 'returned') {
      time.set(this.at(2));
      const view = await this.reports.get(financial.id, grantee);
      await this.receipts(view, grantee, [1]);
      const current = await this.reports.get(financial.id, grantee);
      await this.reports.save(
        financial.id,
        {
          version: current.version,
          lines: (current.content.lines ?? []).map((l) => ({ ...l })),
          answers: [{ section: 'receipts', answer: 'Іс-шаралар жолының чегі тіркелді' }],
        },
        grantee,
      );
      const saved = await this.reports.get(financial.id, grantee);
      await this.reports.submit(financial.id, { version: saved.version }, grantee);
      financial = (await report('final', 'financial'))!;
    }
    if (financial.status === 'resubmitted') await this.accept(financial, organizer, time, this.at(2, 3));
    await this.releasedTranchePaid(contract, organizer, time);
  }

  /** The tranche the final reports released, paid in full yesterday (the contract is then completed). */
  private async releasedTranchePaid(contract: ContractSummary, organizer: Actor, time: DemoTime): Promise<void> {
    const schedule = await this.payments.schedule(contract.id, organizer);
    const tranche = schedule.tranches.find((t) => t.stage === 'final');
    if (!tranche || tranche.status !== 'due' || tranche.remaining <= 0) return;
    const at = this.at(1);
    time.set(at);
    await this.payments.record(
      contract.id,
      {
        tranche: tranche.index,
        amount: tranche.remaining,
        paidOn: this.dayOf(at),
        reference: `ПП ${contract.number}-${tranche.index}`,
        version: schedule.version,
      },
      organizer,
    );
  }

  /** The winner fills the whole report, attaches the receipts (the final financial one without the second line's), submits. */
  private async fillAndSubmit(
    summary: ReportSummary,
    stage: 'interim' | 'final',
    grantee: Actor,
    time: DemoTime,
    at: Date,
  ): Promise<void> {
    time.set(at);
    const view = await this.reports.get(summary.id, grantee);
    const content: Omit<SaveReportDto, 'version'> =
      view.kind === 'programmatic' ? this.programmatic(view, stage) : this.financial(view, stage);
    await this.reports.save(view.id, { version: view.version, ...content }, grantee);
    if (view.kind === 'financial') {
      const lines = (view.financial?.rows ?? []).map((r) => r.line);
      // The final report's first submission forgets the events line's receipt: the organizer returns it.
      await this.receipts(view, grantee, stage === 'final' ? lines.filter((l) => l !== 1) : lines);
    }
    const saved = await this.reports.get(view.id, grantee);
    time.set(new Date(at.getTime() + HOUR));
    await this.reports.submit(view.id, { version: saved.version }, grantee);
  }

  private programmatic(view: ReportView, stage: 'interim' | 'final'): Omit<SaveReportDto, 'version'> {
    const final = stage === 'final';
    const people = final ? PARTICIPANTS : PARTICIPANTS.slice(0, 7);
    const facts: Record<string, [number, number]> = final
      ? { events: [6, 6], participants: [40, 48], publications: [5, 7], partners: [2, 3] }
      : { events: [3, 3], participants: [20, 22], publications: [2, 3], partners: [2, 2] };
    const year = new Date().getUTCFullYear();
    return {
      summary: final
        ? `«${view.projectTitle}» жобасы толық іске асты: жабдық пен материалдар сатып алынды, алты іс-шара өтті — ` +
          'жұмыс тобының жиналыстары, тұрғындармен бірге өткен негізгі іс-шаралар және қорытынды кездесу. ' +
          'Балалар мен ересектер бірге қатысты.'
        : `«${view.projectTitle}» жобасы бойынша жабдық сатып алынды, алғашқы үш іс-шара өтті.`,
      activities: [
        {
          title: 'Жабдық пен материалдар сатып алу',
          planned: true,
          outcome: 'done',
          heldOn: this.dayOf(this.at(8)),
          place: 'Ауылдық клуб',
          participants: 6,
          result: 'Бюджетте көрсетілген жабдық алынды',
        },
        {
          title: 'Тұрғындармен бірге өтетін негізгі іс-шаралар (апта сайын)',
          planned: true,
          outcome: final ? 'done' : 'partly',
          heldOn: this.dayOf(this.at(7)),
          place: 'Ауылдық клуб',
          participants: final ? 30 : 14,
          result: final ? 'Төрт іс-шара өтті' : 'Төрт іс-шараның екеуі өтті',
        },
        ...(final
          ? [
              {
                title: 'Ардагерлермен кездесу',
                planned: false,
                outcome: 'done' as const,
                heldOn: this.dayOf(this.at(5)),
                place: 'Мектептің акт залы',
                participants: 12,
                result: 'Жоспардан тыс: ауыл ардагерлері өздері ұсынды',
              },
            ]
          : []),
      ],
      indicators: view.indicators.map((i) => {
        const [plan, fact] = facts[i.code] ?? [1, 1];
        return { code: i.code, plan, fact, comment: fact > plan ? 'Қатысушылар күтілгеннен көп болды' : null };
      }),
      deviations: final ? 'Ардагерлермен кездесу жоспарда болмаған; шығыстар бюджет шегінде.' : null,
      participants: [
        ...people.map((p, k) => {
          const birth = `${year - p.age}-${String(1 + (k % 12)).padStart(2, '0')}-${String(5 + k).padStart(2, '0')}`;
          return {
            kind: 'person',
            iin: makeIin(birth, p.female ? 'female' : 'male', 9100 + k),
            fullName: p.fullName,
            facts: p.facts,
          };
        }),
        // Schoolchildren who came to the events, counted at the door without names.
        ...(final
          ? [{ kind: 'count', count: 14, gender: 'unknown', ageBand: 'under_13_or_unknown', category: 'children' }]
          : []),
      ],
      beneficiaries: final ? { direct: 26, indirect: 350 } : { direct: 7, indirect: 120 },
    };
  }

  /** Interim: half of every line; final: the rest, the last line a little under its sum. */
  private financial(view: ReportView, stage: 'interim' | 'final'): Omit<SaveReportDto, 'version'> {
    const rows = view.financial?.rows ?? [];
    return {
      lines: rows.map((r, k) => {
        const half = Math.floor(r.approved / 2);
        const spent = stage === 'interim' ? half : r.approved - r.spentBefore - (k === rows.length - 1 ? 3_500 : 0);
        return { line: r.line, spent: Math.max(0, spent) };
      }),
    };
  }

  /** A receipt per budget line: a one-page PDF made on the spot, naming the line and its sum. */
  private async receipts(view: ReportView, grantee: Actor, lines: number[]): Promise<void> {
    const have = new Set(view.attachments.filter((a) => a.kind === 'receipt').map((a) => a.budgetLine));
    for (const row of view.financial?.rows ?? []) {
      if (!lines.includes(row.line) || have.has(row.line)) continue;
      await this.reports.uploadAttachment(
        view.id,
        {
          kind: 'receipt',
          budgetLine: row.line,
          originalName: `chek-${view.stage}-${row.line + 1}.pdf`,
          stream: Readable.from(receiptPdf(`Receipt ${view.contractNumber} / line ${row.line + 1}`, row.approved)),
        },
        grantee,
      );
    }
  }

  private async accept(summary: ReportSummary, organizer: Actor, time: DemoTime, at: Date): Promise<void> {
    time.set(at);
    const current = await this.reports.get(summary.id, organizer);
    await this.reports.accept(summary.id, { version: current.version }, organizer);
  }

  /**
   * The second contract in force: the organizer moved its interim reports earlier (the akimat
   * asked for the figures before its quarterly meeting), the winner began the programmatic one
   * and has not submitted either, so both are overdue since three days ago.
   */
  private async reportsBehind(contract: ContractSummary, organizer: Actor, time: DemoTime): Promise<void> {
    const interim = (await this.reports.listForContract(contract.id, organizer)).filter((r) => r.stage === 'interim');
    const dueOn = this.dayOf(this.at(3));
    for (const summary of interim) {
      const view = await this.reports.get(summary.id, organizer);
      if (view.status !== 'draft' || view.dueOn !== view.scheduledDueOn || view.dueOn <= dueOn) continue;
      time.set(this.at(8));
      await this.reports.changeDueDate(
        view.id,
        {
          version: view.version,
          dueOn,
          reason: 'Аудан әкімдігі аралық көрсеткіштерді тоқсандық отырысқа дейін сұрады',
        },
        organizer,
      );
    }
    const programmatic = interim.find((r) => r.kind === 'programmatic');
    if (!programmatic) return;
    const grantee = await this.granteeOf(contract.applicationId);
    const draft = await this.reports.get(programmatic.id, grantee);
    if (draft.status !== 'draft' || draft.content.summary) return;
    time.set(this.at(5));
    await this.reports.save(
      draft.id,
      {
        version: draft.version,
        summary: 'Жабдық сатып алынды, алғашқы жиналыс өтті. Есеп толтырылып жатыр.',
        activities: [{ title: 'Жұмыс тобының алғашқы жиналысы', planned: true, outcome: 'done', participants: 5 }],
      },
      grantee,
    );
  }

  /**
   * Links for the completed project's participants (the organizer hands them out after the last
   * event), all but one answered through the public answer, in Kazakh or Russian.
   */
  private async survey(
    competitionId: string,
    contract: ContractSummary,
    organizer: Actor,
    time: DemoTime,
  ): Promise<void> {
    const [status] = (await this.contracts.list(competitionId, organizer))
      .filter((c) => c.id === contract.id)
      .map((c) => c.status);
    if (status !== 'completed' && status !== 'active') return;
    const start = this.at(1, 2);
    time.set(start);
    const batch = await this.surveys.createLinks(contract.id, { count: SURVEY_LINKS }, organizer, {
      formKey: SURVEY_FORM_KEY,
    });
    for (const [k, answer] of SURVEY_ANSWERS.entries()) {
      const link = batch.links[k];
      if (!link) break;
      const token = new URL(link.url).pathname.split('/').pop()!;
      if ((await this.surveys.publicSurvey(token)).answered) continue;
      time.set(new Date(start.getTime() + (k + 1) * 40 * 60 * 1000));
      // Anonymous, as anyone opening the link: no account.
      const participant: Actor = { userId: null, isAdmin: false, ip: 'demo', requestId: 'demo', locale: answer.locale };
      await this.surveys.submit(token, { answers: { ...answer.answers } }, participant);
    }
  }

  private async granteeOf(applicationId: string): Promise<Actor> {
    const [row]: { email: string }[] = await this.db.query(
      `SELECT u.email FROM applications a JOIN users u ON u.id = a.applicant_user_id WHERE a.id = $1`,
      [applicationId],
    );
    return this.actorFor(row.email);
  }

  private async actorFor(email: string): Promise<Actor> {
    const user = await this.db.getRepository(User).findOneByOrFail({ email });
    return { ...systemActor('demo'), userId: user.id, isAdmin: false, locale: user.locale };
  }

  private dayOf(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(at);
  }

  /** 11:00 in Kazakhstan `days` days ago, plus `hours`. */
  private at(days: number, hours = 0): Date {
    const at = new Date(Date.now() - days * DAY);
    at.setUTCHours(6, 0, 0, 0);
    return new Date(at.getTime() + hours * HOUR);
  }
}

/** A one-page PDF with a line of text and a sum (Helvetica, ASCII): small, and a real document to open. */
export function receiptPdf(title: string, amount: number): Buffer {
  const text = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 14 Tf 40 120 Td (${text(title)}) Tj 0 -24 Td (Total: ${amount.toLocaleString('en-US')} KZT) Tj ET`;
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    `<</Length ${stream.length}>>stream\n${stream}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj${o}endobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
