import type { FastifyReply } from 'fastify';

/**
 * Sends the answer that carries a new session's cookie, and ends the session unless that answer
 * went out with `status`. Fastify answers 500 by itself when a reply cannot be written (a header
 * it refuses, say), dropping the cookie with it; without this the session would live on with
 * nobody holding its token. `send` sets the cookie and sends; it may also throw.
 */
export async function handOverSession(reply: FastifyReply, status: number, send: () => FastifyReply, end: () => Promise<void>): Promise<void> {
  let delivered = false;
  try {
    // Awaiting a reply waits until it has been written (or has failed).
    await send();
    delivered = reply.statusCode === status;
  } finally {
    if (!delivered) await end();
  }
}
