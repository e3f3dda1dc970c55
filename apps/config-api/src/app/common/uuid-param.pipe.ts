import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiErrors } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs; anything else is refused before it reaches the database. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (UUID.test(value)) return value.toLowerCase();
    const path = metadata.data ?? 'id';
    throw ApiErrors.invalidRequest([
      { path, problems: { isUuid: `${path} must be a UUID` } },
    ]);
  }
}
