import IORedis from 'ioredis';
import { TEST_REDIS_URL, cleanRedisPrefix, testPrefix } from '@qbd/testing';
import { VerifiedLogins } from './verified-logins';

describe('VerifiedLogins on the real Redis', () => {
  const prefix = testPrefix();
  const redis = new IORedis(TEST_REDIS_URL);
  const logins = new VerifiedLogins(redis, prefix, 'a-secret-key-of-at-least-thirty-two-chars');

  afterAll(async () => {
    await cleanRedisPrefix(prefix);
    redis.disconnect();
  });

  it('recognises a remembered good password, and nothing else', async () => {
    await logins.remember('company-a', 'scrypt$hash-1', 'right-password');
    await expect(logins.matches('company-a', 'scrypt$hash-1', 'right-password')).resolves.toBe(true);
    await expect(logins.matches('company-a', 'scrypt$hash-1', 'wrong-password')).resolves.toBe(false);
    await expect(logins.matches('company-b', 'scrypt$hash-1', 'right-password')).resolves.toBe(false);
  });

  it('stops matching once the password was rotated (the stored hash changed)', async () => {
    await logins.remember('company-c', 'scrypt$old', 'old-password');
    await expect(logins.matches('company-c', 'scrypt$new', 'old-password')).resolves.toBe(false);
  });

  it('keeps no password in Redis, only a keyed fingerprint', async () => {
    await logins.remember('company-d', 'scrypt$hash-d', 'visible-password');
    const stored = await redis.getBuffer(`${prefix}:login-ok:company-d`);
    expect(stored?.length).toBe(32);
    expect(stored?.toString('latin1')).not.toContain('visible-password');
  });
});
