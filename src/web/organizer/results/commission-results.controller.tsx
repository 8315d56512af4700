import { WebController } from '../../core/web-controller.decorator';

/** The organizer's commission and results pages: assignment, progress, close, ranking, selection, protocol, publish. */
@WebController('organizer')
export class CommissionResultsPagesController {}
