import { BodyBudget, BodyBudgetTimeout, watchBodyProgress } from './body-budget';

const MB = 1024 * 1024;

describe('BodyBudget', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lets bodies through at once while they fit', async () => {
    const budget = new BodyBudget(64 * MB);
    const releases = await Promise.all([
      budget.acquire(30 * MB, 1000),
      budget.acquire(30 * MB, 1000),
    ]);
    expect(budget.inUse).toBe(60 * MB);
    releases.forEach((release) => release());
    expect(budget.inUse).toBe(0);
  });

  it('holds a body that does not fit until room is given back, first come first served', async () => {
    const budget = new BodyBudget(64 * MB);
    const first = await budget.acquire(60 * MB, 1000);
    const order: string[] = [];
    const large = budget
      .acquire(40 * MB, 1000)
      .then((release) => (order.push('large'), release));
    const small = budget
      .acquire(2 * MB, 1000)
      .then((release) => (order.push('small'), release));
    await Promise.resolve();
    expect(order).toEqual([]);

    first();
    const [releaseLarge, releaseSmall] = await Promise.all([large, small]);
    expect(order).toEqual(['large', 'small']);
    expect(budget.inUse).toBe(42 * MB);
    releaseLarge();
    releaseSmall();
    expect(budget.inUse).toBe(0);
  });

  it('refuses with a 503 after the wait and lets the next one in', async () => {
    const budget = new BodyBudget(64 * MB);
    const first = await budget.acquire(64 * MB, 1000);
    const refused = budget.acquire(10 * MB, 1000);
    jest.advanceTimersByTime(1001);
    await expect(refused).rejects.toBeInstanceOf(BodyBudgetTimeout);
    await expect(refused).rejects.toMatchObject({ statusCode: 503 });
    first();
    expect(budget.inUse).toBe(0);
  });

  it('counts a body larger than the budget as the whole budget, and a double release once', async () => {
    const budget = new BodyBudget(64 * MB);
    const release = await budget.acquire(100 * MB, 1000);
    expect(budget.inUse).toBe(64 * MB);
    release();
    release();
    expect(budget.inUse).toBe(0);
  });
});

describe('watchBodyProgress', () => {
  const rule = { minBytesPerSecond: 1000, graceMs: 10_000, checkEveryMs: 1000 };
  const arriving = () => {
    const body = { complete: false, socket: { bytesRead: 500, destroy: jest.fn() } };
    return body;
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('cuts a body that stopped arriving once the grace period is over', () => {
    const body = arriving();
    watchBodyProgress(body, rule);
    jest.advanceTimersByTime(10_000);
    expect(body.socket.destroy).not.toHaveBeenCalled();
    jest.advanceTimersByTime(2000);
    expect(body.socket.destroy).toHaveBeenCalledTimes(1);
  });

  it('leaves a body that keeps the pace, and stops watching once it is complete', () => {
    const body = arriving();
    watchBodyProgress(body, rule);
    for (let second = 1; second <= 30; second += 1) {
      body.socket.bytesRead += 1200;
      jest.advanceTimersByTime(1000);
    }
    body.complete = true;
    jest.advanceTimersByTime(60_000);
    expect(body.socket.destroy).not.toHaveBeenCalled();
  });

  it('stops when told to', () => {
    const body = arriving();
    const stop = watchBodyProgress(body, rule);
    stop();
    jest.advanceTimersByTime(60_000);
    expect(body.socket.destroy).not.toHaveBeenCalled();
  });
});
