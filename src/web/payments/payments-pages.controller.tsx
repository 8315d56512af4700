import { WebController } from '../core/web-controller.decorator';

/** Pages of the payments module (filled in by its issue). */
@WebController()
export class PaymentsPagesController {}
