import { WebController } from '../../core/web-controller.decorator';

/** The organizer's team pages: invite organizers, commission members and mentors; who accepted. */
@WebController('organizer')
export class MembersPagesController {}
