/** What has been told about a competition's applications: the facts the applicant's view depends on. */
export interface PublishedFacts {
  /** The technical screening's outcome is published (ScreeningService.publish). */
  screeningPublished: boolean;
  /** The results are published (ResultsService.publish). */
  resultsPublished: boolean;
}

/** Decisions the organizer may still correct until they are published (application-status: beforeScreeningPublished). */
const SCREENING_OUTCOMES: ReadonlySet<string> = new Set(['screened_in', 'screened_out']);
/** The selection's outcomes, re-runnable until the results are published (beforeResultsPublished). */
const SELECTION_OUTCOMES: ReadonlySet<string> = new Set(['shortlisted', 'not_selected', 'winner']);

/** Whether the status could read differently to the applicant than it is stored, depending on publication. */
export function dependsOnPublication(status: string): boolean {
  return SCREENING_OUTCOMES.has(status) || SELECTION_OUTCOMES.has(status);
}

/**
 * The status the applicant (owner or their organization) is shown: an outcome not yet published
 * reads as the step before it, the last one they were told of. A screening decision before the
 * screening is published is `submitted`; a selection before the results are published is
 * `scored` (scoring closed: the competition's own public status says as much). A team drawn
 * into an arm keeps its status: the draw and its record are public from the moment it runs.
 * Organizers, admins and the commission read the stored status; this is only the applicant's view.
 */
export function applicantStatus(status: string, facts: PublishedFacts, arm: string | null): string {
  if (SCREENING_OUTCOMES.has(status) && !facts.screeningPublished) return 'submitted';
  if (SELECTION_OUTCOMES.has(status) && !facts.resultsPublished && !arm) return 'scored';
  return status;
}
