import { WebController } from '../core/web-controller.decorator';

/** Pages of the final report module (filled in by its issue). */
@WebController()
export class FinalReportPagesController {}
