import Ajv from 'ajv';
import { buildAnswersSchema, clearAnswersSchemaCache, validateAnswers } from './answers-schema';
import { COMPETITION_TEMPLATES } from './competition-templates';
import type { FieldOption, FormField } from './rulebook.types';

const option = (value: string): FieldOption => ({ value, label: { kk: value, ru: value } });
const label = (text: string) => ({ kk: text, ru: text });

const FIELDS: FormField[] = [
  { key: 'goal', label: label('Мақсат'), type: 'textarea', required: true, maxLength: 20 },
  { key: 'summary', label: label('Қысқаша'), type: 'text', required: false, maxLength: 10 },
  { key: 'budgetShare', label: label('Үлес'), type: 'number', required: false, min: 0, max: 100 },
  { key: 'durationMonths', label: label('Ай'), type: 'integer', required: true, min: 1, max: 5 },
  { key: 'startDate', label: label('Күні'), type: 'date', required: true },
  { key: 'website', label: label('Сайт'), type: 'url', required: false },
  {
    key: 'format',
    label: label('Пішім'),
    type: 'select',
    required: true,
    options: [option('online'), option('offline')],
  },
  {
    key: 'audiences',
    label: label('Аудитория'),
    type: 'multiselect',
    required: false,
    max: 2,
    options: [option('youth'), option('elderly'), option('children')],
  },
  { key: 'consent', label: label('Келісім'), type: 'boolean', required: true },
];
const rulebook = { fields: FIELDS };

const COMPLETE = {
  goal: 'Аулаға орындық қою',
  budgetShare: 12.5,
  durationMonths: 3,
  startDate: '2026-07-01',
  website: 'https://example.kz/joba',
  format: 'offline',
  audiences: ['youth', 'elderly'],
  consent: false,
};

describe('validateAnswers', () => {
  it('accepts complete answers in both modes', () => {
    expect(validateAnswers(rulebook, COMPLETE, 'submit')).toEqual([]);
    expect(validateAnswers(rulebook, COMPLETE, 'draft')).toEqual([]);
  });

  it('lets a draft miss required answers; a submit names each of them, in form order', () => {
    expect(validateAnswers(rulebook, {}, 'draft')).toEqual([]);
    expect(validateAnswers(rulebook, {}, 'submit')).toEqual([
      { field: 'answers.goal', code: 'REQUIRED' },
      { field: 'answers.durationMonths', code: 'REQUIRED' },
      { field: 'answers.startDate', code: 'REQUIRED' },
      { field: 'answers.format', code: 'REQUIRED' },
      { field: 'answers.consent', code: 'REQUIRED' },
    ]);
  });

  it('treats null, blank text and an empty list as not answered', () => {
    const cleared = { ...COMPLETE, goal: '   ', format: null, audiences: [], summary: '' };
    expect(validateAnswers(rulebook, cleared, 'draft')).toEqual([]);
    expect(validateAnswers(rulebook, cleared, 'submit')).toEqual([
      { field: 'answers.goal', code: 'REQUIRED' },
      { field: 'answers.format', code: 'REQUIRED' },
    ]);
  });

  it('checks the values that are there even in a draft, one problem per value', () => {
    const answers = {
      goal: 123,
      budgetShare: '12',
      durationMonths: 2.5,
      startDate: '2026-02-30',
      website: 'ftp://example.kz',
      format: 'hybrid',
      audiences: ['youth', 'pets'],
      consent: 'yes',
      favouriteColour: 'blue',
    };
    const problems = [
      { field: 'answers.goal', code: 'NOT_STRING' },
      { field: 'answers.budgetShare', code: 'NOT_NUMBER' },
      { field: 'answers.durationMonths', code: 'NOT_INTEGER' },
      { field: 'answers.startDate', code: 'INVALID_DATE' },
      { field: 'answers.website', code: 'INVALID_URL' },
      { field: 'answers.format', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'online, offline' } },
      { field: 'answers.audiences[1]', code: 'NOT_ALLOWED_VALUE', params: { allowed: 'youth, elderly, children' } },
      { field: 'answers.consent', code: 'NOT_BOOLEAN' },
      { field: 'answers.favouriteColour', code: 'UNKNOWN_FIELD', params: { field: 'favouriteColour' } },
    ];
    expect(validateAnswers(rulebook, answers, 'draft')).toEqual(problems);
    expect(validateAnswers(rulebook, answers, 'submit')).toEqual(problems);
  });

  it('states the limit that was crossed', () => {
    expect(
      validateAnswers(
        rulebook,
        { goal: 'ж'.repeat(21), summary: 'ж'.repeat(10), durationMonths: 6, budgetShare: -1 },
        'draft',
      ),
    ).toEqual([
      { field: 'answers.goal', code: 'TOO_LONG', params: { limit: 20 } },
      { field: 'answers.budgetShare', code: 'TOO_SMALL', params: { limit: 0 } },
      { field: 'answers.durationMonths', code: 'TOO_LARGE', params: { limit: 5 } },
    ]);
    expect(validateAnswers(rulebook, { durationMonths: 0 }, 'draft')).toEqual([
      { field: 'answers.durationMonths', code: 'TOO_SMALL', params: { limit: 1 } },
    ]);
  });

  it('multiselect: items checked one by one, repeats and too many choices refused', () => {
    expect(validateAnswers(rulebook, { audiences: ['youth', 'elderly', 'youth'] }, 'draft')).toEqual([
      { field: 'answers.audiences', code: 'TOO_MANY_ITEMS', params: { limit: 2 } },
      { field: 'answers.audiences[2]', code: 'DUPLICATE_ITEMS' },
    ]);
    expect(validateAnswers(rulebook, { audiences: ['youth', 7] }, 'draft')).toEqual([
      { field: 'answers.audiences[1]', code: 'NOT_STRING' },
    ]);
    expect(validateAnswers(rulebook, { audiences: 'youth' }, 'draft')).toEqual([
      { field: 'answers.audiences', code: 'NOT_ARRAY' },
    ]);
  });

  it('urls must be http(s) links to a host', () => {
    for (const good of ['https://example.kz', 'http://example.kz/a?b=c', 'https://instagram.com/reel/abc']) {
      expect(validateAnswers(rulebook, { website: good }, 'draft')).toEqual([]);
    }
    for (const bad of ['example.kz', 'javascript:alert(1)', 'https://exa mple.kz', 'mailto:a@b.kz']) {
      expect(validateAnswers(rulebook, { website: bad }, 'draft')).toEqual([
        { field: 'answers.website', code: 'INVALID_URL' },
      ]);
    }
  });

  it('answers must be an object', () => {
    for (const bad of [null, [], 'text', 5])
      expect(validateAnswers(rulebook, bad, 'draft')).toEqual([{ field: 'answers', code: 'NOT_OBJECT' }]);
  });

  it('every template form compiles and accepts an empty draft', () => {
    for (const template of COMPETITION_TEMPLATES) {
      expect(validateAnswers(template.rulebook, {}, 'draft')).toEqual([]);
      const required = template.rulebook.fields
        .filter((f) => f.required)
        .map((f) => ({ field: `answers.${f.key}`, code: 'REQUIRED' }));
      expect(validateAnswers(template.rulebook, {}, 'submit')).toEqual(required);
    }
  });
});

describe('buildAnswersSchema', () => {
  it('lists required keys only for a submit, and refuses extra keys', () => {
    const fields = FIELDS.slice(6, 8);
    expect(buildAnswersSchema(fields, 'draft')).toEqual({
      type: 'object',
      properties: {
        format: { type: 'string', enum: ['online', 'offline'] },
        audiences: {
          type: 'array',
          items: { type: 'string', enum: ['youth', 'elderly', 'children'] },
          uniqueItems: true,
          maxItems: 2,
        },
      },
      required: [],
      additionalProperties: false,
    });
    expect(buildAnswersSchema(fields, 'submit').required).toEqual(['format']);
  });
});

describe('compiled schema cache', () => {
  let compile: jest.SpyInstance;
  beforeEach(() => {
    clearAnswersSchemaCache();
    compile = jest.spyOn(Ajv.prototype, 'compile');
  });
  afterEach(() => compile.mockRestore());

  it('compiles once for 5 000 submits of the same form, even from fresh copies of the rulebook', () => {
    for (let i = 0; i < 5000; i += 1) {
      const loaded = structuredClone(rulebook); // as if read from the database each time
      expect(validateAnswers(loaded, COMPLETE, 'submit')).toEqual([]);
    }
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('compiles again only for another mode or a changed form', () => {
    validateAnswers(rulebook, COMPLETE, 'submit');
    validateAnswers(rulebook, COMPLETE, 'draft');
    validateAnswers({ fields: [...FIELDS] }, COMPLETE, 'draft');
    expect(compile).toHaveBeenCalledTimes(2);
    const changed = structuredClone(FIELDS);
    changed[0].maxLength = 30;
    expect(validateAnswers({ fields: changed }, { goal: 'ж'.repeat(25) }, 'draft')).toEqual([]);
    expect(compile).toHaveBeenCalledTimes(3);
  });
});
