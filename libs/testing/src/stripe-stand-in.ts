import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeStandInRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  form: URLSearchParams;
}

/**
 * An offline HTTP stand-in for the parts of Stripe's API the gateway calls: Checkout Sessions
 * (create, retrieve, expire) and refunds. It remembers each request and answers a repeated
 * idempotency key with the first answer, as Stripe does.
 */
export async function startStripeStandIn() {
  const requests: StripeStandInRequest[] = [];
  const byKey = new Map<string, unknown>();
  const sessions = new Map<string, Record<string, unknown>>();
  let n = 0;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer((req, res) => void respond(req, res));
  async function respond(req: IncomingMessage, res: ServerResponse) {
    const body = await read(req);
    const form = new URLSearchParams(body);
    const path = (req.url ?? '').split('?')[0];
    const key = req.headers['idempotency-key'] as string | undefined;
    requests.push({ method: req.method ?? '', path, idempotencyKey: key, form });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++n}` });
      res.end(JSON.stringify(json));
    };
    if (key && byKey.has(`${path}:${key}`)) return send(200, byKey.get(`${path}:${key}`));
    let answer: unknown;
    let m: RegExpMatchArray | null;
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${++n}`;
      const s = {
        id,
        object: 'checkout.session',
        status: 'open',
        payment_status: 'unpaid',
        url: `https://checkout.stripe.com/c/pay/${id}`,
        amount_total: Number(form.get('line_items[0][price_data][unit_amount]')),
        currency: 'vnd',
        metadata: { paymentId: form.get('metadata[paymentId]'), orderId: form.get('metadata[orderId]') },
      };
      sessions.set(id, s);
      answer = s;
    } else if (req.method === 'GET' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      answer = sessions.get(m[1]) ?? null;
      if (!answer) return send(404, { error: { type: 'invalid_request_error', message: 'No such checkout.session' } });
    } else if (req.method === 'POST' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const s = sessions.get(m[1]);
      if (!s || s.status !== 'open') return send(400, { error: { type: 'invalid_request_error', message: 'Only open sessions can be expired' } });
      s.status = 'expired';
      answer = s;
    } else if (req.method === 'POST' && path === '/v1/refunds') {
      answer = { id: `re_test_${++n}`, object: 'refund', status: 'succeeded', amount: Number(form.get('amount')), payment_intent: form.get('payment_intent'), currency: 'vnd' };
    } else {
      return send(404, { error: { type: 'invalid_request_error', message: `stand-in does not answer ${req.method} ${path}` } });
    }
    if (key) byKey.set(`${path}:${key}`, answer);
    send(200, answer);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, sessions, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;
