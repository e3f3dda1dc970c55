import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SettingsDto } from '../settings/settings.dto';
import { ApiError } from './api-error';
import { flattenValidationErrors, validationException } from './validation';

const check = (body: object) =>
  validateSync(plainToInstance(SettingsDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });

describe('validationException', () => {
  it('answers 422 when only rules between fields are broken', () => {
    const error = validationException(
      check({ minIntervalMinutes: 90, maxIntervalMinutes: 60 }),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('RULE_BROKEN');
  });

  it('answers 400 when a field is malformed, even with a broken rule beside it', () => {
    const error = validationException(
      check({ minIntervalMinutes: 90, maxIntervalMinutes: 60, documentKind: 'estimate' }),
    );

    expect(error.status).toBe(400);
    expect(error.code).toBe('INVALID_REQUEST');
  });

  it('names nested fields with their dotted path', () => {
    const problems = flattenValidationErrors(
      check({ syncModes: { customers: 'sometimes' } }),
    );

    expect(problems.map((problem) => problem.path)).toEqual(['syncModes.customers']);
  });

  it('finds nothing wrong with the defaults', () => {
    expect(check({})).toEqual([]);
  });
});
