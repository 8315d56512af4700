import { ValidationOptions } from 'class-validator';
import { normalizeKzPhone, parseBin, parseIin } from '../../../libs/kz';
import { CodedCheck } from './coded-constraint';

export const IsIin = (options?: ValidationOptions) =>
  CodedCheck(
    (v) =>
      typeof v !== 'string'
        ? 'NOT_STRING'
        : (() => {
            const r = parseIin(v);
            return r.ok ? null : r.code;
          })(),
    options,
  );

export const IsBin = (options?: ValidationOptions) =>
  CodedCheck(
    (v) =>
      typeof v !== 'string'
        ? 'NOT_STRING'
        : (() => {
            const r = parseBin(v);
            return r.ok ? null : r.code;
          })(),
    options,
  );

export const IsKzPhone = (options?: ValidationOptions) =>
  CodedCheck((v) => (typeof v !== 'string' ? 'NOT_STRING' : normalizeKzPhone(v).ok ? null : 'PHONE_FORMAT'), options);

/** A calendar date that exists, as YYYY-MM-DD. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  CodedCheck((v) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'INVALID_DATE';
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? null : 'INVALID_DATE';
  }, options);
