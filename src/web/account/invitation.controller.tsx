import { WebController } from '../core/web-controller.decorator';

/** Accepting an invitation from the e-mail link (an account is created or attached). */
@WebController('invitations')
export class InvitationPagesController {}
