import { WebController } from '../../core/web-controller.decorator';

/** The rules form's scoring-side sections: form questions, required documents, criteria, selection, nominations, the draw rule. */
@WebController('organizer')
export class RulesSectionsPagesController {}
