import { fromFault, toProgressionLiveError } from './fault-mapping';

describe('fromFault', () => {
  it.each([
    [{ type: 'AUTHENTICATION', message: 'Invalid username or password' }, 'AUTH', false],
    [{ type: 'SESSION_EXPIRED', message: 'Votre session est expirée' }, 'AUTH', false],
    [{ faultstring: 'Session invalid, please log in' }, 'AUTH', false],
    [{ type: 'NOT_FOUND', message: 'No CLIENT 12' }, 'NOT_FOUND', false],
    [{ faultstring: "L'enregistrement n'existe pas" }, 'NOT_FOUND', false],
    [
      { type: 'VALIDATION', message: 'No value for a required field' },
      'VALIDATION',
      false,
    ],
    [{ type: 'UNSUPPORTED_QUERY', message: 'bad query' }, 'UNSUPPORTED', false],
    [
      { faultcode: 'soap:Client', faultstring: 'Unmarshalling Error: x' },
      'UNSUPPORTED',
      false,
    ],
    [{ type: 'INTERNAL', message: 'Deadlock' }, 'UNAVAILABLE', true],
    [{ type: 'BUSINESS_RULE', message: 'Le client est inactif' }, 'VALIDATION', false],
  ])('classifies %j as %s', (fault, code, retryable) => {
    const error = fromFault(fault, 'CreateRecord');

    expect(error).toMatchObject({ code, retryable, operation: 'CreateRecord' });
  });

  it('keeps the raw type and message for the logs', () => {
    const error = fromFault(
      { type: 'BUSINESS_RULE', message: 'Le client est inactif' },
      'X',
    );

    expect(error.faultType).toBe('BUSINESS_RULE');
    expect(error.faultMessage).toBe('Le client est inactif');
    expect(error.text.en).toContain('Le client est inactif');
    expect(error.text.fr).toContain('Le client est inactif');
  });
});

describe('toProgressionLiveError on transport failures', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'UNAVAILABLE', true],
    [{ code: 'ECONNABORTED', message: 'timeout of 10ms exceeded' }, 'UNAVAILABLE', true],
    [
      { message: 'Error http status codes', response: { status: 502 } },
      'UNAVAILABLE',
      true,
    ],
    [{ message: 'Error http status codes', response: { status: 401 } }, 'AUTH', false],
    [{ message: 'Invalid WSDL URL: x\n\n\r Code: 404' }, 'UNAVAILABLE', false],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }, 'UNAVAILABLE', false],
    [new TypeError('x is not a function'), 'UNSUPPORTED', false],
  ])('maps %j to %s', (err, code, retryable) => {
    expect(toProgressionLiveError(err, 'GetRecord')).toMatchObject({ code, retryable });
  });
});
