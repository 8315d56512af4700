import type { StoryResult } from './demo-story.service';

/** What `cli demo` prints about each story competition: who signs in, and the pages to open. */
export function describeStories(stories: StoryResult[], publicUrl: string): string[] {
  const base = publicUrl.replace(/\/$/, '');
  const lines: string[] = [];
  for (const s of stories) {
    const state = s.created ? 'made now' : 'already there';
    const page = (path: string) => `${base}${path.replace(':id', s.competitionId)}`;
    switch (s.key) {
      case 'results':
        lines.push(
          `  mini-grants with published results and contracts (${state}), winners mini-grants-results-1..8@demo.kz:`,
          `    page       ${page('/competitions/:id')}`,
          `    contracts  ${page('/organizer/competitions/:id/contracts')} (a draft, sent, signed, in force, completed)`,
          `    reports    ${page('/organizer/competitions/:id/reports')} (one project reported in full, one overdue)`,
          `    survey     ${page('/organizer/competitions/:id/survey')}; participants answer at ${base}/s`,
          `    final      ${page('/organizer/competitions/:id/final-report')}`,
          `    ranking    ${page('/api/v1/competitions/:id/ranking')}`,
          `    protocol   ${page('/api/v1/competitions/:id/protocol.docx?lang=kk')} (or ru)`,
        );
        break;
      case 'draw':
        lines.push(
          `  youth micro-projects with a finished draw (${state}), teams youth-draw-{1,2,4,5,7,8}@demo.kz and host@demo.kz (Pavlodar's three):`,
          `    page       ${page('/draws/:id')}`,
          `    contracts  ${page('/organizer/competitions/:id/contracts')} (arms A and B)`,
          `    stipends   ${page('/organizer/competitions/:id/stipends')}`,
          `    mentors    ${page('/organizer/competitions/:id/mentors')}; mentor@demo.kz, mentor2@demo.kz at ${base}/mentor`,
          `    verify     npm run draw:verify -- ${page('/api/v1/public/draws/:id')}`,
        );
        break;
      case 'scoring':
        lines.push(
          `  mini-grants in the middle of scoring (${state}): expert@demo.kz has a queue to score`,
          `    commission ${page('/commission/:id')}`,
          `    organizer  ${page('/organizer/competitions/:id')}`,
        );
        break;
      case 'short-term':
        lines.push(
          `  «Сәтті қадам» with 3 winners (${state}), applicants satti-qadam-1..6@demo.kz:`,
          `    awards     ${page('/organizer/competitions/:id/awards')} (the first place handed over)`,
          `    contracts  ${page('/organizer/competitions/:id/contracts')}`,
          `    winners    ${page('/competitions/:id/winners')}`,
        );
        break;
      case 'volunteers':
        lines.push(
          `  volunteer awards with winners in 4 nominations (${state}), volunteers volunteer-1..7@demo.kz:`,
          `    awards     ${page('/organizer/competitions/:id/awards')}`,
          `    winners    ${page('/competitions/:id/winners')}`,
        );
        break;
    }
  }
  return lines;
}
