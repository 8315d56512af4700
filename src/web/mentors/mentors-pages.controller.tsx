import { WebController } from '../core/web-controller.decorator';

/** Mentor pages: the organizer assigns mentors and sees who is behind; the mentor logs meetings from a phone. */
@WebController()
export class MentorsPagesController {}
