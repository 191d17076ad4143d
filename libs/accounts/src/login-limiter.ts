import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '@ocop/core';
import { clientKey } from './client-key';

export interface LimiterStore {
  /** Shared by every process when given; otherwise the counts live in this process only. */
  redis?: Redis | null;
  keyPrefix?: string;
}

/** A limiter of `points` per `seconds`, in Redis when there is one. */
export function rateLimiter(name: string, points: number, seconds: number, store: LimiterStore): RateLimiterAbstract {
  const opts = { points, duration: seconds, keyPrefix: `${store.keyPrefix ?? 'ocop'}:${name}` };
  return store.redis ? new RateLimiterRedis({ storeClient: store.redis, ...opts }) : new RateLimiterMemory(opts);
}

/**
 * Takes one point, atomically in the store, and throws TooManyRequestsError when none was left.
 * A store error (Redis unreachable) is rethrown as it is: refusing every login would be an
 * outage, letting every attempt through would switch the limit off.
 */
export async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new TooManyRequestsError(message, Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  }
}

/**
 * Limits password guessing, per account (the e-mail: `maxFailures` in the window) and per client
 * address (four times that, so one address cannot try a few passwords on many accounts). Each
 * attempt is counted before the password is checked, so parallel guesses cannot all slip past the
 * count; a successful login gives its point back. One instance serves every app of a process, and
 * with Redis every process, so an account locked on one app is locked on all of them.
 */
export class LoginLimiter {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byClient: RateLimiterAbstract;

  constructor(opts: { maxFailures: number; windowSeconds: number } & LimiterStore) {
    this.byAccount = rateLimiter('login-account', opts.maxFailures, opts.windowSeconds, opts);
    this.byClient = rateLimiter('login-client', opts.maxFailures * 4, opts.windowSeconds, opts);
  }

  /**
   * Counts a login attempt of this client on this account. Throws TooManyRequestsError (with
   * the seconds until the window passes) when either has no attempt left.
   */
  async attempt(ip: string, email: string): Promise<void> {
    await consumeOrRefuse(this.byClient, clientKey(ip), 'Too many failed logins from this address; try again later');
    await this.attemptAccount(email);
  }

  /** Counts a password check on an account without a client (a password change). Throws as `attempt`. */
  async attemptAccount(email: string): Promise<void> {
    await consumeOrRefuse(this.byAccount, email, 'Too many failed logins; try again later');
  }

  /** After a correct password: the account's failures are forgotten and the client's attempt is given back. */
  async succeeded(ip: string | null, email: string): Promise<void> {
    await Promise.all([this.byAccount.delete(email), ip === null ? undefined : this.byClient.reward(clientKey(ip), 1)]);
  }

  /** Forgets the account's failures (its password was just reset). */
  async clear(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }
}
