import { WebController } from '../core/web-controller.decorator';

/** Contract pages: the organizer generates, sends, countersigns and terminates; the winner reads, downloads and uploads the signed copy. */
@WebController()
export class ContractsPagesController {}
