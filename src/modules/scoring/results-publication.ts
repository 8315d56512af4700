import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutcomePublications } from '../applications/outcome-publications';
import { ResultsService } from './results.service';

/** Tells the applications module which competitions' results are published (the applicant's view). */
@Injectable()
export class ResultsPublication implements OnModuleInit {
  constructor(
    private readonly publications: OutcomePublications,
    private readonly results: ResultsService,
  ) {}

  onModuleInit(): void {
    this.publications.register('results', async (ids) => new Set((await this.results.publishedSummaries(ids)).keys()));
  }
}
