import { createHash } from 'node:crypto';

/** QuickBooks keeps at most 11 characters in an invoice's or sales order's RefNumber. */
export const REF_NUMBER_MAX_LENGTH = 11;

const PRINTABLE_ASCII = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const HASH_LENGTH = 9;

/**
 * The RefNumber asked of QuickBooks for a task number. A number that fits is sent as it
 * is; a longer one (or one QuickBooks could not store as typed) becomes its first letter,
 * a dash and 9 base-36 characters of a hash of the whole number: the same task always
 * gets the same number, and two tasks practically never share one. Cutting the number
 * to 11 characters instead would give `F0000012345` to every task `F00000123456x`.
 *
 * `attempt` > 0 gives another candidate for the rare number already used by another task.
 */
export function refNumberCandidate(taskNumber: string, attempt = 0): string {
  const number = taskNumber.trim();
  if (attempt === 0 && fitsAsIs(number)) return number;

  const salted = attempt === 0 ? number : `${number}#${attempt}`;
  const digest = createHash('sha256').update(salted, 'utf8').digest();
  const value = BigInt(`0x${digest.subarray(0, 8).toString('hex')}`);
  const code = value
    .toString(36)
    .toUpperCase()
    .padStart(HASH_LENGTH, '0')
    .slice(-HASH_LENGTH);
  return `${prefixOf(number)}-${code}`;
}

function fitsAsIs(number: string): boolean {
  return (
    number.length > 0 &&
    number.length <= REF_NUMBER_MAX_LENGTH &&
    PRINTABLE_ASCII.test(number)
  );
}

function prefixOf(number: string): string {
  const first = number.charAt(0).toUpperCase();
  return /^[A-Z0-9]$/.test(first) ? first : 'T';
}

/**
 * The first candidate not used by another task of the company. `isTaken` checks the
 * numbers already asked for or held by the company's other exports.
 */
export async function chooseRefNumber(
  taskNumber: string,
  isTaken: (candidate: string) => Promise<boolean>,
): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = refNumberCandidate(taskNumber, attempt);
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error(`No free document number for task ${taskNumber}`);
}
