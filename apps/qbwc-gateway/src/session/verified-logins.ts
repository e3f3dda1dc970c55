import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * How long a verified login is remembered; each poll renews it, so a Web Connector that
 * polls at least daily stays known.
 */
export const VERIFIED_LOGIN_TTL_SECONDS = 25 * 3600;

/**
 * Remembers that a company's Web Connector presented the right password, so
 * that its next polls (every few minutes) are checked with an HMAC instead of scrypt. A
 * thousand companies polling would otherwise spend most of the gateway's CPU on hashing.
 *
 * What Redis keeps is HMAC(secret key, stored hash + password + client address): without
 * the secret key it reveals nothing, and it stops matching when the password is rotated
 * (the stored hash changes). A wrong password never matches it and still costs a full
 * scrypt check, and unknown users too, so guessing is as slow as before.
 *
 * The address is part of it because a remembered login gets past the failed-login block
 * (so that others' guesses cannot lock the company's own Web Connector out): without it,
 * anyone could keep guessing, cheaply and without limit, against the remembered password.
 * Bound to the address, only the Web Connector's own machine (or office) gets past.
 */
export class VerifiedLogins {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly secretKey: string,
  ) {}

  private key(companyId: string): string {
    return `${this.prefix}:login-ok:${companyId}`;
  }

  private fingerprint(storedHash: string, password: string, address: string): Buffer {
    return createHmac('sha256', this.secretKey)
      .update(storedHash)
      .update('\n')
      .update(password)
      .update('\n')
      .update(address)
      .digest();
  }

  async matches(companyId: string, storedHash: string, password: string, address = ''): Promise<boolean> {
    const remembered = await this.redis.getBuffer(this.key(companyId));
    if (!remembered) return false;
    const expected = this.fingerprint(storedHash, password, address);
    return remembered.length === expected.length && timingSafeEqual(remembered, expected);
  }

  async remember(companyId: string, storedHash: string, password: string, address = ''): Promise<void> {
    await this.redis.set(this.key(companyId), this.fingerprint(storedHash, password, address), 'EX', VERIFIED_LOGIN_TTL_SECONDS);
  }
}
