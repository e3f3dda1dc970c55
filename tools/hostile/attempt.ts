// One hostile attempt and the checks that decide whether it was refused as expected.
import type { Answer } from './http';
import { leaksInternals } from './http';
import { resultOf } from './soap';
import type { Stage } from './stage';

export interface Verdict {
  ok: boolean;
  /** What came back, short. */
  got: string;
}

export interface Attempt {
  target: 'gateway' | 'config-api';
  name: string;
  /** The refusal expected, short. */
  expected: string;
  run(stage: Stage): Promise<Verdict>;
  /** Companies whose own rows this attempt may change (a legitimate call of theirs). */
  mayChange?: (stage: Stage) => string[];
}

const short = (text: string, length = 60) => text.replace(/\s+/g, ' ').slice(0, length);

function answered(answer: Answer): string {
  if (answer.error && !answer.status) return `no answer (${answer.error})`;
  return `${answer.status} ${short(answer.body, 48)}`;
}

/** A SOAP 1.1 Fault in XML with the given status, nothing internal in it. */
export function soapFault(answer: Answer, status = 500, faultText?: RegExp): Verdict {
  const fault =
    /<faultcode>soap:(\w+)<\/faultcode><faultstring>([^<]*)<\/faultstring>/.exec(
      answer.body,
    );
  const ok =
    answer.status === status &&
    String(answer.headers['content-type'] ?? '').startsWith('text/xml') &&
    answer.body.startsWith('<?xml') &&
    !!fault &&
    (!faultText || faultText.test(fault[2])) &&
    !leaksInternals(answer.body);
  return {
    ok,
    got: fault
      ? `${answer.status} ${fault[1]}: ${short(fault[2], 50)}`
      : answered(answer),
  };
}

/** A protocol answer (200) whose result passes `accept`, nothing internal in it. */
export function soapResult(
  answer: Answer,
  operation: string,
  accept: (result: string | string[] | undefined) => boolean,
): Verdict {
  const result = resultOf(answer, operation);
  const ok = answer.status === 200 && accept(result) && !leaksInternals(answer.body);
  const shown = Array.isArray(result)
    ? `[${result.map((value) => short(value, 12)).join(',')}]`
    : JSON.stringify(short(result ?? '<none>', 40));
  return { ok, got: answer.status === 200 ? `200 ${shown}` : answered(answer) };
}

export const isRefusedLogin = (result: string | string[] | undefined) =>
  Array.isArray(result) && result.length === 4 && result[0] === '' && result[1] === 'nvu';

/** The config API's error body: code, message, fixableBy, retryable, messages in en and fr. */
export function apiError(
  answer: Answer,
  statuses: number[],
  code?: string | RegExp,
): Verdict {
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const messages = body?.messages as { en?: unknown; fr?: unknown } | undefined;
  const shaped =
    !!body &&
    typeof body.code === 'string' &&
    typeof body.message === 'string' &&
    typeof body.fixableBy === 'string' &&
    typeof body.retryable === 'boolean' &&
    typeof messages?.en === 'string' &&
    typeof messages?.fr === 'string';
  const codeOk =
    !code ||
    (typeof code === 'string' ? body?.code === code : code.test(String(body?.code)));
  const ok =
    statuses.includes(answer.status) && shaped && codeOk && !leaksInternals(answer.body);
  return { ok, got: body ? `${answer.status} ${String(body.code)}` : answered(answer) };
}

/** A refusal Node or Fastify answers before any route (431, 413 on a closed socket ...). */
export function transportRefusal(answer: Answer, statuses: number[]): Verdict {
  const refusedByStatus =
    statuses.includes(answer.status) && !leaksInternals(answer.body);
  const closed = answer.status === 0 && statuses.includes(0);
  return { ok: refusedByStatus || closed, got: answered(answer) };
}
