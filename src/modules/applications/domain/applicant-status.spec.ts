import { applicantStatus, dependsOnPublication } from './applicant-status';
import { APPLICATION_STATUSES } from './application-status';

const nothing = { screeningPublished: false, resultsPublished: false };
const screening = { screeningPublished: true, resultsPublished: false };
const everything = { screeningPublished: true, resultsPublished: true };

describe("the applicant's view of an application's status", () => {
  it.each(['screened_in', 'screened_out'])('shows %s as submitted until the screening is published', (status) => {
    expect(applicantStatus(status, nothing, null)).toBe('submitted');
    expect(applicantStatus(status, screening, null)).toBe(status);
  });

  it.each(['shortlisted', 'not_selected', 'winner'])('shows %s as scored until the results are published', (status) => {
    expect(applicantStatus(status, screening, null)).toBe('scored');
    expect(applicantStatus(status, everything, null)).toBe(status);
  });

  it('shows a team drawn into an arm as it is: the draw is public once run', () => {
    expect(applicantStatus('winner', screening, 'A')).toBe('winner');
    expect(applicantStatus('allocated', screening, 'C')).toBe('allocated');
  });

  it('leaves every other status as stored, published or not', () => {
    const others = APPLICATION_STATUSES.filter((s) => !dependsOnPublication(s));
    expect(others).toEqual([
      'draft',
      'submitted',
      'withdrawn',
      'scored',
      'allocated',
      'contracted',
      'reporting',
      'completed',
      'terminated',
    ]);
    for (const status of others) expect(applicantStatus(status, nothing, null)).toBe(status);
  });
});
