import type { FormField } from './rulebook.types';

/**
 * Answers that satisfy every field of a form: for demo data and tests, so both follow the
 * templates as they change instead of hard-coding today's fields.
 */
export function sampleAnswers(
  fields: readonly Pick<FormField, 'key' | 'type' | 'maxLength' | 'min' | 'max' | 'options'>[],
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f.type) {
      case 'text':
      case 'textarea':
        answers[f.key] = 'Ауыл жастарына арналған жоба: кездесулер, шеберханалар, еріктілер акциясы.'.slice(
          0,
          f.maxLength ?? 100,
        );
        break;
      case 'url':
        answers[f.key] = 'https://example.kz/project';
        break;
      case 'number':
      case 'integer':
        answers[f.key] = Math.max(f.min ?? 1, Math.min(f.max ?? 10, 5));
        break;
      case 'date':
        answers[f.key] = '2027-03-01';
        break;
      case 'select':
        answers[f.key] = f.options![0].value;
        break;
      case 'multiselect':
        answers[f.key] = [f.options![0].value];
        break;
      case 'boolean':
        answers[f.key] = true;
        break;
    }
  }
  return answers;
}
