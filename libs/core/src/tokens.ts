/** Nest token of the shared ioredis client; provided only when REDIS_URL is set. */
export const REDIS_CLIENT = 'ocop:redis-client';
