import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The connector's Prometheus metrics. Each app creates one set; the names are shared so
 * dashboards read the same series from every app.
 */
export class ConnectorMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'qbd_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'qbd_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly soapCalls = new Counter({
    name: 'qbd_soap_calls_total',
    help: 'Web Connector SOAP calls by method and outcome',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'qbd_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly jobOutcomes = new Counter({
    name: 'qbd_jobs_total',
    help: 'Jobs processed by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly importRecords = new Counter({
    name: 'qbd_import_records_total',
    help: 'Imported QuickBooks records by entity and result',
    labelNames: ['entity', 'result'] as const,
    registers: [this.registry],
  });

  readonly exports = new Counter({
    name: 'qbd_exports_total',
    help: 'Exports by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }
}
