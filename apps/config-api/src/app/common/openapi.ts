import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

class LocalizedTextDoc {
  @ApiProperty()
  en: string;

  @ApiProperty()
  fr: string;
}

/** The error body, for the OpenAPI document. */
export class ApiErrorBodyDoc {
  @ApiProperty({ example: 'RULE_BROKEN' })
  code: string;

  @ApiProperty({ example: 'The values contradict each other; see details.' })
  message: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  details: Record<string, unknown> | null;

  @ApiProperty({ enum: ['bookkeeper', 'operator', 'developer', 'nobody'] })
  fixableBy: string;

  @ApiProperty({
    description: 'Whether sending the same request again later can succeed',
  })
  retryable: boolean;

  @ApiProperty({ type: LocalizedTextDoc })
  messages: LocalizedTextDoc;
}

/** The error answers every protected route may give. */
export function ApiErrorResponses() {
  const error = (status: number, description: string) =>
    ApiResponse({ status, description, type: ApiErrorBodyDoc });
  return applyDecorators(
    error(400, 'Malformed request: a field has the wrong type or format, or is unknown'),
    error(401, 'Missing or wrong x-api-key'),
    error(404, 'Unknown company or record'),
  );
}
