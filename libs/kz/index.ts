export { kzCheckDigit, parseIin, ageOn, makeIin } from './iin.util';
export type { IinError, IinParseResult, Sex } from './iin.util';
export { parseBin, makeBin } from './bin.util';
export type { BinError, BinEntityType, BinOffice, BinParseResult } from './bin.util';
export { normalizeKzPhone } from './phone.util';
export type { PhoneResult } from './phone.util';
export { formatTenge, percentOf } from './money.util';
export { KZ_TIME_ZONE, toZonedIso, formatLocalDateTime, localDate, zonedLocalToUtc } from './time.util';
