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

// Checks both counters and takes one attempt from each in one step. Checking first and
// counting after the (slow, on purpose) password check let 40 guesses sent at once all be
// checked before the first failure was counted.
const ADMIT = `
local user = tonumber(redis.call('GET', KEYS[1]) or '0')
local address = tonumber(redis.call('GET', KEYS[2]) or '0')
if user >= tonumber(ARGV[1]) or address >= tonumber(ARGV[2]) then return 0 end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  if redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[3]) end
end
return 1`;

// A success forgets the user name's failures and gives the address its attempt back.
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if redis.call('DECR', KEYS[2]) <= 0 then redis.call('DEL', KEYS[2]) end
return 1`;

// An attempt that could not be checked (the database did not answer) was no guess.
const RELEASED = `
for _, key in ipairs(KEYS) do
  if redis.call('DECR', key) <= 0 then redis.call('DEL', key) end
end
return 1`;

/**
 * Counts login attempts per user name and per source address, in Redis, across instances.
 * Every attempt is counted before its password is checked and only a success gives it
 * back, so at most `perUser` guesses per user name are ever checked in a window, however
 * many arrive at the same moment.
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

  /** Takes an attempt; false (nothing counted) when the user name or address is blocked. */
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

  /** The password was right: the attempt taken by {@link admit} was not a failure. */
  async recordSuccess(userName: string, address: string): Promise<void> {
    await this.redis.eval(SUCCEEDED, 2, ...this.keys(userName, address));
  }

  /** Gives back an attempt whose password could not be checked at all. */
  async release(userName: string, address: string): Promise<void> {
    await this.redis.eval(RELEASED, 2, ...this.keys(userName, address));
  }
}
