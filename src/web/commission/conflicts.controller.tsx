import { WebController } from '../core/web-controller.decorator';

/** A commission member declares conflicts and confirms or dismisses the suggested ones. */
@WebController('commission')
export class ConflictPagesController {}
