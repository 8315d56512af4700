import { WebController } from '../core/web-controller.decorator';

/** Operations: failed e-mails with their retry, the audit chain check. */
@WebController('operations')
export class OperationsPagesController {}
