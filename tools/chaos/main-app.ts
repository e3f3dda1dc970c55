// The ProgressionLIVE main app as the chaos suite plays it: it calls the config API with
// a timeout, and sends a task event again until it is accepted (the config API asks for
// exactly that when it cannot queue the work), as a real integration would.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CALL_TIMEOUT_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TaskEventAnswer {
  created: boolean;
  reason: string;
  exportId?: string;
  exportStatus?: string;
}

export class MainApp {
  /** Task events sent (every try counts), and tries the config API did not accept. */
  readonly counts = { eventCalls: 0, eventRetries: 0, eventsAbandoned: 0 };

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ text: string; type: string }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'x-api-key': this.apiKey,
        'x-actor': 'chaos',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok)
      throw new HttpError(
        response.status,
        `${method} ${path} → ${response.status}: ${text.slice(0, 300)}`,
      );
    return { text, type: response.headers.get('content-type') ?? '' };
  }

  async post<T>(path: string, body: unknown = {}): Promise<T> {
    return JSON.parse((await this.request('POST', path, body)).text) as T;
  }

  async get<T>(path: string): Promise<T> {
    return JSON.parse((await this.request('GET', path)).text) as T;
  }

  async getText(path: string): Promise<string> {
    return (await this.request('GET', path)).text;
  }

  /**
   * Sends a task event until the config API accepts it (2xx), at most `budgetMs`. A 4xx
   * other than 408/429 is a refusal no retry changes: it is returned as an error at once.
   */
  async sendTaskEvent(
    companyId: string,
    event: { task: unknown; eventId: string },
    budgetMs = 180_000,
  ): Promise<TaskEventAnswer> {
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      this.counts.eventCalls += 1;
      try {
        return await this.post<TaskEventAnswer>(
          `/v1/companies/${companyId}/task-events`,
          event,
        );
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 0;
        const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
        if (final || Date.now() - started > budgetMs) {
          this.counts.eventsAbandoned += 1;
          throw error;
        }
        this.counts.eventRetries += 1;
        await sleep(Math.min(500 * 2 ** attempt, 5000));
      }
    }
  }
}
