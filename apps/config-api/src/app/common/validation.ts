import {
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { ApiErrors } from './api-error';
import { RULE_CONSTRAINTS } from './validators';

export interface FieldProblem {
  [key: string]: unknown;
  path: string;
  problems: Record<string, string>;
}

/** Every failed constraint of a validation tree, with the dotted path of its field. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ path, problems: { ...error.constraints } }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/**
 * 400 when a field is malformed (type, format, bounds, unknown field); 422 when every field
 * is well formed but they contradict each other (e.g. minimum interval above maximum).
 */
export function validationException(errors: ValidationError[]) {
  const problems = flattenValidationErrors(errors);
  const onlyRules = problems.every((problem) =>
    Object.keys(problem.problems).every((name) => RULE_CONSTRAINTS.has(name)),
  );
  return onlyRules && problems.length > 0
    ? ApiErrors.ruleBroken(problems)
    : ApiErrors.invalidRequest(problems);
}

/**
 * Refuses a missing body before validation: the DTOs fill absent fields with defaults, and
 * an empty PUT must not silently reset a company's settings.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (
      metadata.type === 'body' &&
      isDto &&
      (value === undefined || value === null || typeof value !== 'object')
    ) {
      throw ApiErrors.invalidRequest([
        { path: 'body', problems: { isObject: 'the body must be a JSON object' } },
      ]);
    }
    return super.transform(value, metadata);
  }
}

/** The API's one validation pipe: unknown fields refused, values turned into DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Conversions are declared per field: implicit ones would turn "false" into true.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
