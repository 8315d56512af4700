import { WebController } from '../../core/web-controller.decorator';

/** The organizer's set-up pages: create from a template, the rules form, open, move the deadline. */
@WebController('organizer')
export class CompetitionSetupPagesController {}
