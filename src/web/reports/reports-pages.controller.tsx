import { WebController } from '../core/web-controller.decorator';

/** Pages of the reports module (filled in by its issue). */
@WebController()
export class ReportsPagesController {}
