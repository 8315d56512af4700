import { Injectable } from '@nestjs/common';

/** Time is a dependency: tests swap it to cross a deadline instead of sleeping. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
