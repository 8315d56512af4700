import { WebController } from '../core/web-controller.decorator';

/** Pages of the training module (filled in by its issue). */
@WebController()
export class TrainingPagesController {}
