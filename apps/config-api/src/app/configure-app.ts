import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from './common/api-key.guard';
import { parseJsonBody } from './common/json-body';

/** The OpenAPI document of the API: Swagger UI at /docs, JSON at /docs-json. */
export function setupSwagger(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('QuickBooks Desktop connector: configuration API')
      .setDescription(
        'Used by the ProgressionLIVE main app: company settings, the Web Connector account and .qwc file, task stage events, sync now, and what every sync did. Every /v1 route needs the x-api-key header. Errors answer {code, message, details, fixableBy, retryable, messages {en, fr}}: 400 malformed, 401 no or wrong key, 404 unknown, 409 conflict, 422 values that contradict each other.',
      )
      .setVersion('1')
      .addApiKey({ type: 'apiKey', name: API_KEY_HEADER, in: 'header' }, 'apiKey')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/**
 * Everything set on the app besides its modules; the same in production and in tests.
 * Requests Fastify refuses before routing (unparsable JSON, wrong content type, oversized
 * body) reach the API's exception filter through the error handler Nest installs.
 */
export function configureConfigApi(app: NestFastifyApplication): void {
  // JSON only: a text body would otherwise reach the routes as a string. Declaring our own
  // JSON parser also keeps Nest from adding its form (x-www-form-urlencoded) parser.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.useBodyParser('application/json', {}, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  setupSwagger(app);
}
