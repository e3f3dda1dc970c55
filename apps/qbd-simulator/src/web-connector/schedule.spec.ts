import { smallCompany } from '../testing/companies';
import { defaults, QWC, ScriptedGateway } from '../testing/scripted-gateway';
import { WebConnector } from './web-connector';

describe('runSchedule', () => {
  let gateway: ScriptedGateway;
  let connector: WebConnector;

  afterEach(async () => {
    connector.close();
    await gateway.stop();
  });

  it('runs every N minutes from the QWC, honours postpone and raises the interval to the server’s minimum', async () => {
    const replies = [
      ['t1', 'none', '', ''],
      ['t2', 'none', '120', ''],
      ['t3', 'none', '', '900'],
      ['t4', 'none', '', ''],
    ];
    gateway = new ScriptedGateway((call, calls) =>
      call.op === 'authenticate'
        ? replies[calls.filter((c) => c.op === 'authenticate').length - 1]
        : defaults(call),
    );
    connector = new WebConnector({
      qwc: QWC,
      password: 'p',
      company: smallCompany(),
      gatewayUrl: await gateway.start(),
    });

    const runs = await connector.runSchedule({ runs: 4, timeScale: 0.0001 });

    expect(runs.map((r) => [r.at, r.reason, r.intervalSeconds])).toEqual([
      [0, 'first', 300],
      [300, 'interval', 300],
      [420, 'postponed', 300],
      [1320, 'interval', 900],
    ]);
    expect(runs.map((r) => r.report.ticket)).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('stops when the condition is met', async () => {
    gateway = new ScriptedGateway((call, calls) =>
      call.op === 'authenticate'
        ? ['t', calls.filter((c) => c.op === 'authenticate').length < 2 ? '' : 'none']
        : defaults(call),
    );
    connector = new WebConnector({
      qwc: QWC,
      password: 'p',
      company: smallCompany(),
      gatewayUrl: await gateway.start(),
    });

    const runs = await connector.runSchedule({
      runs: 10,
      until: (report) => report.outcome === 'nothing-to-do',
    });

    expect(runs.map((r) => r.report.outcome)).toEqual([
      'ended-by-server',
      'nothing-to-do',
    ]);
  });
});
