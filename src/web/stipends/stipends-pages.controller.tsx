import { WebController } from '../core/web-controller.decorator';

/** Stipend pages: the organizer's monthly register of social stipends. */
@WebController()
export class StipendsPagesController {}
