/**
 * Whole tenge written out in words, as a contract states its sums (тек жазумен / прописью):
 * 345 000 → «үш жүз қырық бес мың» / «триста сорок пять тысяч». Up to 999 999 999 999.
 */

const KK_UNITS = ['', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз'];
const KK_TENS = ['', 'он', 'жиырма', 'отыз', 'қырық', 'елу', 'алпыс', 'жетпіс', 'сексен', 'тоқсан'];
const KK_SCALES = ['', 'мың', 'миллион', 'миллиард'];

const RU_UNITS_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_UNITS_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const RU_TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const RU_HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];
/** one / few / many forms; thousands are feminine. */
const RU_SCALES: { forms: [string, string, string]; feminine: boolean }[] = [
  { forms: ['', '', ''], feminine: false },
  { forms: ['тысяча', 'тысячи', 'тысяч'], feminine: true },
  { forms: ['миллион', 'миллиона', 'миллионов'], feminine: false },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], feminine: false },
];

const MAX = 999_999_999_999;

function groupsOf(amount: number): number[] {
  const groups: number[] = [];
  let rest = amount;
  while (rest > 0) {
    groups.push(rest % 1000);
    rest = Math.floor(rest / 1000);
  }
  return groups;
}

function kkTriple(n: number): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  if (h) words.push(KK_UNITS[h], 'жүз');
  if (t) words.push(KK_TENS[t]);
  if (u) words.push(KK_UNITS[u]);
  return words;
}

function ruPlural(n: number, forms: [string, string, string]): string {
  const mod100 = n % 100;
  const mod10 = n % 10;
  if (mod100 >= 11 && mod100 <= 14) return forms[2];
  if (mod10 === 1) return forms[0];
  if (mod10 >= 2 && mod10 <= 4) return forms[1];
  return forms[2];
}

function ruTriple(n: number, feminine: boolean): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  if (h) words.push(RU_HUNDREDS[h]);
  if (t === 1) words.push(RU_TEENS[u]);
  else {
    if (t) words.push(RU_TENS[t]);
    if (u) words.push((feminine ? RU_UNITS_F : RU_UNITS_M)[u]);
  }
  return words;
}

export function amountInWords(amount: number, locale: 'kk' | 'ru'): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX)
    throw new RangeError(`amount must be a whole number of tenge from 0 to ${MAX}, got ${amount}`);
  if (amount === 0) return locale === 'kk' ? 'нөл' : 'ноль';
  const groups = groupsOf(amount);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const n = groups[i];
    if (!n) continue;
    if (locale === 'kk') {
      words.push(...kkTriple(n));
      if (KK_SCALES[i]) words.push(KK_SCALES[i]);
    } else {
      const scale = RU_SCALES[i];
      words.push(...ruTriple(n, scale.feminine));
      if (i > 0) words.push(ruPlural(n, scale.forms));
    }
  }
  return words.join(' ');
}
