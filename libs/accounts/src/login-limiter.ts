import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '@ocop/core';

/**
 * Counts failed logins per (client address, e-mail) and per client address. After `maxFailures`
 * failures in the window further attempts are refused with 429 until the window passes; a
 * successful login clears the pair's count. Backed by Redis when the marketplace runs as several
 * processes, in memory in the single embedded process.
 */
export class LoginLimiter {
  private readonly byPair: RateLimiterAbstract;
  private readonly byIp: RateLimiterAbstract;

  constructor(opts: { maxFailures: number; windowSeconds: number; redis?: Redis | null; keyPrefix?: string }) {
    const common = { duration: opts.windowSeconds };
    const prefix = opts.keyPrefix ?? 'ocop';
    if (opts.redis) {
      this.byPair = new RateLimiterRedis({ storeClient: opts.redis, keyPrefix: `${prefix}:login-pair`, points: opts.maxFailures, ...common });
      this.byIp = new RateLimiterRedis({ storeClient: opts.redis, keyPrefix: `${prefix}:login-ip`, points: opts.maxFailures * 4, ...common });
    } else {
      this.byPair = new RateLimiterMemory({ points: opts.maxFailures, ...common });
      this.byIp = new RateLimiterMemory({ points: opts.maxFailures * 4, ...common });
    }
  }

  /** Throws TooManyRequestsError when this client may not try now. */
  async check(ip: string, email: string): Promise<void> {
    const [pair, addr] = await Promise.all([this.byPair.get(`${ip}|${email}`), this.byIp.get(ip)]);
    for (const [res, limiter] of [[pair, this.byPair], [addr, this.byIp]] as const) {
      if (res && res.consumedPoints >= limiter.points) {
        throw new TooManyRequestsError('Too many failed logins; try again later', Math.ceil(res.msBeforeNext / 1000));
      }
    }
  }

  /** Records a failed attempt. */
  async failed(ip: string, email: string): Promise<void> {
    await Promise.all([this.byPair.penalty(`${ip}|${email}`, 1), this.byIp.penalty(ip, 1)]);
  }

  /** Forgets the pair's failures after a successful login. */
  async succeeded(ip: string, email: string): Promise<void> {
    await this.byPair.delete(`${ip}|${email}`);
  }
}
