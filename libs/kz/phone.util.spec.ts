import { normalizeKzPhone } from './phone.util';

describe('normalizeKzPhone', () => {
  it.each([
    ['+7 701 234 56 78', '+77012345678'],
    ['+77012345678', '+77012345678'],
    ['8 (701) 234-56-78', '+77012345678'],
    ['87012345678', '+77012345678'],
    ['7012345678', '+77012345678'],
    ['7 701 234 5678', '+77012345678'],
    ['77012345678', '+77012345678'],
    ['+7 (701) 234-56-78', '+77012345678'],
    ['8.701.234.56.78', '+77012345678'],
    ['  +7 777 000 11 22  ', '+77770001122'],
    ['8\u00A0701\u00A0234\u00A056\u00A078', '+77012345678'], // pasted from a document
    ['8 7282 12 34 56', '+77282123456'], // Taldykorgan landline
    ['8 (727) 250-00-00', '+77272500000'], // Almaty landline
    ['+7 7172 55 55 55', '+77172555555'], // Astana landline
    ['(7172) 55-55-55', '+77172555555'],
  ])('normalizes %p to %s', (input, e164) => {
    expect(normalizeKzPhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    [''],
    ['   '],
    ['+'],
    ['701234567'], // 9 digits
    ['870123456789'], // 12 digits
    ['+770123456789'], // too many after +7
    ['+7701234567'], // too few after +7
    ['8 701 234 56 7B'], // letter
    ['8 701 234 56 78 ext 1'],
    ['tel:+77012345678'],
    ['+998 90 123 45 67'], // Uzbekistan
    ['+996 555 123 456'], // Kyrgyzstan
    ['+7 916 123 45 67'], // Russian mobile: same country code, not a Kazakh number
    ['8 (495) 123-45-67'], // Moscow landline
    ['9161234567'], // 10 digits not starting with 7
    ['+87012345678'], // trunk prefix after +
    ['97012345678'], // 11 digits with an unknown leading digit
    ['7+7012345678'], // + in the middle
    ['++77012345678'],
    ['８７０１２３４５６７８'], // full-width digits
    ['8/701/234/56/78'],
  ])('rejects %p', (input) => {
    expect(normalizeKzPhone(input)).toEqual({ ok: false, code: 'PHONE_FORMAT' });
  });
});
