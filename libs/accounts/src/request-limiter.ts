import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { clientKey } from './client-key';
import { consumeOrRefuse, rateLimiter, type LimiterStore } from './login-limiter';

const HOUR = 3600;
/** Reset links one address may be sent per hour: enough to retry, too few to fill an inbox. */
export const RESET_MAILS_PER_ACCOUNT = 3;
/** Reset requests one client may make per hour, whatever the addresses. */
export const RESET_REQUESTS_PER_CLIENT = 10;

/**
 * Limits the account requests that cost the marketplace (and others) something: new accounts
 * per client address, and password-reset mails per account and per client. Shared like the
 * login limiter: one per process, in Redis when there is one.
 */
export class AccountRequestLimiter {
  private readonly registrations: RateLimiterAbstract;
  private readonly resetsByAccount: RateLimiterAbstract;
  private readonly resetsByClient: RateLimiterAbstract;

  constructor(opts: { registrationsPerHour: number } & LimiterStore) {
    this.registrations = rateLimiter('register-client', opts.registrationsPerHour, HOUR, opts);
    this.resetsByAccount = rateLimiter('reset-account', RESET_MAILS_PER_ACCOUNT, HOUR, opts);
    this.resetsByClient = rateLimiter('reset-client', RESET_REQUESTS_PER_CLIENT, HOUR, opts);
  }

  /** Counts one registration of this client; throws TooManyRequestsError beyond the hourly limit. */
  async registration(ip: string): Promise<void> {
    await consumeOrRefuse(this.registrations, clientKey(ip), 'Too many new accounts from this address; try again later');
  }

  /** Counts one reset request; false when this client or this account has had enough for now. */
  async resetRequest(ip: string, email: string): Promise<boolean> {
    try {
      await this.resetsByClient.consume(clientKey(ip));
      await this.resetsByAccount.consume(email);
      return true;
    } catch (err) {
      if (err instanceof RateLimiterRes) return false;
      throw err;
    }
  }
}
