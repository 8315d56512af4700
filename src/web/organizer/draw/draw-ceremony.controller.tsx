import { WebController } from '../../core/web-controller.decorator';

/** The organizer's draw pages: prepare, the ceremony for a projector, cancel, the balance table. */
@WebController('organizer')
export class DrawCeremonyPagesController {}
