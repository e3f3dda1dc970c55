// The scene the hostile suite attacks: config API and gateway on a schema and prefix of
// their own, five companies made through the config API, each with its Web Connector
// account and a little queued work, and the sessions the attacks need already open.
import { randomBytes } from 'node:crypto';
import { AppStack, freePort } from '../stack/app-stack';
import { ConfigApiClient } from '../stack/config-api-client';
import { DataWatch } from './probes';
import { call, firstCallParams, invoiceRequest, requestIdOf, resultOf } from './soap';

export type CompanyKey = 'alpha' | 'bravo' | 'charlie' | 'delta' | 'echo';

export interface StagedCompany {
  key: CompanyKey;
  id: string;
  userName: string;
  password: string;
  refs: string[];
  ticket: string;
  /** requestID of the document QuickBooks is "working on" in the open session. */
  pendingRequestId: string;
}

export interface Stage {
  stack: AppStack;
  api: ConfigApiClient;
  watch: DataWatch;
  schema: string;
  prefix: string;
  gatewayUrl: string;
  gatewayBase: string;
  configApiUrl: string;
  apiKey: string;
  gatewayPid: number;
  configApiPid: number;
  companies: Record<CompanyKey, StagedCompany>;
  close(): Promise<void>;
}

const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector';

/**
 * What each company's session looks like when the attacks start:
 * - alpha, bravo: open, first request handed out and unanswered (alpha's ticket attacks bravo);
 * - charlie: open, nothing asked yet (calls out of order);
 * - delta: opened and closed (a dead ticket);
 * - echo: open, nothing asked yet (a hostile first call).
 */
const PLAN: Record<
  CompanyKey,
  { refs: string[]; session: 'pending' | 'open' | 'closed' }
> = {
  alpha: { refs: ['AL-1'], session: 'pending' },
  bravo: { refs: ['BR-1', 'BR-2'], session: 'pending' },
  charlie: { refs: ['CH-1'], session: 'open' },
  delta: { refs: ['DE-1'], session: 'closed' },
  echo: { refs: ['EC-1'], session: 'open' },
};

export async function buildStage(log: (line: string) => void): Promise<Stage> {
  const tag = randomBytes(4).toString('hex');
  const schema = `hostile_${tag}`;
  const prefix = `hostile-${tag}`;
  const ports = {
    configApi: await freePort(),
    gateway: await freePort(),
    worker: await freePort(),
  };
  const stack = new AppStack({
    databaseUrl: DATABASE_URL,
    schema,
    queuePrefix: prefix,
    ports,
    logLevel: 'warn',
  });
  await stack.migrate();
  log(
    `schema ${schema}, prefix ${prefix}; starting config-api :${ports.configApi} and gateway :${ports.gateway}`,
  );
  await stack.start(['config-api', 'qbwc-gateway']);

  const api = new ConfigApiClient(stack.urls.configApi, stack.apiKey);
  const watch = await DataWatch.open(DATABASE_URL, schema, prefix);
  const close = async () => {
    await stack.stop();
    await watch.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await watch.dropRedisPrefix().catch(() => undefined);
    await watch.close();
  };

  const companies = {} as Record<CompanyKey, StagedCompany>;
  try {
    for (const key of Object.keys(PLAN) as CompanyKey[]) {
      companies[key] = await stageCompany(stack, api, watch, key, tag);
    }
  } catch (error) {
    log(stack.logs.slice(-20).join('\n'));
    await close();
    throw error;
  }
  return {
    stack,
    api,
    watch,
    schema,
    prefix,
    gatewayUrl: stack.urls.gateway,
    gatewayBase: stack.urls.gatewayBase,
    configApiUrl: stack.urls.configApi,
    apiKey: stack.apiKey,
    gatewayPid: stack.pid('qbwc-gateway')!,
    configApiPid: stack.pid('config-api')!,
    companies,
    close,
  };
}

async function stageCompany(
  stack: AppStack,
  api: ConfigApiClient,
  watch: DataWatch,
  key: CompanyKey,
  tag: string,
): Promise<StagedCompany> {
  const plan = PLAN[key];
  const created = await api.post<{ id: string }>('/v1/companies', {
    externalId: `hostile-${tag}-${key}`,
    name: `Hostile ${key}`,
    settings: {
      syncModes: { customers: 'none', items: 'none', classes: 'none', sites: 'none' },
    },
  });
  const account = await api.post<{ userName: string; password: string }>(
    `/v1/companies/${created.id}/connection`,
  );
  for (const ref of plan.refs) {
    await watch.query(
      `INSERT INTO work_item ("companyId", kind, priority, status, params) VALUES ($1, 'document', 30, 'queued', $2)`,
      [created.id, JSON.stringify({ requests: [invoiceRequest(ref)] })],
    );
  }

  const gateway = stack.urls.gateway;
  const login = await call(gateway, 'authenticate', {
    strUserName: account.userName,
    strPassword: account.password,
  });
  const [ticket = '', answer = ''] =
    (resultOf(login, 'authenticate') as string[] | undefined) ?? [];
  if (!/^[0-9a-f-]{36}$/.test(ticket) || ['none', 'nvu', 'busy'].includes(answer))
    throw new Error(
      `staging ${key}: no session (${login.status} ${login.body.slice(0, 300)})`,
    );

  let pendingRequestId = '';
  if (plan.session === 'pending') {
    const first = String(
      resultOf(
        await call(gateway, 'sendRequestXML', firstCallParams(ticket)),
        'sendRequestXML',
      ) ?? '',
    );
    pendingRequestId = requestIdOf(first);
    if (!first.includes(plan.refs[0]) || !pendingRequestId)
      throw new Error(`staging ${key}: first request was ${first.slice(0, 200)}`);
  }
  if (plan.session === 'closed') await call(gateway, 'closeConnection', { ticket });
  return {
    key,
    id: created.id,
    userName: account.userName,
    password: account.password,
    refs: plan.refs,
    ticket,
    pendingRequestId,
  };
}
