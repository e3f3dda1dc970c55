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
export const DEFAULT_THROTTLE: ThrottleLimits = { perUser: 5, perAddress: 30, windowSeconds: 900 };

/** Counts failed logins per user name and per source address, in Redis, across instances. */
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

  async isBlocked(userName: string, address: string): Promise<boolean> {
    const [userKey, addressKey] = this.keys(userName, address);
    const [users, addresses] = await this.redis.mget(userKey, addressKey);
    return Number(users ?? 0) >= this.limits.perUser || Number(addresses ?? 0) >= this.limits.perAddress;
  }

  async recordFailure(userName: string, address: string): Promise<void> {
    const [userKey, addressKey] = this.keys(userName, address);
    await this.redis
      .multi()
      .incr(userKey)
      .expire(userKey, this.limits.windowSeconds, 'NX')
      .incr(addressKey)
      .expire(addressKey, this.limits.windowSeconds, 'NX')
      .exec();
  }

  async recordSuccess(userName: string): Promise<void> {
    const [userKey] = this.keys(userName, '');
    await this.redis.del(userKey);
  }
}
