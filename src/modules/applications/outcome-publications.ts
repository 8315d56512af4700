import { Injectable } from '@nestjs/common';
import type { PublishedFacts } from './domain/applicant-status';

/** A step whose outcome is told to applicants at once, for a whole competition. */
export type PublishedStep = 'screening' | 'results';

/** Of these competitions, those whose step is published: one query for them all. */
export type PublishedIn = (competitionIds: string[]) => Promise<Set<string>>;

/**
 * Where the applications module asks whether a competition's screening and results are
 * published. The screening and scoring modules record publication and depend on this one, so
 * they register how to ask them here (in onModuleInit), as the reminder sweeps do.
 */
@Injectable()
export class OutcomePublications {
  private readonly sources = new Map<PublishedStep, PublishedIn>();

  register(step: PublishedStep, publishedIn: PublishedIn): void {
    if (this.sources.has(step)) throw new Error(`publication of ${step} registered twice`);
    this.sources.set(step, publishedIn);
  }

  /** Per competition, what has been published; a step nobody registered is a wiring error, not "unpublished". */
  async of(competitionIds: string[]): Promise<Map<string, PublishedFacts>> {
    const ids = [...new Set(competitionIds)];
    if (ids.length === 0) return new Map();
    const [screening, results] = await Promise.all([this.ask('screening', ids), this.ask('results', ids)]);
    return new Map(ids.map((id) => [id, { screeningPublished: screening.has(id), resultsPublished: results.has(id) }]));
  }

  private ask(step: PublishedStep, ids: string[]): Promise<Set<string>> {
    const publishedIn = this.sources.get(step);
    if (!publishedIn) throw new Error(`nothing registered to tell whether ${step} is published`);
    return publishedIn(ids);
  }
}
