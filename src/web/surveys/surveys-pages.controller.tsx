import { WebController } from '../core/web-controller.decorator';

/** Pages of the surveys module (filled in by its issue). */
@WebController()
export class SurveysPagesController {}
