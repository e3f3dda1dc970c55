import type { Redis } from 'ioredis';

export interface ThrottleLimits {
  /** Failures per user name within the window before logins are refused. */
  perUser: number;
  /** Failures per source address within the window. */
  perAddress: number;
  windowSeconds: number;
}

// Five wrong passwords per user name in 15 minutes lets a person mistype a few times and
// still blocks guessing; 30 per address covers an office behind one NAT with several files.
export const DEFAULT_THROTTLE: ThrottleLimits = {
  perUser: 5,
  perAddress: 30,
  windowSeconds: 900,
};

// Checks both counters and, in the same step, counts the attempt against the user name.
// Checking first and counting after the (slow, on purpose) password check let 40 guesses
// at one user name sent at once all be checked before the first failure was counted.
const ADMIT = `
local user = tonumber(redis.call('GET', KEYS[1]) or '0')
local address = tonumber(redis.call('GET', KEYS[2]) or '0')
if user >= tonumber(ARGV[1]) or address >= tonumber(ARGV[2]) then return 0 end
redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return 1`;

// An attempt that could not be checked (the database did not answer) was no guess.
const RELEASE = `
if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
return 1`;

/**
 * Counts failed logins per user name and per source address, in Redis, across instances.
 * A user name's attempt is counted before its password is checked and a success clears
 * the count, so at most `perUser` guesses at one user name are ever checked in a window,
 * however many arrive at the same moment. An address counts failures only: one office,
 * or a proxy in front of the gateway, may log many companies in at the same time.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  private keys(userName: string, address: string): [string, string] {
    return [
      `${this.prefix}:login-fail:user:${userName.toLowerCase().slice(0, 128)}`,
      `${this.prefix}:login-fail:addr:${address}`,
    ];
  }

  /** Takes an attempt at the user name; false (nothing counted) when blocked. */
  async admit(userName: string, address: string): Promise<boolean> {
    const { perUser, perAddress, windowSeconds } = this.limits;
    const admitted = await this.redis.eval(
      ADMIT,
      2,
      ...this.keys(userName, address),
      perUser,
      perAddress,
      windowSeconds,
    );
    return admitted === 1;
  }

  /** The password was wrong: the address is charged too (the user name already was). */
  async recordFailure(address: string): Promise<void> {
    const [, addressKey] = this.keys('', address);
    await this.redis
      .multi()
      .incr(addressKey)
      .expire(addressKey, this.limits.windowSeconds, 'NX')
      .exec();
  }

  /** The password was right: the user name's failures are forgotten. */
  async recordSuccess(userName: string): Promise<void> {
    const [userKey] = this.keys(userName, '');
    await this.redis.del(userKey);
  }

  /** Gives back an attempt whose password could not be checked at all. */
  async release(userName: string): Promise<void> {
    const [userKey] = this.keys(userName, '');
    await this.redis.eval(RELEASE, 1, userKey);
  }
}
