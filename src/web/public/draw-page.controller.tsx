import { Get, Param, Req, Res } from '@nestjs/common';
import { EnvironmentVariables } from '../../../config/env.validation';
import { NotFoundAppException } from '../../common/errors/app.exception';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { Public } from '../../modules/access/access.decorators';
import { AllocationService } from '../../modules/allocation/allocation.service';
import { CompetitionsService } from '../../modules/competitions/competitions.service';
import { TerritoriesService } from '../../modules/territories/territories.service';
import { WebController } from '../core/web-controller.decorator';
import { WebPages } from '../core/web-pages.service';
import type { WebReply, WebRequest } from '../core/web-request';
import { CancelledDrawPage, DrawBalance, DrawPage, PublishedDraw } from './draw-page.view';

/**
 * A competition's draw for anyone (LOTTERY.md): before it, the commitment, the frozen pool and
 * the arms; after it, the seed, the public entropy, every arm and the balance table; and the
 * check that re-computes the draw in the browser. The page shows what the public record says.
 */
@WebController('draws')
export class DrawPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly allocation: AllocationService,
    private readonly competitions: CompetitionsService,
    private readonly territories: TerritoriesService,
    private readonly env: EnvironmentVariables,
  ) {}

  @Get(':competitionId')
  @Public()
  async show(
    @Req() request: WebRequest,
    @Res() reply: WebReply,
    @Param('competitionId', uuidPipe) competitionId: string,
  ): Promise<void> {
    await this.pages.renderPublic(request, reply, async (ctx) => {
      const competition = await this.competitions.find(competitionId);
      if (!competition) throw new NotFoundAppException('draw');
      // No prepared (or drawn) draw: the not-found page, unless a preparation was cancelled, whose
      // published commitment stays in view until the next one.
      const record = (await this.allocation.record(competitionId).catch(async (error: unknown) => {
        if (!(error instanceof NotFoundAppException)) throw error;
        const cancelled = await this.allocation.cancelledPreparations(competitionId);
        if (cancelled.length === 0) throw error;
        return { cancelled };
      })) as PublishedDraw | { cancelled: PublishedDraw['cancelled'] };
      if (!('status' in record)) {
        return (
          <CancelledDrawPage
            ctx={ctx}
            title={{ kk: competition.titleKk, ru: competition.titleRu }}
            cancelled={record.cancelled}
            timeZone={competition.timeZone}
          />
        );
      }
      const drawn = record.status === 'drawn';
      const balance: DrawBalance | null = drawn ? await this.allocation.balance(competitionId) : null;
      const meaning = this.competitions.rulebookOf(competition).draw?.armMeaning ?? {};
      const armMeaning = Object.fromEntries(
        Object.entries(meaning).map(([code, text]) => [code, text?.[ctx.locale] ?? '']),
      );
      const stratumNames: Record<string, string> =
        record.stratumAttribute === 'region'
          ? Object.fromEntries((await this.territories.list()).map((t) => [t.code, t.name[ctx.locale]]))
          : {};
      const recordPath = `/api/v1/public/draws/${competitionId}`;
      return (
        <DrawPage
          ctx={ctx}
          record={record}
          balance={balance}
          timeZone={competition.timeZone}
          armMeaning={armMeaning}
          stratumNames={stratumNames}
          recordPath={recordPath}
          recordUrl={`${this.env.PUBLIC_URL.replace(/\/+$/, '')}${recordPath}`}
        />
      );
    });
  }
}
