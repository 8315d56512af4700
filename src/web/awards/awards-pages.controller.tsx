import { WebController } from '../core/web-controller.decorator';

/** Awards pages: the organizer records winners' prizes, prints the winners list and the transfer act, records the handover; the public winners list. */
@WebController()
export class AwardsPagesController {}
