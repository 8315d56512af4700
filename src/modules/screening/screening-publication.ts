import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutcomePublications } from '../applications/outcome-publications';
import { ScreeningService } from './screening.service';

/** Tells the applications module which competitions' screening outcome is published (the applicant's view). */
@Injectable()
export class ScreeningPublication implements OnModuleInit {
  constructor(
    private readonly publications: OutcomePublications,
    private readonly screening: ScreeningService,
  ) {}

  onModuleInit(): void {
    this.publications.register('screening', async (ids) => new Set((await this.screening.publishedCounts(ids)).keys()));
  }
}
